"""Word positions and character offsets stored as packed integer arrays.

whoosh's ``Characters`` format pickles each posting's ``(position, start, end)`` triples
as a list of delta tuples; reading them back is an unpickle plus a Python loop per
posting. Checking a phrase of two common words at 10k articles decoded some 100,000
of them, and that decoding was half of the query. Here a posting's value is one header
byte and three little-endian arrays: the positions, then the start offsets, then the
word lengths, each as narrow as its largest number allows. A phrase reads the positions
with one ``array`` call; snippets read all three.

The positional text fields use :class:`PackedCharacters` (``fields.PositionalText``);
changing this layout needs a new ``INDEX_VERSION`` (``schema.py``).

whoosh pickles each block of postings at protocol 2, where every ``bytes`` value
becomes a call to ``_codecs.encode`` on a string: unpickling a block of 128 positional
postings took 110 µs, as much as decompressing it. :class:`PackedCodec` writes the same
blocks at protocol 4 (raw bytes; 20 µs), which whoosh's reader reads unchanged, and
leaves the blocks of packed positions uncompressed (zlib saved a third of their size
and took four times as long as unpickling them).
"""

from __future__ import annotations

import pickle
import struct
import sys
import zlib
from array import array
from collections.abc import Container, Iterable, Iterator
from itertools import repeat
from operator import add
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _W3_MAGIC
from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.formats import Format, tokens
from whoosh.util.numeric import length_to_byte

# Array typecodes of 1, 2 and 4 bytes (``I`` and ``L`` differ between platforms).
_WIDE = next(t for t in ("I", "L") if array(t).itemsize == 4)
_CODES = ("B", "H", _WIDE)
_SIZES = (1, 2, 4)
_SWAP = sys.byteorder == "big"  # stored little-endian whatever the machine


def _width(largest: int) -> int:
    """The index in :data:`_CODES` of the narrowest array that holds ``largest``."""
    return 0 if largest < 0x100 else 1 if largest < 0x10000 else 2


def _pack(code: int, values: list[int]) -> bytes:
    packed = array(_CODES[code], values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _unpack(code: int, data: bytes) -> array[int]:
    out = array(_CODES[code], data)
    if _SWAP:
        out.byteswap()
    return out


#: Per header byte, the layout of a posting with one occurrence: header, position,
#: start, length (one ``pack`` call: most postings are such, and indexing makes 2M).
_ONE = [
    struct.Struct("<B" + "BHI"[h & 3] + "BHI"[h >> 2 & 3] + "BHI"[h >> 4 & 3])
    if h & 3 < 3 and h >> 2 & 3 < 3 and h >> 4 & 3 < 3
    else None
    for h in range(64)
]


def _one(pos: int, start: int, length: int) -> bytes:
    head = (
        (0 if pos < 0x100 else 1 if pos < 0x10000 else 2)
        | (0 if start < 0x100 else 4 if start < 0x10000 else 8)
        | (0 if length < 0x100 else 16 if length < 0x10000 else 32)
    )
    return _ONE[head].pack(head, pos, start, length)  # type: ignore[union-attr]


def encode(positions: list[int], starts: list[int], ends: list[int]) -> bytes:
    """One posting's value: a header byte (the three arrays' widths) and the arrays."""
    if len(positions) == 1:  # most postings: one occurrence, packed without arrays
        return _one(positions[0], starts[0], ends[0] - starts[0])
    lengths = list(map(int.__sub__, ends, starts))
    pw, sw, lw = _width(max(positions)), _width(max(starts)), _width(max(lengths))
    return b"".join(
        (
            bytes((pw | sw << 2 | lw << 4,)),
            _pack(pw, positions),
            _pack(sw, starts),
            _pack(lw, lengths),
        )
    )


def encode_triples(where: list[tuple[int, int, int]]) -> bytes:
    """:func:`encode` of (position, start, end) triples, as the fused analysis gives them."""
    if len(where) == 1:
        pos, start, end = where[0]
        return _one(pos, start, end - start)
    positions, starts, ends = zip(*where, strict=True)
    return encode(list(positions), list(starts), list(ends))


def _layout(value: bytes) -> tuple[int, int, int, int]:
    """(positions' width code, starts' code, lengths' code, number of words)."""
    head = value[0]
    pw, sw, lw = head & 3, head >> 2 & 3, head >> 4 & 3
    return pw, sw, lw, (len(value) - 1) // (_SIZES[pw] + _SIZES[sw] + _SIZES[lw])


# Per header byte: (positions' typecode, bytes per position, bytes per word), so that
# reading a posting's positions is a table look-up and one array call.
_HEADS = [
    (_CODES[h & 3], _SIZES[h & 3], _SIZES[h & 3] + _SIZES[h >> 2 & 3] + _SIZES[h >> 4 & 3])
    if h & 3 < 3 and h >> 2 & 3 < 3 and h >> 4 & 3 < 3
    else ("B", 1, 1)
    for h in range(256)
]


#: Per header byte: :data:`_HEADS`' entry and a reader of the first position (an
#: ``unpack_from``: half the cost of slicing and ``int.from_bytes``), for a phrase's
#: one-occurrence postings.
_FIRST = [
    (*_HEADS[h], struct.Struct("<x" + "BHI"[h & 3]).unpack_from if h & 3 < 3 else None)
    for h in range(256)
]


def positions(value: bytes) -> array[int]:
    """The word positions of one posting, ascending (called once per posting a phrase
    reads: kept to a look-up and an ``array`` call)."""
    code, size, per_word = _HEADS[value[0]]
    out = array(code, value[1 : 1 + (len(value) - 1) // per_word * size])
    if _SWAP:
        out.byteswap()
    return out


def block_positions(
    ids: Iterable[int], values: Iterable[bytes], wanted: Container[int], offset: int
) -> Iterator[tuple[int, array[int]]]:
    """(document number + ``offset``, positions) of a block's postings whose number is
    in ``wanted``: :func:`positions` inlined, as a phrase calls it for every posting."""
    heads = _HEADS
    for d, v in zip(ids, values, strict=True):
        if d in wanted:
            code, size, per_word = heads[v[0]]
            out = array(code, v[1 : 1 + (len(v) - 1) // per_word * size])
            if _SWAP:
                out.byteswap()
            yield d + offset, out


class PackedCharacters(Format):  # type: ignore[misc]
    """Positions and character offsets per posting, as whoosh's ``Characters`` gives
    them (the same terms, frequencies, weights and decoded values), packed as arrays."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[Any]:
        fb = self.field_boost
        seen: dict[str, list[int]] = {}  # term → position, start, end, position, …
        weights: dict[str, float] = {}
        kwargs.update(positions=True, chars=True, boosts=True)
        for t in tokens(value, analyzer, kwargs):
            text = t.text
            if text in seen:
                seen[text] += (t.pos, t.startchar, t.endchar)
                weights[text] += t.boost
            else:
                seen[text] = [t.pos, t.startchar, t.endchar]
                weights[text] = t.boost
        for text, flat in seen.items():
            value = encode(flat[0::3], flat[1::3], flat[2::3])
            yield text, len(flat) // 3, weights[text] * fb, value

    def decode_frequency(self, value: bytes) -> int:
        return _layout(value)[3]

    def decode_weight(self, value: bytes) -> float:
        return float(self.decode_frequency(value) * self.field_boost)

    def decode_positions(self, value: bytes) -> list[int]:
        return positions(value).tolist()

    def decode_characters(self, value: bytes) -> list[tuple[int, int, int]]:
        pw, sw, lw, n = _layout(value)
        a = 1 + n * _SIZES[pw]
        b = a + n * _SIZES[sw]
        starts = _unpack(sw, value[a:b])
        ends = map(add, starts, _unpack(lw, value[b : b + n * _SIZES[lw]]))
        return list(zip(_unpack(pw, value[1:a]), starts, ends, strict=False))

    def decode_position_boosts(self, value: bytes) -> list[tuple[int, float]]:
        return list(zip(positions(value), repeat(1.0)))

    def combine(self, values: list[bytes]) -> bytes:
        """Several postings of one term as one (whoosh's term vectors ask for it)."""
        by_pos: dict[int, tuple[int, int]] = {}
        for v in values:
            for pos, start, end in self.decode_characters(v):
                lo, hi = by_pos.get(pos, (start, end))
                by_pos[pos] = (min(start, lo), max(end, hi))
        ps = sorted(by_pos)
        return encode(ps, [by_pos[p][0] for p in ps], [by_pos[p][1] for p in ps])


class _Protocol4PostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """whoosh's posting writer with blocks pickled at protocol 4 (``_write_block`` as
    whoosh 2.7's, less its protocol 2)."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(_W3_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        # Packed positions compress by a third only, and decompressing was 80 % of
        # reading such a block: they are stored as they are.
        comp = 0 if isinstance(self._format, PackedCharacters) else self._compression
        databytes = pickle.dumps(data, 4)
        if comp:
            databytes = zlib.compress(databytes, comp)
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        infobytes = pickle.dumps(info, 2)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class PackedCodec(W3Codec):  # type: ignore[misc]
    """whoosh's W3 codec writing posting blocks at pickle protocol 4 (read as W3's)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _Protocol4PostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
