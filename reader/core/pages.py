"""Pages of paged sources (PDF): where each page begins in an article's text.

A highlight's page is the last page that begins at or before its start offset, so it
reads "p. 12" in the highlights pane, exports and citations. Articles from unpaged
sources (text, web pages) have no page map and no page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from reader.core import store_articles as rows
from reader.core.store import Store


def save_page_starts(store: Store, article_id: int, starts: Sequence[int]) -> None:
    """Replace the article's page map (``starts[i]`` is where page ``i + 1`` begins)."""
    with store.transaction() as db:
        rows.replace_page_starts(db, article_id, starts)


def page_starts(store: Store, article_id: int) -> tuple[int, ...]:
    """The article's page map, empty for an unpaged source."""
    return rows.page_starts(store, article_id)


def page_of(store: Store, article_id: int, offset: int) -> int | None:
    """The page (1-based) the text at ``offset`` is on, or None for an unpaged article."""
    return page_at(page_starts(store, article_id), offset)


def page_at(starts: Sequence[int], offset: int) -> int | None:
    """:func:`page_of` over a page map already read (for listing many highlights)."""
    if not starts:
        return None
    return max(bisect_right(list(starts), offset), 1)
