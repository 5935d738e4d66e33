"""SQL for highlights, the themes on them, and article notes.

The rules (trimming, anchoring, undo) live in :mod:`reader.core.annotations.highlights`;
this module only maps highlights onto the ``highlights`` and ``highlight_themes``
tables. Writers take the connection of a transaction the caller holds; readers take
the :class:`Store`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from reader.core.errors import NotFoundError
from reader.core.models import Highlight
from reader.core.store import Store, utc_now

_COLUMNS = 'id, uid, article_id, start, "end", quote, prefix, suffix, note, created_at, modified_at'


def highlight_by_id(store: Store, highlight_id: int) -> Highlight | None:
    found = _load(store, "WHERE id = ?", (highlight_id,))
    return found[0] if found else None


def highlights_of_article(store: Store, article_id: int) -> list[Highlight]:
    """In reading order; orphans last, oldest first."""
    return _load(
        store, 'WHERE article_id = ? ORDER BY start IS NULL, start, "end", id', (article_id,)
    )


def every_highlight(store: Store) -> list[Highlight]:
    return _load(store, "ORDER BY article_id, start IS NULL, start, id", ())


def insert_highlight_row(db: sqlite3.Connection, h: Highlight, *, keep_id: bool) -> int:
    """Insert ``h`` (its themes too) and return its id: ``h.id`` with ``keep_id``
    (undo puts back the same id), else a new one."""
    values = (
        h.uid,
        h.article_id,
        h.start,
        h.end,
        h.quote,
        h.prefix,
        h.suffix,
        h.note,
        h.created_at,
        h.modified_at,
    )
    if keep_id:
        db.execute(
            f"INSERT INTO highlights ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (h.id, *values),
        )
        highlight_id = h.id
    else:
        cur = db.execute(
            f"INSERT INTO highlights ({_COLUMNS.replace('id, ', '', 1)})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        highlight_id = int(cur.lastrowid or 0)
    write_highlight_themes(db, highlight_id, h.themes)
    return highlight_id


def touch_highlight(db: sqlite3.Connection, highlight_id: int, note: str | None = None) -> None:
    """Set ``modified_at`` (and the note, when given); raises :class:`NotFoundError`."""
    sets, params = ("note = ?, ", (note,)) if note is not None else ("", ())
    cur = db.execute(
        f"UPDATE highlights SET {sets}modified_at = ? WHERE id = ?",
        (*params, utc_now(), highlight_id),
    )
    if cur.rowcount != 1:
        raise NotFoundError(f"no highlight with id {highlight_id}")


def write_highlight_themes(
    db: sqlite3.Connection, highlight_id: int, themes: Iterable[str]
) -> None:
    """Make the highlight's themes exactly ``themes``, in that order (blanks and repeats
    dropped): the first theme gives its colour."""
    db.execute("DELETE FROM highlight_themes WHERE highlight_id = ?", (highlight_id,))
    unique = list(dict.fromkeys(t for t in themes if t))
    db.executemany(
        "INSERT INTO highlight_themes (highlight_id, theme_id, position) VALUES (?, ?, ?)",
        [(highlight_id, t, n) for n, t in enumerate(unique)],
    )


def delete_highlight_row(db: sqlite3.Connection, highlight_id: int) -> None:
    db.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))


def orphan_highlight(db: sqlite3.Connection, highlight_id: int) -> None:
    """Keep the highlight but with no place in the text (its quote was not found)."""
    db.execute('UPDATE highlights SET start = NULL, "end" = NULL WHERE id = ?', (highlight_id,))


def move_highlight(
    db: sqlite3.Connection,
    highlight_id: int,
    span: tuple[int, int],
    quote: str,
    prefix: str,
    suffix: str,
) -> None:
    db.execute(
        'UPDATE highlights SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?'
        " WHERE id = ?",
        (*span, quote, prefix, suffix, highlight_id),
    )


def write_article_note(db: sqlite3.Connection, article_id: int, note: str) -> None:
    """Set an article's own note; raises :class:`NotFoundError` for an unknown article."""
    if db.execute("UPDATE articles SET note = ? WHERE id = ?", (note, article_id)).rowcount != 1:
        raise NotFoundError(f"no article with id {article_id}")


def highlight_ids_with_uid(store: Store, uid: str) -> list[tuple[int, int]]:
    """``(highlight id, article id)`` of the highlights carrying ``uid`` (zero or one)."""
    return [
        (int(r[0]), int(r[1]))
        for r in store.query("SELECT id, article_id FROM highlights WHERE uid = ?", (uid,))
    ]


def _load(store: Store, where: str, params: Sequence[object]) -> list[Highlight]:
    rows = store.query(f"SELECT {_COLUMNS} FROM highlights {where}", params)
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    themes: dict[int, list[str]] = {}
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for hid, theme in store.query(
            f"SELECT highlight_id, theme_id FROM highlight_themes WHERE highlight_id IN ({marks})"
            " ORDER BY highlight_id, position",
            chunk,
        ):
            themes.setdefault(hid, []).append(theme)
    return [
        Highlight(
            id=r["id"],
            uid=r["uid"],
            article_id=r["article_id"],
            start=r["start"],
            end=r["end"],
            quote=r["quote"],
            prefix=r["prefix"],
            suffix=r["suffix"],
            note=r["note"],
            themes=tuple(themes.get(r["id"], ())),
            created_at=r["created_at"],
            modified_at=r["modified_at"],
        )
        for r in rows
    ]


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def highlight_rows_by_ids(store: Store, ids: Sequence[int]) -> list[sqlite3.Row]:
    """The highlights rows of ``ids`` (columns as in :data:`_COLUMNS`, without themes)."""
    if not ids:
        return []
    return store.query(
        f"SELECT {_COLUMNS} FROM highlights WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
