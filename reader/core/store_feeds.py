"""SQL for news feeds: subscriptions, the entries seen, and the themes feeds suggest.

The rules (what counts as new, when a feed is checked) live in :mod:`reader.core.feeds`;
this module only maps them onto the ``feeds``, ``feed_entries`` and
``article_theme_suggestions`` tables. Each write is its own transaction, committed when
the function returns: a feed update remembers every entry it imported even if a later
one fails or the update is cancelled.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from reader.core.store import Store, utc_now


def upsert_feed(store: Store, url: str, title: str, themes: Sequence[str]) -> None:
    """Subscribe to ``url``; subscribing again only refreshes its title and themes."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO feeds (url, title, themes, added_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET themes = excluded.themes,"
            " title = excluded.title",
            (url, title, json.dumps(list(themes)), utc_now()),
        )


def feed_rows(store: Store) -> list[sqlite3.Row]:
    """Every ``feeds`` row by id, with ``entries`` (seen) and ``articles`` (imported from
    it and still in the library) counted."""
    return store.query(
        "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entries,"
        " (SELECT count(DISTINCT e.article_id) FROM feed_entries e"
        "  JOIN articles a ON a.id = e.article_id WHERE e.feed_id = f.id) AS articles"
        " FROM feeds f ORDER BY f.id"
    )


def delete_feed(store: Store, feed_id: int) -> None:
    """Unsubscribe; its entries go with it (cascade), the articles stay."""
    with store.transaction() as db:
        db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))


def seen_stamp(store: Store, feed_id: int, guid: str) -> str | None:
    """The ``updated`` stamp remembered for a feed's entry ("" when it had none), or
    None when the entry was never seen."""
    rows = store.query(
        "SELECT updated FROM feed_entries WHERE feed_id = ? AND guid = ?", (feed_id, guid)
    )
    return str(rows[0]["updated"] or "") if rows else None


def address_known(store: Store, url: str) -> bool:
    """Whether a page was reached through some feed already, or imported by address."""
    return bool(
        store.query(
            "SELECT 1 FROM feed_entries WHERE url = ? UNION SELECT 1 FROM articles WHERE path = ?",
            (url, url),
        )
    )


def remember_entry(
    store: Store,
    feed_id: int,
    *,
    guid: str,
    url: str,
    updated: str,
    article_id: int | None,
    themes: Sequence[str],
) -> None:
    """In one transaction, remember a feed's entry as seen (``updated``: its stamp, ""
    when none) and suggest the feed's ``themes`` for the article it became (if any)."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO feed_entries (feed_id, guid, url, article_id, updated, seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(feed_id, guid) DO UPDATE SET"
            " url = excluded.url, article_id = excluded.article_id,"
            " updated = excluded.updated, seen_at = excluded.seen_at",
            (feed_id, guid, url, article_id, updated, utc_now()),
        )
        if article_id is not None:
            db.executemany(
                "INSERT OR IGNORE INTO article_theme_suggestions (article_id, theme_id, source)"
                " VALUES (?, ?, ?)",
                [(article_id, theme, f"feed:{feed_id}") for theme in themes],
            )


def mark_checked(store: Store, feed_id: int, error: str | None) -> None:
    """Record a check that imported nothing: not modified (``error`` None) or failed."""
    with store.transaction() as db:
        db.execute(
            "UPDATE feeds SET checked_at = ?, last_error = ? WHERE id = ?",
            (utc_now(), error, feed_id),
        )


def mark_updated(
    store: Store, feed_id: int, title: str, etag: str | None, last_modified: str | None
) -> None:
    """Record a finished update and the validators of the next conditional GET."""
    with store.transaction() as db:
        db.execute(
            "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, checked_at = ?,"
            " last_error = NULL WHERE id = ?",
            (title, etag, last_modified, utc_now(), feed_id),
        )


# -- theme suggestions from feeds ----------------------------------------------------------


def open_suggestions(store: Store, article_id: int) -> list[tuple[str, str]]:
    """``(theme id, source)`` suggested for an article, neither dismissed nor already
    on it, in the order they were suggested."""
    rows = store.query(
        "SELECT theme_id, source FROM article_theme_suggestions WHERE article_id = ?"
        " AND NOT dismissed AND theme_id NOT IN"
        " (SELECT theme_id FROM article_themes WHERE article_id = ?)"
        " ORDER BY rowid",
        (article_id, article_id),
    )
    return [(str(r["theme_id"]), str(r["source"])) for r in rows]


def accept_suggestion(store: Store, article_id: int, theme_id: str) -> None:
    """In one transaction, put the theme on the article and drop its suggestion."""
    with store.transaction() as db:
        db.execute(
            "INSERT OR IGNORE INTO article_themes (article_id, theme_id) VALUES (?, ?)",
            (article_id, theme_id),
        )
        db.execute(
            "DELETE FROM article_theme_suggestions WHERE article_id = ? AND theme_id = ?",
            (article_id, theme_id),
        )


def dismiss_suggestion(store: Store, article_id: int, theme_id: str) -> None:
    """Keep the suggestion but dismissed, so a later update of the entry (``INSERT OR
    IGNORE``) does not bring it back."""
    with store.transaction() as db:
        db.execute(
            "UPDATE article_theme_suggestions SET dismissed = 1"
            " WHERE article_id = ? AND theme_id = ?",
            (article_id, theme_id),
        )
