"""Test setup: Qt offscreen, and no test ever touches the developer's real data."""

from __future__ import annotations

import ast
import importlib.util
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from reader.core.library import Library, LibraryLocation

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

# --- GUI tests are marked, so `pytest -m "not gui"` runs the core without PySide6 ------
# A test is a GUI test when it asks for a Qt fixture, or when its module, or its own
# body, imports Qt or the UI. Nothing to remember when writing one; `@pytest.mark.gui`
# by hand only for Qt reached another way (a child process, a bundled app).
QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester", "qtlog", "window"})
QT_MODULES = (
    "PySide6",
    "shiboken6",
    "pytestqt",
    "reader.ui",
    "tests.gui_helpers",
    "tests.journeys",
)
HAVE_QT = importlib.util.find_spec("PySide6") is not None


def _imports_qt(nodes: list[ast.stmt]) -> bool:
    for node in (n for top in nodes for n in ast.walk(top)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        else:
            continue
        if any(n == m or n.startswith(m + ".") for n in names for m in QT_MODULES):
            return True
    return False


@cache
def _qt_use(path: Path) -> tuple[bool, frozenset[str]]:
    """(does the module import Qt at its top level, which of its functions import Qt)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = [n for n in tree.body if not isinstance(n, ast.FunctionDef | ast.ClassDef)]
    funcs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    return _imports_qt(top), frozenset(f.name for f in funcs if _imports_qt([f]))


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Without PySide6 a Qt test module cannot even be imported: leave it out."""
    if HAVE_QT or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    return True if _qt_use(collection_path)[0] else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module_qt, function_qt = _qt_use(item.path)
        name = getattr(item, "originalname", item.name)
        if module_qt or name in function_qt or QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


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
