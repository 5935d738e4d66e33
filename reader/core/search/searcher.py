"""Searching: ranked hits with marked snippets, theme counts and "did you mean".

A :class:`SearchService` keeps one whoosh searcher open and reuses it while the index
is unchanged (a cheap generation check per query), reopening it only after a write; per-searcher
caches (which documents carry which theme) live and die with it. It only reads the
index, so it may run on the GUI thread while the index worker writes; it is not itself
thread-safe (one service per thread).
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from whoosh import highlight
from whoosh import query as wq
from whoosh.searching import Hit, Searcher

from reader.core.search.index import SearchIndex
from reader.core.search.query import parse_query
from reader.core.search.ranking import DocsQuery, match_set, ranking_query
from reader.core.search.spelling import correct

SortOrder = Literal["relevance", "date", "title"]
SORTS: tuple[str, ...] = ("relevance", "date", "title")
MAX_SNIPPETS = 3
SNIPPET_CHARS = 240
#: whoosh stops highlighting at 32K characters by default; long reports need more.
CHAR_LIMIT = 2**24
_SNIPPET_FIELDS = ("body", "quote", "note", "title")
_SPACES = re.compile(r"\s+")


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

    def to_json(self, theme_name: Callable[[str], str] = str) -> dict[str, Any]:
        """The CLI's ``--json`` shape (documented in docs/search.md)."""
        return {
            "query": self.query,
            "total": self.total,
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


class _MarkFormatter(highlight.Formatter):  # type: ignore[misc]
    """Fragments as a list of HTML strings, matches in ``<mark>``; ellipses show where
    a fragment was cut out of longer text."""

    between = ""

    def _text(self, text: str) -> str:
        return html.escape(_SPACES.sub(" ", text), quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return (
            "<mark>"
            + html.escape(highlight.get_text(text, token, replace), quote=False)
            + "</mark>"
        )

    def format(self, fragments: Sequence[Any], replace: bool = False) -> list[str]:
        out = []
        for f in fragments:
            body = self.format_fragment(f, replace=replace).strip()
            if f.startchar > 0:
                body = "…" + body
            if f.endchar < len(f.text):
                body += "…"
            out.append(body)
        return out


def _highlighter() -> highlight.Highlighter:
    return highlight.Highlighter(
        fragmenter=highlight.PinpointFragmenter(
            maxchars=SNIPPET_CHARS, surround=60, autotrim=True, charlimit=CHAR_LIMIT
        ),
        formatter=_MarkFormatter(),
        order=highlight.SCORE,
    )


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
        return self._searcher

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
                            reader.postings("themes", t).all_ids()
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
        snippets: bool = True,
        any_themes: Sequence[str] = (),
        not_themes: Sequence[str] = (),
    ) -> SearchResult:
        """Run ``text`` (our query language). Theme filters take ids or names: the
        results carry every one of ``themes``, at least one of ``any_themes`` (if any
        are given) and none of ``not_themes``. ``snippets=False`` skips the marked
        excerpts (a list that shows titles only). Never raises on query text."""
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
        matched = self._matches(s, q)
        theme_sets = self._theme_sets()

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
        facets = {t: n for t, d in theme_sets.items() if (n := len(matched & d))}
        facets = dict(sorted(facets.items(), key=lambda kv: (-kv[1], kv[0])))
        hits = self._hits(s, q, matched, limit, sort, snippets) if matched and limit > 0 else ()
        suggestion = None
        if suggest and parsed.words:  # also with hits: "deterence" finds "deter"
            suggestion = self._suggest(s, text, parsed.words, themes, any_themes, not_themes)
        return SearchResult(text, len(matched), hits, facets, suggestion, tuple(notices))

    @staticmethod
    def _matches(s: Searcher, q: wq.Query) -> set[int]:
        return match_set(q, s)

    def _hits(
        self, s: Searcher, q: wq.Query, matched: set[int], limit: int, sort: str, snippets: bool
    ) -> tuple[SearchHit, ...]:
        """The first ``limit`` of ``matched``: scored by the ranking query (see
        ``ranking.py``), or ordered by a column and then scored for their snippets."""
        rank_q = ranking_query(q, s.reader())
        if rank_q is None and sort == "relevance":
            sort = "date"  # nothing to rank by (a date range or themes alone): newest first
        if sort == "relevance":
            assert rank_q is not None
            # Scored without recording matched terms (that costs per matching document),
            # then the top hits alone again with terms, for their snippets.
            if len(matched) * 4 < _estimate(s, rank_q):
                top = s.search(wq.And([rank_q, DocsQuery(matched)]), limit=limit)
            else:  # most of what the terms match: a filter keeps whoosh's block skipping
                top = s.search(rank_q, filter=matched, limit=limit)
            order = [h.docnum for h in top]
            scores = {h.docnum: float(h.score or 0.0) for h in top}
            if len(order) < min(limit, len(matched)):
                # Matched only through a rarer expansion of a prefix or fuzzy term.
                seen = set(order)
                order += sorted(matched - seen)[: limit - len(order)]
        else:
            order = _ordered(s, matched, sort, limit)
            scores = {}
        by_doc: dict[int, Hit] = {}
        if rank_q is not None and snippets:
            results = s.search(wq.And([rank_q, DocsQuery(order)]), limit=len(order), terms=True)
            results.highlighter = _highlighter()
            by_doc = {h.docnum: h for h in results}
        return tuple(
            _hit(by_doc[d], snippets, scores.get(d))
            if d in by_doc
            else _stored_hit(s, d, scores.get(d, 0.0))
            for d in order
        )

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
        )
        return fixed if again.total else None


def _estimate(s: Searcher, q: wq.Query) -> int:
    """How many documents the ranking terms match at most (sum of their frequencies)."""
    leaves = q.subqueries if isinstance(q, wq.Or) else [q]
    return sum(s.doc_frequency(t.fieldname, t.text) for t in leaves if isinstance(t, wq.Term))


def _segment_key(reader: Any) -> str | None:
    segment = getattr(reader, "segment", None)
    return str(segment().segment_id()) if callable(segment) else None


def _hit(hit: Hit, snippets: bool, score: float | None = None) -> SearchHit:
    return SearchHit(
        id=int(hit["id"]),
        title=hit["title"],
        date=hit.get("date") or None,
        score=float(hit.score or 0.0) if score is None else score,
        snippets=tuple(_snippets(hit)) if snippets else (),
        themes=tuple(t for t in hit.get("themes", "").split(",") if t),
    )


def _stored_hit(s: Searcher, docnum: int, score: float = 0.0) -> SearchHit:
    fields = s.stored_fields(docnum)
    return SearchHit(
        id=int(fields["id"]),
        title=fields["title"],
        date=fields.get("date") or None,
        score=score,
        snippets=(),
        themes=tuple(t for t in fields.get("themes", "").split(",") if t),
    )


def _ordered(s: Searcher, docs: set[int], sort: str, limit: int) -> list[int]:
    """The first ``limit`` of ``docs`` by date (newest first, undated last) or title,
    read from the sortable columns (no stored fields are loaded)."""
    if sort == "date":
        column = s.reader().column_reader("date")
        return heapq.nlargest(limit, docs, key=lambda d: (column[d] or "", -d))
    column = s.reader().column_reader("title_sort")
    return heapq.nsmallest(limit, docs, key=lambda d: (column[d] or "", d))


def _snippets(hit: Hit) -> list[str]:
    """Up to three snippets, from the body first, then quotes, notes and the title."""
    snippets: list[str] = []
    matched_fields = {f for f, _ in hit.matched_terms()}
    for name in _SNIPPET_FIELDS:
        if name not in matched_fields or len(snippets) >= MAX_SNIPPETS:
            continue
        text = hit.get(name) or ""
        if not text:
            continue
        got = hit.highlights(name, text=text, top=MAX_SNIPPETS - len(snippets))
        snippets.extend(g for g in got if g)
    return snippets
