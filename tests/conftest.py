"""Test setup: Qt offscreen, and no test ever touches the developer's real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Offscreen, unless a test re-runs itself on an X display (READER_TEST_QPA=xcb under
# xvfb-run): the synthesis drag test, as offscreen Qt has no drag-and-drop loop.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("READER_TEST_QPA", "offscreen")

from reader.core.library import Library, LibraryLocation
from tests.web_server import web  # noqa: F401 (a local HTTP server fixture for network tests)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# GUI tests marked `gui`, and no test leaving a thread or timer behind: tests/guards.py.
from tests.guards import (  # noqa: E402, F401  (hooks and fixtures pytest finds here)
    _dangling_qt,
    _dangling_threads,
    pytest_collection_modifyitems,
    pytest_ignore_collect,
)


@pytest.fixture(autouse=True)
def _fresh_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and the XDG folders at a temporary directory for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("RESEARCH_READER_LIBRARY", raising=False)
    return home


@pytest.fixture
def sample_library(tmp_path: Path) -> Iterator[Library]:
    """A library seeded with the five sample articles, as on a first run."""
    library = Library.open(LibraryLocation(tmp_path / "sample", explicit=False))
    yield library
    library.close()


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "empty")
    yield library
    library.close()


@pytest.fixture
def window(qtbot: object, tmp_path: Path) -> Iterator[object]:
    """A main window on a fresh sample library, for GUI tests (Qt loads only here)."""
    from tests.gui_helpers import close_window, isolate_settings, open_main_window

    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")  # type: ignore[arg-type]
    yield win
    close_window(win)
