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


def _kill_while_workers_run(args: list[str], env: dict[str, str] | None = None) -> list[int]:
    """Start a slowed-down command, SIGKILL it once its workers exist; return them."""
    proc = slow_cli(*args, env=env)
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


def test_sigkill_while_an_import_parses_in_workers(tmp_path: Path) -> None:
    build_library(tmp_path / "lib", 10).close()
    sources = write_sources(tmp_path / "src", 400)
    args = ["--library", str(tmp_path / "lib"), "import", str(sources)]
    workers = _kill_while_workers_run(args, env={"SLOW_PARSE": "1"})
    _nothing_left(tmp_path / "lib", workers)
    again = cli(*args)  # what was stored stays; the rest is imported now
    assert again.returncode == 0, again.stderr
    listed = cli("--library", str(tmp_path / "lib"), "--json", "list")
    assert listed.returncode == 0 and listed.stdout.count('"Note ') == 400, listed.stdout[-300:]


WATCHDOG_ONLY = """
import os, sys, time
from reader.core.search import lifecycle
sys.platform = sys.argv[1]  # "darwin": no prctl, the portable watchdog alone
r, w = os.pipe()
middle = os.fork()
if middle == 0:  # the command: starts a worker, reports it, dies
    me = os.getpid()
    worker = os.fork()
    if worker == 0:
        lifecycle.die_with_parent(me)
        time.sleep(30)
        os._exit(0)
    os.write(w, str(worker).encode())
    time.sleep(0.3)
    os._exit(0)
print(os.read(r, 32).decode(), flush=True)
os.waitpid(middle, 0)
"""


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_a_worker_ends_when_its_parent_dies(platform: str) -> None:
    import subprocess

    from tests.fault_helpers import ROOT

    result = subprocess.run(
        [sys.executable, "-c", WATCHDOG_ONLY, platform],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    worker = int(result.stdout.strip())
    assert wait_for(lambda: not alive(worker), 3), "the worker outlived its parent"
