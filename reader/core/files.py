"""The one way the core replaces a file: whole, or not at all.

Picard's ``util.atomic_write``: write a temporary file beside the target, flush and
fsync it, rename it over the target, then fsync the folder so the rename itself
survives a power cut. A crash or a full disk leaves the old file or the new one,
never half of either, and never a stray temporary file.
"""

from __future__ import annotations

import os
import tempfile
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
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.is_file():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)
    return path


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
