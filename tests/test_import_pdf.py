"""PDF import on real PDFs laid out like reports (tests/pdf_fixtures.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.pages import page_of, page_starts
from tests.pdf_fixtures import PdfTruth, make_report, make_scan


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, PdfTruth]]:
    folder = tmp_path_factory.mktemp("pdfs")
    out = {}
    for name, kwargs in {
        "two_columns": {"pages": 5},
        "one_column": {"pages": 3, "columns": 1},
        "drawn_across_rows": {"pages": 5, "order": "rows"},
        "drawn_backwards": {"pages": 5, "order": "reversed"},
    }.items():
        path = folder / f"{name}.pdf"
        out[name] = (path, make_report(path, **kwargs))  # type: ignore[arg-type]
    return out


def _import(library: Library, path: Path) -> int:
    report = library.import_paths([path])
    outcome = report.outcomes[0]
    assert outcome.status == "imported", outcome.reason
    assert outcome.article_id is not None
    return outcome.article_id


@pytest.mark.parametrize(
    "name", ["two_columns", "one_column", "drawn_across_rows", "drawn_backwards"]
)
def test_report_text_comes_back_in_reading_order(
    empty_library: Library, reports: dict[str, tuple[Path, PdfTruth]], name: str
) -> None:
    path, truth = reports[name]
    article = empty_library.store.article(_import(empty_library, path))
    blocks = article.text.split("\n\n")
    assert blocks == truth.blocks  # paragraphs and headings whole, in order, nothing else
    assert all(word in article.text for word in truth.hyphenated)
    assert "Center for Allied Studies" not in article.text
    assert not re.search(r"\bPage \d+\b", article.text)
    assert (article.title, article.author, article.date) == (
        truth.title,
        truth.author,
        truth.date,
    )


def test_title_and_author_come_from_the_first_page_without_metadata(tmp_path: Path) -> None:
    from reader.core.importing.pdf import parse_pdf

    path = tmp_path / "bare.pdf"
    truth = make_report(path, pages=2, metadata=False)
    draft = parse_pdf(path.read_bytes(), path)
    assert (draft.title, draft.author, draft.date) == (truth.title, truth.author, truth.date)
    assert draft.text.split("\n\n") == truth.blocks


def test_each_highlight_knows_its_page(
    empty_library: Library, reports: dict[str, tuple[Path, PdfTruth]]
) -> None:
    path, truth = reports["two_columns"]
    article_id = _import(empty_library, path)
    text = empty_library.store.article(article_id).text
    assert len(page_starts(empty_library.store, article_id)) == truth.pages
    offset = 0
    for block, page in zip(truth.blocks, truth.page_of_block, strict=True):
        offset = text.index(block, offset)
        assert page_of(empty_library.store, article_id, offset) == page
        offset += len(block)
    last_page_start = page_starts(empty_library.store, article_id)[-1]
    assert page_of(empty_library.store, article_id, last_page_start) == truth.pages


def test_text_articles_have_no_pages(sample_library: Library) -> None:
    article_id = sample_library.store.article_ids()[0]
    assert page_of(sample_library.store, article_id, 10) is None


def test_reimporting_an_unchanged_pdf_changes_nothing(
    empty_library: Library, reports: dict[str, tuple[Path, PdfTruth]]
) -> None:
    path, _ = reports["one_column"]
    article_id = _import(empty_library, path)
    pages = page_starts(empty_library.store, article_id)
    again = empty_library.import_paths([path]).outcomes[0]
    assert again.status == "unchanged"
    assert page_starts(empty_library.store, article_id) == pages


def test_a_scan_without_text_is_skipped_with_a_one_line_reason(
    empty_library: Library, tmp_path: Path
) -> None:
    scan = tmp_path / "scan.pdf"
    make_scan(scan)
    outcome = empty_library.import_paths([scan]).outcomes[0]
    assert outcome.status == "failed"
    assert "no text layer" in outcome.reason and "OCR" in outcome.reason
    assert "\n" not in outcome.reason


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"not a pdf at all"])
def test_a_damaged_pdf_is_skipped_with_a_reason(
    empty_library: Library, tmp_path: Path, data: bytes
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    outcome = empty_library.import_paths([bad]).outcomes[0]
    assert outcome.status == "failed"
    assert outcome.reason.startswith("not a readable PDF")


def test_progress_reports_pages_of_a_long_pdf(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    truth = make_report(path, pages=25)
    seen: list[str] = []
    empty_library.import_paths([path], progress=lambda done, total, label: seen.append(label))
    assert f"{path}, page 10 of {truth.pages}" in seen
    assert f"{path}, page {truth.pages} of {truth.pages}" in seen


def test_show_json_gives_each_highlight_its_page(
    tmp_path: Path, reports: dict[str, tuple[Path, PdfTruth]], capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from reader.cli import main

    path, truth = reports["two_columns"]
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "import", str(path)]) == 0
    quote = truth.blocks[-1]
    n = truth.blocks.count(quote)  # the sample prose repeats: take its last occurrence
    assert main(["--library", lib, "highlight", "1", "--quote", quote, "--occurrence", str(n)]) == 0
    capsys.readouterr()
    assert main(["--library", lib, "--json", "show", "1"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["pages"] == truth.pages
    assert shown["highlights"][0]["page"] == truth.page_of_block[-1]


def test_a_pdf_that_places_each_glyph_reads_as_words(tmp_path: Path) -> None:
    """Qt's PDF writer (our own PDF export) draws glyph by glyph, with its own font
    matrix: words must not come back letter-spaced, nor headings lost."""
    from html import escape

    from reader.core.importing.pdf import parse_pdf
    from reader.ui.export_pdf import render_pdf
    from tests.pdf_fixtures import seed_paragraphs

    paragraphs = [p.replace("’", "'") for p in seed_paragraphs()[:12]]
    html = "<h1>Quarterly Brief</h1>" + "".join(
        (f"<h2>Section {i // 4 + 1}</h2>" if i % 4 == 0 else "") + f"<p>{escape(p)}</p>"
        for i, p in enumerate(paragraphs)
    )
    path = tmp_path / "qt.pdf"
    render_pdf(html, path, "Quarterly Brief")
    draft = parse_pdf(path.read_bytes(), path)
    blocks = [b.replace("’", "'") for b in draft.text.split("\n\n")]
    assert draft.title == "Quarterly Brief"
    assert "Section 1" in blocks and "Section 3" in blocks
    whole = sum(p in blocks for p in paragraphs)
    assert whole >= 0.8 * len(paragraphs), [b for b in blocks if b not in paragraphs][:3]
    assert not any(re.search(r"\b\w \w \w \w\b", b) for b in blocks)  # no "S e c t"


def test_exports_say_which_page_a_pdf_highlight_is_on(
    empty_library: Library, reports: dict[str, tuple[Path, PdfTruth]], tmp_path: Path
) -> None:
    from reader.core.annotations.highlights import add_highlight, find_quote
    from reader.core.export import export

    path, truth = reports["two_columns"]
    article_id = _import(empty_library, path)
    block = truth.blocks[-1]
    text = empty_library.store.article(article_id).text
    start, end = find_quote(text, block, truth.blocks.count(block))
    add_highlight(empty_library.store, article_id, start, end, [], "")
    out = tmp_path / "notes.md"
    export(empty_library, "md", out)
    assert f"p. {truth.page_of_block[-1]}, ¶ " in out.read_text(encoding="utf-8")
