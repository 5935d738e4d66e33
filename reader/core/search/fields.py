"""A text field's frequency-only twin: what matching and ranking read instead of it.

A posting block of a text field with positions and character offsets (what phrases and
snippets need) is 90-94 % positions and offsets, and whoosh decompresses and unpickles
a whole block to read any of it. Matching only needs document numbers and ranking only
term weights and field lengths, so each highlighted text field (``body``) has a twin
(``body_f``) holding exactly those: same analyzer, same weights, same lengths, hence the
same BM25F scores, from blocks 15-20 times cheaper to read. The positional field stays
for phrases and snippets.

A second twin (``body_p``) holds each pair of adjacent words as one term ("japan
exercis"), also without positions: a two-word phrase is then one posting list, not a
comparison of positions (which whoosh stores pickled per posting), and a longer phrase
checks positions only in the few documents that hold all its pairs.

The twins do not analyse the text again: the writer indexes fields in sorted order, so
``body`` comes just before ``body_f`` and ``body_p``; the positional field leaves its
terms and word sequence behind for the twins to reuse when handed the same string.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from whoosh.fields import TEXT
from whoosh.formats import Format

#: positional field → its frequency-only twin
TWINS: dict[str, str] = {"title": "title_f", "body": "body_f", "quote": "quote_f", "note": "note_f"}
#: positional field → its adjacent-pairs twin
PAIRS: dict[str, str] = {name: name + "_p" for name in TWINS}


def twin_of(field: str) -> str:
    """The field matching and ranking read for ``field`` (itself when it has no twin)."""
    return TWINS.get(field, field)


# Per field name: (the value last indexed, its (term, frequency, weight) triples).
_last: dict[str, tuple[str, list[tuple[bytes, int, float]]]] = {}
# Per field name: (the value last indexed, its adjacent word pairs with their counts).
_last_pairs: dict[str, tuple[str, dict[str, int]]] = {}


def pair_term(first: str, second: str) -> str:
    """The pairs twin's term for two adjacent words (a space never occurs in a term)."""
    return f"{first} {second}"


def _pairs(sequence: list[tuple[str, int]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for (a, pa), (b, pb) in pairwise(sequence):
        if pb == pa + 1:  # a stop word between them leaves a gap: not adjacent
            term = pair_term(a, b)
            counts[term] = counts.get(term, 0) + 1
    return counts


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
        self.twin_of = name

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        sequence: list[tuple[str, int]] = []
        analyzer = self.analyzer

        def recording(text: Any, **kw: Any) -> Iterator[Any]:
            for token in analyzer(text, **kw):
                if not token.stopped:
                    sequence.append((token.text, token.pos))
                yield token

        kwargs.setdefault("mode", "index")
        items = [
            (w.encode("utf-8"), f, wt, v)
            for w, f, wt, v in self.format.word_values(value, recording, **kwargs)
        ]
        _last[self.twin_of] = (value, [(t, f, w) for t, f, w, _ in items])
        _last_pairs[self.twin_of] = (value, _pairs(sequence))
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


class PairsText(TEXT):  # type: ignore[misc]
    """The adjacent-pairs twin of :class:`PositionalText` field ``source``: matched,
    never scored."""

    def __init__(self, source: str, analyzer: Any) -> None:
        super().__init__(analyzer=analyzer, phrase=False)
        self.format = Counts()
        self.scorable = False
        self.source = source

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        last = _last_pairs.pop(self.source, None)
        if last is not None and (last[0] is value or last[0] == value):
            counts = last[1]
        else:
            sequence = [(t.text, t.pos) for t in self.analyzer(value, positions=True, mode="index")]
            counts = _pairs(sequence)
        return iter([(t.encode("utf-8"), n, float(n), b"") for t, n in counts.items()])
