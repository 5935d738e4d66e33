"""Search over the sample library through the Library façade: the acceptance queries,
fields, dates, themes, sorting, incremental updates and automatic rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search import INDEX_VERSION, SearchResult
from reader.core.search.index import META_NAME
from tests.search_helpers import AMRAAM_ARTICLE, HQ_ARTICLES, add_highlight, article_id


def ids(result: SearchResult) -> set[int]:
    return {h.id for h in result.hits}


def files(library: Library, result: SearchResult) -> set[str]:
    paths = {s.id: Path(s.path or "").name for s in library.store.summaries()}
    return {paths[h.id] for h in result.hits}


def test_amraam_finds_the_missile_article_with_a_marked_snippet(sample_library: Library) -> None:
    result = sample_library.search("AMRAAM")
    assert files(sample_library, result) == {AMRAAM_ARTICLE}
    assert result.total == 1
    assert any("<mark>AMRAAM</mark>" in s for s in result.hits[0].snippets)


def test_phrase_finds_the_command_upgrade_articles(sample_library: Library) -> None:
    result = sample_library.search('"Joint Force Headquarters"')
    assert files(sample_library, result) == HQ_ARTICLES
    # The words in another order are not the phrase.
    assert sample_library.search('"Headquarters Force Joint"').total == 0


def test_fuzzy_and_prefix_find_matches(sample_library: Library) -> None:
    fuzzy = sample_library.search("missle~")
    assert fuzzy.total >= 1
    assert AMRAAM_ARTICLE in files(sample_library, fuzzy)
    assert any("<mark>missile</mark>" in s.lower() for h in fuzzy.hits for s in h.snippets)
    assert sample_library.search("missle").total == 0
    prefix = sample_library.search("deterr*")
    assert prefix.total >= 3
    assert any("<mark>deterrence</mark>" in s.lower() for h in prefix.hits for s in h.snippets)


def test_a_misspelling_gets_a_suggestion_that_finds_something(sample_library: Library) -> None:
    result = sample_library.search("headquaters")
    assert result.total == 0
    assert result.suggestion == "headquarters"
    assert sample_library.search(result.suggestion).total >= 2
    # Known words keep their place in a multi-word suggestion.
    assert sample_library.search("Japan headquaters").suggestion == "Japan headquarters"
    # A query that finds something gets no suggestion.
    assert sample_library.search("headquarters").suggestion is None


def test_words_are_anded_or_or_and_not_exclude(sample_library: Library) -> None:
    japan = ids(sample_library.search("Japan", limit=50))
    amraam = ids(sample_library.search("AMRAAM"))
    assert ids(sample_library.search("Japan AMRAAM")) == amraam
    assert ids(sample_library.search("Japan -AMRAAM", limit=50)) == japan - amraam
    assert ids(sample_library.search("Japan NOT AMRAAM", limit=50)) == japan - amraam
    assert ids(sample_library.search("AMRAAM OR INDOPACOM")) > amraam
    assert (
        ids(sample_library.search("(AMRAAM OR INDOPACOM) -AMRAAM"))
        == ids(sample_library.search("INDOPACOM")) - amraam
    )


def test_accents_and_stems_are_folded(sample_library: Library) -> None:
    assert ids(sample_library.search("déterrence")) == ids(sample_library.search("deterrence"))
    assert ids(sample_library.search("missiles")) == ids(sample_library.search("missile"))


def test_date_queries(sample_library: Library) -> None:
    # Dated seeds: 000 on 2025-07-17, 002 on 2025-12-10; the others have no date.
    july = sample_library.search("date:2025-07")
    assert [h.date for h in july.hits] == ["2025-07-17"]
    assert sample_library.search("date:2025").total == 2
    assert sample_library.search("date:2025-07-17").total == 1
    assert sample_library.search("date:[2025-01-01 to 2025-06-30]").total == 0
    assert sample_library.search("date:[2025-07-01 to 2025-07-31]").total == 1
    assert sample_library.search("date:[2025-07 to 2025-12]").total == 2
    assert sample_library.search("date:[2025-08 to]").total == 1
    bad = sample_library.search("date:yesterday")
    assert bad.total == 0 and any("date:2025-07" in n for n in bad.notices)


def test_field_queries(sample_library: Library) -> None:
    in_title = sample_library.search("title:era")
    assert [h.date for h in in_title.hits] == ["2025-12-10"]  # "New Security Era: …"
    assert sample_library.search("title:AMRAAM").total == 0
    assert sample_library.search("source:defense").total == 1  # "US Department of Defense"
    assert sample_library.search('title:"Self-Defense Forces"').total == 1
    unknown = sample_library.search("colour:AMRAAM")
    assert unknown.notices and "colour:" in unknown.notices[0]


def test_sorting_by_date_and_title(sample_library: Library) -> None:
    by_date = sample_library.search("Japan", sort="date", limit=50)
    dates = [h.date for h in by_date.hits]
    assert dates[:2] == ["2025-12-10", "2025-07-17"] and dates[2:] == [None] * (len(dates) - 2)
    by_title = sample_library.search("Japan", sort="title", limit=50)
    titles = [h.title.casefold() for h in by_title.hits]
    assert titles == sorted(titles)


def test_themes_quotes_and_notes_are_searchable_and_counted(sample_library: Library) -> None:
    store = sample_library.store
    amraam = article_id(sample_library, AMRAAM_ARTICLE)
    other = article_id(sample_library, "000_ed9bc626531b1dc6.txt")
    store.set_article_themes(amraam, ["missiles", "alliance"])
    store.set_article_themes(other, ["alliance"])
    add_highlight(
        store,
        other,
        "Self-Defense Forces",
        note="ask the ministry about budgets",
        themes=("Command Structure",),
    )

    result = sample_library.search("Japan", limit=50)
    assert result.themes == {"alliance": 2, "Command Structure": 1, "missiles": 1}
    assert set(next(h for h in result.hits if h.id == other).themes) == {
        "alliance",
        "Command Structure",
    }
    assert ids(sample_library.search("Japan", themes=["alliance"])) == {amraam, other}
    assert ids(sample_library.search("Japan", themes=["alliance", "missiles"])) == {amraam}
    assert ids(sample_library.search("theme:missiles")) == {amraam}
    assert ids(sample_library.search('theme:"command structure"')) == {other}
    assert sample_library.search("theme:nonesuch").notices

    note = sample_library.search("note:ministry")
    assert ids(note) == {other}
    assert any("<mark>ministry</mark>" in s for s in note.hits[0].snippets)
    assert sample_library.search("ministry budgets").total == 1  # notes are in the default
    assert ids(sample_library.search('quote:"self-defense forces"')) == {other}
    assert sample_library.search("quote:AMRAAM").total == 0


def test_snippets_escape_html_and_mark_only_matches(tmp_path: Path, empty_library: Library) -> None:
    page = tmp_path / "tags.txt"
    page.write_text(
        "Angle brackets\n\nThe <script> tag & the AMRAAM <b>bold</b> claim.\n", encoding="utf-8"
    )
    empty_library.import_paths([page])
    snippet = empty_library.search("AMRAAM").hits[0].snippets[0]
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet
    assert "<mark>AMRAAM</mark>" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_long_articles_are_highlighted_past_32k(tmp_path: Path, empty_library: Library) -> None:
    page = tmp_path / "long.txt"
    page.write_text(
        "A long report\n\n" + "filler words here. " * 3000 + "The zanzibar clause.\n",
        encoding="utf-8",
    )
    empty_library.import_paths([page])
    hit = empty_library.search("zanzibar").hits[0]
    assert any("<mark>zanzibar</mark>" in s for s in hit.snippets)


def test_reimport_of_a_changed_file_is_searchable_at_once(
    tmp_path: Path, empty_library: Library
) -> None:
    page = tmp_path / "note.txt"
    page.write_text("Field notes\n\nThe harbour was quiet.\n", encoding="utf-8")
    empty_library.import_paths([page])
    assert empty_library.search("harbour").total == 1
    page.write_text("Field notes\n\nThe airfield was busy.\n", encoding="utf-8")
    report = empty_library.import_paths([page])
    assert report.updated == 1
    assert empty_library.search("harbour").total == 0
    assert empty_library.search("airfield").total == 1
    meta = empty_library.index.meta()
    assert meta is not None and meta.seq == empty_library.store.change_seq()


def test_store_changes_made_elsewhere_are_picked_up(sample_library: Library) -> None:
    # Another connection (a GUI worker, another process) writes; this library's next
    # search still sees it, because the store records what changed.
    sample_library.search("AMRAAM")
    amraam = article_id(sample_library, AMRAAM_ARTICLE)
    with sample_library.open_store() as other, other.transaction() as db:
        db.execute("UPDATE articles SET note = 'zebra crossing' WHERE id = ?", (amraam,))
    assert ids(sample_library.search("note:zebra")) == {amraam}
    sample_library.index.update_article(sample_library.store, amraam)  # idempotent


def test_deleting_an_article_removes_it_from_the_index(sample_library: Library) -> None:
    amraam = article_id(sample_library, AMRAAM_ARTICLE)
    assert sample_library.search("AMRAAM").total == 1
    sample_library.delete_article(amraam)
    assert sample_library.search("AMRAAM").total == 0
    assert sample_library.index.open().doc_count() == 4


def _snapshot(library: Library) -> list[object]:
    queries = [
        "AMRAAM",
        '"Joint Force Headquarters"',
        "missle~",
        "deterr*",
        "Japan",
        "date:2025",
        "headquaters",
    ]
    return [library.search(q, limit=50).to_json() for q in queries]


def test_a_deleted_index_is_rebuilt_with_identical_results(sample_library: Library) -> None:
    before = _snapshot(sample_library)
    sample_library.close()
    shutil.rmtree(sample_library.index_path)
    reopened = Library.open(sample_library.root)
    try:
        assert _snapshot(reopened) == before
        assert reopened.index_path.is_dir()
    finally:
        reopened.close()


@pytest.mark.parametrize("damage", ["old version", "garbage meta", "garbage toc", "newer store"])
def test_a_stale_or_broken_index_is_rebuilt(sample_library: Library, damage: str) -> None:
    before = _snapshot(sample_library)
    meta_path = sample_library.index_path / META_NAME
    meta = json.loads(meta_path.read_text())
    if damage == "old version":
        meta["version"] = INDEX_VERSION - 1
        meta_path.write_text(json.dumps(meta))
    elif damage == "garbage meta":
        meta_path.write_text("{not json")
    elif damage == "garbage toc":
        for toc in sample_library.index_path.glob("_MAIN_*.toc"):
            toc.write_bytes(b"\0garbage")
    else:  # the store was restored from an older backup: its counter is behind the index
        meta["seq"] += 1000
        meta_path.write_text(json.dumps(meta))
    fresh = Library.open(sample_library.root)
    try:
        report = fresh.update_index()
        assert report.rebuilt, damage
        assert _snapshot(fresh) == before
    finally:
        fresh.close()


def test_reindex_reports_progress(sample_library: Library) -> None:
    calls: list[tuple[int, int, str]] = []
    count = sample_library.reindex(lambda done, total, stage: calls.append((done, total, stage)))
    assert count == 5
    assert calls[-1] == (5, 5, "done")
    assert sample_library.search("AMRAAM").total == 1


def test_the_bulk_path_gives_the_same_results(
    sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuild and a large incremental batch through whoosh's multi-process writer
    (normally from 2,000 articles on), forced here on the five samples."""
    from reader.core.search import index as index_module

    before = _snapshot(sample_library)
    monkeypatch.setattr(index_module, "BULK_AT", 1)
    sample_library.index.procs = 2
    assert sample_library.reindex() == 5
    assert _snapshot(sample_library) == before
    store = sample_library.store
    with store.transaction() as db:
        db.execute("UPDATE articles SET note = 'bulk marker ' || id")
    report = sample_library.update_index()
    assert not report.rebuilt and report.updated == 5
    assert sample_library.search("bulk marker", limit=50).total == 5
    assert sample_library.index.open().doc_count() == 5
