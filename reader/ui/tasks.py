"""The one way the UI runs work off the GUI thread.

A :class:`TaskRunner` owns a single-thread pool, so jobs sent to it run in order on one
long-lived thread: whoosh allows one writer at a time, and a SQLite connection belongs to
its thread, which a job reaches through :func:`thread_library`. The job never touches
widgets; its result, error and progress come back as signals on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.errors import ReaderError
from reader.core.library import STORE_NAME, Library
from reader.core.store import Store

_local = threading.local()
log = logging.getLogger(__name__)


def thread_library(root: Path) -> Library:
    """This thread's own :class:`Library` on ``root`` (opened on first use, then reused)."""
    cache: dict[Path, Library] = getattr(_local, "libraries", None) or {}
    _local.libraries = cache
    library = cache.get(root)
    if library is None:
        library = cache[root] = Library(root, Store(root / STORE_NAME), index_procs=1)
    return library


def close_thread_libraries() -> None:
    for library in getattr(_local, "libraries", {}).values():
        library.close()
    _local.libraries = {}


class CancelToken:
    """Set from the GUI thread, polled by the job (a plain flag: reads are atomic)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


class Task(QObject):
    """One job's signals. ``progress`` carries (done, total, label)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, job: Callable[[Task], Any]) -> None:
        super().__init__()
        self.job = job
        self.cancel = CancelToken()

    def report(self, done: int, total: int, label: str = "") -> None:
        """Call from the job: thread-safe (queued to the GUI thread)."""
        self.progressed.emit(done, total, label)


def current_runner() -> str | None:
    """The name of the runner whose job is running on this thread (None elsewhere)."""
    return getattr(_local, "runner", None)


class _Runnable(QRunnable):
    def __init__(self, task: Task, runner: str) -> None:
        super().__init__()
        self.task, self.runner = task, runner
        self.setAutoDelete(True)

    def run(self) -> None:
        task = self.task
        _local.runner = self.runner
        try:
            result = task.job(task)
        except ReaderError as exc:
            task.failed.emit(str(exc))
        except Exception as exc:  # shown to the user in one line; details to the log
            log.exception("background job %r failed", getattr(task.job, "__qualname__", task.job))
            task.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            task.succeeded.emit(result)
        finally:
            _local.runner = None
        task.finished.emit()


class TaskRunner(QObject):
    """Runs jobs one at a time, in order, on one background thread."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the thread: its SQLite connection lives there
        self._pool.setObjectName(name)
        self._live: set[Task] = set()

    def submit(
        self,
        job: Callable[[Task], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Task:
        task = Task(job)
        if on_success:
            task.succeeded.connect(on_success)
        if on_failure:
            task.failed.connect(on_failure)
        if on_progress:
            task.progressed.connect(on_progress)
        self._live.add(task)  # keep the QObject alive until its signals are delivered
        task.finished.connect(lambda: self._live.discard(task))
        self._pool.start(_Runnable(task, self._pool.objectName()))
        return task

    def busy(self) -> bool:
        return bool(self._live)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued jobs are done (shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        for task in list(self._live):
            task.cancel.cancel()
        self._pool.clear()
        self._pool.waitForDone(30000)
        self._pool.start(close_thread_libraries)
        self._pool.waitForDone(5000)
