"""Housekeeping around the index folder: worker processes, the write lock, leftovers.

A killed command must not leave anything that stops the next one. Three things could:

* **Bulk-indexing workers** (whoosh's ``SubWriterTask`` processes) wait on a queue their
  parent feeds. If the parent dies they would wait forever, holding the index's write
  lock (a ``flock`` they inherited) and the store's file descriptors. ``workers.py``'s
  ``GuardedMpWriter`` starts workers that call :func:`die_with_parent`:
  ``PR_SET_PDEATHSIG`` on Linux, and on every platform a watchdog thread that exits when
  the parent process is gone.
* **A write lock held by a dead command's leftovers.** Whoever takes the lock records its
  process id in ``WRITER.pid``; when the lock is busy and that process is dead, the lock
  is stale: the processes still holding the lock file are ended and the file replaced.
* **Half-built or half-removed index folders** (``index.new-*``, ``index.old-*``). A new
  folder carries its builder's process id in its name; :func:`remove_leftovers` deletes
  those whose builder is gone, and every ``index.old-*``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

LOCK_NAME = "MAIN_WRITELOCK"
HOLDER_NAME = "WRITER.pid"
WATCHDOG_INTERVAL_S = 0.5
#: A leftover from before folder names carried a pid is removed once it is this old.
LEGACY_AGE_S = 3600.0
_PR_SET_PDEATHSIG = 1
_NOT_DAMAGE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}
_NEW_NAME = re.compile(r"\.new-(?:(\d+)-)?")


# -- workers that die with their parent ------------------------------------------------


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a child process: end it as soon as ``parent_pid`` is gone."""
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        with contextlib.suppress(OSError, AttributeError, TypeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    """The portable fallback: a reparented child (getppid changes) exits at once."""
    while os.getppid() == parent_pid:
        time.sleep(WATCHDOG_INTERVAL_S)
    os._exit(1)


# -- the write lock --------------------------------------------------------------------


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def record_holder(folder: Path) -> None:
    """Note this process as the lock's holder (call right after taking the lock)."""
    with contextlib.suppress(OSError):
        (folder / HOLDER_NAME).write_text(str(os.getpid()), encoding="ascii")


def clear_holder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        path = folder / HOLDER_NAME
        if path.read_text(encoding="ascii").strip() == str(os.getpid()):
            path.unlink()


def recorded_holder(folder: Path) -> int | None:
    try:
        return int((folder / HOLDER_NAME).read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def _lock_is_free(lock_file: Path) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no flock to inherit, nothing to test
        return True
    try:
        fd = os.open(lock_file, os.O_WRONLY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    finally:
        os.close(fd)


def break_stale_lock(folder: Path) -> int | None:
    """If the write lock is held although its recorded holder is dead, end the leftover
    processes that hold it and replace the lock file. Returns the dead holder's pid when
    a lock was broken. Cheap when nothing is stale: one small file read."""
    holder = recorded_holder(folder)
    if holder is None or holder == os.getpid() or pid_alive(holder):
        return None
    lock_file = folder / LOCK_NAME
    if not _lock_is_free(lock_file):
        for pid in _processes_holding(lock_file):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            lock_file.unlink()  # whoever still holds the old inode no longer blocks anyone
    with contextlib.suppress(OSError):
        (folder / HOLDER_NAME).unlink()
    return holder


def _processes_holding(path: Path) -> list[int]:
    """Other processes with ``path`` open (Linux ``/proc``; empty elsewhere)."""
    target = str(path.resolve())
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    me = os.getpid()
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        with contextlib.suppress(OSError):
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd).removesuffix(" (deleted)") == target:
                        found.append(int(entry.name))
                        break
    return found


def not_damage(exc: BaseException) -> bool:
    """Whether an error while writing the index says nothing about its files (a full
    disk, a read-only folder): rebuilding would only fail the same way, slower."""
    return isinstance(exc, OSError) and exc.errno in _NOT_DAMAGE


# -- leftover folders ------------------------------------------------------------------


def new_folder(index_path: Path) -> Path:
    """A fresh folder for a rebuild, named after this process so that a leftover from a
    killed rebuild can be told from a rebuild still running in another process."""
    import uuid

    fresh = index_path.with_name(f"{index_path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    fresh.mkdir()
    return fresh


def remove_leftovers(index_path: Path) -> list[Path]:
    """Delete the ``index.new-*`` folders of dead builders and every ``index.old-*``
    folder beside ``index_path``; returns what was removed."""
    removed = []
    try:
        siblings = list(index_path.parent.iterdir())
    except OSError:
        return []
    for path in siblings:
        name = path.name
        if not name.startswith(index_path.name + ".") or not path.is_dir():
            continue
        rest = name[len(index_path.name) :]
        if rest.startswith(".old-"):
            stale = True
        elif match := _NEW_NAME.match(rest):
            if match.group(1):
                stale = not pid_alive(int(match.group(1)))
            else:
                stale = _age(path) > LEGACY_AGE_S
        else:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
