"""What an export of a scope will hold, counted without loading the articles.

The export dialog states it above its preview, so the preview (a few articles) never
passes for the whole export: "All articles: 27 articles, 5 with highlights, 9
highlights", whichever scope is chosen.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.store import Store


@dataclass(frozen=True, slots=True)
class ScopeSummary:
    articles: int  # articles in the scope
    annotated: tuple[int, ...]  # those with highlights, in export order (by date, undated last)
    highlights: int


def scope_summary(store: Store, article_ids: Sequence[int] | None = None) -> ScopeSummary:
    """Counts for ``article_ids`` (None: the whole library), one query each."""
    where: str = ""
    params: tuple[str, ...] = ()
    if article_ids is None:
        articles = store.article_count()
    else:
        where = " WHERE a.id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(dict.fromkeys(article_ids))),)
        articles = int(store.query("SELECT count(*) FROM articles a" + where, params)[0][0])
    rows = store.query(
        "SELECT a.id, count(h.id) FROM articles a JOIN highlights h ON h.article_id = a.id"
        f"{where} GROUP BY a.id ORDER BY a.date IS NULL, a.date, a.id",
        params,
    )
    return ScopeSummary(articles, tuple(r[0] for r in rows), sum(r[1] for r in rows))
