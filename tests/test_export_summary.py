"""What an export of a scope holds, as the export dialog states it."""

from __future__ import annotations

from reader.core.annotations.highlights import add_highlight
from reader.core.export.summary import scope_summary
from reader.core.library import Library


def test_counts_articles_annotated_ones_and_highlights(sample_library: Library) -> None:
    store = sample_library.store
    ids = store.article_ids()
    add_highlight(store, ids[0], 0, 10)
    add_highlight(store, ids[0], 20, 30)
    add_highlight(store, ids[3], 0, 10)
    everything = scope_summary(store)
    assert (everything.articles, everything.highlights) == (len(ids), 3)
    assert set(everything.annotated) == {ids[0], ids[3]}
    chosen = scope_summary(store, [ids[3], ids[4], ids[4]])
    assert (chosen.articles, chosen.annotated, chosen.highlights) == (2, (ids[3],), 1)
    assert scope_summary(store, []).articles == 0


def test_annotated_articles_come_in_export_order(sample_library: Library) -> None:
    store = sample_library.store
    for aid in store.article_ids():
        add_highlight(store, aid, 0, 5)
    order = scope_summary(store).annotated
    dates = [store.article(a).date for a in order]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated last
