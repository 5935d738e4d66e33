"""Reading postings a block at a time, and BM25F scoring of a known set of documents.

whoosh walks postings one call per posting (``id()``, ``weight()``, ``next()``, each a
few Python frames) and scores through a tree of matchers: at 10k articles, ranking a
common word's 9,000 matches that way was most of a query's time. Here a leaf posting
list is read block by block (each block is decompressed and unpickled once, into a tuple
of document numbers and an array of weights) and the documents are gathered or scored
with plain loops over those arrays.

Scores are whoosh's BM25F to the bit: the same ``idf`` and average field length from
the top-level searcher, the same byte-quantised field lengths (whoosh stores one byte
per document and field; here the 256 possible norms are computed once per field), the
same expression. Ties go to the lower document number, as in whoosh's collector.

Relies on whoosh 2.7's W3 codec internals (``W3LeafMatcher``'s block fields, the length
column's bytes); anything else falls back to the public, slower matcher calls.
"""

from __future__ import annotations

import functools
import heapq
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numlists import array

from reader.core.search.packed import _FIRST, _SWAP, PackedCharacters, block_positions

B, K1 = 0.75, 1.2  # whoosh's BM25F defaults, which the index has always used


def _leaf(m: Any) -> Any:
    while not isinstance(m, W3LeafMatcher) and hasattr(m, "child"):
        m = m.child  # a FilterMatcher over a segment with deletions
    return m


def blocks(
    reader: IndexReader, field: str, text: Any, within: list[int] | None = None
) -> Iterator[tuple[Any, Any]]:
    """(document numbers, weights) of a segment's postings, block by block. Deleted
    documents are included: callers intersect with live documents. ``within``
    (ascending segment numbers): blocks holding none of them may be left out, unread
    (a block's last number is known without decoding it)."""
    m = _leaf(reader.postings(field, text))
    if isinstance(m, W3LeafMatcher):
        first = 0  # the smallest document number the current block can hold
        while m.is_active():
            last = m._maxid
            if within is None or _any_between(within, first, last):
                if m._weights is None:
                    m._read_weights()
                yield _block_ids(m), m._weights
            first = last + 1
            m._next_block()
        return
    ids, weights = [], array("f")
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        m.next()
    yield ids, weights


def _any_between(ascending: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(ascending, lo)
    return i < len(ascending) and ascending[i] <= hi


def _block_ids(m: W3LeafMatcher) -> tuple[int, ...]:
    """The current block's document numbers: whoosh's ``_read_ids`` less its Python
    generator (the numbers are stored as differences)."""
    if m._ids is None:
        if m._data is None:
            m._read_data()
        m._ids = m._data[0] if m._byteids else tuple(accumulate(m._data[0]))
    return m._ids  # type: ignore[no-any-return]


def doc_ids(reader: IndexReader, field: str, text: Any) -> set[int]:
    """Live top-level document numbers holding ``text`` in ``field``."""
    out: set[int] = set()
    for leaf, offset in _leaves(reader):
        if (field, text) not in leaf:
            continue
        local: set[int] = set()
        for ids, _ in blocks(leaf, field, text):
            local.update(ids)
        if leaf.has_deletions():
            local.difference_update(leaf.deleted_docs_set)
        out.update(local if not offset else map(offset.__add__, local))
    return out


def positions_in(
    reader: IndexReader, field: str, text: Any, docs: list[int], what: str = "positions"
) -> dict[int, Sequence[Any]]:
    """Word positions of ``text`` (ascending; a list or an array) or, with
    ``what="characters"``, its (position, start, end) offsets, in each of ``docs``
    (sorted top-level numbers) that holds it: see :func:`iter_positions`."""
    return dict(iter_positions(reader, field, text, docs, what))


def iter_positions(
    reader: IndexReader, field: str, text: Any, docs: list[int], what: str = "positions"
) -> Iterator[tuple[int, Sequence[Any]]]:
    """(document, positions or offsets) for each of ``docs`` (sorted top-level numbers)
    holding ``text``, in ascending order. Only the blocks that contain one of ``docs``
    are decoded (a block's last document number is known without decoding it)."""
    for offset, m, wanted in _wanted_blocks(reader, field, text, docs):
        decode = m.format.decoder(what)
        if not isinstance(m, W3LeafMatcher):
            while m.is_active():
                if m.id() in wanted:
                    yield m.id() + offset, decode(m.value())
                m.next()
        elif what == "positions" and isinstance(m.format, PackedCharacters):
            yield from block_positions(m._ids, m._values, wanted, offset)
        else:
            for d, v in zip(m._ids, m._values, strict=True):
                if d in wanted:
                    yield d + offset, decode(v)


def _wanted_blocks(
    reader: IndexReader, field: str, text: Any, docs: list[int]
) -> Iterator[tuple[int, Any, set[int]]]:
    """(segment offset, matcher, wanted segment numbers) for each block of ``text``'s
    postings holding one of ``docs`` (sorted top-level numbers), its ids and values
    read (``m._ids``, ``m._values``); a matcher other than W3's is yielded once,
    unread."""
    for leaf, offset in _leaves(reader):
        lo = bisect_left(docs, offset)
        hi = bisect_left(docs, offset + leaf.doc_count_all())
        if lo == hi or (field, text) not in leaf:
            continue
        wanted = [d - offset for d in docs[lo:hi]]
        wanted_set = set(wanted)
        m = _leaf(leaf.postings(field, text))
        if not isinstance(m, W3LeafMatcher):
            yield offset, m, wanted_set
            continue
        first = 0  # the smallest document number the current block can hold
        while m.is_active():
            last = m._maxid
            if _any_between(wanted, first, last):
                _block_ids(m)
                m._read_values()
                yield offset, m, wanted_set
            first = last + 1
            m._next_block()


def pair_matches(
    reader: IndexReader, field: str, a: Any, b: Any, gap: int, docs: list[int]
) -> list[int] | None:
    """Which of ``docs`` (sorted top-level numbers) hold ``b`` ``gap`` words after
    ``a`` (``gap`` may be negative), ascending; None when the postings are not packed
    W3 blocks (the caller then compares position sets).

    A two-word phrase of common words reads some 10,000 postings of each word, and
    most of them hold one occurrence: those are read as one integer (no array, no
    set), and the rest as a set of ``a``'s positions shifted by ``gap`` once, so that
    checking ``b`` is a membership test per position, with no per-document generator
    or ``map``."""
    heads, swap = _FIRST, _SWAP
    where: dict[int, int | set[int]] = {}  # document → where ``b`` must be
    for offset, m, wanted in _wanted_blocks(reader, field, a, docs):
        if not isinstance(m, W3LeafMatcher) or not isinstance(m.format, PackedCharacters):
            return None
        for d, v in zip(m._ids, m._values, strict=True):
            if d in wanted:
                code, size, per_word, first = heads[v[0]]
                if len(v) == 1 + per_word:  # one occurrence
                    where[d + offset] = first(v)[0] + gap
                else:
                    ps = array(code, v[1 : 1 + (len(v) - 1) // per_word * size])
                    if swap:
                        ps.byteswap()
                    where[d + offset] = set(map(gap.__add__, ps)) if gap else set(ps)
    out: list[int] = []
    if not where:
        return out
    for offset, m, wanted in _wanted_blocks(reader, field, b, list(where)):
        if not isinstance(m, W3LeafMatcher) or not isinstance(m.format, PackedCharacters):
            return None
        for d, v in zip(m._ids, m._values, strict=True):
            if d in wanted:
                want = where[d + offset]
                code, size, per_word, first = heads[v[0]]
                if len(v) == 1 + per_word:
                    p = first(v)[0]
                    hit = p == want if type(want) is int else p in want  # type: ignore[operator]
                else:
                    ps = array(code, v[1 : 1 + (len(v) - 1) // per_word * size])
                    if swap:
                        ps.byteswap()
                    hit = want in ps if type(want) is int else not want.isdisjoint(ps)  # type: ignore[union-attr]
                if hit:
                    out.append(d + offset)
    return out


def top_scored(
    s: Searcher, terms: Iterable[tuple[str, Any]], docs: set[int], limit: int
) -> list[tuple[float, int]]:
    """The ``limit`` best (score, top-level docnum) of ``docs`` for the sum of the
    terms' BM25F scores; documents none of the terms occur in are left out."""
    acc: dict[int, float] = {}
    terms = list(terms)
    k1p1 = K1 + 1
    ascending = sorted(docs)
    for leaf, offset in _leaves(s.reader()):
        lo = bisect_left(ascending, offset)
        hi = bisect_left(ascending, offset + leaf.doc_count_all())
        if lo == hi:
            continue
        # A few matches of common words (a rare phrase): only their blocks are read.
        within = [d - offset for d in ascending[lo:hi]]
        for field, text in terms:
            if (field, text) not in leaf:
                continue
            idf = s.idf(field, text)
            norm = _norms(s.avg_field_length(field) or 1)
            lengths = _length_bytes(leaf, field)
            get = acc.get
            for ids, weights in blocks(leaf, field, text, within):
                for d, w in zip(ids, weights, strict=True):
                    g = d + offset
                    if g in docs:
                        n = norm[lengths[d]] if d < len(lengths) else norm[0]
                        acc[g] = get(g, 0.0) + idf * ((w * k1p1) / (w + n))
    return heapq.nsmallest(limit, ((-v, d) for d, v in acc.items()))


def _leaves(reader: IndexReader) -> list[tuple[IndexReader, int]]:
    return list(reader.leaf_readers())


def _length_bytes(leaf: IndexReader, field: str) -> bytes:
    """One byte per document: whoosh's quantised length of ``field`` (0 = none)."""
    try:
        col = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        if col is None:
            return b""
        return bytes(col._dbfile.get(col._basepos, col._count))
    except AttributeError:  # another codec: ask per document
        return bytes(
            _byte_of(leaf.doc_field_length(d, field, 0)) for d in range(leaf.doc_count_all())
        )


def _byte_of(length: int) -> int:
    from whoosh.util.numeric import length_to_byte

    return int(length_to_byte(length)) if length else 0


@functools.lru_cache(maxsize=64)
def _norms(avgfl: float) -> list[float]:
    """The BM25 length norm for each of the 256 length bytes (whoosh's expression)."""
    from whoosh.util.numeric import byte_to_length

    lengths = [1] + [byte_to_length(b) for b in range(1, 256)]  # no length: whoosh's 1
    return [K1 * ((1 - B) + B * fl / avgfl) for fl in lengths]
