"""Helpers shared by the search tests: finding sample articles, store-level annotations
(the highlight API does not exist yet, so highlights are inserted with SQL)."""

from __future__ import annotations

from pathlib import Path

from reader.core.library import Library
from reader.core.store import Store

AMRAAM_ARTICLE = "001_b13ff8993483ff35.txt"  # the missile co-production article
HQ_ARTICLES = {"001_b13ff8993483ff35.txt", "004_67757e0a190ff99f.txt"}


def article_id(library: Library, file_name: str) -> int:
    for summary in library.store.summaries():
        if summary.path and Path(summary.path).name == file_name:
            return summary.id
    raise AssertionError(f"{file_name} is not in the library")


def add_highlight(
    store: Store, article: int, quote: str, note: str = "", themes: tuple[str, ...] = ()
) -> int:
    text = store.article(article).text
    start = text.find(quote)
    assert start >= 0, quote
    with store.transaction() as db:
        cur = db.execute(
            'INSERT INTO highlights (uid, article_id, start, "end", quote, note, created_at,'
            " modified_at) VALUES (?, ?, ?, ?, ?, ?, 'now', 'now')",
            (f"h-{article}-{start}", article, start, start + len(quote), quote, note),
        )
        highlight = int(cur.lastrowid or 0)
        for position, theme in enumerate(themes):
            db.execute(
                "INSERT INTO highlight_themes VALUES (?, ?, ?)", (highlight, theme, position)
            )
    return highlight
