"""Fault suite, item 2: a committed write reports success even when the index cannot
follow; the index catches up on the next run. Disk full ends an import with a summary."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import StoreFullError
from reader.core.library import Library
from reader.core.search import index as index_module
from reader.core.search.index import SearchIndex
from tests.fault_helpers import build_library, run_main, write_sources

HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_CREAT | os.O_WRONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    library = build_library(tmp_path / "lib", 30)
    library.update_index()
    library.close()
    return tmp_path / "lib"


def _highlights(lib: Path) -> int:
    with Library.open(lib) as library:
        return int(library.store.query("SELECT count(*) FROM highlights")[0][0])


def _lagged(err: str) -> None:
    assert "saved; the index will catch up" in err
    assert "error" not in err, err


def test_index_lock_held_by_a_live_process(
    lib: Path, capsys: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "WRITER_TIMEOUT_S", 0.3)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lib / "index" / "MAIN_WRITELOCK")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        args = [
            "--library",
            str(lib),
            "highlight",
            "1",
            "--quote",
            "Article 0",
            "--note",
            "zanzibar",
        ]
        code, out, err = run_main(capsys, *args)
        assert code == 0 and "highlight 1 on article 1" in out, err
        _lagged(err)
        assert "busy" in err
    finally:
        holder.kill()
        holder.wait()
    assert _highlights(lib) == 1  # stored once: nobody is led to retry
    code, out, _ = run_main(capsys, "--library", str(lib), "search", "zanzibar")
    assert code == 0 and "1 article found" in out  # the index caught up


@pytest.mark.parametrize("failure", [errno.EROFS, errno.ENOSPC])
def test_index_folder_unwritable_after_the_commit(
    lib: Path, capsys: object, monkeypatch: pytest.MonkeyPatch, failure: int
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise OSError(failure, "simulated", str(lib / "index"))

    monkeypatch.setattr(SearchIndex, "_writer", broken)
    code, out, err = run_main(
        capsys,
        "--library",
        str(lib),
        "highlight",
        "2",
        "--quote",
        "Article 1",
        "--note",
        "kalamata",
    )
    assert code == 0 and "highlight" in out
    _lagged(err)
    sources = write_sources(lib.parent / "src", 3)
    code, out, err = run_main(capsys, "--library", str(lib), "import", str(sources))
    assert code == 0 and "3 imported" in out
    _lagged(err)
    monkeypatch.undo()
    code, out, _ = run_main(capsys, "--library", str(lib), "search", "kalamata OR omega")
    assert code == 0 and "4 articles found" in out


def test_import_annotations_after_commit(
    lib: Path, capsys: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, _ = run_main(capsys, "--library", str(lib), "highlight", "3", "--quote", "Article 2")
    target = lib.parent / "notes.json"
    code, _, _ = run_main(
        capsys, "--library", str(lib), "export", "--format", "json", "-o", str(target)
    )
    assert code == 0
    other = build_library(lib.parent / "other", 30)
    other.close()

    def broken(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, "simulated")

    monkeypatch.setattr(SearchIndex, "_writer", broken)
    code, out, err = run_main(
        capsys, "--library", str(lib.parent / "other"), "import-annotations", str(target)
    )
    assert code == 0 and "1 added" in out
    _lagged(err)


def test_disk_full_during_import_ends_with_the_summary(
    lib: Path, capsys: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import library as library_module
    from reader.core.store import Store

    class TinyDisk(Store):
        def __init__(self, path: Path) -> None:
            super().__init__(path)
            pages = int(self._db.execute("PRAGMA page_count").fetchone()[0])
            self._db.execute(f"PRAGMA max_page_count = {pages + 3}")

    monkeypatch.setattr(library_module, "Store", TinyDisk)
    sources = lib.parent / "big"
    sources.mkdir()
    for n in range(12):
        (sources / f"big{n:02}.txt").write_text(f"Big {n}\n\n" + f"word{n} " * 3000)
    code, out, err = run_main(capsys, "--library", str(lib), "import", str(sources))
    assert code == 1
    assert "imported" in out and "skipped" in out  # the summary
    assert "import stopped:" in err and "disk is full" in err and "not tried" in err
    assert "internal error" not in err


def test_store_full_error_is_a_library_error() -> None:
    assert issubclass(StoreFullError, Exception)
