"""Writing export files safely: atomic replacement, no silent overwrite, safe names.

An export is the user's work leaving the app; a half-written file or one that replaced
an earlier brief by accident would lose some of it. So every file is written to a
temporary file in the destination folder, flushed and fsynced, then renamed over the
target (atomic on POSIX and Windows), and an existing target is only replaced when the
caller says ``force``. File names made from article titles are sanitised: a title is
untrusted text (it comes from a web page) and must never name a path outside the
destination or a device such as ``CON`` on Windows.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reader.core import files
from reader.core.errors import ReaderError

MAX_NAME_CHARS = 80  # the stem; leaves room for " (2)", the suffix and deep folders
MAX_NAME_BYTES = 255  # what Linux, macOS and Windows file systems accept for one name
# Windows refuses these as a file's stem whatever the extension (CON.md is the console).
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
    *(f"COM{c}" for c in "¹²³"),
    *(f"LPT{c}" for c in "¹²³"),
}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


class ExportError(ReaderError):
    """An export cannot be written as asked (target exists, folder missing, …)."""


def safe_file_name(title: str, suffix: str = "", fallback: str = "untitled") -> str:
    """A portable file name from untrusted ``title``: one path component, no reserved
    device name, no leading dot or trailing dot/space, at most :data:`MAX_NAME_CHARS`."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name.lstrip(".-") or fallback
    if len(name) > MAX_NAME_CHARS:
        cut = name[:MAX_NAME_CHARS]
        name = (cut.rsplit(" ", 1)[0] if " " in cut[MAX_NAME_CHARS // 2 :] else cut).rstrip(" .")
    if name.split(".")[0].upper().rstrip(" ") in _RESERVED:
        name = f"_{name}"
    return name + suffix


def unique_names(titles: Iterable[str], suffix: str) -> list[str]:
    """Sanitised names for ``titles``, made unique case-insensitively (``name (2).md``),
    since two articles may share a title and some file systems ignore case."""
    taken: set[str] = set()
    names = []
    for title in titles:
        base = safe_file_name(title)
        name, n = base + suffix, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base} ({n}){suffix}"
        taken.add(name.casefold())
        names.append(name)
    return names


def check_target(path: Path, force: bool) -> None:
    """Refuse to replace an existing file unless ``force``, and even then anything but a
    regular file (a symlink, a device); the folder must exist and the name fit."""
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if (path.exists() or path.is_symlink()) and not force:
        raise ExportError(
            f"{path}: already exists; choose another name or use --force to replace it"
        )
    _refuse_special(path)
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise ExportError(
            f"{path.name[:40]}…: the file name is too long ({len(path.name)} characters); "
            "choose a shorter one"
        )
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder")


def _refuse_special(path: Path) -> None:
    """--force replaces a regular file only: never a symlink (it would redirect the
    write, or lose the link) nor a device such as /dev/null (root could replace it)."""
    if path.is_symlink():
        raise ExportError(
            f"{path}: is a symbolic link; export writes only to a regular file, choose another name"
        )
    if path.exists() and not path.is_file():
        raise ExportError(
            f"{path}: is not a regular file (a device, pipe or socket); choose another name"
        )


def atomic_write(path: Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` via the core's one :func:`reader.core.files.atomic_write`.

    The target either keeps its old content or has all of the new: a crash or a full
    disk never leaves a truncated export. Raises :class:`ExportError` if ``path`` exists
    and ``force`` is false, checked again just before the rename (it may have appeared,
    or turned into a link or device, while the data was written).
    """
    check_target(path, force)

    def still_safe() -> None:
        if not force and path.exists():
            raise ExportError(f"{path}: already exists; use --force to replace it")
        _refuse_special(path)

    try:
        return files.atomic_write(path, data, before_replace=still_safe)
    except OSError as exc:
        if os.access(path.parent, os.W_OK):
            raise  # the folder is fine: the system's own error (a full disk…) says it best
        raise ExportError(
            f"{path.parent}: cannot write here ({exc.strerror or exc}); choose another folder"
        ) from exc


def atomic_write_text(path: Path, text: str, force: bool = False, encoding: str = "utf-8") -> Path:
    """:func:`atomic_write` for text; ``\\n`` line ends are kept as they are."""
    return atomic_write(path, text.encode(encoding), force)
