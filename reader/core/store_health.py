"""Telling the ways a store can be unusable apart, and guarding a damaged one.

A store that cannot be used needs the right advice: an empty (zero-byte) file was
truncated and wants a backup; a read-only folder wants its permissions fixed, not a
restore; a damaged file must not be written to any more (each write could spread the
damage and push good backups out of the rotation); an unknown schema version is
another program's file or a damaged header.

Damage is noticed three ways: SQLite reports it on any statement (the connection here
turns that into :class:`StoreDamagedError`), a quick check runs before the first write
of a process on stores of moderate size, and the daily backup checks the whole file.
Once noticed, a marker file beside the store (``library.sqlite3.damaged``) keeps every
later process from writing until the store passes a check again (after a restore).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.errors import LibraryError, StoreDamagedError, StoreFullError

MARKER_SUFFIX = ".damaged"
#: Stores up to this size get a quick check before a process's first write (6 ms per
#: 10 MB here); larger ones rely on the daily check that comes with the backup.
CHECK_BEFORE_WRITE_BYTES = 64 * 2**20
_CORRUPT_CODE = 11  # SQLITE_CORRUPT
_NOTADB_CODE = 26  # SQLITE_NOTADB: a damaged header, or another kind of file
_FULL_CODE = 13  # SQLITE_FULL
_IOERR_CODE = 10  # SQLITE_IOERR: a full disk can also surface as a failed write
_CANTOPEN_CODES = {14, 8}  # SQLITE_CANTOPEN, SQLITE_READONLY


def marker_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + MARKER_SUFFIX)


def restore_advice(store_path: Path) -> str:
    """What the user can do about a lost store: the latest backup, if any."""
    backups = store_path.parent / "backups"
    try:
        found = [p for p in backups.glob("*.sqlite3") if not p.name.startswith("pre-restore")]
        latest = max(found, key=lambda p: p.name[-24:], default=None)
    except OSError:
        latest = None
    if latest is None:
        return f"no backup exists in {backups}; restore the file from your own copies"
    return f"run 'research-reader restore' to go back to the latest backup ({latest.name})"


def mark_damaged(store_path: Path, reason: str) -> None:
    with contextlib.suppress(OSError):
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        marker_path(store_path).write_text(f"{stamp} {reason}\n", encoding="utf-8")


def clear_damaged(store_path: Path) -> None:
    with contextlib.suppress(OSError):
        marker_path(store_path).unlink()


def damaged_error(store_path: Path, reason: str) -> StoreDamagedError:
    return StoreDamagedError(
        f"{store_path}: the store is damaged ({reason}); changes are refused so the "
        f"damage cannot spread; {restore_advice(store_path)}"
    )


def check_before_open(store_path: Path) -> None:
    """Refuse, with the right advice, a store file that is empty or cannot be written."""
    folder = store_path.parent
    if not os.access(folder, os.W_OK):
        raise LibraryError(
            f"{folder}: the library folder is read-only, and the store needs to write its "
            "journal beside it; make the folder writable (chmod u+w) or copy the library "
            "to a writable place. The store itself is not harmed."
        )
    try:
        size = store_path.stat().st_size
    except FileNotFoundError:
        return
    if not os.access(store_path, os.W_OK):
        raise LibraryError(
            f"{store_path}: the store file is read-only; make it writable (chmod u+w) "
            "to use this library. The store itself is not harmed."
        )
    if size == 0 and _was_used(folder):
        raise LibraryError(
            f"{store_path}: the store is empty (0 bytes): it was cut short, perhaps by a "
            f"full disk or an interrupted copy; {restore_advice(store_path)}, or delete "
            "the file to start an empty library"
        )


def _was_used(folder: Path) -> bool:
    """An empty store file in a folder that shows earlier use lost its content (the
    store gets its tables before ``themes.yaml`` is first written); in a fresh folder it
    is a library whose creation was interrupted before any write."""
    return any((folder / name).exists() for name in ("themes.yaml", "index", "backups"))


def open_failure(store_path: Path, exc: sqlite3.Error) -> LibraryError:
    """The one-line error for a store SQLite cannot open or read."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code in _CANTOPEN_CODES:
        return LibraryError(
            f"{store_path}: cannot open the store ({exc}); check that the file and its "
            "folder are readable and writable by you"
        )
    translated = translate(store_path, exc) if isinstance(exc, sqlite3.DatabaseError) else exc
    if isinstance(translated, LibraryError):
        return translated
    mark_damaged(store_path, str(exc))
    return damaged_error(store_path, str(exc))


def quick_check(db: sqlite3.Connection) -> str | None:
    """None when SQLite's quick check passes, else its first complaint."""
    try:
        rows = sqlite3.Connection.execute(db, "PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else one_line(first)


def one_line(problem: str) -> str:
    """SQLite's check reports span lines (``*** in database main ***`` first)."""
    text = " ".join(problem.replace("*** in database main ***", "").split())
    return text if len(text) <= 120 else text[:119] + "…"


class GuardedConnection(sqlite3.Connection):
    """A connection that turns SQLite's damage and disk-full reports into our errors
    (marking the store damaged), wherever in the code they surface."""

    store_path: Path = Path("library.sqlite3")

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(GuardedCursor)

    # sqlite3.Connection.execute makes a plain cursor: go through ours instead.
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)


class GuardedCursor(sqlite3.Cursor):
    """Rows are read lazily: damage can surface while iterating, not only in execute."""

    def _path(self) -> Path:
        return getattr(self.connection, "store_path", Path("library.sqlite3"))

    def execute(self, sql: str, parameters: Any = (), /) -> GuardedCursor:
        try:
            super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            raise translate(self._path(), exc) from exc
        return self

    def executemany(self, sql: str, parameters: Any, /) -> GuardedCursor:
        try:
            super().executemany(sql, parameters)
        except sqlite3.DatabaseError as exc:
            raise translate(self._path(), exc) from exc
        return self

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise translate(self._path(), exc) from exc

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise translate(self._path(), exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise translate(self._path(), exc) from exc


def translate(store_path: Path, exc: sqlite3.DatabaseError) -> Exception:
    """Our error for SQLite's: damage and a full disk get one-line advice; the rest
    (constraint violations, a busy database) pass through unchanged."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code == _NOTADB_CODE:
        return LibraryError(
            f"{store_path}: not a Research Reader store (not an SQLite database: another "
            f"file, or a damaged one); {restore_advice(store_path)}"
        )
    if code == _CORRUPT_CODE:
        mark_damaged(store_path, str(exc))
        return damaged_error(store_path, str(exc))
    if code == _FULL_CODE:
        return StoreFullError(
            f"{store_path}: the disk is full ({exc}); free some space and run the "
            "command again (what was saved before stays saved)"
        )
    if code == _IOERR_CODE:
        return StoreFullError(
            f"{store_path}: the disk failed a write ({exc}); check that it has free space "
            "and works, then run the command again (what was saved before stays saved)"
        )
    return exc


def inspect_file(path: Path) -> tuple[int, str | None]:
    """``(schema version, quick-check problem or None)`` of a store file, opened read
    only (a backup before a restore). Raises :class:`sqlite3.Error` when it is no store."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        return version, quick_check(db)
    finally:
        db.close()


def copy_store_file(store_path: Path, target: Path) -> None:
    """Copy a store (its WAL folded in) into one self-contained file at ``target``,
    reading the source read only. Raises :class:`sqlite3.Error` when SQLite cannot."""
    source = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()
