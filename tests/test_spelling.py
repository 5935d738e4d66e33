"""Spelling suggestions a person would accept, on the sample library and after a few
hundred unrelated pages (where frequency alone used to pick "mobility" for "misile")."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from reader.core.library import Library
from reader.core.search.spelling import distance, fuzzy_query, suggest_spelling
from tests.conftest import ROOT

WANTED = {
    "misile": "missile",
    "deterence": "deterrence",
    "Okinwa": "Okinawa",
    "headquaters": "headquarters",
    "MISILE": "MISSILE",
    "Japan misile": "Japan missile",
}


def synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(library: Library) -> None:
    for typed, meant in WANTED.items():
        assert suggest_spelling(library, typed) == meant, typed
    for known in ("missile", "deterrence", "Okinawa", "deter", "Japan"):
        assert suggest_spelling(library, known) is None, known
    # Words the user excluded, phrases and prefixes are left alone.
    assert suggest_spelling(library, '"misile"') is None
    assert suggest_spelling(library, "Japan -misile") is None


def test_suggestions_on_the_sample_library(sample_library: Library) -> None:
    check(sample_library)
    result = sample_library.search("misile")
    assert result.total == 0 and result.suggestion == "missile"
    # "deterence" finds articles through the stem "deter", yet no article writes it.
    stemmed = sample_library.search("deterence")
    assert stemmed.suggestion == "deterrence"
    assert sample_library.search("deterrence").suggestion is None


def test_suggestions_survive_a_few_hundred_unrelated_pages(
    sample_library: Library, tmp_path: Path
) -> None:
    syn = synthetic()
    rng = random.Random(11)
    vocab = syn.Vocabulary(rng, size=5000)
    syn.write_corpus(tmp_path / "pages", 300, vocab, rng)
    report = sample_library.import_paths([tmp_path / "pages"])
    assert report.imported == 300
    check(sample_library)
    assert sample_library.search("misile").suggestion == "missile"
    assert sample_library.search("deterence Okinwa").total >= 0


@pytest.mark.parametrize(
    ("a", "b", "d"),
    [("misile", "missile", 1), ("teh", "the", 1), ("misil", "mobil", 2), ("", "ab", 2)],
)
def test_distance_counts_a_swap_as_one_edit(a: str, b: str, d: int) -> None:
    assert distance(a, b) == d


def test_fuzzy_query_loosens_plain_words_only(sample_library: Library) -> None:
    assert fuzzy_query("missle deterence") == "missle~ deterence~"
    assert fuzzy_query('"missle" -japan title:x') is None
    assert fuzzy_query("missle~") is None
    loose = fuzzy_query("missle")
    assert loose is not None and sample_library.search(loose).total >= 1
    assert sample_library.search("missle").total == 0
