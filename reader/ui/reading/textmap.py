"""Map offsets between the canonical text and the reader's ``QTextDocument``.

The store counts code points of the canonical text; Qt counts UTF-16 units of a document
that also holds a header, list markers and table cells the text spells differently. The
document builder records a :class:`Segment` for every run of canonical text it inserts
verbatim; between segments lie characters that exist on one side only (block separators,
list markers, table pipes). This module is pure Python so it is tested without Qt.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (an astral character such as an emoji counts 2)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class Segment:
    canon_start: int  # code points into the canonical text
    canon_end: int
    doc_start: int  # UTF-16 position in the document


class TextMap:
    """Offsets both ways; positions outside every segment snap to the nearest one."""

    def __init__(self, text: str, segments: list[Segment]) -> None:
        self.text = text
        self.segments = sorted(segments, key=lambda s: s.canon_start)
        self._canon_starts = [s.canon_start for s in self.segments]
        self._doc_starts = [s.doc_start for s in self.segments]

    def to_doc(self, offset: int) -> int:
        """Document position of canonical ``offset`` (an end offset maps to a segment end)."""
        if not self.segments:
            return 0
        i = max(bisect_right(self._canon_starts, offset) - 1, 0)
        seg = self.segments[i]
        if offset > seg.canon_end:  # in a gap: snap forward to the next segment's start
            if i + 1 < len(self.segments):
                return self.segments[i + 1].doc_start
            offset = seg.canon_end
        offset = max(offset, seg.canon_start)
        return seg.doc_start + utf16_len(self.text[seg.canon_start : offset])

    def to_canon(self, position: int) -> int:
        """Canonical offset of document ``position`` (header and gaps snap to a boundary)."""
        if not self.segments:
            return 0
        i = bisect_right(self._doc_starts, position) - 1
        if i < 0:
            return self.segments[0].canon_start
        seg = self.segments[i]
        units = position - seg.doc_start
        piece = self.text[seg.canon_start : seg.canon_end]
        if piece.isascii():
            return seg.canon_start + min(units, len(piece))
        count = 0
        for n, char in enumerate(piece):
            if count >= units:
                return seg.canon_start + n
            count += 2 if ord(char) > 0xFFFF else 1
        return seg.canon_end

    def doc_ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """Document ranges covering canonical ``[start, end)``, one per segment touched."""
        ranges = []
        for seg in self.segments:
            if seg.canon_end <= start or seg.canon_start >= end:
                continue
            lo, hi = max(start, seg.canon_start), min(end, seg.canon_end)
            ranges.append((self.to_doc_in(seg, lo), self.to_doc_in(seg, hi)))
        return ranges

    def to_doc_in(self, seg: Segment, offset: int) -> int:
        return seg.doc_start + utf16_len(self.text[seg.canon_start : offset])
