"""Reading order, paragraphs and headings from a PDF's positioned lines of text.

A PDF draws text in whatever order its producer chose (line by line across columns,
footer first…), so the order is recovered from positions: running headers, footers and
page numbers are dropped first (text in the top or bottom band that repeats across pages,
or is only a page number), then each page is cut into columns and bands (an XY-cut that
lets full-width lines such as a title sit across a two-column body), and lines become
paragraphs by spacing, indentation and font size. Words hyphenated at a line end are
joined again. Pure Python over plain values: the extractor (pdfium) is in ``pdf.py``.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

BAND = 0.1  # running headers and footers live in the top and bottom tenth of a page
_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+)?[-–—(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$"
)
_TERMINAL = re.compile(r"[.!?:…][”\"’')\]]*$")
_HYPHENS = ("-", "\x02", "\u2010", "\u00ad", "\ufffe")  # pdfium marks a line-end "-" \x02
# Words that keep their hyphen before another word ("self-sufficiency", "well-known").
_HYPHEN_PREFIXES = frozenset(
    [
        "self",
        "well",
        "ex",
        "all",
        "half",
        "cross",
        "long",
        "short",
        "high",
        "low",
        "full",
        "far",
        "vice",
    ]
)
_INVISIBLE = {c: None for c in range(32) if c not in (9, 10)} | {
    0x7F: None,
    0xAD: None,
    0xFFFE: None,
}


@dataclass(slots=True)
class Line:
    """One line of text on a page; coordinates in points, top-down (``top`` < ``bottom``)."""

    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float  # font size in points
    bold: bool = False
    right: float = 0.0  # the right edge of the column the line is in (reading_order sets it)
    span: tuple[int, int] = (-1, -1)  # the extractor's character range, when it has one


@dataclass(slots=True)
class Block:
    """A paragraph or heading: its text and the pages its lines came from."""

    text: str
    page: int
    heading: bool = False
    page_breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset, page)


def merge_segments(segments: list[Line]) -> list[Line]:
    """Join the pieces of one visual line (same baseline, at most a word-space or two
    apart) into a line; a space goes between pieces only where there is a gap."""
    rows: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: s.bottom):
        if rows and abs(rows[-1][-1].bottom - seg.bottom) < 0.3 * max(seg.size, 1):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    out: list[Line] = []
    for row in rows:
        prev: Line | None = None
        for seg in sorted(row, key=lambda s: s.x0):
            gap = seg.x0 - prev.x1 if prev is not None else -1.0
            if prev is not None and -0.5 * seg.size <= gap < 1.2 * max(prev.size, seg.size):
                # pieces that follow each other in the extractor's text carry its
                # spacing already; others get a space where there is a gap
                spaced = prev.text.endswith(" ") or seg.text.startswith(" ")
                follows = seg.span[0] >= 0 and seg.span[0] == prev.span[1]
                tight = follows or spaced or gap < 0.3 * seg.size
                prev.text += seg.text if tight else " " + seg.text
                prev.span = (prev.span[0], seg.span[1])
                prev.x1 = max(prev.x1, seg.x1)
                prev.top = min(prev.top, seg.top)
                prev.bottom = max(prev.bottom, seg.bottom)
            else:
                prev = Line(
                    seg.page,
                    seg.x0,
                    seg.top,
                    seg.x1,
                    seg.bottom,
                    seg.text,
                    seg.size,
                    seg.bold,
                    span=seg.span,
                )
                out.append(prev)
    for line in out:
        line.text = " ".join(line.text.split())
    return [line for line in out if line.text]


def drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove running headers, footers and page numbers from every page.

    Text in a page's top or bottom band, set apart from the body by a gap, goes when it
    is only a page number, or when the same text (digits aside) is there on several
    pages: a running head or a footer. The gap keeps a body line that happens to start a
    page (and repeats, in a long document) from being taken for one.
    """

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.casefold())

    candidates = [
        [ln for ln in lines if _in_band(ln, height) and _set_apart(ln, lines)]
        for lines, height in zip(pages, heights, strict=True)
    ]
    seen: Counter[str] = Counter()
    for found in candidates:
        seen.update({key(ln) for ln in found})
    repeats = 2 if len(pages) <= 4 else 3
    drop = [
        {id(ln) for ln in found if _PAGE_NUMBER.match(ln.text) or seen[key(ln)] >= repeats}
        for found in candidates
    ]
    return [
        [ln for ln in lines if id(ln) not in gone] for lines, gone in zip(pages, drop, strict=True)
    ]


def _in_band(line: Line, height: float) -> bool:
    return line.top < BAND * height or line.bottom > (1 - BAND) * height


def _set_apart(line: Line, lines: list[Line]) -> bool:
    """No other line within a line's height above or below it, where they overlap across."""
    reach = 0.8 * line.size
    return not any(
        other is not line
        and other.x0 < line.x1
        and line.x0 < other.x1
        and other.top < line.bottom + reach
        and line.top - reach < other.bottom
        for other in lines
    )


def reading_order(lines: list[Line]) -> list[Line]:
    """A page's lines in reading order: columns left to right, each top to bottom.

    An XY-cut: split at a vertical gutter when one runs through the whole region;
    otherwise let the wide lines (a title, a full-width caption) separate bands of narrow
    ones and cut each band; a region with neither is one column, read top to bottom.
    """
    if len(lines) <= 1:
        for ln in lines:
            ln.right = ln.x1
        return list(lines)
    columns = _split_x(lines)
    if len(columns) > 1:
        return [ln for col in columns for ln in reading_order(col)]
    left = min(ln.x0 for ln in lines)
    width = max(ln.x1 for ln in lines) - left
    narrow = [ln for ln in lines if ln.x1 - ln.x0 < 0.55 * width]
    if len(narrow) < len(lines) and len(_split_x(narrow)) > 1:
        out: list[Line] = []
        band: list[Line] = []
        for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
            if ln.x1 - ln.x0 < 0.55 * width:
                band.append(ln)
                continue
            out += reading_order(band) if band else []
            band = []
            out.append(ln)
        return out + (reading_order(band) if band else [])
    # the column's right edge: where most long lines end (a wider title does not move it)
    ends = sorted(ln.x1 for ln in lines)
    right = ends[int(0.9 * (len(ends) - 1))] if len(ends) >= 5 else ends[-1]
    for ln in lines:
        ln.right = right
    return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))


def _split_x(lines: list[Line]) -> list[list[Line]]:
    """Groups of lines separated by vertical gutters at least a line's height wide."""
    if not lines:
        return []
    gutter = statistics.median(ln.size for ln in lines)
    groups: list[list[Line]] = []
    right = float("-inf")
    for ln in sorted(lines, key=lambda ln: ln.x0):
        if groups and ln.x0 < right + gutter:
            groups[-1].append(ln)
            right = max(right, ln.x1)
        else:
            groups.append([ln])
            right = ln.x1
    return groups


def paragraphs(lines: list[Line]) -> list[Block]:
    """Group lines (in reading order, all pages) into paragraphs and headings."""
    if not lines:
        return []
    body = _body_size(lines)
    pitch = _body_pitch(lines, body)
    vocabulary = _vocabulary(lines)
    blocks: list[Block] = []
    prev: Line | None = None
    for ln in lines:
        heading = ln.size > 1.15 * body and len(ln.text) < 200
        if prev is None or _starts_block(prev, ln, body, pitch, blocks[-1].heading):
            blocks.append(Block(ln.text, ln.page, heading))
        else:
            block = blocks[-1]
            block.text = _join(block.text, ln.text, vocabulary)
            if ln.page != prev.page:
                block.page_breaks.append((len(block.text) - len(ln.text), ln.page))
        prev = ln
    for block in blocks:
        clean = unicodedata.normalize("NFC", block.text.translate(_INVISIBLE))
        block.text = " ".join(clean.split())
    return [b for b in blocks if b.text]


def _starts_block(
    prev: Line,
    ln: Line,
    body: float,
    pitch: float,
    prev_heading: bool,
) -> bool:
    heading = ln.size > 1.15 * body
    if heading != prev_heading or abs(ln.size - prev.size) > 0.15 * body:
        return True
    # A line that ends while the next line's first word would have fitted on it ends
    # its paragraph (ragged or justified alike).
    right = prev.right or prev.x1
    first_word = ln.text.split(" ", 1)[0]
    char_width = (ln.x1 - ln.x0) / max(len(ln.text), 1) * ln.size / max(body, 1)
    full = prev.x1 + 1.15 * (len(first_word) + 1) * char_width > right - 1
    same_column = ln.page == prev.page and ln.top > prev.top and abs(ln.x0 - prev.x0) < 4 * body
    if not same_column:  # a column or page break: the paragraph goes on if it was cut off
        ends = _TERMINAL.search(prev.text)
        return not (full and (not ends or ln.text[:1].islower()))
    if ln.top - prev.top > 1.4 * max(pitch, prev.size):
        return True
    if heading:
        return False  # a heading wrapped onto a second line
    if ln.x0 - prev.x0 > 0.8 * body and full:
        return True  # a first-line indent
    return not full


def _join(text: str, nxt: str, vocabulary: set[str]) -> str:
    """Append a line, joining a word hyphenated across the break."""
    if text.endswith(_HYPHENS) and len(text) > 1 and text[-2].isalpha() and nxt[:1].isalpha():
        head = text.rstrip("".join(_HYPHENS))
        if text[-1] in "\u00ad\ufffe":  # a soft hyphen: always a break, never a dash
            return head + nxt
        first = re.split(r"[^\w]", nxt, maxsplit=1)[0]
        last = re.split(r"[^\w]", head)[-1]
        compound = f"{last}-{first}".casefold()
        joined = (last + first).casefold()
        keep = compound in vocabulary and joined not in vocabulary
        if nxt[0].isupper() or last.isupper() or keep or last.casefold() in _HYPHEN_PREFIXES:
            return head + "-" + nxt
        return head + nxt
    return f"{text} {nxt}"


def _vocabulary(lines: list[Line]) -> set[str]:
    """Every word and hyphenated compound of the document that is not at a line end."""
    words: set[str] = set()
    for ln in lines:
        tokens = re.findall(r"\w+(?:-\w+)*", ln.text.casefold())
        words.update(tokens[:-1] if ln.text.endswith(_HYPHENS) else tokens)
    return words


def _body_size(lines: list[Line]) -> float:
    """The line height most of the text is set in (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size, 0)] += len(ln.text)
    return sizes.most_common(1)[0][0] or 1.0


def _body_pitch(lines: list[Line], body: float) -> float:
    """The usual distance from one body line to the next in the same column."""
    pitches = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page
        and abs(a.x0 - b.x0) < 2
        and 0 < b.top - a.top < 3 * body
        and abs(a.size - body) < 1
    ]
    return statistics.median(pitches) if pitches else 1.25 * body
