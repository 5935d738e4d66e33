"""Searching: ranked hits with marked snippets, theme counts and "did you mean".

A :class:`SearchService` keeps one whoosh searcher open and reuses it while the index
is unchanged (a cheap generation check per query), reopening it only after a write; per-searcher
caches (which documents carry which theme) live and die with it. It only reads the
index, so it may run on the GUI thread while the index worker writes; it is not itself
thread-safe (one service per thread).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal

from whoosh import query as wq
from whoosh.searching import Searcher

from reader.core.search.article_ids import article_ids
from reader.core.search.fields import twin_of
from reader.core.search.index import SearchIndex
from reader.core.search.postings import blocks, top_scored
from reader.core.search.query import parse_query
from reader.core.search.ranking import MATCH_CAP, Estimate, match_set, ranking_query
from reader.core.search.snippets import snippets_for
from reader.core.search.spelling import correct

SortOrder = Literal["relevance", "date", "title"]
SORTS: tuple[str, ...] = ("relevance", "date", "title")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article. ``snippets`` are HTML: text escaped, matches in ``<mark>``."""

    id: int
    title: str
    date: str | None
    score: float
    snippets: tuple[str, ...]
    themes: tuple[str, ...]  # theme ids, as stored on the article and its highlights


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to a query. ``total`` counts every match; ``hits`` are the first ``limit``.

    ``estimated``: ``total`` is an estimate ("about N"), because a prefix, fuzzy term
    or range expanded to more terms than are counted (``exact=True`` counts them all);
    the hits and theme counts then come from the counted terms.
    ``themes`` maps theme id → number of matching articles that carry it (facets).
    ``suggestion`` is a corrected query when a word of this one is written in no article
    (it found nothing, or only other forms of the word's stem) and the correction finds
    something. ``notices`` explain parts of the query that were ignored or reinterpreted.
    """

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    themes: Mapping[str, int] = field(default_factory=dict)
    suggestion: str | None = None
    notices: tuple[str, ...] = ()
    estimated: bool = False
    article_ids: frozenset[int] | None = None  # every match's id, when asked (with_ids)

    def to_json(self, theme_name: Callable[[str], str] = str) -> dict[str, Any]:
        """The CLI's ``--json`` shape (documented in docs/search.md)."""
        return {
            "query": self.query,
            "total": self.total,
            "total_estimated": self.estimated,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "date": h.date,
                    "score": round(h.score, 4),
                    "snippets": list(h.snippets),
                    "themes": [theme_name(t) for t in h.themes],
                }
                for h in self.hits
            ],
            "themes": {theme_name(t): n for t, n in self.themes.items()},
            "suggestion": self.suggestion,
        }


class SearchService:
    """Runs queries against one library's index.

    ``theme_labels`` maps theme ids to display names, so ``theme:`` accepts either; it
    is called per query, so a renamed theme is found at once. ``resolve_theme`` (the
    library passes its taxonomy's) adds ids a name stands for, such as a parent's
    sub-themes.
    """

    def __init__(
        self,
        index: SearchIndex,
        theme_labels: Callable[[], Mapping[str, str]] | None = None,
        resolve_theme: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        self.index = index
        self.theme_labels = theme_labels or dict
        self._resolver = resolve_theme
        self._searcher: Searcher | None = None
        self._theme_docs: dict[str, frozenset[int]] | None = None
        self._segment_themes: dict[str, dict[str, tuple[int, ...]]] = {}
        self._article_ids: list[int] | None = None  # docnum → article id (per searcher)
        self._segment_ids: dict[str, list[int]] = {}
        self._hit_column: Any = None

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def searcher(self) -> Searcher:
        """The current searcher: refreshed if the index changed, reopened if rebuilt."""
        ix = self.index.open()
        s = self._searcher
        if s is not None and s._ix is ix and s.up_to_date():
            return s
        # Not ``Searcher.refresh()``: it reuses the reader of a segment that is still
        # there, deletions and all, so an updated article's old version kept matching.
        if s is not None:
            s.close()
        self._searcher, self._theme_docs = ix.searcher(), None
        self._article_ids = self._hit_column = None
        return self._searcher

    def _hits_column(self) -> Any:
        """The ``hit`` column of the current searcher (opening it reads every segment's
        offsets: a few ms at 10k, once per searcher rather than per query)."""
        s = self.searcher()
        if self._hit_column is None:
            self._hit_column = s.reader().column_reader("hit")
        return self._hit_column

    def _doc_article_ids(self) -> list[int]:
        """docnum → article id, for every document of the current searcher. Built from
        per-segment lists read from the ``aid`` column and cached by segment id (after an
        update only the new segment is read), so listing a search's article ids is a
        look-up per match instead of unpickling each match's ``hit`` row."""
        s = self.searcher()
        if self._article_ids is None:
            out = [0] * s.doc_count_all()
            live: dict[str, list[int]] = {}
            for reader, offset in s.reader().leaf_readers():
                key = _segment_key(reader)
                local = self._segment_ids.get(key) if key else None
                if local is None:
                    local = article_ids(reader)
                if key:
                    live[key] = local
                out[offset : offset + len(local)] = local
            self._segment_ids = live
            self._article_ids = out
        return self._article_ids

    def resolve_theme(self, name: str) -> list[str]:
        """Theme ids whose id or display name is ``name`` (case-insensitive)."""
        wanted = name.casefold()
        labels = self.theme_labels()
        ids = {t for t, label in labels.items() if wanted in (t.casefold(), label.casefold())}
        ids |= {t for t in self._theme_sets() if t.casefold() == wanted}
        if self._resolver is not None:
            ids.update(self._resolver(name))
        return sorted(ids)

    def _theme_sets(self) -> dict[str, frozenset[int]]:
        """theme id → docnums carrying it; built once per searcher (facets and filters).

        Built from per-segment sets cached by segment id: after an incremental update
        only the new small segment is read. A segment's set may still hold documents
        deleted since; harmless, as it is only ever intersected with live matches."""
        s = self.searcher()
        if self._theme_docs is None:
            merged: dict[str, set[int]] = {}
            live: dict[str, dict[str, tuple[int, ...]]] = {}
            for reader, offset in s.reader().leaf_readers():
                key = _segment_key(reader)
                local = self._segment_themes.get(key) if key else None
                if local is None:
                    local = {
                        (t.decode("utf-8") if isinstance(t, bytes) else str(t)): tuple(
                            chain.from_iterable(ids for ids, _ in blocks(reader, "themes", t))
                        )
                        for t in reader.lexicon("themes")
                    }
                if key:
                    live[key] = local
                for theme, docs in local.items():
                    merged.setdefault(theme, set()).update(d + offset for d in docs)
            self._segment_themes = live
            self._theme_docs = {t: frozenset(d) for t, d in merged.items()}
        return self._theme_docs

    def search(
        self,
        text: str,
        themes: Sequence[str] = (),
        limit: int = 20,
        sort: SortOrder = "relevance",
        suggest: bool = True,
        snippets: bool | int = True,
        any_themes: Sequence[str] = (),
        not_themes: Sequence[str] = (),
        exact: bool = False,
        within: Collection[int] | None = None,
        with_ids: bool = False,
        facets: bool = True,
    ) -> SearchResult:
        """Run ``text`` (our query language). Never raises on query text.

        Theme filters take ids or names: the results carry every one of ``themes``, at
        least one of ``any_themes`` (if any are given) and none of ``not_themes``.
        ``within``: only these article ids match (a store-side filter, e.g. by dates),
        so the total, ranking and facets are of the filtered set; ``with_ids``: the
        result lists every match's article id. ``snippets=False`` skips the marked
        excerpts (a list that shows titles only); a number gives them to that many first
        hits only (the rows a window shows; they cost per hit). ``exact`` counts every
        expansion of a prefix, fuzzy term or range instead of estimating beyond
        :data:`~reader.core.search.ranking.MATCH_CAP`. ``facets=False`` leaves
        ``themes`` empty, unread (a caller that counts themes itself, as the one filter
        answer does from the store)."""
        filtered = bool(themes or any_themes or not_themes)
        s = self.searcher()
        parsed = parse_query(text, self.resolve_theme)
        notices = list(parsed.notices)
        q = parsed.query
        if q is None:
            if text.strip():
                if not notices:
                    notices.append(
                        "nothing to search for: the query has only very common or one-letter words"
                    )
                return SearchResult(text, 0, (), notices=tuple(notices))
            if not filtered:
                return SearchResult(text, 0, (), notices=tuple(notices))
            q = wq.Every()  # themes alone: every article that carries them
        estimate = Estimate()
        matched = match_set(q, s, None if exact else MATCH_CAP, estimate)
        theme_sets = self._theme_sets() if facets or filtered else {}

        def docs_of(name: str) -> set[int]:
            ids = self.resolve_theme(name)
            if not ids:
                notices.append(f"no theme is called '{name}'")
            docs: set[int] = set()
            for t in ids:
                docs |= theme_sets.get(t, frozenset())
            return docs

        for name in themes:
            matched &= docs_of(name)
        if any_themes:
            matched &= set().union(*(docs_of(name) for name in any_themes))
        for name in not_themes:
            matched -= docs_of(name)
        article_of = self._doc_article_ids() if within is not None or with_ids else None
        if within is not None and article_of is not None:
            allowed = within if isinstance(within, (set, frozenset)) else set(within)
            matched = {d for d in matched if article_of[d] in allowed}
        ids = (
            frozenset(map(article_of.__getitem__, matched))
            if with_ids and article_of is not None
            else None
        )
        counted = {t: n for t, d in theme_sets.items() if facets and (n := len(matched & d))}
        counted = dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
        hits = self._hits(s, q, matched, limit, sort, snippets) if matched and limit > 0 else ()
        suggestion = None
        if suggest and parsed.words:  # also with hits: "deterence" finds "deter"
            suggestion = self._suggest(s, text, parsed.words, themes, any_themes, not_themes)
        total, estimated = len(matched), estimate.factor > 1.0
        if estimated:
            total = min(round(total * estimate.factor), s.doc_count())
        return SearchResult(text, total, hits, counted, suggestion, tuple(notices), estimated, ids)

    def _hits(
        self,
        s: Searcher,
        q: wq.Query,
        matched: set[int],
        limit: int,
        sort: str,
        snippets: bool | int,
    ) -> tuple[SearchHit, ...]:
        """The first ``limit`` of ``matched``: scored by the ranking query (see
        ``ranking.py``), or ordered by a column; snippets from ``snippets.py``."""
        rank_q = ranking_query(q, s.reader())
        if rank_q is None and sort == "relevance":
            sort = "date"  # nothing to rank by (a date range or themes alone): newest first
        if sort == "relevance":
            assert rank_q is not None
            # Scored block by block on the frequency-only twins (postings.py).
            leaves = rank_q.subqueries if isinstance(rank_q, wq.Or) else [rank_q]
            terms = [(twin_of(t.fieldname), t.text) for t in leaves]
            top = top_scored(s, terms, matched, limit)
            order = [d for _, d in top]
            scores = {d: -negative for negative, d in top}
            if len(order) < min(limit, len(matched)):
                # Matched only through a rarer expansion of a prefix or fuzzy term.
                seen = set(order)
                order += sorted(matched - seen)[: limit - len(order)]
        else:
            order = _ordered(s, matched, sort, limit)
            scores = {}
        marked: dict[int, list[str]] = {}
        if rank_q is not None and snippets:
            leaves = rank_q.subqueries if isinstance(rank_q, wq.Or) else [rank_q]
            first = order if snippets is True else order[: int(snippets)]
            stored = {d: s.stored_fields(d) for d in first}
            marked = snippets_for(s.reader(), stored, [(t.fieldname, t.text) for t in leaves])
        column = self._hits_column()
        return tuple(_hit(column[d], scores.get(d, 0.0), marked.get(d, ())) for d in order)

    def _suggest(
        self,
        s: Searcher,
        text: str,
        words: list[tuple[int, int, str]],
        themes: Sequence[str],
        any_themes: Sequence[str] = (),
        not_themes: Sequence[str] = (),
    ) -> str | None:
        """Correct the plain words (see ``spelling.py``); offer the result only if it
        finds something."""
        fixed = correct(s, text, words)
        if fixed is None:
            return None
        again = self.search(
            fixed,
            themes=themes,
            limit=0,
            suggest=False,
            any_themes=any_themes,
            not_themes=not_themes,
            facets=False,
        )
        return fixed if again.total else None


def _segment_key(reader: Any) -> str | None:
    segment = getattr(reader, "segment", None)
    return str(segment().segment_id()) if callable(segment) else None


def _hit(row: tuple[int, str, str, str], score: float, snippets: Sequence[str]) -> SearchHit:
    """A hit from its ``hit`` column row (see schema.py)."""
    article_id, title, date, themes = row
    return SearchHit(
        id=int(article_id),
        title=title,
        date=date or None,
        score=score,
        snippets=tuple(snippets),
        themes=tuple(t for t in themes.split(",") if t),
    )


def _ordered(s: Searcher, docs: set[int], sort: str, limit: int) -> list[int]:
    """The first ``limit`` of ``docs`` by date (newest first, undated last) or title,
    read from the sortable columns (no stored fields are loaded)."""
    if sort == "date":
        column = s.reader().column_reader("date")
        return heapq.nlargest(limit, docs, key=lambda d: (column[d] or "", -d))
    column = s.reader().column_reader("title_sort")
    return heapq.nsmallest(limit, docs, key=lambda d: (column[d] or "", d))
