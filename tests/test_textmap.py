"""Offsets between canonical text (code points) and Qt documents (UTF-16 units)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.textmap import Segment, TextMap, utf16_len


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("a😀b") == 4
    assert utf16_len("日本") == 2


def test_offsets_map_through_gaps_and_a_header() -> None:
    text = "First para.\n\n- item one\n- 😀 two"
    # Document: a 10-unit header, then the paragraph, then list items without markers.
    segments = [Segment(0, 11, 10), Segment(15, 23, 22), Segment(26, 32, 31)]
    tmap = TextMap(text, segments)
    assert tmap.to_doc(0) == 10 and tmap.to_doc(11) == 21
    assert tmap.to_doc(13) == 22  # inside the "\n\n- " gap: snaps to the next segment
    assert tmap.to_doc(28) == 31 + 3  # "😀 " is three UTF-16 units before "two"
    assert tmap.to_canon(34) == 28
    assert tmap.to_canon(3) == 0  # the header maps to the start of the text
    assert tmap.doc_ranges(5, 20) == [(15, 21), (22, 27)]


@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
    st.data(),
)
def test_round_trip_inside_one_segment(text: str, data: st.DataObject) -> None:
    tmap = TextMap(text, [Segment(0, len(text), 7)])
    offset = data.draw(st.integers(0, len(text)))
    assert tmap.to_canon(tmap.to_doc(offset)) == offset
