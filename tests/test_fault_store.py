"""Fault suite, item 11: unusable stores are told apart, and a damaged one is not written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from reader.core import store_health
from reader.core.errors import LibraryError, StoreDamagedError
from reader.core.library import Library
from reader.core.schema import SCHEMA_VERSION
from tests.fault_helpers import build_library, checkpoint, corrupt_page, run_main


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    build_library(tmp_path / "lib", 300).close()
    return tmp_path / "lib"


def _one_line(err: str) -> str:
    """The one error line (a damaged store adds a warning line before it)."""
    lines = [line for line in err.strip().splitlines() if "warning: " not in line]
    assert len(lines) == 1 and lines[0].startswith("research-reader: error: "), err
    assert "internal error" not in err and "Traceback" not in err
    return lines[0]


def test_zero_byte_store_is_reported_not_reinitialised(lib: Path, capsys: object) -> None:
    (lib / "library.sqlite3").write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        (lib / f"library.sqlite3{suffix}").unlink(missing_ok=True)
    code, _, err = run_main(capsys, "--library", str(lib), "list")
    assert code == 1
    assert "empty (0 bytes)" in _one_line(err)
    assert (lib / "library.sqlite3").stat().st_size == 0  # nothing was written over it


def test_zero_byte_store_of_a_library_never_used_just_starts(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "library.sqlite3").write_bytes(b"")
    with Library.open(tmp_path / "new") as library:
        assert library.store.article_count() == 0


def test_read_only_folder_is_not_called_damaged(
    lib: Path, capsys: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.access
    monkeypatch.setattr(
        store_health.os,
        "access",
        lambda p, mode: False if Path(p) == lib and mode == os.W_OK else real(p, mode),
    )
    code, _, err = run_main(capsys, "--library", str(lib), "list")
    line = _one_line(err)
    assert code == 1 and "read-only" in line and "not harmed" in line
    assert "restore" not in line and "damaged" not in line


@pytest.mark.parametrize(
    ("version", "expected"),
    [(-5, "unknown schema version -5"), (SCHEMA_VERSION + 7, "made by a newer Research Reader")],
)
def test_schema_versions_out_of_range(
    lib: Path, capsys: object, version: int, expected: str
) -> None:
    db = sqlite3.connect(lib / "library.sqlite3")
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    code, _, err = run_main(capsys, "--library", str(lib), "list")
    assert code == 1 and expected in _one_line(err)


def test_not_a_database(lib: Path, capsys: object) -> None:
    checkpoint(lib / "library.sqlite3")
    (lib / "library.sqlite3").write_bytes(b"hello, I am a text file\n" * 400)
    code, _, err = run_main(capsys, "--library", str(lib), "list")
    assert code == 1 and "not an SQLite database" in _one_line(err)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_damaged_store_refuses_writes_and_says_how_to_restore(lib: Path, capsys: object) -> None:
    store_file = lib / "library.sqlite3"
    corrupt_page(store_file, page=store_file.stat().st_size // 4096 // 2)
    before = _digest(store_file)
    code, _, err = run_main(capsys, "--library", str(lib), "list")
    assert "damaged" in err and "internal error" not in err  # reads go on where they can
    assert store_health.marker_path(store_file).exists()
    code, _, err = run_main(capsys, "--library", str(lib), "highlight", "1", "--quote", "Article 0")
    assert code == 1 and "changes are refused" in _one_line(err)
    (lib.parent / "new.txt").write_text("A new note\n\nwith some text.\n", encoding="utf-8")
    code, out, err = run_main(capsys, "--library", str(lib), "import", str(lib.parent / "new.txt"))
    assert code == 1 and "changes are refused" in _one_line(err)
    assert "0 imported" in out  # the summary is still printed
    assert _digest(store_file) == before


def test_damage_found_by_the_check_before_the_first_write(lib: Path) -> None:
    """A write that does not touch the damaged page is refused all the same."""
    store_file = lib / "library.sqlite3"
    corrupt_page(store_file, page=store_file.stat().st_size // 4096 - 2)
    from reader.core.store import Store

    store = Store(store_file)
    try:
        with pytest.raises(StoreDamagedError, match="restore"):
            store.set_article_themes(1, ["x"])
    finally:
        store.close()


def test_marker_is_cleared_when_the_store_checks_sound(lib: Path) -> None:
    store_file = lib / "library.sqlite3"
    store_health.mark_damaged(store_file, "a false alarm")
    with Library.open(lib) as library:
        assert library.store.damage == ""
        library.store.set_article_themes(1, ["x"])
    assert not store_health.marker_path(store_file).exists()


def test_open_failure_is_always_a_library_error(lib: Path) -> None:
    store_file = lib / "library.sqlite3"
    corrupt_page(store_file, page=0)
    with pytest.raises(LibraryError):
        Library.open(lib)
