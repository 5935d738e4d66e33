"""Real PDFs for the import tests and benchmark, laid out the way reports are.

Drawn line by line with reportlab's canvas, so the ground truth is exact: one or two
columns, a title page block (title, byline, date), section headings in a bolder, larger
face, words hyphenated at line ends, a running header and a page-number footer on every
page, and document metadata. The prose is the sample library's real news text.
A "scan" is a page image with no text layer.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 60.0
BODY_FONT, BODY_SIZE, LEADING = "Times-Roman", 10.5, 13.0
HEAD_FONT, HEAD_SIZE = "Helvetica-Bold", 13.0


@dataclass
class PdfTruth:
    """What a reader should get back from a generated PDF."""

    title: str
    author: str
    date: str  # ISO
    blocks: list[str] = field(default_factory=list)  # headings and paragraphs, in order
    headings: list[str] = field(default_factory=list)
    pages: int = 0
    hyphenated: list[str] = field(default_factory=list)  # words broken at a line end
    page_of_block: list[int] = field(default_factory=list)  # 1-based page each block starts on


def seed_paragraphs() -> list[str]:
    """Sentences-long paragraphs of the sample articles (real news prose)."""
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 140 and "|" not in line:
                out.append(line)
    return out


def make_report(
    path: Path,
    pages: int = 6,
    columns: int = 2,
    title: str = "Alliance Command and the Missile Industrial Base",
    author: str = "Jane Q. Analyst",
    date: tuple[str, str] = ("2025-03-14", "March 14, 2025"),
    header: str = "Center for Allied Studies · Alliance Command and the Missile Industrial Base",
    metadata: bool = True,
    order: str = "natural",
) -> PdfTruth:
    """Write a report of about ``pages`` pages to ``path`` and return its ground truth.

    ``order`` is the order the text is drawn in (the content stream), which is not always
    reading order: "natural" (column by column), "rows" (line by line across the columns,
    as some producers do) or "reversed" (footer first, last column first).
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=True)
    if metadata:
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setSubject("A test report")
    truth = PdfTruth(title=title, author=author, date=date[0])
    gap = 18.0
    col_w = (PAGE_W - 2 * MARGIN - gap * (columns - 1)) / columns
    top, bottom = PAGE_H - MARGIN - 20, MARGIN + 10
    state = {"page": 1, "col": 0, "y": top}
    first_top = top - 75  # the title block spans the first page's columns
    pending: list[tuple[float, float, str, float, str, bool]] = []

    def draw(x: float, y: float, font: str, size: float, text: str, centred: bool = False) -> None:
        pending.append((x, y, font, size, text, centred))

    def flush() -> None:
        if order == "rows":
            pending.sort(key=lambda d: (-round(d[1]), d[0]))
        elif order == "reversed":
            pending.reverse()
        for x, y, font, size, text, centred in pending:
            canvas.setFont(font, size)
            (canvas.drawCentredString if centred else canvas.drawString)(x, y, text)
        pending.clear()
        canvas.showPage()

    def furniture() -> None:
        number = state["page"]
        if number > 1:
            draw(MARGIN, PAGE_H - MARGIN + 10, "Helvetica", 8, header)
        draw(PAGE_W / 2, MARGIN - 25, "Helvetica", 8, f"Page {number}", centred=True)

    def new_column() -> None:
        state["col"] += 1
        state["y"] = first_top if state["page"] == 1 else top
        if state["col"] >= columns:
            furniture()
            flush()
            state["page"] += 1
            state["col"] = 0

    def x() -> float:
        return MARGIN + state["col"] * (col_w + gap)

    def draw_lines(lines: list[str], font: str, size: float, leading: float) -> None:
        for line in lines:
            if state["y"] < bottom:
                new_column()
            draw(x(), state["y"], font, size, line)
            state["y"] -= leading

    def wrap(text: str, font: str, size: float, width: float, hyphens: bool = True) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if stringWidth(trial, font, size) <= width:
                current = trial
                continue
            # hyphenate a long word at the line end, the way justified reports do
            if hyphens and len(word) >= 9 and word.isalpha():
                for cut in range(len(word) - 4, 3, -1):
                    head = f"{current} {word[:cut]}-".strip()
                    if stringWidth(head, font, size) <= width:
                        lines.append(head)
                        truth.hyphenated.append(word)
                        current = word[cut:]
                        break
                else:
                    lines.append(current)
                    current = word
            else:
                lines.append(current)
                current = word
        if current:
            lines.append(current)
        return lines

    # first page: title block across the page
    draw(MARGIN, top, "Helvetica-Bold", 20, title)
    draw(MARGIN, top - 26, "Helvetica", 11, f"By {author}")
    draw(MARGIN, top - 41, "Helvetica", 11, date[1])
    state["y"] = first_top

    paragraphs = itertools.cycle(seed_paragraphs())
    section = 0
    while state["page"] <= pages:
        clause = next(paragraphs).split(",")[0].split(".")[0].split()[:6]
        heading = f"{section + 1}. " + " ".join(clause).rstrip(":;")
        section += 1
        if state["y"] - 3 * LEADING < bottom:
            new_column()
            if state["page"] > pages:
                break
        state["y"] -= 6
        truth.blocks.append(heading)
        truth.headings.append(heading)
        truth.page_of_block.append(state["page"])
        draw_lines(wrap(heading, HEAD_FONT, HEAD_SIZE, col_w, False), HEAD_FONT, HEAD_SIZE, 17)
        state["y"] -= 2
        for _ in range(4):
            para = next(paragraphs)
            truth.blocks.append(para)
            truth.page_of_block.append(state["page"])
            draw_lines(wrap(para, BODY_FONT, BODY_SIZE, col_w), BODY_FONT, BODY_SIZE, LEADING)
            state["y"] -= 7
            if state["page"] > pages:
                break
    if state["y"] != top or state["col"] != 0:
        furniture()
        flush()
        state["page"] += 1
    canvas.save()
    truth.pages = state["page"] - 1
    return truth


def make_scan(path: Path, pages: int = 2) -> None:
    """A PDF of page images only: what a scanner without OCR produces."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=True)
    for _ in range(pages):
        image = Image.new("L", (600, 850), 255)
        draw = ImageDraw.Draw(image)
        for row in range(40):
            draw.text((50, 40 + row * 19), "Scanned text that has no text layer " * 2, fill=0)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        canvas.drawImage(ImageReader(buffer), 0, 0, PAGE_W, PAGE_H)
        canvas.showPage()
    canvas.save()
