"""What an export of a scope will hold, counted without loading the articles.

The export dialog states it above its preview, so the preview (a few articles) never
passes for the whole export: "All articles: 27 articles, 5 with highlights, 9
highlights", whichever scope is chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core import store_articles as rows
from reader.core.store import Store


@dataclass(frozen=True, slots=True)
class ScopeSummary:
    articles: int  # articles in the scope
    annotated: tuple[int, ...]  # those with highlights, in export order (by date, undated last)
    highlights: int


def scope_summary(store: Store, article_ids: Sequence[int] | None = None) -> ScopeSummary:
    """Counts for ``article_ids`` (None: the whole library), one query each."""
    if article_ids is None:
        articles = store.article_count()
    else:
        article_ids = list(dict.fromkeys(article_ids))
        articles = rows.count_articles_among(store, article_ids)
    counts = rows.highlight_counts(store, article_ids)
    return ScopeSummary(articles, tuple(aid for aid, _ in counts), sum(n for _, n in counts))
