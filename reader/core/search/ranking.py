"""Fast matching and ranking: the two halves of a query's evaluation.

A search runs in two passes. The *exact* query (from ``query.py``) decides which
articles match; it is evaluated once, unscored. The *ranking* query, derived here, is an
``Or`` of the query's positive terms, run scored over the exact matches only (as a
filter) to pick and order the top hits and to tell the highlighter which terms matched.

Why: at 10k articles whoosh was slow exactly where this helps. A phrase of common words
was verified twice (count, then scoring); now once. A prefix, fuzzy term or date range
expanding to hundreds of terms was scored through a binary tree of union matchers
(whoosh's choice above 5,000 documents); now the exact pass preloads the expansions into
one array (:class:`PrefixQuery` and friends) and the ranking pass scores only the most
frequent few (:data:`MAX_EXPANSIONS`). Articles matched only through a rarer expansion
still count and are listed after the scored ones.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from operator import sub
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.query.compound import PreloadedOr
from whoosh.reading import IndexReader
from whoosh.searching import SearchContext, Searcher

from reader.core.search.fields import twin_of
from reader.core.search.postings import doc_ids, iter_positions, pair_matches

MAX_EXPANSIONS = 5
#: A prefix, fuzzy term or range expanding to more terms than this counts the documents
#: of the most frequent ones and estimates the rest, unless an exact total is asked for.
MATCH_CAP = 64
#: Fields that filter rather than rank: they never take part in scoring.
UNSCORED_FIELDS = frozenset({"date", "dateline", "themes", "id"})


class _PreloadedExpansion:
    """Matches the union of a multi-term query's expansions with an array matcher, and
    remembers the expansions per reader so the ranking pass does not walk the term
    list a second time (a fuzzy term's automaton walk is its main cost)."""

    boost: float

    def expansions(self, reader: IndexReader) -> list[Any]:
        cache: dict[int, list[Any]] = self.__dict__.setdefault("_expansions", {})
        key = id(reader)
        if key not in cache:
            cache[key] = [w for w in self._btexts(reader) if w]  # type: ignore[attr-defined]
        return cache[key]

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Any:
        words = self.expansions(searcher.reader())
        if not words:
            return matching.NullMatcher()
        field = self.field()  # type: ignore[attr-defined]
        subs = [wq.Term(field, w) for w in words]
        if len(subs) == 1:
            return subs[0].matcher(searcher, context)
        ctx = context.set(weighting=None) if context else SearchContext(weighting=None)
        return PreloadedOr(subs, boost=self.boost).matcher(searcher, ctx)


class PrefixQuery(_PreloadedExpansion, wq.Prefix):  # type: ignore[misc]
    """``word*``."""


class FuzzyQuery(_PreloadedExpansion, wq.FuzzyTerm):  # type: ignore[misc]
    """``word~``: terms within an edit distance, sharing the first letter.

    Expanded segment by segment: each segment reader walks its term list with a
    Levenshtein automaton, while a multi-segment reader falls back to computing the
    distance to every term with the same first letter (ten times slower)."""

    def _btexts(self, ixreader: IndexReader) -> Any:
        seen: set[Any] = set()
        for reader, _ in ixreader.leaf_readers():
            for word in reader.terms_within(
                self.fieldname, self.text, self.maxdist, prefix=self.prefixlength
            ):
                if word not in seen:
                    seen.add(word)
                    yield word


class RangeQuery(_PreloadedExpansion, wq.TermRange):  # type: ignore[misc]
    """``date:[a to b]``."""


class PhraseQuery(wq.Phrase):  # type: ignore[misc]
    """``"exact words"``, verified with plain position sets.

    whoosh's ``Phrase`` builds span objects for every candidate document; for a phrase
    of common words at 10k articles that cost a second. Here the candidates are the
    documents holding every word (from the twins), and positions, read for those only
    (packed arrays, ``packed.py``), are compared as integer sets. Unscored (the ranking
    pass scores the words).

    ``offsets`` are the words' positions relative to the first: a stop word inside the
    phrase ("state of the art") leaves a gap the document must have too."""

    def __init__(
        self, fieldname: str, words: list[str], offsets: list[int] | None = None, **kw: Any
    ) -> None:
        super().__init__(fieldname, words, **kw)
        self.offsets = list(offsets) if offsets is not None else list(range(len(words)))

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Any:
        found = self.docs_in(searcher.reader())
        if not found:
            return matching.NullMatcher()
        return matching.ListMatcher(found, all_weights=self.boost)

    def docs_in(self, reader: IndexReader) -> list[int]:
        """The documents of ``reader`` holding the phrase: those with every word (from
        the frequency-only twins, cheap), then positions read for those alone."""
        words = list(self.words)
        field = self.fieldname
        if not words or not all((field, w) in reader for w in words):
            return []
        twin = twin_of(field)
        candidates: set[int] | None = None
        for w in sorted(set(words), key=lambda w: reader.doc_frequency(field, w)):
            ids = doc_ids(reader, twin, w)
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return []
        assert candidates is not None
        if len(words) < 2:
            return sorted(candidates)
        # Rarest word first: each next word's positions are read for fewer documents.
        placed = sorted(
            zip(self.offsets, words, strict=True),
            key=lambda ow: reader.doc_frequency(field, ow[1]),
        )
        docs = sorted(candidates)
        if len(placed) == 2:  # most phrases: one membership test per posting
            (oa, a), (ob, b) = placed
            pair = pair_matches(reader, field, a, b, ob - oa, docs)
            if pair is not None:
                return pair
        starts: dict[int, set[int]] = {}  # document → where the phrase may start
        for n, (offset, word) in enumerate(placed):
            found = iter_positions(reader, field, word, docs)
            if n == 0:
                starts = {d: set(_shifted(ps, offset)) for d, ps in found}
            elif n == len(placed) - 1:  # the last word: any one common start will do
                return [d for d, ps in found if not starts[d].isdisjoint(_shifted(ps, offset))]
            else:
                starts = {
                    d: kept
                    for d, ps in found
                    if (kept := starts[d].intersection(_shifted(ps, offset)))
                }
            docs = list(starts)  # ascending, as iter_positions yields them
            if not docs:
                return []
        return docs


def _shifted(positions: Iterable[int], offset: int) -> Iterable[int]:
    """``positions`` less ``offset`` (C-level iteration: no Python frame per position)."""
    return map(sub, positions, repeat(offset)) if offset else positions


class DocsQuery(wq.Query):  # type: ignore[misc]
    """Matches a fixed set of documents (top-level numbers) and adds no score.

    ``And([ranking, DocsQuery(matched)])`` scores only the matched documents: whoosh's
    ``filter=`` instead walks every document the ranking terms match and drops the
    others afterwards, which for a rare phrase of common words meant scoring thousands
    of documents to keep a dozen."""

    def __init__(self, docnums: Iterable[int]) -> None:
        self.docnums = sorted(docnums)
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"DocsQuery({len(self.docnums)} documents)"

    def estimate_size(self, ixreader: IndexReader) -> int:
        return len(self.docnums)

    def estimate_min_size(self, ixreader: IndexReader) -> int:
        return len(self.docnums)

    def matcher(self, searcher: Searcher, context: SearchContext | None = None) -> Any:
        docs = self.docnums
        parent = getattr(searcher, "parent", None)
        if parent is not None and not isinstance(parent, Searcher):
            parent = parent()  # whoosh keeps a weak reference to the top-level searcher
        if parent is not None:  # a per-segment searcher: translate to its numbers
            offset = parent._offset_for_subsearcher(searcher) or 0
            lo = bisect_left(docs, offset)
            hi = bisect_left(docs, offset + searcher.doc_count_all())
            docs = [d - offset for d in docs[lo:hi]]
        if not docs:
            return matching.NullMatcher()
        return matching.ListMatcher(docs, all_weights=1e-9)


@dataclass(slots=True)
class Estimate:
    """Set by :func:`match_set` when it capped an expansion: the estimated true size of
    the match set over the counted one (1.0 when the count is exact)."""

    factor: float = 1.0


def match_set(
    q: wq.Query,
    s: Searcher,
    cap: int | None = None,
    estimate: Estimate | None = None,
    positive: bool = True,
) -> set[int]:
    """The documents ``q`` matches, computed with Python sets.

    whoosh answers a boolean query with a tree of matchers stepping through documents
    one call per node and document; reading each leaf's postings once and combining
    them with C-speed set operations is several times faster for the wide ``Or`` trees
    our default fields and expansions produce.

    ``cap``: a prefix, fuzzy term or range with more expansions than this (outside a
    negation) unions only the ``cap`` most frequent; ``estimate`` then says by how much
    the count falls short (see :func:`_capped`)."""
    reader = s.reader()
    if isinstance(q, wq.AndNot):
        base = match_set(q.a, s, cap, estimate, positive)
        return base - match_set(q.b, s, cap, estimate, not positive) if base else base
    if isinstance(q, wq.And):
        result: set[int] | None = None
        for sub in q.subqueries:
            docs = match_set(sub, s, cap, estimate, positive)
            result = docs if result is None else result & docs
            if not result:
                return set()
        return result or set()
    if isinstance(q, wq.Or):
        union: set[int] = set()
        for sub in q.subqueries:
            union |= match_set(sub, s, cap, estimate, positive)
        return union
    if isinstance(q, wq.Term):
        if (q.fieldname, q.text) not in reader:
            return set()
        return doc_ids(reader, twin_of(q.fieldname), q.text)
    if isinstance(q, PhraseQuery):
        return set(q.docs_in(reader))
    if isinstance(q, _PreloadedExpansion):
        words = q.expansions(reader)
        if cap is not None and positive and len(words) > cap:
            return _capped(q, reader, words, cap, estimate)
        twin = twin_of(q.field())  # type: ignore[attr-defined]
        union = set()
        for word in words:
            union |= doc_ids(reader, twin, word)
        return union
    if isinstance(q, wq.Every):
        return set(reader.all_doc_ids())
    if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return set()
    return set(q.docs(s))


def _capped(
    q: Any, reader: IndexReader, words: list[Any], cap: int, estimate: Estimate | None
) -> set[int]:
    """The union of the ``cap`` most frequent expansions. The others' documents are
    estimated: each of their postings is taken to fall outside the counted union as
    often as a random document does (``1 - counted / documents``)."""
    field = q.field()
    twin = twin_of(field)
    freq = {w: reader.doc_frequency(field, w) for w in words}
    kept = heapq.nlargest(cap, words, key=freq.__getitem__)
    union: set[int] = set()
    for word in kept:
        union |= doc_ids(reader, twin, word)
    if estimate is not None and union:
        rest = sum(freq.values()) - sum(freq[w] for w in kept)
        documents = max(reader.doc_count(), 1)
        full = min(documents, len(union) + rest * (1 - len(union) / documents))
        estimate.factor = max(estimate.factor, full / len(union))
    return union


def ranking_query(q: wq.Query, reader: IndexReader) -> wq.Query | None:
    """An ``Or`` of the scoring terms of ``q`` (None when it has none, e.g. a date range
    alone): phrases become their words, multi-term queries their most frequent
    expansions (:data:`MAX_EXPANSIONS` over all their fields together), excluded parts
    and filter-only fields are left out."""
    terms: dict[tuple[str, str], wq.Term] = {}
    expanded: dict[tuple[str, str], int] = {}
    _collect(q, reader, terms, expanded)
    for field, text in heapq.nlargest(MAX_EXPANSIONS, expanded, key=expanded.__getitem__):
        terms.setdefault((field, text), wq.Term(field, text))
    if not terms:
        return None
    subs = list(terms.values())
    return subs[0] if len(subs) == 1 else wq.Or(subs)


def _collect(
    q: wq.Query,
    reader: IndexReader,
    out: dict[tuple[str, str], wq.Term],
    expanded: dict[tuple[str, str], int],
) -> None:
    if isinstance(q, wq.AndNot):
        _collect(q.a, reader, out, expanded)
    elif isinstance(q, wq.Not):
        return
    elif isinstance(q, wq.CompoundQuery):
        for sub in q.subqueries:
            _collect(sub, reader, out, expanded)
    elif getattr(q, "fieldname", None) in UNSCORED_FIELDS:
        return
    elif isinstance(q, wq.Phrase):
        for word in q.words:
            out.setdefault((q.fieldname, word), wq.Term(q.fieldname, word))
    elif isinstance(q, wq.Term):
        out.setdefault((q.fieldname, q.text), q)
    elif isinstance(q, wq.MultiTerm):
        field = q.field()
        words = (
            q.expansions(reader)
            if isinstance(q, _PreloadedExpansion)
            else [w for w in q._btexts(reader) if w]
        )
        for word in words:
            text = word.decode("utf-8") if isinstance(word, bytes) else word
            expanded[(field, text)] = reader.doc_frequency(field, text)
