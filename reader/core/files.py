"""The one way the core replaces a file: whole, or not at all (and a folder, as nearly).

Picard's ``util.atomic_write``: write a temporary file beside the target, flush and
fsync it, rename it over the target, then fsync the folder so the rename itself
survives a power cut. A crash or a full disk leaves the old file or the new one,
never half of either, and never a stray temporary file.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path


def atomic_write(
    path: Path,
    data: bytes | str,
    *,
    encoding: str = "utf-8",
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """Replace ``path`` with ``data`` (text is encoded with ``encoding``, ``\\n`` kept).

    A replaced file keeps its permission bits. ``before_replace`` runs after the data is
    safely on disk and just before the rename: it may raise to abandon the write (the
    temporary file is then removed). Raises :class:`OSError` as the system does.
    """
    payload = data.encode(encoding) if isinstance(data, str) else data
    return atomic_write_via(path, lambda scratch: scratch.write_bytes(payload), before_replace)


def atomic_write_via(
    path: Path,
    write: Callable[[Path], object],
    before_replace: Callable[[], None] | None = None,
) -> Path:
    """:func:`atomic_write` for a writer that wants a file name, not bytes: SQLite's
    backup API, a file copy, a check that opens what was written.

    ``write(scratch)`` fills a temporary file beside ``path`` (it exists, empty, and
    ``write`` may delete it to have it made again); raising abandons the write, which
    removes it. Then, as in :func:`atomic_write`: fsync, keep ``path``'s permission
    bits, ``before_replace``, rename, fsync the folder.
    """
    import tempfile  # here: ~1 ms of start-up for commands that write nothing

    fd, name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    scratch = Path(name)
    try:
        write(scratch)
        with open(scratch, "rb+") as handle:  # whoever wrote it, it is on disk before the rename
            os.fsync(handle.fileno())
        if path.is_file():
            os.chmod(scratch, path.stat().st_mode & 0o777)
        if before_replace is not None:
            before_replace()
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


def replace_folder(path: Path, fresh: Path) -> None:
    """Put the folder ``fresh`` (beside ``path``) in the place of ``path``, for derived
    data rebuilt whole (the search index).

    A folder cannot be renamed over a non-empty one, so this is not one atomic step: the
    old folder is renamed aside as ``<name>.old-<ns>``, ``fresh`` renamed into place,
    then the old one deleted. A crash in between leaves no ``path`` (derived data: the
    next open rebuilds it) and an ``.old-`` folder that
    :func:`reader.core.search.lifecycle.remove_leftovers` deletes. Readers that hold
    files of the old folder keep reading them (POSIX) until they reopen.
    """
    old = None
    if path.exists():
        old = path.with_name(f"{path.name}.old-{time.time_ns()}")
        os.replace(path, old)
    os.replace(fresh, path)
    fsync_folder(path.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
