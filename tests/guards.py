"""Guards every test run gets (imported by tests/conftest.py).

* GUI tests are marked ``gui`` automatically, so ``pytest -m "not gui"`` runs the core
  suite where PySide6 is not installed (the README's "Run the tests" says how).
* No test may leave a thread, a QThreadPool job or a QTimer running behind it
  (napari's ``_dangling_qthreads``/``_dangling_qtimers``).
"""

from __future__ import annotations

import ast
import importlib.util
import threading
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

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
    qt = {f.name for f in funcs if _imports_qt([f])}
    for f in funcs:  # and the tests calling a helper of the module that imports Qt
        calls = {
            c.func.id
            for c in ast.walk(f)
            if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        }
        if calls & qt:
            qt.add(f.name)
    return _imports_qt(top), frozenset(qt)


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


# --- No test leaves a thread or a timer running (napari's _dangling_qthreads) ----------
# Autouse and requested by nothing, so set up first and torn down last: after the window
# fixture has closed its window and pytest-qt has deleted its widgets.


@pytest.fixture(autouse=True)
def _dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a Python thread of its own running (a worker, a server)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 2.0
    while True:
        left = [
            t
            for t in threading.enumerate()
            if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
        ]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert not left, f"the test left threads running: {[t.name for t in left]}"


@pytest.fixture(autouse=True)
def _dangling_qt(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a GUI test that leaves a QThreadPool job or an active QTimer behind.

    Every ``QThreadPool.start`` and ``QTimer.start``/``singleShot`` is recorded; after the
    test (and its window's teardown) a pool still running a job, a live timer still
    active, or a single-shot timer whose receiver lives and that never fired is an
    error: it would fire into a half-deleted window, or into the next test.
    """
    if request.node.get_closest_marker("gui") is None or not HAVE_QT:
        yield
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer

    pools: list[QThreadPool] = []
    timers: list[QTimer] = []
    single_shots: list[tuple[str, QObject | None, list[bool]]] = []
    pool_start, timer_start, single_shot = QThreadPool.start, QTimer.start, QTimer.singleShot

    def start_pool(self: QThreadPool, *args: object) -> None:
        pools.append(self)
        pool_start(self, *args)

    def start_timer(self: QTimer, *args: object) -> None:
        timers.append(self)
        timer_start(self, *args)

    def start_single_shot(msec: int, *args: object) -> None:
        *context, functor = args
        receiver = context[0] if context else getattr(functor, "__self__", None)
        receiver = receiver if isinstance(receiver, QObject) else None
        fired = [False]

        def fire() -> None:
            fired[0] = True
            functor.emit() if hasattr(functor, "emit") else functor()  # type: ignore[operator]

        single_shots.append((getattr(functor, "__qualname__", repr(functor)), receiver, fired))
        if receiver is not None:
            single_shot(msec, receiver, fire)
        else:
            single_shot(msec, fire)

    monkeypatch.setattr(QThreadPool, "start", start_pool)
    monkeypatch.setattr(QTimer, "start", start_timer)
    monkeypatch.setattr(QTimer, "singleShot", staticmethod(start_single_shot))
    yield
    app = QCoreApplication.instance()
    if app is not None:  # let deleteLater() and zero-delay timers run first
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    running = [p.objectName() or "a pool" for p in pools if _alive(p) and p.activeThreadCount()]
    active = [t.objectName() or _owner(t) for t in timers if _alive(t) and t.isActive()]
    pending = [
        name
        for name, receiver, fired in single_shots
        if not fired[0] and (receiver is None or shiboken6.isValid(receiver))
    ]
    assert not running, f"the test left QThreadPool jobs running: {running}"
    assert not active, f"the test left QTimers active: {active}"
    assert not pending, f"the test left single-shot timers pending: {pending}"


def _alive(obj: object) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


def _owner(timer: object) -> str:
    """Which object a timer belongs to, to name it in the failure."""
    parent: Callable[[], object] | None = getattr(timer, "parent", None)
    owner = parent() if parent is not None else None
    return f"a QTimer of {type(owner).__name__}" if owner is not None else "an unparented QTimer"
