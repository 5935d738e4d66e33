"""Rotating backups of the store, and restoring one (as Zotero keeps them).

Backups live in ``LIBRARY/backups/`` as complete SQLite files made with SQLite's online
backup API, so a backup is consistent even while another process writes. Three kinds,
told apart by the name's prefix and dated in UTC (``auto-20261201T152600Z.sqlite3``):

* ``auto-``: made when a library is opened and the newest one is a day old or more;
  the last :data:`KEEP` are kept.
* ``manual-``: made by ``research-reader backup``; kept until the user deletes them.
* ``pre-restore-``: the store as it was just before a restore replaced it; kept.

A store is checked before it is backed up: a damaged store is never copied over the
good backups (the rotation would push them out). The copy is checked too, then put in
place by :func:`reader.core.files.atomic_write_via`, so an interrupted backup leaves no
half file with a backup's name.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.core import store_health as health
from reader.core.errors import LibraryError
from reader.core.files import atomic_write_via
from reader.core.schema import SCHEMA_VERSION
from reader.core.store import Store

BACKUPS_NAME = "backups"
KEEP = 7
EVERY = timedelta(days=1)
KINDS = ("auto", "manual", "pre-restore")
_STAMP = "%Y%m%dT%H%M%SZ"
_STAMP_CHARS = 16  # len("20261201T152600Z")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file of a library."""

    path: Path
    kind: str
    created: datetime  # UTC
    size: int  # bytes


def backups_folder(root: Path) -> Path:
    return root / BACKUPS_NAME


def list_backups(root: Path) -> list[BackupInfo]:
    """Every backup of the library at ``root``, newest first."""
    found = []
    try:
        paths = list(backups_folder(root).glob("*.sqlite3"))
    except OSError:
        return []
    for path in paths:
        info = _parse(path)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda b: b.created, reverse=True)


def _parse(path: Path) -> BackupInfo | None:
    stem = path.name.removesuffix(".sqlite3")
    kind, _, stamp = stem.rpartition("-")
    if kind not in KINDS or len(stamp) != _STAMP_CHARS or not _is_stamp(stamp):
        return None
    try:
        # Not strptime: every library opening lists the backups, and ``_strptime``
        # (with calendar and locale) is a start-up cost the command line need not pay.
        year, month, day = int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])
        hour, minute, second = int(stamp[9:11]), int(stamp[11:13]), int(stamp[13:15])
        created = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, kind, created, size)


def _is_stamp(text: str) -> bool:
    """``YYYYmmddTHHMMSSZ``, digits where the digits go (what ``_STAMP`` writes)."""
    return text[8] == "T" and text[15] == "Z" and (text[:8] + text[9:15]).isdigit()


def make_backup(store: Store, root: Path, kind: str = "manual") -> BackupInfo:
    """Back ``store`` up now; raises :class:`LibraryError` when it is damaged or the
    backup cannot be written (the reason in one line)."""
    problem = store.check(full=kind != "auto")  # the daily one: the quicker check
    if problem is not None:
        raise health.damaged_error(store.path, problem)
    folder = backups_folder(root)
    now = datetime.now(UTC).replace(microsecond=0)
    target = folder / f"{kind}-{now.strftime(_STAMP)}.sqlite3"

    def copy(scratch: Path) -> None:
        scratch.unlink()  # SQLite makes the file itself, as for the store
        store.backup_to(scratch)
        _verify(scratch)

    try:
        folder.mkdir(exist_ok=True)
        atomic_write_via(target, copy)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"{folder}: cannot write a backup ({_why(exc)})") from exc
    if kind == "auto":
        rotate(root)
    return BackupInfo(target, kind, now, target.stat().st_size)


def auto_backup(store: Store, root: Path, now: datetime | None = None) -> BackupInfo | None:
    """The daily backup, made when the newest automatic one is :data:`EVERY` old or
    more. Never stops the library from opening: a failure only skips the backup (and a
    damaged store is marked so that writes are refused)."""
    now = now or datetime.now(UTC)
    autos = [b for b in list_backups(root) if b.kind == "auto"]
    if autos and now - autos[0].created < EVERY:
        return None
    try:
        if store.change_seq() == 0 and store.article_count() == 0:
            return None  # nothing to lose yet
        return make_backup(store, root, "auto")
    except LibraryError:
        return None


def rotate(root: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the ``keep`` newest automatic backups; return what was deleted."""
    autos = [b for b in list_backups(root) if b.kind == "auto"]
    removed = []
    for old in autos[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def find_backup(root: Path, name: str | None) -> BackupInfo:
    """The backup the user named (a path, or a file name in ``backups/``), or the
    newest automatic or manual one when ``name`` is None (a pre-restore copy is what a
    restore replaced: often the damaged store itself)."""
    backups = [b for b in list_backups(root) if b.kind != "pre-restore"]
    if name is None:
        if not backups:
            raise LibraryError(f"{backups_folder(root)}: no backups yet; nothing to restore")
        return backups[0]
    path = Path(name).expanduser()
    if not path.exists():
        path = backups_folder(root) / name
    if not path.is_file():
        raise LibraryError(
            f"{name}: no such backup; 'research-reader restore --list' shows the backups"
        )
    info = _parse(path)
    return info or BackupInfo(path, "file", datetime.fromtimestamp(path.stat().st_mtime, UTC), 0)


def restore(root: Path, store_path: Path, backup: BackupInfo) -> BackupInfo | None:
    """Replace the store at ``store_path`` by ``backup``. The current store is kept
    first as a ``pre-restore-`` backup (returned; None when there was none). Close
    every connection to the store first: another process would keep writing to the
    replaced file."""
    _verify(backup.path)
    kept = _keep_current(root, store_path)

    def drop_journals() -> None:  # they belong to the replaced file
        for suffix in ("-wal", "-shm"):
            store_path.with_name(store_path.name + suffix).unlink(missing_ok=True)

    try:
        atomic_write_via(
            store_path, lambda scratch: shutil.copyfile(backup.path, scratch), drop_journals
        )
    except OSError as exc:
        raise LibraryError(f"{store_path}: cannot restore ({_why(exc)})") from exc
    health.clear_damaged(store_path)
    # The index and the saved theme sets may describe the replaced store at the same
    # change number: rebuild them.
    (root / "index" / "reader-index.json").unlink(missing_ok=True)
    from reader.core.themes.sets_cache import drop_sets

    drop_sets(store_path)
    return kept


def _keep_current(root: Path, store_path: Path) -> BackupInfo | None:
    """Copy the store about to be replaced into ``backups/`` (its bytes as they are
    when SQLite cannot read it: the user may want to rescue something from it)."""
    if not store_path.exists():
        return None
    folder = backups_folder(root)
    now = datetime.now(UTC).replace(microsecond=0)
    target = folder / f"pre-restore-{now.strftime(_STAMP)}.sqlite3"
    try:
        folder.mkdir(exist_ok=True)
        try:
            health.copy_store_file(store_path, target)
        except sqlite3.Error:
            shutil.copyfile(store_path, target)
            wal = store_path.with_name(store_path.name + "-wal")
            if wal.exists():
                shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    except OSError as exc:
        raise LibraryError(
            f"{folder}: cannot keep a copy of the current store before restoring "
            f"({_why(exc)}); nothing was changed"
        ) from exc
    return _parse(target)


def _verify(path: Path) -> None:
    """Refuse a file that is not a sound store this version can open."""
    try:
        version, problem = health.inspect_file(path)
    except sqlite3.Error as exc:
        raise LibraryError(f"{path}: not a usable backup ({exc})") from exc
    if problem is not None:
        raise LibraryError(f"{path}: the backup is damaged ({problem}); choose another")
    if not 0 < version <= SCHEMA_VERSION:
        raise LibraryError(
            f"{path}: not a Research Reader store this version can open (schema {version})"
        )


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
