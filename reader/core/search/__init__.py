"""Full-text search over a library's articles, highlights and notes (whoosh).

Importing this package imports whoosh; modules on the CLI's start-up path import it
lazily (see ``Library.search``). The modules, one job each:

* ``schema``    — the index schema and :data:`INDEX_VERSION`
* ``documents`` — an article's search document, read from the store
* ``index``     — open, keep in step, rebuild (:class:`SearchIndex`)
* ``query``     — our query language → whoosh queries (:func:`parse_query`)
* ``searcher``  — ranked hits, snippets, facets, suggestions (:class:`SearchService`)
"""

from __future__ import annotations

# First, before anything imports whoosh: see lean_imports.py.
import reader.core.search.lean_imports  # noqa: F401
from reader.core.search.index import IndexCancelled, SearchIndex, SyncReport
from reader.core.search.query import ParsedQuery, QueryError, parse_query
from reader.core.search.schema import INDEX_VERSION
from reader.core.search.searcher import SORTS, SearchHit, SearchResult, SearchService, SortOrder

__all__ = [
    "INDEX_VERSION",
    "SORTS",
    "IndexCancelled",
    "ParsedQuery",
    "QueryError",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
    "SearchService",
    "SortOrder",
    "SyncReport",
    "parse_query",
]
