"""Whoosh documents for articles, read from the store of record.

An article's document carries its own text and metadata plus what the researcher added:
the themes on it and on its highlights, the highlighted quotes and the note text (the
article note and every highlight note). Reading is batched so a rebuild of 100k
articles makes a handful of queries, not one per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.core.search.fields import TWINS
from reader.core.store import Store

Document = dict[str, Any]

_BATCH = 500


def iter_documents(store: Store, article_ids: Iterable[int] | None = None) -> Iterator[Document]:
    """Documents for ``article_ids`` (default: every article), in batches; ids of
    articles no longer in the store are skipped (the caller deletes those)."""
    if article_ids is None:
        last = 0
        while True:
            rows = store.query(
                "SELECT id, title, text, date, source, author, note, modified_at"
                " FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (last, _BATCH),
            )
            if not rows:
                return
            last = int(rows[-1]["id"])
            yield from _documents(store, rows)
    else:
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = store.query(
                "SELECT id, title, text, date, source, author, note, modified_at"
                f" FROM articles WHERE id IN ({marks}) ORDER BY id",
                chunk,
            )
            yield from _documents(store, rows)


def _documents(store: Store, rows: list[Any]) -> Iterator[Document]:
    ids = [int(r["id"]) for r in rows]
    if not ids:
        return
    lo, hi = ids[0], ids[-1]
    themes: dict[int, set[str]] = {}
    for row in store.query(
        "SELECT article_id, theme_id FROM article_themes WHERE article_id BETWEEN ? AND ?"
        " UNION SELECT h.article_id, t.theme_id FROM highlights h"
        " JOIN highlight_themes t ON t.highlight_id = h.id"
        " WHERE h.article_id BETWEEN ? AND ?",
        (lo, hi, lo, hi),
    ):
        themes.setdefault(int(row[0]), set()).add(str(row[1]))
    quotes: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    for row in store.query(
        "SELECT article_id, quote, note FROM highlights WHERE article_id BETWEEN ? AND ?"
        " ORDER BY article_id, start, id",
        (lo, hi),
    ):
        aid = int(row[0])
        if row[1]:
            quotes.setdefault(aid, []).append(row[1])
        if row[2]:
            notes.setdefault(aid, []).append(row[2])
    for r in rows:
        aid = int(r["id"])
        note_parts = [r["note"]] if r["note"] else []
        note_parts += notes.get(aid, [])
        yield build_document(
            article_id=aid,
            title=r["title"],
            text=r["text"],
            date=r["date"],
            source=r["source"],
            author=r["author"],
            themes=sorted(themes.get(aid, ())),
            quotes=quotes.get(aid, []),
            notes=note_parts,
            modified=r["modified_at"],
        )


def build_document(
    *,
    article_id: int,
    title: str,
    text: str,
    date: str | None,
    source: str | None,
    author: str | None,
    themes: list[str],
    quotes: list[str],
    notes: list[str],
    modified: str = "",
) -> Document:
    """One article's document. Quotes and notes are joined by blank lines so their
    snippets stay readable (a phrase can still span two of them; that is harmless).
    Each highlighted text field's frequency-only twin gets the very same string (see
    ``fields.py``)."""
    theme_list = ",".join(t.replace(",", " ") for t in themes)
    doc: Document = {
        "id": str(article_id),
        "title": title,
        "title_sort": title.casefold()[:200],
        "body": text,
        "author": author or "",
        "source": source or "",
        "date": date or "",
        "dateline": dateline(date),
        "themes": theme_list,
        "quote": "\n\n".join(quotes),
        "note": "\n\n".join(notes),
        "modified": modified,
        "hit": (article_id, title, date or "", theme_list),
        "aid": article_id,
    }
    doc.update({twin: doc[name] for name, twin in TWINS.items()})
    return doc


def dateline(iso: str | None) -> str:
    """An ISO date written as a date line ("2025-07-17" → "July 17, 2025"; a year-month
    gives "July 2025"), so the words a reader saw above the article find it."""
    import calendar  # here: a search that finds the index current never calls this

    parts = (iso or "").split("-")
    try:
        month = calendar.month_name[int(parts[1])] if len(parts) > 1 else ""
    except (ValueError, IndexError):
        return iso or ""
    if len(parts) > 2:
        return f"{month} {int(parts[2])}, {parts[0]}"
    return f"{month} {parts[0]}".strip()
