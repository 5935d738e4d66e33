"""Fault suite, item 1: a killed bulk index leaves no process, lock or folder behind."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.fault_helpers import (
    alive,
    build_library,
    children_of,
    cli,
    slow_cli,
    wait_for,
    write_sources,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]


def _kill_while_workers_run(args: list[str]) -> list[int]:
    """Start a slowed-down command, SIGKILL it once its workers exist; return them."""
    proc = slow_cli(*args)
    workers: list[int] = []
    try:
        assert wait_for(lambda: bool(workers.extend(children_of(proc.pid)) or workers), 60), (
            "the command never started bulk-indexing workers"
        )
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    return workers


def _nothing_left(library: Path, workers: list[int]) -> None:
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 5), "orphaned workers"
    result = cli("--library", str(library), "search", "gamma")
    assert result.returncode == 0, result.stderr
    assert "found" in result.stdout
    leftovers = [p.name for p in library.iterdir() if p.name.startswith("index.")]
    assert leftovers == []


def test_sigkill_during_reindex(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 400).close()
    workers = _kill_while_workers_run(["--library", str(tmp_path / "lib"), "reindex"])
    _nothing_left(tmp_path / "lib", workers)


def test_sigkill_during_import(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 10).close()
    sources = write_sources(tmp_path / "src", 400)
    workers = _kill_while_workers_run(["--library", str(tmp_path / "lib"), "import", str(sources)])
    _nothing_left(tmp_path / "lib", workers)
    again = cli("--library", str(tmp_path / "lib"), "highlight", "Note 1", "--quote", "omega")
    assert again.returncode == 0, again.stderr
