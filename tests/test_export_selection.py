"""What an export holds and how it is grouped, independent of the format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.export import select
from reader.core.export.grouping import by_article, by_theme
from reader.core.library import Library
from tests.export_helpers import TRICKY_NOTE, Annotated, annotate


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    return annotate(sample_library)


def test_all_articles_in_date_order_with_orphans_last(annotated: Annotated) -> None:
    chosen = select(annotated.library, include_unannotated=True)
    assert len(chosen.articles) == 5 and chosen.highlight_count == 5
    dates = [item.article.date for item in chosen.articles]
    assert dates[:2] == ["2025-07-17", "2025-12-10"] and dates[2:] == [None] * 3
    second = chosen.articles[1].highlights
    assert [h.orphan for h in second] == [False, True]
    # The annotated articles come first: the highlights are not pushed behind empty ones.
    assert [item.annotated for item in chosen.articles] == [True, True, True, False, False]


def test_only_annotated_articles_by_default(annotated: Annotated) -> None:
    chosen = select(annotated.library)
    assert len(chosen.articles) == 3 and chosen.highlight_count == 5
    assert all(item.highlights or item.article.note for item in chosen.articles)


def test_by_article_has_citation_and_reading_order(annotated: Annotated) -> None:
    group = by_article(select(annotated.library))[0]
    assert group.citation.date == "2025-07-17"
    assert group.citation.location is None  # never the file inside the installed package
    assert group.article.note == annotated.article_note
    starts = [e.highlight.start for e in group.entries]
    assert starts == sorted(starts)
    assert group.entries[0].place == "¶ 1"


def test_by_theme_follows_the_taxonomy_with_hierarchy(annotated: Annotated) -> None:
    groups = by_theme(select(annotated.library))
    names = [(g.name, g.depth) for g in groups]
    assert names == [
        ("Command structure", 0),
        ("Defence industry", 0),
        ("Missile co-production", 1),
        ("Regional reactions", 0),
        ("China", 1),
        ("Joint exercises and readiness", 0),
        ("Unthemed", 0),
    ]
    assert groups[1].entries == ()  # shown for its sub-theme only
    tricky = [g.name for g in groups for e in g.entries if e.highlight.note == TRICKY_NOTE]
    assert tricky == ["Command structure", "Joint exercises and readiness"]
    assert groups[-1].entries[0].highlight.quote == "Japan"
    assert groups[0].entries[0].citation.short().startswith("“U.S. Forces Partner")


def test_theme_filter_includes_sub_themes(annotated: Annotated) -> None:
    chosen = select(annotated.library, themes=["Regional reactions"])
    quotes = [h.quote for item in chosen.articles for h in item.highlights]
    assert sorted(quotes) == [
        "Indo-Pacific region",
        "a passage the new version of the article no longer has",
    ]


def test_query_and_article_ids(annotated: Annotated) -> None:
    chosen = select(annotated.library, query='"Joint Force Headquarters"')
    assert chosen.articles and "search" in chosen.scope
    assert all("Joint Force Headquarters" in item.article.text for item in chosen.articles)
    only = select(annotated.library, article_ids=[3, 1])
    assert [item.article.id for item in only.articles] == [1, 3]


def test_cli_export_and_import(
    annotated: Annotated, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(annotated.library.root)
    out = tmp_path / "notes.json"
    assert main(["export", "--library", lib, "--format", "json", "-o", str(out)]) == 0
    assert "exported 5 highlight(s) from 3 article(s)" in capsys.readouterr().out
    assert main(["export", "--library", lib, "--format", "json", "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (
        main(
            [
                "--json",
                "export",
                "--library",
                lib,
                "--format",
                "md",
                "--group-by",
                "theme",
                "--theme",
                "china",
                "--article",
                "1",
                "-o",
                str(tmp_path / "c.md"),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["highlights"] == 1
    fresh = str(tmp_path / "fresh")
    assert (
        main(
            [
                "import",
                "--library",
                fresh,
                str(Path(annotated.library.store.article(1).path or "").parent),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["--json", "import-annotations", "--library", fresh, str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 5 and report["unmatched"] == []


def test_cli_start_up_does_not_load_export_modules() -> None:
    code = (
        "import sys, reader.cli; "
        "print(sorted(m for m in sys.modules if m.startswith(('reader.core.export', "
        "'reader.ui.export_pdf', 'docx', 'PySide6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert out.stdout.strip() == "[]"


def test_article_themes_show_in_both_groupings(annotated: Annotated) -> None:
    annotated.library.store.set_article_themes(4, ["taiwan"])
    chosen = select(annotated.library)
    assert 4 in [item.article.id for item in chosen.articles]  # annotated by its theme
    by_name = {g.name: g for g in by_theme(chosen)}
    assert [c.title for c in by_name["Taiwan"].articles] == [
        annotated.library.store.article(4).title
    ]
    group = next(g for g in by_article(chosen) if g.article.id == 4)
    assert [t.name for t in group.themes] == ["Taiwan"] and group.entries == ()
