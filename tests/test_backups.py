"""Automatic rotating backups of the store, ``backup`` and ``restore``."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.core import backup as backups
from reader.core import store_health
from reader.core.errors import StoreDamagedError
from reader.core.library import Library
from tests.fault_helpers import build_library, corrupt_page, run_main


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    build_library(tmp_path / "lib", 20).close()
    return tmp_path / "lib"


def _names(lib: Path, kind: str) -> list[str]:
    return [b.path.name for b in backups.list_backups(lib) if b.kind == kind]


def test_opening_backs_up_at_most_daily(lib: Path) -> None:
    for _ in range(3):
        Library.open(lib).close()
    assert len(_names(lib, "auto")) == 1


def test_a_new_empty_library_is_not_backed_up(tmp_path: Path) -> None:
    for _ in range(2):
        Library.open(tmp_path / "new").close()
    assert backups.list_backups(tmp_path / "new") == []


def test_backups_rotate_keeping_the_last_seven(lib: Path) -> None:
    Library.open(lib).close()
    first = backups.list_backups(lib)[0].path
    now = datetime.now(UTC)
    for days in range(1, 10):  # nine older automatic backups, a day apart
        stamp = (now - timedelta(days=days)).strftime("%Y%m%dT%H%M%SZ")
        shutil.copyfile(first, lib / "backups" / f"auto-{stamp}.sqlite3")
    run_manual = backups.make_backup(Library.open(lib).store, lib)
    later = now + timedelta(days=1, minutes=1)
    with Library.open(lib) as library:
        made = backups.auto_backup(library.store, lib, now=later)
    assert made is not None
    autos = _names(lib, "auto")
    assert len(autos) == backups.KEEP
    assert autos[0] == made.path.name
    assert run_manual.path.exists()  # manual backups are not rotated


def test_damaged_store_is_not_backed_up(lib: Path) -> None:
    store_file = lib / "library.sqlite3"
    corrupt_page(store_file, store_file.stat().st_size // 4096 - 2)
    with Library.open(lib) as library, pytest.raises(StoreDamagedError, match="damaged"):
        backups.make_backup(library.store, lib)
    assert backups.list_backups(lib) == []
    assert store_health.marker_path(store_file).exists()


def test_backup_and_restore_commands(lib: Path, capsys: object) -> None:
    code, out, _ = run_main(capsys, "--library", str(lib), "backup")
    assert code == 0 and "backed up to" in out
    code, out, _ = run_main(capsys, "--library", str(lib), "highlight", "1", "--quote", "Article 0")
    assert code == 0
    code, out, _ = run_main(capsys, "--library", str(lib), "backup", "--list")
    assert code == 0 and "manual" in out
    chosen = _names(lib, "manual")[0]
    code, _, err = run_main(capsys, "--library", str(lib), "restore", chosen)
    assert code == 1 and "--yes" in err  # no terminal to ask: nothing done
    code, out, _ = run_main(capsys, "--library", str(lib), "restore", chosen, "--yes")
    assert code == 0 and f"restored {chosen}" in out
    with Library.open(lib) as library:
        assert library.store.query("SELECT count(*) FROM highlights")[0][0] == 0
    assert len(_names(lib, "pre-restore")) == 1  # the replaced store is kept
    code, out, _ = run_main(capsys, "--library", str(lib), "search", "Article")
    assert code == 0 and "20 articles found" in out


def test_restore_rescues_an_empty_or_damaged_store(lib: Path, capsys: object) -> None:
    Library.open(lib).close()  # the daily backup
    store_file = lib / "library.sqlite3"
    corrupt_page(store_file, store_file.stat().st_size // 4096 - 2)
    code, _, _ = run_main(capsys, "--library", str(lib), "highlight", "1", "--quote", "Article 0")
    assert code == 1
    code, _, err = run_main(capsys, "--library", str(lib), "restore", "--yes")
    assert code == 0, err
    assert not store_health.marker_path(store_file).exists()
    code, _, err = run_main(capsys, "--library", str(lib), "highlight", "1", "--quote", "Article 0")
    assert code == 0, err
    store_file.write_bytes(b"")
    code, _, _ = run_main(capsys, "--library", str(lib), "list")
    assert code == 1
    code, _, err = run_main(capsys, "--library", str(lib), "restore", "--yes")
    assert code == 0, err
    code, out, _ = run_main(capsys, "--library", str(lib), "list")
    assert code == 0 and "Article 19" in out


def test_restore_refuses_a_damaged_backup(lib: Path, capsys: object) -> None:
    bad = lib.parent / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 300)
    code, _, err = run_main(capsys, "--library", str(lib), "restore", str(bad), "--yes")
    assert code == 1 and "not a usable backup" in err
    code, _, err = run_main(capsys, "--library", str(lib.parent / "nothing"), "restore", "--yes")
    assert code == 1 and "no backups yet" in err


def test_a_backup_is_one_self_contained_file(lib: Path) -> None:
    Library.open(lib).close()
    assert [p.name for p in (lib / "backups").iterdir()] == _names(lib, "auto")
