"""SQL for the synthesis view: the light facts it groups highlights by, and the texts of
the cards on screen.

What is read when lives in :mod:`reader.core.synthesis.cache`; this module only says
how it maps onto tables. The bulk readers return :class:`sqlite3.Row` as SQLite gives
them, not tuples built in Python: a cold read of 50,000 highlights goes through here
once per row. ``ids`` of None reads every article; a list limits the read to those
articles (the ones changed since the cache last read).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from reader.core.store import Store, where_among


def article_dates(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(article id, date)`` of the articles ``ids``."""
    where, params = where_among(ids, "id")
    return store.query(f"SELECT id, date FROM articles{where}", params)


def article_themes_by_article(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(article id, theme id)`` of the themes on whole articles of ``ids``, by article
    and then theme id."""
    where, params = where_among(ids, "article_id")
    return store.query(
        f"SELECT article_id, theme_id FROM article_themes{where} ORDER BY article_id, theme_id",
        params,
    )


def highlights_in_reading_order(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(highlight id, article id)`` of the articles' highlights, by article and then
    start offset, orphans (no start) first: the ``(article_id, start)`` index covers the
    query, so SQLite does not sort."""
    where, params = where_among(ids, "article_id")
    return store.query(
        f"SELECT id, article_id FROM highlights{where} ORDER BY article_id, start", params
    )


def highlight_themes_in_order(store: Store, ids: Sequence[int] | None) -> list[sqlite3.Row]:
    """``(highlight id, theme id)`` on the articles' highlights, by highlight and then
    theme position (the first theme gives the colour). Reading every article needs no
    join with ``highlights``."""
    where, params = where_among(ids, "h.article_id")
    join = f" JOIN highlights h ON h.id = t.highlight_id{where}" if ids is not None else ""
    return store.query(
        "SELECT t.highlight_id, t.theme_id FROM highlight_themes t"
        f"{join} ORDER BY t.highlight_id, t.position",
        params,
    )


def card_text_rows(store: Store, highlight_ids: Sequence[int]) -> list[sqlite3.Row]:
    """``(highlight id, quote, note, start, title, date, source)`` of the highlights
    ``highlight_ids`` still stored, with their article's title, date and source."""
    where, params = where_among(highlight_ids, "h.id")
    return store.query(
        "SELECT h.id, h.quote, h.note, h.start, a.title, a.date, a.source"
        f" FROM highlights h JOIN articles a ON a.id = h.article_id{where}",
        params,
    )


def article_card_row(store: Store, article_id: int) -> sqlite3.Row | None:
    """``(title, date, source, note)`` of an article, None when it is gone."""
    rows = store.query("SELECT title, date, source, note FROM articles WHERE id = ?", (article_id,))
    return rows[0] if rows else None
