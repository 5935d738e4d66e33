"""A text field's frequency-only twin: what matching and ranking read instead of it.

A posting block of a text field with positions and character offsets (what phrases and
snippets need) is 90-94 % positions and offsets, and whoosh decompresses and unpickles
a whole block to read any of it. Matching only needs document numbers and ranking only
term weights and field lengths, so each highlighted text field (``body``) has a twin
(``body_f``) holding exactly those: same analyzer, same weights, same lengths, hence the
same BM25F scores, from blocks 15-20 times cheaper to read. The positional field stays
for phrases and snippets.

The twin does not analyse the text again: the writer indexes fields in sorted order, so
``body`` comes just before ``body_f``; the positional field leaves its terms behind for
the twin to reuse when it is handed the same string.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.fields import TEXT
from whoosh.formats import Format

from reader.core.search import fast_analysis, field_table, packed

#: positional field → its frequency-only twin (from the one table of search fields)
TWINS: dict[str, str] = field_table.TWINS


def twin_of(field: str) -> str:
    """The field matching and ranking read for ``field`` (itself when it has no twin)."""
    return TWINS.get(field, field)


# Per field name: (the value last indexed, its (term, frequency, weight) triples).
_last: dict[str, tuple[str, list[tuple[bytes, int, float]]]] = {}


class Counts(Format):  # type: ignore[misc]
    """Postings without values: the weight (frequency times the field boost, which the
    block stores anyway) and the field length are all BM25F reads."""

    posting_size = 0  # the codec then writes no values at all

    def __init__(self, field_boost: float = 1.0) -> None:
        self.field_boost = field_boost
        self.options: dict[str, Any] = {}

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Any:
        counts: dict[str, int] = {}
        kwargs.pop("positions", None)
        for t in analyzer(value, **kwargs):
            counts[t.text] = counts.get(t.text, 0) + 1
        fb = self.field_boost
        return ((w, n, n * fb, b"") for w, n in counts.items())

    def encode(self, value: Any) -> bytes:
        return b""


class PositionalText(TEXT):  # type: ignore[misc]
    """A ``TEXT`` field that leaves its terms for its twin (see the module's docstring)."""

    def __init__(self, name: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.format = packed.PackedCharacters(kwargs.get("field_boost", 1.0))  # see packed.py
        self.twin_of = name

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        postings = None if kwargs else fast_analysis.word_postings(value, self.analyzer)
        if postings is None or type(self.format) is not packed.PackedCharacters:
            items = list(super().index(value, **kwargs))
        else:  # what PackedCharacters.word_values and TEXT.index make of the same terms
            fb = self.format.field_boost
            items = [
                (w, len(where), len(where) * fb, packed.encode_triples(where))
                for w, where in postings.items()
            ]
        _last[self.twin_of] = (value, [(t, f, w) for t, f, w, _ in items])
        return iter(items)


class CountsText(TEXT):  # type: ignore[misc]
    """The frequency-only twin of :class:`PositionalText` field ``source``."""

    def __init__(self, source: str, analyzer: Any, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=analyzer, phrase=False, field_boost=field_boost)
        self.format = Counts(field_boost)
        self.source = source

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        last = _last.pop(self.source, None)
        if last is not None and (last[0] is value or last[0] == value):
            return iter([(t, f, w, b"") for t, f, w in last[1]])
        return super().index(value, **kwargs)  # type: ignore[no-any-return]
