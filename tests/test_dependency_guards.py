"""Guards against the dependency traps measured on this project's machines."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import pytest


@pytest.mark.gui  # PySide6 runs in a child process, which the conftest cannot see
def test_pyside_calls_do_not_corrupt_none_refcount() -> None:
    """PySide6 6.12.0 on Python 3.11 drops None's refcount on every void call and aborts."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QObject\n"
        "o = QObject()\n"
        "before = sys.getrefcount(None)\n"
        "for i in range(20000): o.setObjectName('x')\n"
        "after = sys.getrefcount(None)\n"
        "print(before - after)\n"
    )
    # In a child process: the bad version kills the interpreter (none_dealloc).
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert abs(int(out.stdout.strip())) < 100


def test_exactly_one_whoosh_distribution_is_installed() -> None:
    """Whoosh and Whoosh-Reloaded overwrite each other's files; we ship Whoosh-Reloaded."""
    installed = set()
    for name in ("Whoosh", "Whoosh-Reloaded"):
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        installed.add(name)
    assert installed == {"Whoosh-Reloaded"}


@pytest.mark.filterwarnings("error")
def test_whoosh_imports_cleanly_under_warnings_as_errors() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            "import whoosh.index, whoosh.qparser, whoosh.highlight, whoosh.analysis,"
            " whoosh.sorting",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr[-800:]


def test_trafilatura_imports_with_lxml_html_clean() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import trafilatura"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-800:]
