"""The packed positions format gives back exactly what whoosh's ``Characters`` does."""

from __future__ import annotations

import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Characters

from reader.core.library import Library
from reader.core.search import SearchService
from reader.core.search.packed import PackedCharacters, encode, encode_triples, positions
from reader.core.search.schema import text_analyzer

WORDS = st.sampled_from(["state", "of", "the", "art", "défense", "x", "collaboration", "a"])


def _both(text: str, boost: float = 1.0) -> tuple[list[tuple], list[tuple]]:
    analyzer = text_analyzer()
    old = list(Characters(boost).word_values(text, analyzer))
    new = list(PackedCharacters(boost).word_values(text, analyzer))
    return old, new


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, max_size=60), st.sampled_from([" ", "  ", " — ", "\n\n"]))
def test_same_terms_weights_positions_and_offsets(words: list[str], sep: str) -> None:
    old_format, new_format = Characters(3.0), PackedCharacters(3.0)
    old, new = _both(sep.join(words), 3.0)
    assert [v[:3] for v in old] == [v[:3] for v in new]
    for (_, freq, _, ov), (_, _, _, nv) in zip(old, new, strict=True):
        assert new_format.decode_characters(nv) == old_format.decode_characters(ov)
        assert list(positions(nv)) == new_format.decode_positions(nv)
        assert new_format.decode_positions(nv) == old_format.decode_positions(ov)
        assert new_format.decode_frequency(nv) == freq
        assert new_format.decode_weight(nv) == old_format.decode_weight(ov)


def test_large_positions_and_offsets_widen_the_arrays() -> None:
    # Past 65,535 words and characters the arrays take four bytes per number.
    text = " ".join(["alpha"] * 70_000 + ["omega"])
    _, new = _both(text)
    fmt = PackedCharacters()
    (omega,) = [v for t, *_, v in new if t == "omega"]
    assert list(positions(omega)) == [70_000]
    ((pos, start, end),) = fmt.decode_characters(omega)
    assert (pos, text[start:end]) == (70_000, "omega")


@given(st.sampled_from([0, 255, 256, 65_535, 65_536, 2**32 - 1]), st.data())
def test_one_occurrence_at_every_width(pos: int, data: st.DataObject) -> None:
    # The one-occurrence fast path writes what the arrays would: header byte, then
    # each number as narrow as it fits.
    start = data.draw(st.sampled_from([0, 255, 256, 65_535, 65_536, 2**31]))
    length = data.draw(st.sampled_from([1, 255, 256, 65_535, 65_536]))
    value = encode_triples([(pos, start, start + length)])
    assert value == encode([pos], [start], [start + length])
    widths = [0 if n < 256 else 1 if n < 65_536 else 2 for n in (pos, start, length)]
    sizes = [(1, 2, 4)[w] for w in widths]
    assert value[0] == widths[0] | widths[1] << 2 | widths[2] << 4
    assert value[1:] == b"".join(
        n.to_bytes(size, "little") for n, size in zip((pos, start, length), sizes, strict=True)
    )
    assert PackedCharacters().decode_characters(value) == [(pos, start, start + length)]


def test_combine_merges_postings() -> None:
    _, new = _both("alpha beta alpha")
    fmt = PackedCharacters()
    (alpha,) = [v for t, *_, v in new if t == "alpha"]
    assert fmt.decode_characters(fmt.combine([alpha, alpha])) == fmt.decode_characters(alpha)


def test_the_library_index_writes_blocks_at_protocol_4(sample_library: Library) -> None:
    # What the index writer writes (not only what the codec can): raw bytes in blocks.
    s = SearchService(sample_library.index).searcher()
    reader = s.reader()
    word = max(reader.lexicon("body"), key=lambda w: reader.doc_frequency("body", w))
    m = reader.postings("body", word)
    while not isinstance(m, W3LeafMatcher):
        m = m.child
    block = m._postfile.get(m._dataoffset, m._nextoffset - m._dataoffset)
    assert block[:2] == b"\x80\x04"  # and uncompressed: positions are read raw
    twin = reader.postings("body_f", word)
    while not isinstance(twin, W3LeafMatcher):
        twin = twin.child
    block = twin._postfile.get(twin._dataoffset, twin._nextoffset - twin._dataoffset)
    assert zlib.decompress(block)[:2] == b"\x80\x04"  # the twins stay compressed
