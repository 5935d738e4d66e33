"""Phrases match adjacent words only: a stop word between two words keeps them apart
(issue 13: whoosh's StopFilter renumbered positions, so "japan exercises" matched
"Japan and exercises"), while a phrase that contains stop words still matches itself."""

from __future__ import annotations

from pathlib import Path

from reader.core.library import Library
from reader.core.search.spans import match_spans


def _add(tmp_path: Path, library: Library, texts: dict[str, str]) -> dict[str, int]:
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(
            f"{name.title()} report\n\n{text}\n", encoding="utf-8"
        )
    library.import_paths([tmp_path / f"{name}.txt" for name in texts])
    return {Path(s.path or "").stem: s.id for s in library.store.summaries()}


def test_a_phrase_does_not_match_across_a_stop_word(tmp_path: Path, empty_library: Library) -> None:
    ids = _add(
        tmp_path,
        empty_library,
        {
            "adjacent": "Observers watched Japan exercises near Okinawa.",
            "apart": "Observers watched Japan and the exercises near Okinawa.",
            "idiom": "A state of the art radar was shown.",
            "other": "The state of art differs here.",
        },
    )
    found = empty_library.search('"japan exercises"')
    assert {h.id for h in found.hits} == {ids["adjacent"]} and found.total == 1
    assert empty_library.search("japan exercises").total == 2  # as words, both match
    idiom = empty_library.search('"state of the art"')
    assert {h.id for h in idiom.hits} == {ids["idiom"]}


def test_marks_in_the_reader_follow_the_same_rule() -> None:
    text = "Japan exercises. Japan and exercises. State of the art."
    marked = [text[s:e] for s, e in match_spans('"japan exercises"', text)]
    assert marked == ["Japan exercises"]
    marked = [text[s:e] for s, e in match_spans('"state of the art"', text)]
    assert marked == ["State of the art"]


def test_the_date_line_is_searchable(sample_library: Library) -> None:
    """The importer moves "July 17, 2025" out of the text into the date; it still finds
    the article, as words and as a phrase, without changing how others rank."""
    found = sample_library.search("July 17, 2025")
    assert found.total >= 1 and all(h.date == "2025-07-17" for h in found.hits)
    assert sample_library.search('"July 17, 2025"').total == found.total
    assert sample_library.search('"July 18, 2025"').total == 0
