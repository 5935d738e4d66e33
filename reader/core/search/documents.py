"""Whoosh documents for articles, read from the store of record.

An article's document carries its own text and metadata plus what the researcher added:
the themes on it and on its highlights, the highlighted quotes and the note text (the
article note and every highlight note). Reading is batched so a rebuild of 100k
articles makes a handful of queries, not one per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.core import store_index
from reader.core.search.fields import TWINS
from reader.core.store import Store

Document = dict[str, Any]

_BATCH = 500


def iter_documents(store: Store, article_ids: Iterable[int] | None = None) -> Iterator[Document]:
    """Documents for ``article_ids`` (default: every article), in batches; ids of
    articles no longer in the store are skipped (the caller deletes those)."""
    if article_ids is None:
        last = 0
        while rows := store_index.articles_after(store, last, _BATCH):
            last = int(rows[-1]["id"])
            yield from _documents(store, rows)
    else:
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), _BATCH):
            yield from _documents(
                store, store_index.articles_with_ids(store, ids[start : start + _BATCH])
            )


def _documents(store: Store, rows: list[Any]) -> Iterator[Document]:
    if not rows:
        return
    lo, hi = int(rows[0]["id"]), int(rows[-1]["id"])
    themes = store_index.themes_between(store, lo, hi)
    quotes, notes = store_index.highlight_texts_between(store, lo, hi)
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
