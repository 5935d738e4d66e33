"""Article edits in the core: metadata (validated, searchable at once), themes on whole
articles, removal and its exact undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.annotations.highlights import add_highlight, highlights_for
from reader.core.articles import (
    ArticleEditError,
    article_themes_of,
    edit_article,
    normalise_date,
    remove_articles,
    restore_article_themes,
    restore_articles,
    restore_metadata,
    tag_articles,
)
from reader.core.library import Library
from reader.core.models import ArticleDraft
from reader.core.themes.editing import create_theme
from reader.core.themes.ops import filter_articles

WORDS = {1: "alpha", 2: "bravo", 3: "charlie"}
TEXT = "Tokyo agreed to the upgrade. Manila welcomed it. Beijing objected loudly."


@pytest.fixture
def library(empty_library: Library) -> Library:
    for n in (1, 2, 3):
        empty_library.store.add_article(
            ArticleDraft(
                title=f"msn back to msn home news {n}",
                text=f"{TEXT} Story {WORDS[n]}.",
                author="Username",
                date="2025-01-0" + str(n),
                path=f"/tmp/story{n}.txt",
            ),
            f"hash{n}",
        )
    create_theme(empty_library, "Regional reactions")
    create_theme(empty_library, "China", parent="Regional reactions")
    return empty_library


def test_edit_changes_validates_and_returns_before_and_after(library: Library) -> None:
    store = library.store
    before, after = edit_article(
        store,
        1,
        title="  Alliance   upgrade announced ",
        date="March 3, 2025",
        author="",
        source="Asahi",
        url="https://example.com/a",
    )
    assert before.title == "msn back to msn home news 1" and before.author == "Username"
    assert after.title == "Alliance upgrade announced"
    assert (after.date, after.author, after.source, after.url) == (
        "2025-03-03",
        None,
        "Asahi",
        "https://example.com/a",
    )
    assert store.article(1) == after
    assert after.modified_at >= before.modified_at
    # None leaves a field alone; nothing to change writes nothing.
    same_before, same_after = edit_article(store, 1, title="Alliance upgrade announced")
    assert same_before == same_after == after


def test_an_edit_is_searchable_at_once(library: Library) -> None:
    library.update_index()
    edit_article(library.store, 2, title="Quadrilateral summit", author="Jane Roe")
    assert [h.id for h in library.search("quadrilateral").hits] == [2]
    assert [h.id for h in library.search("author:roe").hits] == [2]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "title cannot be empty"),
        ("date", "yesterday", "is not a date"),
        ("date", "2025-02-30", "is not a date"),
        ("date", "2025", "is not a date"),
        ("url", "ftp://example.com/x", "not a web address"),
        ("url", "example.com", "not a web address"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(
    library: Library, field: str, value: str, message: str
) -> None:
    before = library.store.article(1)
    with pytest.raises(ArticleEditError, match=message):
        edit_article(library.store, 1, **{field: value})
    assert library.store.article(1) == before


def test_unknown_article_is_refused(library: Library) -> None:
    with pytest.raises(ArticleEditError, match="no article with id 99"):
        edit_article(library.store, 99, title="x")


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2025-7-3", "2025-07-03"), ("3 July 2025", "2025-07-03"), ("2025/07/03", "2025-07-03")],
)
def test_dates_are_normalised(text: str, iso: str) -> None:
    assert normalise_date(text) == iso


def test_tag_and_untag_many_articles_counted_by_filters(library: Library) -> None:
    assert tag_articles(library, [1, 2], ["china", "Regional reactions"]) == 4
    assert tag_articles(library, [1, 2, 3], ["china"]) == 1  # only the new pair counts
    taxonomy = library.taxonomy
    assert filter_articles(library.store, taxonomy, any_of=["china"]) == {1, 2, 3}
    # A parent theme includes its sub-themes.
    assert filter_articles(library.store, taxonomy, any_of=["regional-reactions"]) == {1, 2, 3}
    assert tag_articles(library, [1, 3], ["china"], remove=True) == 2
    assert filter_articles(library.store, taxonomy, any_of=["china"]) == {2}
    library.update_index()
    assert {h.id for h in library.search("theme:china").hits} == {2}


def test_tag_refuses_unknown_themes_and_articles_and_changes_nothing(library: Library) -> None:
    with pytest.raises(ArticleEditError, match="no theme 'Narnia'"):
        tag_articles(library, [1], ["china", "Narnia"])
    with pytest.raises(ArticleEditError, match="no article with id 42"):
        tag_articles(library, [1, 42], ["china"])
    assert library.store.summaries(1)[0].themes == ()


def test_a_stray_tag_can_be_removed(library: Library) -> None:
    library.store.set_article_themes(1, ["d-fense-posture"])
    assert tag_articles(library, [1], ["d-fense-posture"], remove=True) == 1
    with pytest.raises(ArticleEditError):
        tag_articles(library, [1], ["d-fense-posture"])


def test_remove_then_restore_is_exact(library: Library) -> None:
    store = library.store
    first = add_highlight(store, 1, 0, 5, ["china", "regional-reactions"], note="a note")
    add_highlight(store, 1, 29, 35, [])
    tag_articles(library, [1], ["china"])
    with store.transaction() as db:
        db.execute("INSERT INTO suggestion_dismissals VALUES (1, 'china', 'Beijing objected', 'x')")
    before_article = store.article(1)
    before_highlights = highlights_for(store, 1)
    before_summary = store.summaries(1)
    library.update_index()

    removed = remove_articles(store, [1, 3])
    assert [r.article.id for r in removed] == [1, 3]
    assert store.article_ids() == [2]
    assert removed[0].highlights == tuple(before_highlights)
    assert removed[0].themes == ("china",)
    assert removed[0].dismissals == (("china", "Beijing objected", "x"),)
    assert library.search("alpha").total == 0  # gone from the index too

    restore_articles(store, removed)
    assert store.article_ids() == [1, 2, 3]
    assert store.article(1) == before_article
    assert highlights_for(store, 1) == before_highlights
    assert highlights_for(store, 1)[0].uid == first.uid
    assert store.summaries(1) == before_summary
    assert store.query("SELECT theme_id, quote FROM suggestion_dismissals")[0][:] == (
        "china",
        "Beijing objected",
    )
    library.update_index()
    assert [h.id for h in library.search("alpha").hits] == [1]


def test_remove_unknown_changes_nothing(library: Library) -> None:
    with pytest.raises(ArticleEditError, match="no article with id 7"):
        remove_articles(library.store, [1, 7])
    assert library.store.article_ids() == [1, 2, 3]


def test_restore_refuses_when_the_file_was_imported_again(library: Library) -> None:
    store = library.store
    removed = remove_articles(store, [2])
    store.add_article(
        ArticleDraft(title="again", text="new text", path="/tmp/story2.txt"), "hash-again"
    )
    with pytest.raises(ArticleEditError, match="took its place"):
        restore_articles(store, removed)
    assert len(store.article_ids()) == 3


def test_undo_helpers_put_back_exactly_what_was_there(library: Library) -> None:
    store = library.store
    before, _ = edit_article(store, 1, title="Better", date="2025-05-05", author="")
    assert restore_metadata(store, before) == before
    tag_articles(library, [2], ["china"])
    snapshot = article_themes_of(store, [1, 2])
    assert snapshot == {1: (), 2: ("china",)}
    tag_articles(library, [1, 2], ["china", "regional-reactions"])
    restore_article_themes(store, snapshot)
    assert article_themes_of(store, [1, 2]) == snapshot


def test_a_removed_file_imported_again_is_a_fresh_article(
    empty_library: Library, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Alliance upgrade\n\nTokyo agreed to the upgrade.", encoding="utf-8")
    (first,) = empty_library.import_paths([story]).outcomes
    assert first.status == "imported" and first.article_id is not None
    remove_articles(empty_library.store, [first.article_id])
    (again,) = empty_library.import_paths([story]).outcomes
    assert again.status == "imported"
    assert empty_library.search("Tokyo").total == 1
