"""Indexing's fused analysis gives exactly the terms, positions, offsets and weights
whoosh's analyzer chain gives (the index must not depend on which path ran)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import StandardAnalyzer

from reader.core.search import fast_analysis
from reader.core.search.schema import build_schema, text_analyzer

SAMPLES = [
    "",
    "The Japan and exercises: self-defense forces, 3.141 and under_score.",
    "Café CAFÉ cafe naïve Æsir straße İstanbul ǅemal ﬁnance",
    "a I x 12 1,000,000 e.g. U.S. it's don’t — dash–dash",
    "running runs ran runner's RUNNING. Generously, generalisations!",
    "日本語のテキスト and ελληνικά words, Ümlaut  tabs\tand\nnew lines\n\n",
    "word " * 50 + "the of and a to in is",
]


def _whoosh(field: Any, value: str) -> list[tuple[bytes, int, float, bytes]]:
    """The field's terms through whoosh's own path (bypassing the fused one)."""
    return sorted(super(type(field), field).index(value))


def _fused(field: Any, value: str) -> list[tuple[bytes, int, float, bytes]]:
    return sorted(field.index(value))


def test_every_sample_matches_whoosh() -> None:
    schema = build_schema()
    for name in ("title", "body", "quote", "note"):
        field = schema[name]
        for text in SAMPLES:
            assert _fused(field, text) == _whoosh(field, text), (name, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_matches_whoosh(text: str) -> None:
    field = build_schema()["body"]
    assert _fused(field, text) == _whoosh(field, text)


def test_another_chain_takes_whoosh_path() -> None:
    assert fast_analysis.word_postings("some words", StandardAnalyzer()) is None
    assert fast_analysis.word_postings("some words", text_analyzer()) is not None
    assert fast_analysis.word_postings(["a", "list"], text_analyzer()) is None


def test_the_term_cache_is_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(fast_analysis, "TERM_CACHE_SIZE", 3)
    analyzer = text_analyzer()
    fast_analysis.word_postings("alpha bravo charlie delta echo foxtrot", analyzer)
    fast_analysis.word_postings("golf hotel", analyzer)
    plan = fast_analysis._plan_for(analyzer)
    assert plan is not None and len(plan.terms) <= 3 + 6


def test_a_plan_never_outlives_its_analyzer() -> None:
    import gc

    analyzer = text_analyzer()
    assert fast_analysis._plan_for(analyzer) is not None
    key = id(analyzer)
    del analyzer
    gc.collect()
    assert key not in fast_analysis._plans


def test_an_opened_index_takes_the_fused_path(tmp_path: Any) -> None:
    """The schema a writer uses is unpickled from the index: its analyzer must still
    be the chain the fused loop copies, or bulk indexing quietly slows down."""
    from reader.core.search.storage import MappedFileStorage

    ix = MappedFileStorage(str(tmp_path)).create_index(build_schema())
    reopened = MappedFileStorage(str(tmp_path)).open_index()
    for name in ("title", "body", "quote", "note"):
        analyzer = reopened.schema[name].analyzer
        assert fast_analysis.word_postings("Some words", analyzer) == {
            b"some": [(0, 0, 4)],
            b"word": [(1, 5, 10)],
        }
    ix.close()
    reopened.close()
