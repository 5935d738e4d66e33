"""Overlapping highlights split into pieces with the innermost highlight first."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from reader.core.models import Highlight
from reader.ui.reading.highlight_paint import Piece, pieces


def h(hid: int, start: int | None, end: int | None) -> Highlight:
    return Highlight(id=hid, uid=str(hid), article_id=1, start=start, end=end, quote="x")


def test_nested_and_overlapping_and_orphans() -> None:
    result = pieces([h(1, 0, 100), h(2, 50, 60), h(3, 90, 120), h(4, None, None)])
    assert result == [
        Piece(0, 50, (1,)),
        Piece(50, 60, (2, 1)),
        Piece(60, 90, (1,)),
        Piece(90, 100, (3, 1)),
        Piece(100, 120, (3,)),
    ]


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 60)), max_size=25))
def test_pieces_cover_exactly_the_highlighted_characters(spans: list[tuple[int, int]]) -> None:
    items = [h(n + 1, s, s + length) for n, (s, length) in enumerate(spans)]
    result = pieces(items)
    covered = {c for p in result for c in range(p.start, p.end)}
    assert covered == {c for s, length in spans for c in range(s, s + length)}
    for piece in result:
        assert set(piece.ids) == {
            x.id for x in items if x.start <= piece.start and piece.end <= x.end
        }  # type: ignore[operator]
    assert all(a.end <= b.start for a, b in itertools.pairwise(result))
