"""The synthesis core: highlights by theme, themes over time, co-occurrence."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.annotations.highlights import add_highlight, delete_highlight, set_themes
from reader.core.models import ArticleDraft
from reader.core.store import Store
from reader.core.synthesis import article_card, highlight_cards, synthesize
from reader.core.themes import Taxonomy, Theme

TAXONOMY = Taxonomy(
    (
        Theme("industry", "Defence industry"),
        Theme("missiles", "Missile co-production", parent="industry"),
        Theme("reactions", "Regional reactions"),
        Theme("china", "China", parent="reactions"),
        Theme("taiwan", "Taiwan"),
    )
)


def _article(store: Store, title: str, date: str | None, source: str | None = None) -> int:
    text = f"{title}. The first sentence here. Another sentence there. A third one."
    return store.add_article(
        ArticleDraft(title=title, text=text, date=date, source=source),
        hashlib.sha256(text.encode()).hexdigest(),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "library.sqlite3")
    yield s
    s.close()


@pytest.fixture
def corpus(store: Store) -> dict[str, int]:
    """Three dated articles and one undated; highlights with and without themes."""
    ids = {
        "old": _article(store, "Old", "2025-01-10", "Reuters"),
        "mid": _article(store, "Mid", "2025-02-03"),
        "new": _article(store, "New", "2025-03-20"),
        "undated": _article(store, "Undated", None),
    }
    h = {
        "old-missiles": add_highlight(store, ids["old"], 0, 3, ["missiles"], "a note").id,
        "old-both": add_highlight(store, ids["old"], 5, 10, ["missiles", "china"]).id,
        "mid-china": add_highlight(store, ids["mid"], 0, 3, ["china"]).id,
        "mid-plain": add_highlight(store, ids["mid"], 5, 10).id,
        "new-taiwan": add_highlight(store, ids["new"], 5, 10, ["taiwan"]).id,
        "new-first": add_highlight(store, ids["new"], 0, 3, ["taiwan", "china"]).id,
        "undated-industry": add_highlight(store, ids["undated"], 0, 3, ["industry"]).id,
    }
    store.set_article_themes(ids["mid"], ["taiwan"])
    return {**ids, **h}


def _group(result, theme):  # type: ignore[no-untyped-def]
    return next(g for g in result.groups if g.theme_id == theme)


def test_all_themes_are_columns_in_taxonomy_order_with_unthemed_last(store, corpus) -> None:
    result = synthesize(store, TAXONOMY)
    assert [g.theme_id for g in result.groups] == [
        "industry",
        "missiles",
        "china",
        "taiwan",
        None,
    ]  # "reactions" is used by nothing in scope
    assert _group(result, None).highlight_ids == (corpus["mid-plain"],)
    assert result.article_count == 4 and result.highlight_count == 7


def test_highlights_newest_article_first_then_reading_order(store, corpus) -> None:
    china = _group(synthesize(store, TAXONOMY), "china").highlight_ids
    assert china == (corpus["new-first"], corpus["mid-china"], corpus["old-both"])
    taiwan = _group(synthesize(store, TAXONOMY), "taiwan")
    assert taiwan.highlight_ids == (corpus["new-first"], corpus["new-taiwan"])
    assert taiwan.article_ids == (corpus["mid"],)  # the article itself carries Taiwan


def test_checked_themes_gather_their_descendants(store, corpus) -> None:
    result = synthesize(store, TAXONOMY, checked={"industry", "reactions"})
    assert [g.theme_id for g in result.groups] == ["industry", "reactions", None]
    assert set(_group(result, "industry").highlight_ids) == {
        corpus["old-missiles"],
        corpus["old-both"],
        corpus["undated-industry"],
    }
    assert set(_group(result, "reactions").highlight_ids) == {
        corpus["old-both"],
        corpus["mid-china"],
        corpus["new-first"],
    }


def test_scope_limits_everything(store, corpus) -> None:
    result = synthesize(store, TAXONOMY, article_ids={corpus["mid"]})
    assert [g.theme_id for g in result.groups] == ["china", "taiwan", None]
    assert result.article_count == 1 and result.highlight_count == 2
    assert synthesize(store, TAXONOMY, article_ids=set()).groups == (
        synthesize(store, TAXONOMY, article_ids=[]).groups
    )


def test_themes_over_time_by_week_for_a_short_span(store, corpus) -> None:
    series = synthesize(store, TAXONOMY).over_time
    assert series.period == "week"
    assert series.periods[0] == "2025-W02" and series.periods[-1] == "2025-W12"
    assert len(series.periods) == 11  # no gaps
    assert sum(series.counts["china"]) == 3
    assert series.counts["industry"] == (0,) * 11  # its one highlight is undated
    assert series.counts["missiles"][0] == 2


def test_themes_over_time_by_month(store, corpus) -> None:
    series = synthesize(store, TAXONOMY, period="month").over_time
    assert series.periods == ("2025-01", "2025-02", "2025-03")
    assert series.counts["china"] == (1, 1, 1)
    assert series.counts["taiwan"] == (0, 0, 2)


def test_long_spans_are_monthly_and_partial_dates_count(store) -> None:
    a = _article(store, "A", "2020-05")
    b = _article(store, "B", "2024-12-31")
    add_highlight(store, a, 0, 3, ["taiwan"])
    add_highlight(store, b, 0, 3, ["taiwan"])
    series = synthesize(store, TAXONOMY).over_time
    assert series.period == "month"
    assert series.periods[0] == "2020-05" and series.periods[-1] == "2024-12"
    assert sum(series.counts["taiwan"]) == 2


def test_no_dates_gives_an_empty_series(store) -> None:
    add_highlight(store, _article(store, "A", None), 0, 3, ["taiwan"])
    series = synthesize(store, TAXONOMY).over_time
    assert series.periods == () and series.counts == {"taiwan": ()}


def test_co_occurrence_of_articles_and_highlights(store, corpus) -> None:
    matrix = synthesize(store, TAXONOMY).co_occurrence
    i = {t: n for n, t in enumerate(matrix.themes)}
    # old: missiles+china (one highlight has both); mid: china + Taiwan (article-level);
    # new: taiwan+china on one highlight.
    assert matrix.articles[i["china"]][i["taiwan"]] == 2
    assert matrix.articles[i["taiwan"]][i["china"]] == 2
    assert matrix.highlights[i["china"]][i["taiwan"]] == 1
    assert matrix.highlights[i["missiles"]][i["china"]] == 1
    assert matrix.articles[i["china"]][i["china"]] == 3  # the diagonal: its own count
    assert matrix.highlights[i["industry"]][i["taiwan"]] == 0


def test_edits_are_seen_without_rereading_everything(store, corpus) -> None:
    synthesize(store, TAXONOMY)
    set_themes(store, corpus["mid-plain"], ["industry"])
    delete_highlight(store, corpus["new-taiwan"])
    result = synthesize(store, TAXONOMY)
    assert _group(result, None).highlight_ids == ()
    assert corpus["mid-plain"] in _group(result, "industry").highlight_ids
    assert _group(result, "taiwan").highlight_ids == (corpus["new-first"],)


def test_cards_carry_quote_note_and_where_from(store, corpus) -> None:
    cards = highlight_cards(store, [corpus["old-missiles"], 99999])
    card = cards[corpus["old-missiles"]]
    assert list(cards) == [corpus["old-missiles"]]
    assert (card.quote, card.note, card.title, card.date, card.source) == (
        "Old",
        "a note",
        "Old",
        "2025-01-10",
        "Reuters",
    )
    assert card.themes == ("missiles",)
    set_themes(store, corpus["old-missiles"], ["taiwan"])
    assert highlight_cards(store, [corpus["old-missiles"]])[corpus["old-missiles"]].themes == (
        "taiwan",
    )
    entry = article_card(store, corpus["mid"])
    assert entry is not None and entry.highlight_id is None and entry.themes == ("taiwan",)
    assert article_card(store, 424242) is None


@pytest.mark.parametrize(
    ("themes", "source", "target", "keep", "expected"),
    [
        (("a", "b"), {"a"}, "c", False, ("c", "b")),  # takes the moved theme's slot
        (("a", "b"), {"a"}, "b", False, ("b",)),  # already there: the source just goes
        (("a", "b"), {"a"}, "c", True, ("a", "b", "c")),  # Ctrl: a copy
        ((), set(), "c", False, ("c",)),  # from the unthemed group
        (("a", "b"), {"a"}, None, False, ()),  # onto the unthemed group
        (("x", "y"), {"x", "y"}, "c", False, ("c",)),  # a parent column gathers both
    ],
)
def test_retagged(themes, source, target, keep, expected) -> None:  # type: ignore[no-untyped-def]
    from reader.core.synthesis import retagged

    assert retagged(themes, source, target, keep) == expected


def test_a_cache_read_elsewhere_is_adopted_and_caught_up(
    store: Store, corpus: dict[str, int], tmp_path: Path
) -> None:
    from reader.core.synthesis import adopt, read_cache
    from reader.core.synthesis import cache as synthesis_cache

    with Store(tmp_path / "library.sqlite3") as other:
        warmed = read_cache(other)
    set_themes(store, corpus["mid-plain"], ["taiwan"])  # written after the read
    fresh = Store(tmp_path / "library.sqlite3")
    try:
        adopt(fresh, warmed)
        assert synthesis_cache.cache_for(fresh) is warmed  # adopted, then caught up
        result = synthesize(fresh, TAXONOMY)
        assert corpus["mid-plain"] in _group(result, "taiwan").highlight_ids
        assert _group(result, None).highlight_ids == ()
    finally:
        fresh.close()


def test_re_tagging_patches_the_indexes_as_a_full_read_would(
    store: Store, corpus: dict[str, int], tmp_path: Path
) -> None:
    synthesize(store, TAXONOMY)  # indexes built
    set_themes(store, corpus["mid-plain"], ["china"])  # unthemed → themed
    set_themes(store, corpus["old-both"], ["taiwan"])  # two themes → another
    set_themes(store, corpus["new-first"], [])  # themed → unthemed
    patched = synthesize(store, TAXONOMY)
    with Store(tmp_path / "library.sqlite3") as fresh:
        assert synthesize(fresh, TAXONOMY) == patched
    assert _group(patched, None).highlight_ids == (corpus["new-first"],)
    assert _group(patched, "china").highlight_ids == (corpus["mid-china"], corpus["mid-plain"])
