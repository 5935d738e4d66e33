"""Helpers for the fault suite: libraries built fast, commands run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reader.core.library import Library
from reader.core.models import ArticleDraft

ROOT = Path(__file__).resolve().parents[1]

#: Runs the CLI with the bulk path from 10 documents on and indexing slowed down, so
#: that a test can kill the command while its worker processes are alive.
SLOW_CLI = """
import os, sys, time
import reader.core.importing.importer as imp
import reader.core.importing.parallel as par
import reader.core.search.index as ix
if os.environ.get("SLOW_PARSE"):  # an import's parsing workers are the ones to kill
    par.PARALLEL_AT = 10
    real_read = imp.read_draft
    def slow_read(path):
        time.sleep(0.01)
        return real_read(path)
    imp.read_draft = slow_read
else:  # an import parses here: the only workers are the bulk index's
    par.PARALLEL_AT = 10**9
ix.BULK_AT = 10
real = ix.iter_documents
def slow(store, ids=None):
    for doc in (real(store) if ids is None else real(store, ids)):
        time.sleep(0.004)
        yield doc
ix.iter_documents = slow
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def build_library(root: Path, count: int) -> Library:
    """A library of ``count`` small distinct articles, written straight to the store."""
    library = Library.open(root)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    for n in range(count):
        lines = " ".join(f"Line {k} of text {n}." for k in range(8))
        text = f"Article {n} about {words[n % 10]} and {words[(n * 7) % 10]}. {lines}"
        library.store.add_article(ArticleDraft(title=f"Article {n}", text=text), f"h{n}")
    return library


def write_sources(folder: Path, count: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"note{n}.txt").write_text(f"Note {n}\n\nBody of note {n} on omega.\n")
    return folder


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        cwd=ROOT,
    )


def slow_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def children_of(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def run_main(capsys: object, *args: str) -> tuple[int, str, str]:
    """The CLI in this process (fast; lets a test monkeypatch): (exit code, out, err)."""
    from reader.cli import main

    code = main(list(args))
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    return code, captured.out, captured.err


def checkpoint(store_file: Path) -> None:
    """Move the WAL into the main file, so that damage made to it is seen by SQLite."""
    import sqlite3

    db = sqlite3.connect(store_file)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def corrupt_page(store_file: Path, page: int, page_size: int = 4096) -> None:
    checkpoint(store_file)
    with open(store_file, "r+b") as fh:
        fh.seek(page * page_size)
        fh.write(os.urandom(page_size // 2))
