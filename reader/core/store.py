"""The SQLite store of record: articles, highlights, notes and themes on them.

One :class:`Store` wraps one connection; a connection belongs to the thread that opened
it, so a background worker opens its own ``Store`` on the same file (WAL mode lets it
write while the GUI thread reads). Every public write runs in its own transaction and is
durable when the method returns: a crash right after loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core import store_health as health
from reader.core.errors import AmbiguousError, LibraryError, NotFoundError
from reader.core.models import Article, ArticleDraft, ArticleSummary
from reader.core.schema import MIGRATIONS, SCHEMA_VERSION


def utc_now() -> str:
    """The current time as an ISO 8601 UTC string with seconds (the store's format)."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


_ARTICLE_COLUMNS = (
    "id, title, text, content_hash, imported_at, modified_at, date, source, author, url,"
    " categories, path, note"
)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        text=row["text"],
        content_hash=row["content_hash"],
        imported_at=row["imported_at"],
        modified_at=row["modified_at"],
        date=row["date"],
        source=row["source"],
        author=row["author"],
        url=row["url"],
        categories=tuple(json.loads(row["categories"])),
        path=row["path"],
        note=row["note"],
    )


class Store:
    """The library's SQLite database. Not thread-safe: one instance per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Why the store must not be written (empty when it is sound). Reads still run.
        self.damage = ""
        self._checked = False  # quick check before this connection's first write
        health.check_before_open(path)
        try:
            self._db = sqlite3.connect(
                path, isolation_level=None, timeout=30, factory=health.GuardedConnection
            )
        except sqlite3.Error as exc:
            raise health.open_failure(path, exc) from exc
        self._db.store_path = path
        try:
            if health.marker_path(path).exists():
                self._recheck_damage()
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            if not self.damage:
                self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise health.open_failure(path, exc) from exc
        except BaseException:
            self._db.close()
            raise

    def _recheck_damage(self) -> None:
        """A marker from an earlier process: the store stays read-only until it passes
        a check again (after a restore, or if the damage was in a page since freed)."""
        problem = health.quick_check(self._db)
        if problem is None:
            health.clear_damaged(self.path)
        else:
            self.damage = problem
        self._checked = True

    # -- connection and schema -------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version < 0:
            raise LibraryError(
                f"{self.path}: unknown schema version {version}: not a store Research "
                f"Reader made, or its header is damaged; {health.restore_advice(self.path)}"
            )
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"{self.path}: made by a newer Research Reader (schema {version}, this "
                f"version knows {SCHEMA_VERSION}); upgrade the app to open it"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block atomically; nested use joins the outer transaction."""
        if self._db.in_transaction:
            yield self._db
            return
        self._refuse_if_damaged()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            with contextlib.suppress(sqlite3.Error, LibraryError):
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def many_commits(self) -> Iterator[None]:
        """Run a run of small transactions (an import of a folder) without an fsync each.

        Each transaction still commits on its own, atomic and at once visible, and is
        kept if this process dies. Only the fsync per commit is skipped (``synchronous =
        NORMAL`` in WAL mode: SQLite syncs the log at each checkpoint instead), which on
        a busy disk was three quarters of a 10k import. On the way out a checkpoint
        syncs the log and the database, so when the block ends everything in it is as
        durable as ever; a power cut inside the block can lose its last commits, never
        the store's consistency, and a re-import adds what was lost.
        """
        mode = self._db.execute("PRAGMA journal_mode").fetchone()[0]
        if self._db.in_transaction or str(mode).lower() != "wal":
            yield
            return
        self._db.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            self._db.execute("PRAGMA synchronous = FULL")
            with contextlib.suppress(sqlite3.Error, LibraryError):  # the commits stand
                _, logged, copied = self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                if copied < logged:  # a reader holds an older snapshot: wait for it
                    self._db.execute("PRAGMA wal_checkpoint(FULL)").fetchone()

    def _refuse_if_damaged(self) -> None:
        """Writes are refused on a damaged store. A process's first write checks the
        store first when that is cheap (see :mod:`reader.core.store_health`)."""
        if not self._checked:
            self._checked = True
            try:
                small = self.path.stat().st_size <= health.CHECK_BEFORE_WRITE_BYTES
            except OSError:
                small = False
            if small and (problem := health.quick_check(self._db)) is not None:
                health.mark_damaged(self.path, problem)
                self.damage = problem
        if self.damage or health.marker_path(self.path).exists():
            raise health.damaged_error(self.path, self.damage or "marked by an earlier check")

    def refusal(self) -> str:
        """Why changes are refused now, with what to do ('' when they are taken), found
        without writing: a window says so when the library opens, before anyone tries."""
        if self.damage or health.marker_path(self.path).exists():
            return str(health.damaged_error(self.path, self.damage or "marked by an earlier check"))
        return ""

    def check(self, full: bool = True) -> str | None:
        """SQLite's integrity check (``full=False``: the quick check, which skips the
        slower index-against-table comparison): None when sound, else its first
        complaint (and the store is marked damaged)."""
        pragma = "integrity_check" if full else "quick_check"
        try:
            rows = self._db.execute(f"PRAGMA {pragma}").fetchall()
            first = str(rows[0][0]) if rows else "no answer"
            problem = None if first == "ok" else health.one_line(first)
        except LibraryError as exc:
            problem = str(exc)
        if problem is not None:
            health.mark_damaged(self.path, problem)
            self.damage = problem
        return problem

    def backup_to(self, target: Path) -> None:
        """Copy the whole store to ``target`` with SQLite's online backup (consistent
        even while another connection writes)."""
        dest = sqlite3.connect(target)
        try:
            self._db.backup(dest)
            # One self-contained file: no -wal/-shm beside a backup.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Read-only SQL for the ``store_*`` modules (no other module runs SQL: a test)."""
        return self._db.execute(sql, params).fetchall()

    # -- articles --------------------------------------------------------------------

    def add_article(self, draft: ArticleDraft, content_hash: str) -> int:
        now = utc_now()
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO articles (title, text, content_hash, imported_at, modified_at,"
                " date, source, author, url, categories, path)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.title,
                    draft.text,
                    content_hash,
                    now,
                    now,
                    draft.date,
                    draft.source,
                    draft.author,
                    draft.url,
                    json.dumps(list(draft.categories)),
                    draft.path,
                ),
            )
            return int(cur.lastrowid or 0)

    def replace_article_content(
        self, article_id: int, draft: ArticleDraft, content_hash: str
    ) -> None:
        """Update an article in place (same id) after its source file changed."""
        with self.transaction() as db:
            cur = db.execute(
                "UPDATE articles SET title = ?, text = ?, content_hash = ?, modified_at = ?,"
                " date = ?, source = ?, author = ?, url = ?, categories = ?, path = ?"
                " WHERE id = ?",
                (
                    draft.title,
                    draft.text,
                    content_hash,
                    utc_now(),
                    draft.date,
                    draft.source,
                    draft.author,
                    draft.url,
                    json.dumps(list(draft.categories)),
                    draft.path,
                    article_id,
                ),
            )
            if cur.rowcount != 1:
                raise NotFoundError(f"no article with id {article_id}")

    def delete_article(self, article_id: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def article(self, article_id: int) -> Article:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}; see 'research-reader list'")
        return _article(row)

    def article_by_path(self, path: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE path = ?", (path,)
        ).fetchone()
        return _article(row) if row else None

    def article_by_hash(self, content_hash: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE content_hash = ? ORDER BY id",
            (content_hash,),
        ).fetchone()
        return _article(row) if row else None

    def article_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def change_seq(self) -> int:
        """The store's latest change number (0 when nothing was ever stored).

        Every write that changes what an article's search document holds raises it;
        derived data compares it with the number it last saw (migration 2's triggers).
        """
        row = self._db.execute("SELECT coalesce(max(seq), 0) FROM article_changes").fetchone()
        return int(row[0])

    def changes_since(self, seq: int) -> list[tuple[int, int]]:
        """``(article_id, seq)`` of articles changed after ``seq`` (deleted ones too)."""
        return [
            (int(r[0]), int(r[1]))
            for r in self._db.execute(
                "SELECT article_id, seq FROM article_changes WHERE seq > ? ORDER BY seq",
                (seq,),
            )
        ]

    def set_article_themes(self, article_id: int, theme_ids: Sequence[str]) -> None:
        """Replace the themes put on a whole article (not those on its highlights)."""
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                raise NotFoundError(f"no article with id {article_id}")
            db.execute("DELETE FROM article_themes WHERE article_id = ?", (article_id,))
            db.executemany(
                "INSERT OR IGNORE INTO article_themes (article_id, theme_id) VALUES (?, ?)",
                [(article_id, t) for t in theme_ids],
            )

    def article_ids(self) -> list[int]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY id")]

    def resolve_article(self, ref: str) -> int:
        """An article id from the user's reference: an id, or an unambiguous title prefix."""
        ref = ref.strip()
        if ref.isdigit():
            row = self._db.execute("SELECT id FROM articles WHERE id = ?", (int(ref),)).fetchone()
            if row:
                return int(row[0])
        if not ref:
            raise NotFoundError("no article named: give an id or a title prefix")
        rows = self._db.execute(
            "SELECT id, title FROM articles WHERE title LIKE ? ESCAPE '\\' ORDER BY id",
            (_like_prefix(ref),),
        ).fetchall()
        exact = [r for r in rows if r["title"].casefold() == ref.casefold()]
        if len(exact) == 1:
            return int(exact[0]["id"])
        if len(rows) == 1:
            return int(rows[0]["id"])
        if not rows:
            raise NotFoundError(
                f"no article matches '{ref}'; give an id or a title prefix from "
                "'research-reader list'"
            )
        names = "; ".join(f"{r['id']}: {r['title'][:40]}" for r in rows[:5])
        raise AmbiguousError(f"'{ref}' matches {len(rows)} articles ({names}); give the id")

    def summaries(self, article_id: int | None = None) -> list[ArticleSummary]:
        """Listing rows (themes and highlight counts included) of every article by id, or
        of one article, to refresh a single row after an edit."""
        only = " WHERE article_id = ?" if article_id is not None else ""
        params: tuple[int, ...] = (article_id,) if article_id is not None else ()
        themes: dict[int, set[str]] = {}
        for row in self._db.execute(
            f"SELECT article_id, theme_id FROM article_themes{only}"
            " UNION SELECT h.article_id, t.theme_id FROM highlights h"
            " JOIN highlight_themes t ON t.highlight_id = h.id"
            + only.replace("article_id", "h.article_id"),
            params * 2,
        ):
            themes.setdefault(row[0], set()).add(row[1])
        counts = dict(
            self._db.execute(
                f"SELECT article_id, count(*) FROM highlights{only} GROUP BY article_id", params
            ).fetchall()
        )
        return [
            ArticleSummary(
                id=r["id"],
                title=r["title"],
                date=r["date"],
                source=r["source"],
                author=r["author"],
                url=r["url"],
                path=r["path"],
                themes=tuple(sorted(themes.get(r["id"], ()))),
                highlights=int(counts.get(r["id"], 0)),
                modified_at=r["modified_at"],
            )
            for r in self._db.execute(
                "SELECT id, title, date, source, author, url, path, modified_at FROM articles"
                f"{only.replace('article_id', 'id')} ORDER BY id",
                params,
            )
        ]


def where_among(ids: Sequence[int] | None, column: str) -> tuple[str, tuple[str, ...]]:
    """A ``WHERE`` clause limiting ``column`` to ``ids`` and its one parameter (ids as a
    JSON array: any number of them in one statement); empty for None, meaning every row."""
    if ids is None:
        return "", ()
    return f" WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (ours hold no ';' or '--' inside literals).

    A trigger body holds ';' of its own, so pieces are joined until SQLite agrees the
    statement is complete.
    """
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    statements: list[str] = []
    pending = ""
    for piece in code.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip().rstrip(";"))
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip().rstrip(";"))
    return statements
