"""Highlights, their notes and themes, and article notes: every edit one transaction.

Functions take a :class:`Store` (one per thread). Each write commits before it returns,
so a crash right after loses nothing; the store's triggers record the change for the
search index. ``restore`` re-inserts a deleted highlight with its id and uid, which is
what undo needs.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Sequence

from reader.core.annotations.anchoring import TextQuote, describe, reanchor
from reader.core.errors import NotFoundError, ReaderError
from reader.core.models import Highlight
from reader.core.store import Store, utc_now

_COLUMNS = 'id, uid, article_id, start, "end", quote, prefix, suffix, note, created_at, modified_at'


class HighlightError(ReaderError):
    """A highlight cannot be made as asked (empty passage, offsets outside the text)."""


def add_highlight(
    store: Store, article_id: int, start: int, end: int, themes: Sequence[str] = (), note: str = ""
) -> Highlight:
    """Highlight ``[start, end)`` of the article's text (code points), trimmed of spaces."""
    text = store.article(article_id).text
    if not 0 <= start < end <= len(text):
        raise HighlightError(
            f"offsets {start}-{end} are outside the article's text (0-{len(text)})"
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise HighlightError("nothing to highlight: the selection is only white space")
    selector = describe(text, start, end)
    now = utc_now()
    with store.transaction() as db:
        cur = db.execute(
            f"INSERT INTO highlights ({_COLUMNS.replace('id, ', '', 1)})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                uuid.uuid4().hex,
                article_id,
                start,
                end,
                selector.exact,
                selector.prefix,
                selector.suffix,
                note,
                now,
                now,
            ),
        )
        highlight_id = int(cur.lastrowid or 0)
        _write_themes(db, highlight_id, themes)
    return highlight(store, highlight_id)


def highlight(store: Store, highlight_id: int) -> Highlight:
    found = _load(store, "WHERE id = ?", (highlight_id,))
    if not found:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    return found[0]


def highlights_for(store: Store, article_id: int) -> list[Highlight]:
    """The article's highlights in reading order; orphans last, oldest first."""
    return _load(
        store, 'WHERE article_id = ? ORDER BY start IS NULL, start, "end", id', (article_id,)
    )


def all_highlights(store: Store) -> list[Highlight]:
    return _load(store, "ORDER BY article_id, start IS NULL, start, id", ())


def set_note(store: Store, highlight_id: int, note: str) -> Highlight:
    with store.transaction() as db:
        _touch(db, highlight_id, "note = ?", (note,))
    return highlight(store, highlight_id)


def set_themes(store: Store, highlight_id: int, themes: Sequence[str]) -> Highlight:
    with store.transaction() as db:
        _touch(db, highlight_id, "", ())
        _write_themes(db, highlight_id, themes)
    return highlight(store, highlight_id)


def delete_highlight(store: Store, highlight_id: int) -> Highlight:
    """Delete and return the highlight as it was (to restore on undo)."""
    old = highlight(store, highlight_id)
    with store.transaction() as db:
        db.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
    return old


def restore(store: Store, old: Highlight) -> Highlight:
    """Put back a deleted highlight exactly as it was (same id and uid)."""
    with store.transaction() as db:
        db.execute(
            f"INSERT INTO highlights ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                old.id,
                old.uid,
                old.article_id,
                old.start,
                old.end,
                old.quote,
                old.prefix,
                old.suffix,
                old.note,
                old.created_at,
                old.modified_at,
            ),
        )
        _write_themes(db, old.id, old.themes)
    return highlight(store, old.id)


def insert_highlight(store: Store, made: Highlight) -> Highlight:
    """Store a highlight made elsewhere (an annotation import), keeping its uid, offsets
    (None for an orphan) and timestamps as given; the store assigns a new id."""
    with store.transaction() as db:
        cur = db.execute(
            f"INSERT INTO highlights ({_COLUMNS.replace('id, ', '', 1)})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                made.uid,
                made.article_id,
                made.start,
                made.end,
                made.quote,
                made.prefix,
                made.suffix,
                made.note,
                made.created_at or utc_now(),
                made.modified_at or made.created_at or utc_now(),
            ),
        )
        highlight_id = int(cur.lastrowid or 0)
        _write_themes(db, highlight_id, made.themes)
    return highlight(store, highlight_id)


def set_article_note(store: Store, article_id: int, note: str) -> None:
    with store.transaction() as db:
        if (
            db.execute("UPDATE articles SET note = ? WHERE id = ?", (note, article_id)).rowcount
            != 1
        ):
            raise NotFoundError(f"no article with id {article_id}")


def article_themes(store: Store, article_id: int) -> tuple[str, ...]:
    rows = store.query(
        "SELECT theme_id FROM article_themes WHERE article_id = ? ORDER BY rowid", (article_id,)
    )
    return tuple(r[0] for r in rows)


def reanchor_article(store: Store, article_id: int, text: str) -> tuple[int, int]:
    """Find every highlight of an article again in its new ``text``; unfound ones become
    orphans (kept, never dropped). Returns (anchored, orphaned). Runs inside the caller's
    transaction when there is one, so text and highlights change together."""
    anchored = orphaned = 0
    with store.transaction() as db:
        for item in highlights_for(store, article_id):
            found = reanchor(
                text, TextQuote(item.quote, item.prefix, item.suffix), item.start, item.end
            )
            if found is None:
                orphaned += 1
                if not item.orphan:
                    db.execute(
                        'UPDATE highlights SET start = NULL, "end" = NULL WHERE id = ?', (item.id,)
                    )
                continue
            anchored += 1
            if found != (item.start, item.end):
                fresh = describe(text, *found)
                db.execute(
                    'UPDATE highlights SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?'
                    " WHERE id = ?",
                    (*found, fresh.exact, fresh.prefix, fresh.suffix, item.id),
                )
    return anchored, orphaned


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The span of the Nth (1-based) occurrence of ``quote``; an error names what is wrong."""
    if not quote.strip():
        raise HighlightError("the quote is empty")
    starts = []
    position = text.find(quote)
    while position >= 0:
        starts.append(position)
        position = text.find(quote, position + 1)
    if not starts:
        raise HighlightError(
            f"'{_clip(quote)}' is not in the article's text "
            "(see 'research-reader show ARTICLE' for the exact text)"
        )
    if occurrence is None:
        if len(starts) > 1:
            raise HighlightError(
                f"'{_clip(quote)}' occurs {len(starts)} times; choose one "
                f"with --occurrence 1..{len(starts)}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise HighlightError(
            f"--occurrence {occurrence}: '{_clip(quote)}' occurs {len(starts)} time(s)"
        )
    start = starts[occurrence - 1]
    return start, start + len(quote)


# -- internals -----------------------------------------------------------------------


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


def _touch(
    db: sqlite3.Connection, highlight_id: int, assignment: str, params: Sequence[object]
) -> None:
    sets = ", ".join(s for s in (assignment, "modified_at = ?") if s)
    cur = db.execute(
        f"UPDATE highlights SET {sets} WHERE id = ?", (*params, utc_now(), highlight_id)
    )
    if cur.rowcount != 1:
        raise NotFoundError(f"no highlight with id {highlight_id}")


def _write_themes(db: sqlite3.Connection, highlight_id: int, themes: Iterable[str]) -> None:
    db.execute("DELETE FROM highlight_themes WHERE highlight_id = ?", (highlight_id,))
    unique = list(dict.fromkeys(t for t in themes if t))
    db.executemany(
        "INSERT INTO highlight_themes (highlight_id, theme_id, position) VALUES (?, ?, ?)",
        [(highlight_id, t, n) for n, t in enumerate(unique)],
    )


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
