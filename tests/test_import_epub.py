"""EPUB import: chapters in spine order as sections, metadata from the OPF."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import Library
from tests.epub_fixtures import make_epub
from tests.pdf_fixtures import make_report


def test_chapters_come_in_spine_order_each_with_its_heading(
    empty_library: Library, tmp_path: Path
) -> None:
    outcome = empty_library.import_paths([make_epub(tmp_path / "book.epub")]).outcomes[0]
    assert outcome.status == "imported", outcome.reason
    article = empty_library.store.article(outcome.article_id or 0)
    blocks = article.text.split("\n\n")
    assert blocks[0] == "Chapter One: Command"
    assert blocks[1].startswith("The United States and Japan agreed in 2024")
    assert "- Stronger crisis response.\n- More staff in Tokyo." in blocks
    # a chapter without a heading of its own opens with its table-of-contents label
    assert blocks.index("2. Production lines") < blocks.index(
        "Missile co-production began with the AMRAAM, and the SM-6 may follow."
    )
    assert "| Missile | Status |\n| AMRAAM | agreed |" in article.text
    assert "COVER" not in article.text  # linear="no": not part of the reading order
    assert (article.title, article.author, article.date, article.source) == (
        "The Alliance at Work",
        "Mariko Tanaka; John Smith",
        "2024-11-05",
        "Example Press",
    )
    assert article.url == "https://press.example.org/books/alliance"
    assert article.categories == ("Security",)


def test_a_drm_locked_book_is_skipped_with_a_reason(empty_library: Library, tmp_path: Path) -> None:
    book = make_epub(tmp_path / "locked.epub", encrypted=True)
    outcome = empty_library.import_paths([book]).outcomes[0]
    assert outcome.status == "failed" and "DRM" in outcome.reason


@pytest.mark.parametrize("data", [b"PK\x03\x04broken", b"plain text"])
def test_a_broken_epub_is_skipped_with_a_reason(
    empty_library: Library, tmp_path: Path, data: bytes
) -> None:
    bad = tmp_path / "bad.epub"
    bad.write_bytes(data)
    outcome = empty_library.import_paths([bad]).outcomes[0]
    assert outcome.status == "failed" and "EPUB" in outcome.reason
    assert "\n" not in outcome.reason


def test_a_folder_of_pdf_epub_html_and_txt_imports_all_four(
    empty_library: Library, tmp_path: Path
) -> None:
    """Issue 15's first acceptance item, with per-file reasons for what is skipped."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    make_report(folder / "report.pdf", pages=3)
    make_epub(folder / "book.epub")
    data = Path(__file__).parent / "data" / "html"
    (folder / "page.html").write_bytes((data / "wordpress_blog.html").read_bytes())
    (folder / "note.txt").write_text(
        "A short note on the alliance\n\nThe alliance agreed on a new command. " * 3
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 nothing readable")
    report = empty_library.import_paths([folder])
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert {n for n, o in by_name.items() if o.status == "imported"} == {
        "report.pdf",
        "book.epub",
        "page.html",
        "note.txt",
    }
    assert by_name["scan.pdf"].status == "failed" and by_name["scan.pdf"].reason
