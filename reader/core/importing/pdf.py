"""PDF import: text with its layout recovered, metadata, and where each page starts.

The extractor is pdfium (``pypdfium2``, Apache-2.0/BSD), chosen by measurement
(benchmarks/import_bench.py and README): it reads ~100 report pages a second with
positions, where pdfminer.six reads ~25 and pypdf ~150 without them; pdfium and pypdf
keep the content-stream order, which is wrong for PDFs drawn line by line across columns,
so reading order comes from positions (:mod:`reader.core.importing.pdf_layout`).
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path
from typing import Any

from reader.core.dates import date_line, find_date
from reader.core.errors import ReaderError
from reader.core.importing.metadata import extract_metadata, is_heading_like, title_from_text
from reader.core.importing.pdf_layout import (
    Block,
    Line,
    drop_furniture,
    merge_segments,
    paragraphs,
    reading_order,
)
from reader.core.importing.progress import page_reporter
from reader.core.models import ArticleDraft

_USELESS_TITLES = re.compile(
    r"(?i)^(untitled|document\d*|microsoft word - .*|.*\.(docx?|pdf|indd))$"
)


_BYLINE = re.compile(r"(?i)^(?:by|written by|authors?:)\s+(?=[A-Z])")
_BOLD_NAME = re.compile(r"(?i)bold|black|heavy|semibold|,b\b")


class PdfError(ReaderError):
    """This PDF cannot become an article; the message says why, in one line."""


def parse_pdf(data: bytes, path: Path) -> ArticleDraft:
    """A PDF with a text layer as an article; ``page_starts`` maps offsets to pages."""
    pages, heights, info = _read_pages(data)
    if not any(pages):
        raise PdfError(
            f"no text layer in this PDF ({len(heights)} page(s) of images: a scan?); "
            "run OCR on it first (e.g. ocrmypdf) and import the result"
        )
    lines = [ln for page in drop_furniture(pages, heights) for ln in reading_order(page)]
    blocks = paragraphs(lines)
    title, author, date, blocks = _head_metadata(blocks, info)
    if not blocks:
        raise PdfError("no article text in this PDF besides a title or metadata")
    text, starts = _text_and_page_starts(blocks, len(heights))
    return ArticleDraft(
        title=title,
        text=text,
        date=date,
        author=author,
        categories=(),
        path=str(path),
        page_starts=starts,
    )


def _read_pages(data: bytes) -> tuple[list[list[Line]], list[float], dict[str, str]]:
    """Every page's lines (as pdfium finds them), page heights and the document info."""
    import pypdfium2 as pdfium  # import-only dependency: loaded on the first PDF

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).casefold()
        if "password" in reason:
            raise PdfError("password-protected PDF; save a copy without the password") from exc
        raise PdfError(
            "not a readable PDF (damaged or not a PDF); re-save or re-download it"
        ) from exc
    report = page_reporter()
    pages: list[list[Line]] = []
    heights: list[float] = []
    try:
        info = {k: str(v) for k, v in doc.get_metadata_dict(skip_empty=True).items()}
        total = len(doc)
        for index in range(total):
            page = doc[index]
            try:
                height = float(page.get_height())
                pages.append(merge_segments(_segments(page, index + 1, height)))
                heights.append(height)
            finally:
                page.close()
            if report is not None and (index % 10 == 9 or index + 1 == total):
                report(index + 1, total)
    finally:
        doc.close()
    return pages, heights, info


def _segments(page: Any, number: int, height: float) -> list[Line]:
    """The page's text runs (pdfium's text rectangles) with their text, font size and
    weight, and the font's full line height (glyph boxes vary with the letters: "tion
    to" is shorter than "Japan").

    A run's text is sliced from the page text between its first character and the next
    run's, so spacing is pdfium's page-text spacing (text read back from a rectangle
    comes letter-spaced for PDFs that place each glyph, as Qt's do).
    """
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    try:
        full = textpage.get_text_range()
        runs: list[tuple[int, tuple[float, float, float, float]]] = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = box = textpage.get_rect(i)
            at = raw.FPDFText_GetCharIndexAtPos(
                textpage, left + 0.5, (top + bottom) / 2, 2.0, max(top - bottom, 1.0)
            )
            if at >= 0:
                runs.append((at, box))
        runs.sort(key=lambda run: run[0])
        out = []
        for k, (at, (left, bottom, right, top)) in enumerate(runs):
            end = runs[k + 1][0] if k + 1 < len(runs) else len(full)
            text = full[at:end].replace("\r", " ").replace("\n", " ")
            if not text.strip():
                continue
            # the loose box is the font's line height as drawn (the nominal font size
            # ignores the text matrix: Qt's PDFs say 66 pt for 11 pt text)
            _, bottom, _, top = textpage.get_charbox(at, loose=True)
            size = top - bottom
            raw.FPDFText_GetFontInfo(textpage, at, name, len(name), ctypes.byref(flags))
            bold = raw.FPDFText_GetFontWeight(textpage, at) >= 600 or bool(
                _BOLD_NAME.search(name.value.decode("latin-1"))
            )
            # pdfium's rectangle can stop short of the run's end (seen with curly quotes
            # in standard fonts); the last character's own box does not
            last = at + len(text.rstrip()) - 1
            right = max(right, textpage.get_charbox(last)[2])
            out.append(
                Line(
                    number,
                    left,
                    height - top,
                    right,
                    height - bottom,
                    text,
                    size,
                    bold,
                    span=(at, end),
                )
            )
        return out
    finally:
        textpage.close()


def _head_metadata(
    blocks: list[Block], info: dict[str, str]
) -> tuple[str, str | None, str | None, list[Block]]:
    """Title, author and date from the document info and the first page; the title,
    byline and dateline blocks leave the text (they are fields)."""
    head = [b for b in blocks[:8] if b.page == blocks[0].page]
    meta = extract_metadata([b.text for b in head])
    kept = set(meta.blocks)
    body = [b for b in head if b.text in kept] + blocks[len(head) :]
    title = info.get("Title", "").strip()
    if not title or _USELESS_TITLES.match(title):
        big = next((b for b in head if b.heading and is_heading_like(b.text)), None)
        title = big.text if big else meta.title or title_from_text([b.text for b in body])
    body = [b for b in body if " ".join(b.text.split()).casefold() != title.casefold()]
    byline = next((b for b in body[:3] if _BYLINE.match(b.text)), None)
    if byline is not None:
        body.remove(byline)
    author = (
        meta.author
        or (_BYLINE.sub("", byline.text).strip() if byline else "")
        or info.get("Author", "").strip()
        or None
    )
    date = meta.date or _info_date(info)
    if not meta.date:
        for block in body[:4]:
            if iso := date_line(block.text):
                date = iso
                body.remove(block)
                break
    return title, author, date, body


def _info_date(info: dict[str, str]) -> str | None:
    """``D:20250314…`` from the document info, when it is not a placeholder."""
    for key in ("CreationDate", "ModDate"):
        m = re.match(r"D:(\d{4})(\d{2})(\d{2})", info.get(key, ""))
        if m and (m[1] not in ("1970", "2000") or m.group(2, 3) != ("01", "01")):
            return f"{m[1]}-{m[2]}-{m[3]}"
    value = info.get("Date", "")
    found = find_date(value) if value else None
    return found[0] if found else None


def _text_and_page_starts(blocks: list[Block], pages: int) -> tuple[str, tuple[int, ...]]:
    """The canonical text (blocks one per paragraph) and each page's start offset.

    ``starts[i]`` is the offset where page ``i + 1`` begins; a page with no text of its
    own begins where the next text does.
    """
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    offset = 0
    for block in blocks:
        marks.append((offset, block.page))
        marks += [(offset + at, page) for at, page in block.page_breaks]
        parts.append(block.text)
        offset += len(block.text) + 2
    starts: list[int] = []
    for page in range(1, pages + 1):
        found = next((at for at, p in marks if p >= page), offset - 2)
        starts.append(min(found, max(offset - 2, 0)))
    return "\n\n".join(parts), tuple(starts)
