"""Fault suite, items 9 and 10 and the lock/folder side of item 1: an index that is
empty, damaged, locked by leftovers or surrounded by leftover folders never stops a
command."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.search import lifecycle
from tests.fault_helpers import build_library, run_main


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    library = build_library(tmp_path / "lib", 40)
    library.update_index()
    library.close()
    return tmp_path / "lib"


def test_search_of_an_empty_library(tmp_path: Path, capsys: object) -> None:
    for _ in range(2):  # first run: no index at all; second: the index exists
        code, out, err = run_main(
            capsys, "--library", str(tmp_path / "empty"), "search", "anything"
        )
        assert code == 0 and "0 articles found" in out, err
        assert err == "note: the library has no articles yet\n"


def test_search_of_a_library_emptied_by_deletion(lib: Path, capsys: object) -> None:
    from reader.core.library import Library

    with Library.open(lib) as library:
        for article_id in library.store.article_ids():
            library.delete_article(article_id)
    code, out, _ = run_main(capsys, "--library", str(lib), "search", "gamma")
    assert code == 0 and "0 articles found" in out


@pytest.mark.parametrize("depth", [40, 330, 5000])
def test_deeply_nested_query(lib: Path, capsys: object, depth: int) -> None:
    query = "(" * depth + "gamma OR delta" + ")" * depth
    code, out, err = run_main(capsys, "--library", str(lib), "search", query)
    assert code == 0 and "found" in out
    assert "nested deeper than" in err


def _segment_files(lib: Path, suffix: str) -> list[Path]:
    found = sorted((lib / "index").glob(f"*{suffix}"))
    assert found, f"no {suffix} file in the index"
    return found


@pytest.mark.parametrize("suffix", [".trm", ".pst", ".col", ".toc"])
@pytest.mark.parametrize("damage", ["delete", "truncate"])
def test_damaged_segment_is_rebuilt(lib: Path, capsys: object, suffix: str, damage: str) -> None:
    for path in _segment_files(lib, suffix):
        if damage == "delete":
            path.unlink()
        else:
            with open(path, "r+b") as fh:
                fh.truncate(max(0, path.stat().st_size // 3))
    code, out, err = run_main(capsys, "--library", str(lib), "search", "gamma")
    assert code == 0, err
    assert "8 articles found" in out  # gamma: articles 2, 6, 12, 16, …
    code, out, err = run_main(
        capsys, "--library", str(lib), "highlight", "5", "--quote", "Article 4"
    )
    assert code == 0 and "error" not in err


def test_damage_met_by_an_update_rebuilds(lib: Path, capsys: object) -> None:
    for path in _segment_files(lib, ".trm"):
        path.write_bytes(b"\0" * 16)
    code, _, err = run_main(capsys, "--library", str(lib), "highlight", "5", "--quote", "Article 4")
    assert code == 0 and "warning" not in err, err
    code, out, _ = run_main(capsys, "--library", str(lib), "search", "Article")
    assert code == 0 and "40 articles found" in out


def test_leftover_folders_are_removed(lib: Path, capsys: object) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    leftovers = [
        lib / f"index.new-{dead_pid}-0a1b2c3d",
        lib / "index.old-1764600000000000000",
    ]
    running = lib / f"index.new-{os.getpid()}-feedbeef"  # a rebuild still under way
    legacy = lib / "index.new-k2j3h4g5"
    for folder in [*leftovers, running, legacy]:
        folder.mkdir()
        (folder / "_MAIN_1.toc").write_bytes(b"x" * 1000)
    old = time.time() - lifecycle.LEGACY_AGE_S - 10
    os.utime(legacy, (old, old))
    code, _, _ = run_main(capsys, "--library", str(lib), "search", "gamma")
    assert code == 0
    remaining = sorted(p.name for p in lib.iterdir() if p.name.startswith("index."))
    assert remaining == [running.name]


HOLD_AS_ORPHAN = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_CREAT | os.O_WRONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(120)
"""


def test_lock_held_by_a_dead_commands_leftover_is_broken(lib: Path, capsys: object) -> None:
    """What a killed bulk index left before workers died with their parent: a process
    still holding the lock, whose recorded holder is dead."""
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (lib / "index" / lifecycle.HOLDER_NAME).write_text(dead.stdout.strip())
    orphan = subprocess.Popen(
        [sys.executable, "-c", HOLD_AS_ORPHAN, str(lib / "index" / lifecycle.LOCK_NAME)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert orphan.stdout is not None and orphan.stdout.readline().strip() == "locked"
        started = time.monotonic()
        code, _, err = run_main(
            capsys, "--library", str(lib), "highlight", "7", "--quote", "Article 6"
        )
        assert code == 0 and "warning" not in err, err
        assert time.monotonic() - started < 5  # not the 30 s lock timeout
        assert orphan.wait(5) is not None  # the leftover holder was ended
    finally:
        if orphan.poll() is None:
            orphan.kill()
            orphan.wait()
    assert not (lib / "index" / lifecycle.HOLDER_NAME).exists()


def test_a_live_holder_is_never_broken(lib: Path) -> None:
    (lib / "index" / lifecycle.HOLDER_NAME).write_text(str(os.getpid()))
    assert lifecycle.break_stale_lock(lib / "index") is None


def test_reindex_removes_leftovers_too(lib: Path, capsys: object) -> None:
    (lib / "index.old-1").mkdir()
    code, _, _ = run_main(capsys, "--library", str(lib), "reindex")
    assert code == 0 and not (lib / "index.old-1").exists()


def test_an_index_swapped_meanwhile_is_not_called_damaged(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's rebuild swapped the folder while this one applied a change:
    a warning and a later catch-up, not a full rebuild."""
    from dataclasses import replace

    from reader.core.library import Library
    from reader.core.search.index import SearchIndex

    def racing_apply(self: SearchIndex, *args: object) -> int:
        meta = self.meta()
        assert meta is not None
        self._write_meta(self.path, replace(meta, build_id="another-process"))
        raise FileNotFoundError("segment gone")

    rebuilds: list[object] = []
    monkeypatch.setattr(SearchIndex, "_apply", racing_apply)
    monkeypatch.setattr(SearchIndex, "_rebuild", lambda *a: rebuilds.append(a) or 0)
    with Library.open(lib) as library:
        lagging: list[str] = []
        library.index_lagging = lagging.append
        library.store.set_article_themes(3, ["t"])
        assert library.after_write() is None
    assert lagging and "swapped in a new index" in lagging[0]
    assert rebuilds == []


@pytest.mark.slow
def test_every_index_file_damaged_every_way(tmp_path: Path, capsys: object) -> None:
    """Each file of the index deleted, emptied, cut in half or overwritten with noise:
    search still answers, and answers right."""
    import random
    import shutil

    pristine = tmp_path / "pristine"
    library = build_library(pristine, 40)
    library.update_index()
    library.close()
    names = sorted(p.name for p in (pristine / "index").iterdir())
    rng = random.Random(16)
    failures = []
    for name in names:
        for damage in ("delete", "empty", "half", "noise"):
            lib = tmp_path / f"case-{name}-{damage}"
            shutil.copytree(pristine, lib)
            target = lib / "index" / name
            if damage == "delete":
                target.unlink()
            elif damage == "empty":
                target.write_bytes(b"")
            elif damage == "half":
                target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
            else:
                size = max(16, target.stat().st_size)
                target.write_bytes(bytes(rng.randrange(256) for _ in range(size)))
            code, out, err = run_main(capsys, "--library", str(lib), "search", "gamma")
            if code != 0 or "8 articles found" not in out:
                failures.append(f"{name} {damage}: {code} {out[-40:]!r} {err[-200:]!r}")
            shutil.rmtree(lib)
    assert failures == []
