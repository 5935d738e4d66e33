"""Highlights, their notes and themes, and article notes: every edit one transaction.

Functions take a :class:`Store` (one per thread). Each write commits before it returns,
so a crash right after loses nothing; the store's triggers record the change for the
search index. ``restore`` re-inserts a deleted highlight with its id and uid, which is
what undo needs.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace

from reader.core import store_highlights as sql
from reader.core.annotations.anchoring import TextQuote, describe, reanchor
from reader.core.errors import NotFoundError, ReaderError
from reader.core.models import Highlight
from reader.core.store import Store, utc_now
from reader.core.store_articles import themes_of_articles


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
    made = Highlight(
        id=0,
        uid=uuid.uuid4().hex,
        article_id=article_id,
        start=start,
        end=end,
        quote=selector.exact,
        prefix=selector.prefix,
        suffix=selector.suffix,
        note=note,
        themes=tuple(themes),
        created_at=now,
        modified_at=now,
    )
    with store.transaction() as db:
        highlight_id = sql.insert_highlight_row(db, made, keep_id=False)
    return highlight(store, highlight_id)


def highlight(store: Store, highlight_id: int) -> Highlight:
    found = sql.highlight_by_id(store, highlight_id)
    if found is None:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    return found


def highlights_for(store: Store, article_id: int) -> list[Highlight]:
    """The article's highlights in reading order; orphans last, oldest first."""
    return sql.highlights_of_article(store, article_id)


def all_highlights(store: Store) -> list[Highlight]:
    return sql.every_highlight(store)


def set_note(store: Store, highlight_id: int, note: str) -> Highlight:
    with store.transaction() as db:
        sql.touch_highlight(db, highlight_id, note)
    return highlight(store, highlight_id)


def set_themes(store: Store, highlight_id: int, themes: Sequence[str]) -> Highlight:
    with store.transaction() as db:
        sql.touch_highlight(db, highlight_id)
        sql.write_highlight_themes(db, highlight_id, themes)
    return highlight(store, highlight_id)


def delete_highlight(store: Store, highlight_id: int) -> Highlight:
    """Delete and return the highlight as it was (to restore on undo)."""
    old = highlight(store, highlight_id)
    with store.transaction() as db:
        sql.delete_highlight_row(db, highlight_id)
    return old


def restore(store: Store, old: Highlight) -> Highlight:
    """Put back a deleted highlight exactly as it was (same id and uid)."""
    with store.transaction() as db:
        sql.insert_highlight_row(db, old, keep_id=True)
    return highlight(store, old.id)


def insert_highlight(store: Store, made: Highlight) -> Highlight:
    """Store a highlight made elsewhere (an annotation import), keeping its uid, offsets
    (None for an orphan) and timestamps as given; the store assigns a new id."""
    now = utc_now()
    made = replace(
        made,
        created_at=made.created_at or now,
        modified_at=made.modified_at or made.created_at or now,
    )
    with store.transaction() as db:
        highlight_id = sql.insert_highlight_row(db, made, keep_id=False)
    return highlight(store, highlight_id)


def set_article_note(store: Store, article_id: int, note: str) -> None:
    with store.transaction() as db:
        sql.write_article_note(db, article_id, note)


def article_themes(store: Store, article_id: int) -> tuple[str, ...]:
    return tuple(theme for _, theme in themes_of_articles(store, [article_id]))


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
                    sql.orphan_highlight(db, item.id)
                continue
            anchored += 1
            if found != (item.start, item.end):
                fresh = describe(text, *found)
                sql.move_highlight(db, item.id, found, fresh.exact, fresh.prefix, fresh.suffix)
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


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
