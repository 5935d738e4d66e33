"""Export safety: no silent overwrite, atomic writes, file names safe from any title."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.export import ExportError, export
from reader.core.export.write import atomic_write, safe_file_name, unique_names
from reader.core.library import Library
from tests.export_helpers import Annotated, annotate


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    return annotate(sample_library)


def test_refuses_to_overwrite_without_force(annotated: Annotated, tmp_path: Path) -> None:
    target = tmp_path / "notes.html"
    target.write_text("my earlier brief", encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        export(annotated.library, "html", target)
    assert target.read_text(encoding="utf-8") == "my earlier brief"
    export(annotated.library, "html", target, force=True)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_per_article_refuses_when_any_file_exists(annotated: Annotated, tmp_path: Path) -> None:
    first = export(annotated.library, "md", tmp_path / "vault", per_article=True)
    before = {p: p.read_bytes() for p in first.paths}
    with pytest.raises(ExportError, match="already exist"):
        export(annotated.library, "md", tmp_path / "vault", per_article=True)
    assert {p: p.read_bytes() for p in first.paths} == before
    again = export(annotated.library, "md", tmp_path / "vault", per_article=True, force=True)
    assert again.paths == first.paths  # same names: a re-export replaces its own files


def test_a_folder_destination_gets_a_default_name(annotated: Annotated, tmp_path: Path) -> None:
    result = export(annotated.library, "csv", tmp_path)
    assert result.paths == [tmp_path / "research-reader-export.csv"]


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        calls.append((str(src), str(dst)))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"old"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # temp file removed
    tmp_name = Path(calls[0][0])
    assert tmp_name.parent == tmp_path and tmp_name.name.startswith(".out.txt.")
    monkeypatch.setattr(os, "replace", real_replace)
    atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../etc/passwd", "etc passwd"),
        ("..", "untitled"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("Com1", "_Com1"),
        ("  .hidden. ", "hidden"),
        ("line\nbreak\x00nul", "line break nul"),
        ("", "untitled"),
    ],
)
def test_safe_file_names(title: str, expected: str) -> None:
    assert safe_file_name(title) == expected


def test_long_and_duplicate_titles() -> None:
    long_name = safe_file_name("word " * 60)
    assert len(long_name) <= 80 and not long_name.endswith(" ")
    names = unique_names(["Same", "same", "Same", "Other"], ".md")
    assert names == ["Same.md", "same (2).md", "Same (3).md", "Other.md"]
    for name in names:
        assert os.sep not in name and not name.startswith(".")


def test_hostile_titles_stay_inside_the_folder(annotated: Annotated, tmp_path: Path) -> None:
    store = annotated.library.store
    with store.transaction() as db:
        db.execute("UPDATE articles SET title = '../../escape' WHERE id = 1")
        db.execute("UPDATE articles SET title = 'CON' WHERE id = 2")
    result = export(annotated.library, "md", tmp_path / "vault", per_article=True)
    assert all(p.parent == tmp_path / "vault" for p in result.paths)
    assert {p.name for p in result.paths} >= {"escape.md", "_CON.md"}
    assert not (tmp_path / "escape.md").exists()


def test_bad_requests(annotated: Annotated, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format"):
        export(annotated.library, "rtf", tmp_path / "x.rtf")
    with pytest.raises(ExportError, match="Markdown only"):
        export(annotated.library, "html", tmp_path / "x", per_article=True)
    with pytest.raises(ExportError, match="PDF"):
        export(annotated.library, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ExportError, match="no such folder"):
        export(annotated.library, "csv", tmp_path / "missing" / "x.csv")
