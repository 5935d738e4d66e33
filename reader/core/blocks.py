"""The structure of a canonical text: paragraphs, headings, lists and tables, with offsets.

Views (the reader, exports) render from these blocks; every piece carries the code-point
range of its visible text in the canonical text, so what is rendered can be mapped back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from reader.core.importing.metadata import is_heading_like
from reader.core.importing.textnorm import is_list_item, is_table_row

_MARKER = re.compile(r"^\s*(?P<marker>[-*•–—·▪‣◦+]|\d{1,3}[.)])\s+")
_CREDIT = re.compile(
    r"^(courtesy of|photo( by|:| credit)|image( by|:)|credit:|illustration:|file photo|"
    r"\(photo|picture:)",
    re.I,
)
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


class BlockKind(Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    CAPTION = "caption"  # a photo credit line: set small, not as a heading
    LIST = "list"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Span:
    """Visible text at ``[start, end)`` of the canonical text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    # LIST: one span per item (marker excluded). TABLE: rows of cell spans.
    items: tuple[Span, ...] = ()
    rows: tuple[tuple[Span, ...], ...] = ()
    ordered: bool = False
    header_rows: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def iter_blocks(text: str) -> Iterator[Block]:
    """The blocks of ``text`` in order (blank-line separated; see ``textnorm``)."""
    offset = 0
    for chunk in text.split("\n\n"):
        start, end = offset, offset + len(chunk)
        offset = end + 2
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if all(is_table_row(line) or _RULE.match(line) for line in lines) and len(lines) > 1:
            yield _table(lines, start, end)
        elif all(is_list_item(line) for line in lines):
            yield _list(lines, start, end)
        elif len(lines) == 1 and len(chunk) <= 120 and _CREDIT.match(chunk):
            yield Block(BlockKind.CAPTION, start, end)
        elif len(lines) == 1 and is_heading_like(chunk) and len(chunk) <= 100:
            yield Block(BlockKind.HEADING, start, end)
        else:
            yield Block(BlockKind.PARAGRAPH, start, end)


def _lines_with_offsets(lines: list[str], start: int) -> Iterator[tuple[str, int]]:
    for line in lines:
        yield line, start
        start += len(line) + 1


def _list(lines: list[str], start: int, end: int) -> Block:
    items = []
    ordered = False
    for line, line_start in _lines_with_offsets(lines, start):
        match = _MARKER.match(line)
        skip = match.end() if match else 0
        ordered = ordered or bool(match and match["marker"][0].isdigit())
        items.append(Span(line_start + skip, line_start + len(line)))
    return Block(BlockKind.LIST, start, end, items=tuple(items), ordered=ordered)


def _table(lines: list[str], start: int, end: int) -> Block:
    rows: list[tuple[Span, ...]] = []
    header_rows = 0
    for line, line_start in _lines_with_offsets(lines, start):
        if _RULE.match(line):
            header_rows = len(rows)
            continue
        cells = []
        cell_start = 0
        for piece in line.split("|"):
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                s = line_start + cell_start + lead
                cells.append(Span(s, s + len(stripped)))
            cell_start += len(piece) + 1
        if cells:
            rows.append(tuple(cells))
    return Block(BlockKind.TABLE, start, end, rows=tuple(rows), header_rows=header_rows)
