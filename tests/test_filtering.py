"""One filter value, one answer: at 260 matching articles the total, the ids, the theme
counts and an export of "what the filter shows" agree (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.articles import tag_articles
from reader.core.export import select
from reader.core.filtering import LibraryFilter, answer
from reader.core.library import Library
from reader.core.search import SearchService
from reader.core.themes.editing import create_theme
from reader.core.themes.ops import theme_counts

PARAGRAPH = (
    "The alliance discussed deterrence and missile production in a long meeting that "
    "went on into the evening, with officials from both sides taking careful notes.\n\n"
)


def _library(tmp_path: Path, matching: int = 260, other: int = 40) -> Library:
    folder = tmp_path / "files"
    folder.mkdir()
    for n in range(matching + other):
        word = "zephyrine" if n < matching else "ordinary"
        day = 1 + n % 28
        (folder / f"a{n:03}.txt").write_text(
            f"Report number {n} on {word} matters\n\n2025-{1 + n % 12:02}-{day:02}\n\n"
            + PARAGRAPH * 3
            + f"A closing line about {word} things in report {n}.\n",
            encoding="utf-8",
        )
    library = Library.open(tmp_path / "lib")
    create_theme(library, "Regional reactions")
    create_theme(library, "China", parent="Regional reactions")
    create_theme(library, "Taiwan")
    report = library.import_paths([folder])
    assert sum(o.status == "imported" for o in report.outcomes) == matching + other
    return library


def test_260_matches_agree_everywhere(tmp_path: Path) -> None:
    library = _library(tmp_path)
    matching = [a.id for a in library.store.summaries() if "zephyrine" in a.title]
    tag_articles(library, matching[::2], ["china"])  # half the matches

    got = answer(library, LibraryFilter(query="zephyrine"), limit=20)
    ids = got.article_ids or frozenset()
    assert got.total == 260 and len(ids) == 260
    assert len(got.hits) == 20  # the first page, ranked
    assert {h.id for h in got.hits} <= ids
    china = got.theme_counts["china"][1]
    assert china == 130  # over all 260 matches, not over the first page or 200 hits
    assert china == theme_counts(library.store, library.taxonomy, set(ids))["china"][1]
    assert got.theme_counts["regional-reactions"][1] == china  # rolled up to the parent

    shown = select(library, sorted(ids), include_unannotated=True)
    assert len(shown.articles) == 260  # an export of what the filter shows
    library.close()


def test_query_and_themes_and_dates_narrow_together(tmp_path: Path) -> None:
    library = _library(tmp_path, matching=60, other=20)
    first = library.store.article_ids()[:40]
    tag_articles(library, first, ["taiwan"])
    flt = LibraryFilter(
        query="zephyrine", any_of=("Taiwan",), date_from="2025-01", date_to="2025-06"
    )
    got = answer(library, flt, limit=5)
    expected = {
        a.id
        for a in library.store.summaries()
        if a.id in first
        and "zephyrine" in a.title
        and a.date
        and "2025-01" <= a.date[:7] <= "2025-06"
    }
    assert expected and got.article_ids == expected and got.total == len(expected)
    assert all(h.id in expected for h in got.hits)
    only_themes = answer(library, LibraryFilter(none_of=("taiwan",)))
    assert only_themes.total == 40 and only_themes.hits == ()
    everything = answer(library, LibraryFilter())
    assert everything.article_ids is None and everything.total == 80
    library.close()


def test_a_reader_never_reads_an_index_of_another_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window searches without syncing (its writer does that); an index an older
    release wrote lacks fields the searcher reads, so until the writer has rebuilt it a
    search says so instead of failing."""
    library = _library(tmp_path, matching=3, other=1)
    library.update_index()
    meta_path = library.index_path / "reader-index.json"
    data = json.loads(meta_path.read_text(encoding="utf-8"))
    data["version"] = 1
    meta_path.write_text(json.dumps(data), encoding="utf-8")

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the old index was read")

    monkeypatch.setattr(SearchService, "search", must_not_run)
    result = library.search("zephyrine", sync=False)
    assert result.total == 0 and result.notices == ("the search index is being built",)
    library.close()
