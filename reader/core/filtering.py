"""One filter value and one answer: what the library shows for a search and a theme filter.

A :class:`LibraryFilter` holds everything that narrows the library — the search query,
the themes an article must have (any or all of them), the themes it must not have, and
a date range: the fields of a saved view. :func:`answer` is the one call that answers
it, for the window, the command line and export alike: every matching article id, the
ranked first page of hits, the exact total, and theme counts over the *whole* match set
(not over the first page), so the status bar, the list, the theme counts and an export
of "what the filter shows" always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core.themes.ops import filter_articles, theme_counts

if TYPE_CHECKING:
    from reader.core.library import Library
    from reader.core.search import SearchHit, SortOrder


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """What narrows the library. Themes by id or name; a theme includes its sub-themes.
    Dates are ISO and inclusive, and may be partial ("2025", "2025-07")."""

    query: str = ""
    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def themed(self) -> bool:
        """Whether themes or dates narrow it (the store answers those)."""
        return bool(self.any_of or self.all_of or self.none_of or self.date_from or self.date_to)

    def active(self) -> bool:
        return bool(self.query.strip()) or self.themed()


@dataclass(frozen=True)
class FilterAnswer:
    """What a :class:`LibraryFilter` selects. ``article_ids`` is every match (None: the
    filter is empty, i.e. the whole library); ``hits`` the ranked first page when there
    is a query; ``theme_counts`` maps theme id → (highlights, articles) over all matches,
    sub-themes rolled up to their parents. ``estimated``: ``total`` is "about N" (a
    prefix with very many expansions; the ids are then those counted)."""

    filter: LibraryFilter
    article_ids: frozenset[int] | None
    total: int
    hits: tuple[SearchHit, ...] = ()
    theme_counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    estimated: bool = False
    suggestion: str | None = None
    notices: tuple[str, ...] = ()


def answer(
    library: Library,
    flt: LibraryFilter,
    *,
    limit: int = 20,
    snippets: bool | int = True,
    sync: bool = True,
    exact: bool = False,
    counts: bool = True,
    sort: SortOrder = "relevance",
) -> FilterAnswer:
    """Answer ``flt``. ``sync``: bring the index in step first (the command line; the
    window's searches leave that to its one index writer). ``counts``: compute the theme
    counts (a caller that shows none can skip them). ``sort``: the order of ``hits``."""
    store, taxonomy = library.store, library.taxonomy
    themed: frozenset[int] | None = None
    if flt.themed():
        themed = frozenset(
            filter_articles(
                store,
                taxonomy,
                any_of=flt.any_of,
                all_of=flt.all_of,
                none_of=flt.none_of,
                date_from=flt.date_from,
                date_to=flt.date_to,
            )
        )
    if not flt.query.strip():
        total = len(themed) if themed is not None else store.article_count()
        tallies = theme_counts(store, taxonomy, set(themed) if themed is not None else None)
        return FilterAnswer(flt, themed, total, theme_counts=tallies if counts else {})
    result = library.search(
        flt.query,
        limit=limit,
        snippets=snippets,
        sync=sync,
        exact=exact,
        within=themed,
        with_ids=True,
        sort=sort,
        facets=False,  # counted below from the store, sub-themes rolled up
    )
    ids = result.article_ids if result.article_ids is not None else frozenset()
    return FilterAnswer(
        flt,
        ids,
        result.total,
        result.hits,
        theme_counts(store, taxonomy, set(ids)) if counts else {},
        result.estimated,
        result.suggestion,
        result.notices,
    )
