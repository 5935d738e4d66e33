"""Themes on the store: filtering, the board, counts, merge and removal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.annotations.highlights import add_highlight, delete_highlight, set_themes
from reader.core.models import ArticleDraft
from reader.core.store import Store
from reader.core.themes import (
    Taxonomy,
    Theme,
    board_articles,
    board_highlights,
    count_usage,
    filter_articles,
    merge_themes,
    remove_theme_from_highlights,
    theme_counts,
)
from reader.core.themes import ops as theme_ops
from reader.core.themes.sets_cache import cache_path, drop_sets

TAXONOMY = Taxonomy(
    (
        Theme("industry", "Defence industry"),
        Theme("missiles", "Missile co-production", parent="industry"),
        Theme("reactions", "Regional reactions"),
        Theme("china", "China", parent="reactions"),
        Theme("russia", "Russia", parent="reactions"),
        Theme("taiwan", "Taiwan"),
    )
)


def _article(store: Store, title: str, date: str | None) -> int:
    text = f"{title}. The first sentence here. Another sentence there. A third one."
    return store.add_article(
        ArticleDraft(title=title, text=text, date=date), hashlib.sha256(text.encode()).hexdigest()
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "library.sqlite3")
    return store


@pytest.fixture
def corpus(store: Store) -> dict[str, int]:
    """a: missiles (highlight) · b: china (highlight) + taiwan (article) · c: russia and
    missiles · d: nothing, undated · e: industry on the article."""
    ids = {
        name: _article(store, name.upper(), date)
        for name, date in [
            ("a", "2025-01-10"),
            ("b", "2025-03-01"),
            ("c", "2025-07-17"),
            ("d", None),
            ("e", "2024-12-31"),
        ]
    }
    add_highlight(store, ids["a"], 0, 1, ["missiles"])
    add_highlight(store, ids["a"], 3, 8, ["missiles", "taiwan"])
    add_highlight(store, ids["b"], 0, 1, ["china"])
    store.set_article_themes(ids["b"], ["taiwan"])
    add_highlight(store, ids["c"], 0, 1, ["russia"])
    add_highlight(store, ids["c"], 4, 9, ["missiles"])
    store.set_article_themes(ids["e"], ["industry"])
    return ids


def _names(ids: dict[str, int], found: set[int]) -> str:
    return "".join(sorted(n for n, i in ids.items() if i in found))


def test_filter_any_all_none_with_hierarchy(store: Store, corpus: dict[str, int]) -> None:
    f = lambda **kw: _names(corpus, filter_articles(store, TAXONOMY, **kw))  # noqa: E731
    assert f() == "abcde"
    assert f(any_of=["missiles"]) == "ac"
    assert f(any_of=["industry"]) == "ace"  # a parent includes its children
    assert f(any_of=["Regional reactions"]) == "bc"  # names work too
    assert f(any_of=["china", "missiles"]) == "abc"
    assert f(all_of=["reactions", "industry"]) == "c"
    assert f(all_of=["taiwan", "missiles"]) == "a"
    assert f(none_of=["reactions"]) == "ade"
    assert f(any_of=["industry"], none_of=["russia"]) == "ae"
    assert f(any_of=["nonesuch"]) == ""
    assert f(any_of=["taiwan"], all_of=["china"]) == "b"


def test_filter_by_dates(store: Store, corpus: dict[str, int]) -> None:
    f = lambda **kw: _names(corpus, filter_articles(store, TAXONOMY, **kw))  # noqa: E731
    assert f(date_from="2025-01-10", date_to="2025-03-01") == "ab"  # inclusive
    assert f(date_from="2025") == "abc"
    assert f(date_to="2025-01") == "ae"  # a partial bound runs to the end of the month
    assert f(date_to="2024") == "e"
    assert f(any_of=["missiles"], date_from="2025-02-01") == "c"


def test_the_board_lists_highlights_of_the_themes_newest_article_first(
    store: Store, corpus: dict[str, int]
) -> None:
    items = board_highlights(store, TAXONOMY, ["industry"])
    assert [(i.article_title, i.highlight.start) for i in items] == [("C", 4), ("A", 0), ("A", 3)]
    assert items[0].article_date == "2025-07-17" and items[0].article_id == corpus["c"]
    assert items[2].highlight.themes == ("missiles", "taiwan")
    assert items[2].highlight.quote == "The f"
    within = board_highlights(store, TAXONOMY, ["missiles", "china"], {corpus["b"], corpus["c"]})
    assert [(i.article_title, i.highlight.themes) for i in within] == [
        ("C", ("missiles",)),
        ("B", ("china",)),
    ]
    assert board_highlights(store, TAXONOMY, []) == []


def test_counts_include_descendants_and_follow_the_search(
    store: Store, corpus: dict[str, int]
) -> None:
    counts = theme_counts(store, TAXONOMY)
    assert counts["missiles"] == (3, 2)
    assert counts["industry"] == (3, 3)  # e carries industry on the article itself
    assert counts["reactions"] == (2, 2)
    assert counts["taiwan"] == (1, 2)
    restricted = theme_counts(store, TAXONOMY, {corpus["a"]})
    assert restricted["missiles"] == (2, 1) and restricted["reactions"] == (0, 0)
    assert count_usage(store, "industry") == (0, 1)
    assert count_usage(store, "missiles") == (3, 2)


def test_stray_theme_ids_are_counted_too(store: Store, corpus: dict[str, int]) -> None:
    add_highlight(store, corpus["d"], 0, 1, ["not-in-yaml"])
    assert theme_counts(store, TAXONOMY)["not-in-yaml"] == (1, 1)
    assert filter_articles(store, TAXONOMY, any_of=["not-in-yaml"]) == {corpus["d"]}


def test_merge_moves_highlights_without_duplicates(store: Store, corpus: dict[str, int]) -> None:
    assert merge_themes(store, "taiwan", "missiles") == 1
    assert count_usage(store, "taiwan") == (0, 0)
    assert count_usage(store, "missiles") == (3, 3)  # b's article-level tag moved too
    themes = {
        i.highlight.start: i.highlight.themes
        for i in board_highlights(store, TAXONOMY, ["missiles"])
        if i.article_title == "A"
    }
    assert themes == {0: ("missiles",), 3: ("missiles",)}
    assert merge_themes(store, "missiles", "missiles") == 0


def test_remove_takes_a_theme_off_everything(store: Store, corpus: dict[str, int]) -> None:
    assert remove_theme_from_highlights(store, "missiles") == 3
    assert count_usage(store, "missiles") == (0, 0)
    assert filter_articles(store, TAXONOMY, any_of=["industry"]) == {corpus["e"]}
    assert remove_theme_from_highlights(store, "taiwan") == 1
    assert filter_articles(store, TAXONOMY, any_of=["taiwan"]) == set()


def test_filters_follow_edits_made_through_another_connection(
    store: Store, corpus: dict[str, int], tmp_path: Path
) -> None:
    assert filter_articles(store, TAXONOMY, any_of=["china"]) == {corpus["b"]}
    with Store(tmp_path / "library.sqlite3") as worker:
        add_highlight(worker, corpus["d"], 0, 1, ["china"])
        worker.delete_article(corpus["b"])
    assert filter_articles(store, TAXONOMY, any_of=["china"]) == {corpus["d"]}
    assert corpus["b"] not in filter_articles(store, TAXONOMY)


# -- the cached sets always equal a fresh read -------------------------------------------

THEMES = ["industry", "missiles", "china", "russia", "taiwan"]
_edit = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 4), st.lists(st.sampled_from(THEMES), max_size=3)),
    st.tuples(
        st.just("retheme"), st.integers(0, 30), st.lists(st.sampled_from(THEMES), max_size=3)
    ),
    st.tuples(st.just("delete"), st.integers(0, 30), st.just([])),
    st.tuples(st.just("article"), st.integers(0, 4), st.lists(st.sampled_from(THEMES), max_size=2)),
    st.tuples(
        st.just("merge"),
        st.integers(0, 4),
        st.lists(st.sampled_from(THEMES), min_size=1, max_size=1),
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(_edit, max_size=12))
def test_incremental_sets_match_a_fresh_read(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[str, int, list[str]]]
) -> None:
    path = tmp_path_factory.mktemp("lib") / "library.sqlite3"
    with Store(path) as store:
        ids = [_article(store, f"T{i}", f"2025-01-0{i + 1}") for i in range(5)]
        for kind, n, themes in edits:
            highlights = [r[0] for r in store.query("SELECT id FROM highlights ORDER BY id")]
            if kind == "add":
                add_highlight(store, ids[n], n, n + 3, themes)
            elif kind == "retheme" and highlights:
                set_themes(store, highlights[n % len(highlights)], themes)
            elif kind == "delete" and highlights:
                delete_highlight(store, highlights[n % len(highlights)])
            elif kind == "article":
                store.set_article_themes(ids[n], themes)
            elif kind == "merge":
                merge_themes(store, THEMES[n], themes[0])
            filter_articles(store, TAXONOMY)  # the cache catches up after every edit
        cached = {
            t: (
                filter_articles(store, TAXONOMY, any_of=[t]),
                {i.highlight.id for i in board_highlights(store, TAXONOMY, [t])},
            )
            for t in THEMES
        }
        kept = _saved_fields(store)
        with Store(path) as later:  # another process: the saved sets, caught up
            caught_up = _saved_fields(later)
        drop_sets(path)
        with Store(path) as fresh:
            expected = {
                t: (
                    filter_articles(fresh, TAXONOMY, any_of=[t]),
                    {i.highlight.id for i in board_highlights(fresh, TAXONOMY, [t])},
                )
                for t in THEMES
            }
            read_anew = _saved_fields(fresh)
        assert cached == expected
        assert kept == caught_up == read_anew


def _saved_fields(store: Store) -> tuple[object, ...]:
    """Every field of the store's theme sets that is saved between processes."""
    sets = theme_ops._sets(store)
    return tuple(getattr(sets, name) for name in theme_ops._SAVED if name != "seq")


def test_saved_sets_are_ignored_when_damaged_or_newer_than_the_store(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Store(path) as store:
        ids = [_article(store, f"T{i}", "2025-01-01") for i in range(3)]
        for aid in ids:
            store.set_article_themes(aid, ["china"])
        assert filter_articles(store, TAXONOMY, any_of=["china"]) == set(ids)
    saved = cache_path(path)
    good = saved.read_bytes()  # the first read of a store is kept for the next process
    saved.write_bytes(good[:-3] + b"xyz")  # damaged: refused by its CRC, read again
    with Store(path) as store:
        assert filter_articles(store, TAXONOMY, any_of=["china"]) == set(ids)
    assert saved.read_bytes() == good  # and saved again

    replaced = tmp_path / "older.sqlite3"  # an older store in its place (a restore)
    with Store(replaced) as store:
        _article(store, "T0", "2025-01-01")
    cache_path(replaced).write_bytes(good)  # sets of a later change number
    with Store(replaced) as store:
        assert filter_articles(store, TAXONOMY, any_of=["china"]) == set()


def test_every_count_agrees_with_the_filter_and_the_board(
    store: Store, corpus: dict[str, int]
) -> None:
    """One count everywhere: for every theme (sub-themes rolled up), the articles the
    counts give are those the filter keeps and the board shows (highlight entries plus
    article-level entries), also within a search's articles."""
    add_highlight(store, corpus["d"], 0, 1, ["china", "reactions"])  # parent and child
    for within in (None, {corpus["a"], corpus["b"], corpus["d"]}):
        counts = theme_counts(store, TAXONOMY, within)
        for theme in TAXONOMY.themes:
            kept = filter_articles(store, TAXONOMY, any_of=[theme.id])
            if within is not None:
                kept &= within
            marks = board_highlights(store, TAXONOMY, [theme.id], within)
            tagged = board_articles(store, TAXONOMY, [theme.id], within)
            on_board = {i.article_id for i in marks} | {a.article_id for a in tagged}
            assert counts[theme.id] == (len(marks), len(kept)), theme.id
            assert on_board == kept, theme.id


def test_the_board_has_article_level_entries(store: Store, corpus: dict[str, int]) -> None:
    entries = board_articles(store, TAXONOMY, ["industry"])
    assert [(e.article_title, e.themes) for e in entries] == [("E", ("industry",))]
    assert [e.article_title for e in board_articles(store, TAXONOMY, ["taiwan"])] == ["B"]
    assert board_articles(store, TAXONOMY, ["taiwan"], {corpus["a"]}) == []


def test_a_new_process_counts_from_the_saved_sets_as_from_the_store(
    store: Store, corpus: dict[str, int]
) -> None:
    """A process's first counts (a command-line search) decode only the counted fields
    of the saved sets and keep them out of the cache; the counts are the same as from
    the whole sets, and the next use of the store still loads all of them."""
    add_highlight(store, corpus["d"], 0, 1, ["china", "reactions"])
    within = {corpus["a"], corpus["b"], corpus["d"]}
    expected = [theme_counts(store, TAXONOMY, w) for w in (None, within)]
    industry = filter_articles(store, TAXONOMY, any_of=["industry"])
    with Store(store.path) as fresh:  # the saved sets are current: the lean read
        assert [theme_counts(fresh, TAXONOMY, w) for w in (None, within)] == expected
        assert fresh not in theme_ops._CACHE
        assert filter_articles(fresh, TAXONOMY, any_of=["industry"]) == industry
        assert fresh in theme_ops._CACHE
    store.set_article_themes(corpus["d"], ["taiwan"])  # saved sets now behind the store
    expected = [theme_counts(store, TAXONOMY, w) for w in (None, within)]
    with Store(store.path) as fresh:
        assert [theme_counts(fresh, TAXONOMY, w) for w in (None, within)] == expected
