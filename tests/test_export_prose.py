"""Report-ready prose (HTML, PDF, DOCX): names not ids, no offsets, readable chips,
figures embedded, and PDF headings that stay with their first item."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.annotations import highlights as hl
from reader.core.export import export
from reader.core.export.contrast import contrast_ratio
from reader.core.library import Library
from tests.export_helpers import Annotated, annotate, squash

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
OFFSETS = re.compile(r"characters? \d|\d+[–-]\d+\)|<!--")


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    return annotate(sample_library)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x4e\x79\xa7" * 40 for _ in range(20))
    header = struct.pack(">IIBBBBB", 40, 20, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_html_chips_are_readable_and_figures_embedded(annotated: Annotated, tmp_path: Path) -> None:
    import html5lib

    figures = [("Themes over time", _png())]
    out = export(annotated.library, "html", tmp_path / "n.html", figures=figures).paths[0]
    source = out.read_text(encoding="utf-8")
    tree = html5lib.parse(source, namespaceHTMLElements=False)
    chips = [e for e in tree.iter() if e.get("class") == "theme"]
    assert chips and {"".join(c.itertext()).strip() for c in chips} >= {
        "Command structure",
        "China",
    }
    for chip in chips:
        style = dict(
            part.split(":", 1)
            for part in (chip.get("style") or "").replace(" ", "").split(";")
            if part
        )
        assert contrast_ratio(style["color"], style["background-color"]) >= 4.5
    image = tree.find(".//figure/img")
    assert image is not None and image.get("src", "").startswith("data:image/png;base64,")
    assert "Figure 1. Themes over time" in "".join(tree.find(".//figcaption").itertext())
    assert not OFFSETS.search(source) and "command-structure" not in source.split("<body>")[1]
    assert "Note:" in source and "¶ 1" in source


def test_docx_names_themes_and_embeds_figures(annotated: Annotated, tmp_path: Path) -> None:
    import docx

    out = export(
        annotated.library, "docx", tmp_path / "n.docx", figures=[("Co-occurrence", _png())]
    ).paths[0]
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Command structure" in text and "command-structure" not in text
    assert not OFFSETS.search(text) and "¶ 1" in text
    assert len(document.inline_shapes) == 1 and "Figure 1. Co-occurrence" in text
    shaded = [
        r
        for p in document.paragraphs
        for r in p.runs
        if r._r.rPr is not None and r._r.rPr.xpath("./w:shd")
    ]
    assert shaded  # theme chips
    for run in shaded:
        fill = "#" + run._r.rPr.xpath("./w:shd/@w:fill")[0]
        assert contrast_ratio("#" + str(run.font.color.rgb), fill) >= 4.5


@needs_pdftotext
def test_pdf_has_names_no_offsets_and_the_figure(
    annotated: Annotated, tmp_path: Path, qapp: object
) -> None:
    from reader.ui.export_pdf import render_pdf

    out = export(
        annotated.library,
        "pdf",
        tmp_path / "n.pdf",
        pdf_renderer=render_pdf,
        figures=[("Themes over time", _png())],
    ).paths[0]
    text = squash(_pdf_text(out))
    assert "Command structure" in text and "Note:" in text and "¶ 1" in text
    assert not OFFSETS.search(text) and "seeds/" not in text
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True
    ).stdout
    assert len(listing.strip().splitlines()) == 3  # header, rule, one image


def _many_highlights(library: Library) -> list[str]:
    """Highlights on every paragraph start of every article: an export of many pages."""
    themes = [t.id for t, _ in library.taxonomy.ordered()]
    store = library.store
    titles = []
    for n, aid in enumerate(store.article_ids()):
        article = store.article(aid)
        titles.append(article.title)
        starts = [0] + [m.end() for m in re.finditer(r"\n\n", article.text)]
        for k, start in enumerate(starts[:12]):
            end = min(len(article.text), start + 120)
            if end - start > 20:
                hl.add_highlight(
                    store, aid, start, end, [themes[(n + k) % len(themes)]], f"note {k}"
                )
    return titles


@needs_pdftotext
@pytest.mark.parametrize("group_by", ["article", "theme"])
def test_pdf_headings_keep_with_their_first_item(
    sample_library: Library, tmp_path: Path, qapp: object, group_by: str
) -> None:
    from reader.ui.export_pdf import render_pdf

    titles = _many_highlights(sample_library)
    headings = (
        titles if group_by == "article" else [t.name for t, _ in sample_library.taxonomy.ordered()]
    )
    out = export(
        sample_library,
        "pdf",
        tmp_path / "n.pdf",
        pdf_renderer=render_pdf,
        group_by=group_by,  # type: ignore[arg-type]
    ).paths[0]
    pages = _pdf_text(out).split("\f")[:-1]
    assert len(pages) > 3
    wanted = {squash(h) for h in headings}
    for number, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()][:-1]  # less "n / total"
        for k in (1, 2, 3):  # a long title wraps over lines of its own
            tail = squash(" ".join(lines[-k:]))
            assert tail not in wanted, f"page {number} ends with the heading “{tail}”"


def _parted(document: object, page: float) -> int:
    """Headings on another page than the block after them."""
    from PySide6.QtGui import QTextDocument

    assert isinstance(document, QTextDocument)
    layout, count = document.documentLayout(), 0
    block = document.begin()
    while block.isValid():
        after = block.next()
        if block.blockFormat().headingLevel() and after.isValid():
            top = layout.blockBoundingRect(block).top()
            below = layout.blockBoundingRect(after).bottom() - 1
            count += int(top // page) != int(below // page)
        block = after
    return count


def test_keep_headings_with_next_moves_a_parted_heading(qapp: object) -> None:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from reader.ui.export_pdf import keep_headings_with_next

    sections = "".join(
        f"<h2>Heading {n}</h2><p>{'word ' * (15 + 23 * n % 170)}</p>"
        f"<blockquote>quote {n}</blockquote>"
        for n in range(60)
    )
    document = QTextDocument()
    document.setHtml(f"<html><body>{sections}</body></html>")
    document.setPageSize(QSizeF(500, 700))
    assert _parted(document, 700) > 0  # the layout really parts some headings
    moved = keep_headings_with_next(document, 700)
    assert moved > 0 and _parted(document, 700) == 0


def test_the_example_brief_still_builds(sample_library: Library, tmp_path: Path) -> None:
    """docs/examples/make_brief.py marks real passages; its brief cites and names them."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "docs" / "examples" / "make_brief.py"
    spec = importlib.util.spec_from_file_location("make_brief", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.annotate(sample_library)
    out = export(sample_library, "md", tmp_path / "brief.md", group_by="theme").paths[0]
    text = out.read_text(encoding="utf-8")
    assert "## References" in text and "(US Department of Defense, n.d.)" in text
    assert "Missile co-production" in text and "<!--" not in text
