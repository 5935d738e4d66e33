"""Bounded work: a prefix that expands to very many words counts its most frequent
expansions and estimates the rest ("about N", exact on request); snippets can be asked
for the first rows only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import Library
from reader.core.search import searcher


@pytest.fixture
def many_words(tmp_path: Path, empty_library: Library, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setattr(searcher, "MATCH_CAP", 5)
    folder = tmp_path / "files"
    folder.mkdir()
    for i in range(24):
        word = "qzv" + "".join("abcdefghij"[int(d)] for d in f"{i:02d}")
        (folder / f"a{i:02d}.txt").write_text(
            f"Report {i}\n\nA note on {word} and nothing else.\n", encoding="utf-8"
        )
    empty_library.import_paths([folder])
    return empty_library


def test_a_wide_prefix_gives_an_estimate_and_exact_on_request(many_words: Library) -> None:
    about = many_words.search("qzv*")
    assert about.estimated and 5 <= about.total <= 24
    assert len(about.hits) == 5  # from the counted expansions
    exact = many_words.search("qzv*", exact=True)
    assert not exact.estimated and exact.total == 24 and len(exact.hits) == 20
    narrow = many_words.search("qzvaa*")
    assert not narrow.estimated and narrow.total == 1


def test_the_cli_says_about_and_counts_with_exact(
    many_words: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(many_words.root)
    many_words.close()
    assert main(["--library", lib, "search", "qzv*"]) == 0
    assert "of about" in capsys.readouterr().out
    assert main(["--library", lib, "search", "qzv*", "--exact", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 24 and data["total_estimated"] is False


def test_snippets_for_the_first_rows_only(sample_library: Library) -> None:
    """The window asks for many hits but snippets for the rows it shows first."""
    hits = sample_library.search("japan", limit=5, snippets=2).hits
    assert len(hits) == 5
    assert all(h.snippets for h in hits[:2]) and not any(h.snippets for h in hits[2:])
