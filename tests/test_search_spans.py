"""Marking where a query matches inside an article's text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search.spans import match_spans

TEXT = (
    "The missile co-production of AMRAAM missiles, the Joint Force Headquarters and "
    "deterrence. Missile! A note about China."
)


def words(query: str) -> list[str]:
    return [TEXT[s:e] for s, e in match_spans(query, TEXT)]


def test_stemmed_words_phrases_prefixes_and_fuzzy() -> None:
    assert words("missile") == ["missile", "missiles", "Missile"]
    assert words('"Joint Force Headquarters"') == ["Joint Force Headquarters"]
    assert words("deterr*") == ["deterrence"]
    assert words("missle~") == ["missile", "missiles", "Missile"]
    assert words("AMRAAM OR china") == ["AMRAAM", "China"]


def test_negated_and_non_text_fields_are_not_marked() -> None:
    assert words("missile -china") == ["missile", "missiles", "Missile"]
    assert words("note:missile") == []
    assert words("date:2025") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_query_gives_valid_spans(query: str) -> None:
    spans = match_spans(query, TEXT)
    assert all(0 <= s < e <= len(TEXT) for s, e in spans)
    assert spans == sorted(spans)
