"""A large import parsed by worker processes stores exactly what a serial one does."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from reader.core.importing import parallel
from reader.core.importing.importer import import_paths
from reader.core.library import Library
from reader.core.models import FileOutcome

PARENT = os.getpid()


def _folder(root: Path, count: int) -> Path:
    root.mkdir()
    for i in range(count):
        bad = i % 50 == 7  # some files fail, in the workers as they would here
        (root / f"a{i:04d}.txt").write_bytes(
            b"" if bad else f"Title {i}\n\nThe body of article {i} about ships.\n".encode()
        )
    return root


def _outcomes(library: Library, folder: Path, procs: int) -> list[tuple[str, str, str]]:
    report = import_paths(library.store, [folder], procs=procs)
    return [(Path(o.path).name, o.status, o.reason) for o in report.outcomes]


def test_parallel_import_matches_serial(tmp_path: Path) -> None:
    count = parallel.PARALLEL_AT + 60
    folder = _folder(tmp_path / "files", count)
    serial, parallel_lib = Library.open(tmp_path / "one"), Library.open(tmp_path / "two")
    try:
        one, two = _outcomes(serial, folder, 1), _outcomes(parallel_lib, folder, 2)
        assert one == two and len(one) == count
        assert sum(status == "failed" for _, status, _ in two) == 6
        rows = [(s.id, s.title, s.path) for s in parallel_lib.store.summaries()]
        assert rows == [(s.id, s.title, s.path) for s in serial.store.summaries()]
    finally:
        serial.close()
        parallel_lib.close()
    assert not multiprocessing.active_children()


def _dies_in_a_worker(path: Path) -> FileOutcome:
    if path.name == "a0030.txt" and os.getpid() != PARENT:
        os._exit(1)  # a parser crashing the interpreter
    return FileOutcome(path.name, "failed", "read here" if os.getpid() == PARENT else "")


def test_a_dead_worker_leaves_the_rest_to_this_process(tmp_path: Path) -> None:
    files = sorted(_folder(tmp_path / "files", parallel.PARALLEL_AT).iterdir())
    got = list(parallel.parsed_files(files, _dies_in_a_worker, 2))
    assert [path for path, _ in got] == files
    by_name = {path.name: outcome.reason for path, outcome in got}
    assert by_name["a0030.txt"] == "read here"  # its chunk was read again, here
    assert not multiprocessing.active_children()


def test_stopping_early_ends_the_workers(tmp_path: Path) -> None:
    files = sorted(_folder(tmp_path / "files", parallel.PARALLEL_AT * 2).iterdir())
    from reader.core.importing.importer import read_draft

    drafts = parallel.parsed_files(files, read_draft, 2)
    first = [next(drafts) for _ in range(3)]
    assert [path for path, _ in first] == files[:3]
    drafts.close()
    assert not multiprocessing.active_children()


@pytest.mark.parametrize("procs", [1, 2])
def test_cancelled_import_stops(tmp_path: Path, empty_library: Library, procs: int) -> None:
    folder = _folder(tmp_path / "files", parallel.PARALLEL_AT + 10)
    seen: list[int] = []

    def cancelled() -> bool:
        seen.append(1)
        return len(seen) > 40

    report = import_paths(empty_library.store, [folder], cancelled=cancelled, procs=procs)
    assert report.cancelled and len(report.outcomes) == 40
    assert not multiprocessing.active_children()
