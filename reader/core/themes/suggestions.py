"""Theme suggestions: sentences of an article that match a theme's keywords or query.

A suggestion is a whole sentence (a passage worth highlighting), offered for one theme
with the reason it matched. Keywords match case-insensitively as whole words or
phrases (``SM-6`` does not match ``SM-60``); a query is the search language, evaluated
per sentence with the index's analysis (stemming, folding), so ``missile AND produc*``
needs both in the same sentence. Only text words count: ``note:``, ``theme:`` or
``date:`` parts of a suggestion query never match a sentence.

Sentences already highlighted with the theme (or a sub-theme) are not offered, nor are
dismissed ones. Dismissals are kept in the store by the sentence's text, so they survive
a re-import of a changed file as long as that sentence is unchanged.

Importing this module imports the search package (whoosh): keep it off start-up paths.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from whoosh import query as wq
from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.levenshtein import distance

from reader.core import store_themes as sql
from reader.core.annotations.highlights import add_highlight, highlights_for
from reader.core.blocks import BlockKind, iter_blocks
from reader.core.importing.metadata import sentence_ends
from reader.core.models import Article, Highlight
from reader.core.search.query import parse_query
from reader.core.search.schema import folding_analyzer
from reader.core.search.spans import match_spans
from reader.core.store import Store
from reader.core.themes.taxonomy import Taxonomy, Theme

_TEXT_FIELDS = frozenset({"body", "title", "quote"})
_LETTER = re.compile(r"[^\W\d_]")

#: What :func:`suggest` accepts as dismissed: ``(theme_id, quote)`` pairs as
#: :func:`dismissed_for` returns them, or ``(theme_id, start, end)`` spans.
Dismissed = Collection[tuple[str, str] | tuple[str, int, int]]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A passage ``text[start:end]`` (code points) proposed for ``theme_id``.

    ``reason`` says why, e.g. ``keyword "AMRAAM"``; ``hits`` are the matched words'
    spans inside the passage, for a faint mark in the text."""

    theme_id: str
    start: int
    end: int
    quote: str
    reason: str
    hits: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Word:
    folded: str
    stemmed: str
    start: int


def suggest(
    article: Article,
    taxonomy: Taxonomy,
    existing: Sequence[Highlight] = (),
    dismissed: Dismissed = frozenset(),
) -> list[Suggestion]:
    """Suggestions for ``article``, in reading order (then taxonomy order)."""
    text = article.text
    sentences = sentence_spans(text)
    if not sentences:
        return []
    words: list[_Word] | None = None
    dismissed_quotes = {
        (d[0], normalize_quote(d[1])) for d in dismissed if len(d) == 2 and isinstance(d[1], str)
    }
    dismissed_spans = {d for d in dismissed if len(d) == 3}
    order = {t.id: i for i, (t, _) in enumerate(taxonomy.ordered())}
    found: list[Suggestion] = []
    for theme in taxonomy.themes:
        matched: dict[int, tuple[list[str], list[tuple[int, int]]]] = {}
        if theme.keywords:
            _keyword_matches(theme, text, sentences, matched)
        query = _parsed(theme.query) if theme.query else None
        if query is not None and theme.query:
            if words is None:
                words = _words(text)
            _query_matches(theme.query, query, text, sentences, words, matched)
        if not matched:
            continue
        covered = _covered(existing, taxonomy.descendants(theme.id))
        for index, (reasons, hits) in matched.items():
            start, end = sentences[index]
            quote = text[start:end]
            if (
                (theme.id, start, end) in dismissed_spans
                or (theme.id, normalize_quote(quote)) in dismissed_quotes
                or any(s < end and e > start for s, e in covered)
            ):
                continue
            found.append(
                Suggestion(theme.id, start, end, quote, _reason(reasons), tuple(sorted(set(hits))))
            )
    found.sort(key=lambda s: (s.start, order.get(s.theme_id, len(order))))
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence: lines (paragraphs, list items, table rows) cut
    at sentence ends, trimmed of white space; pieces without a letter are dropped, and so
    are headings and photo credits (the reader's blocks), which are not passages."""
    skipped = {
        b.start for b in iter_blocks(text) if b.kind in (BlockKind.HEADING, BlockKind.CAPTION)
    }
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base, body = line.start(), line.group()
        if base in skipped:
            continue
        cuts = [0, *sentence_ends(body), len(body)]
        for a, b in pairwise(cuts):
            piece = body[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail > lead and _LETTER.search(piece):
                spans.append((base + a + lead, base + a + trail))
    return spans


def normalize_quote(quote: str) -> str:
    """A passage as dismissals compare it: white space collapsed, ends trimmed."""
    return " ".join(quote.split())


# -- dismissals in the store -------------------------------------------------------------


def dismiss_suggestion(store: Store, article_id: int, theme_id: str, quote: str) -> None:
    """Remember that the user does not want ``quote`` suggested for ``theme_id``."""
    sql.add_dismissal(store, article_id, theme_id, normalize_quote(quote))


def undismiss_suggestion(store: Store, article_id: int, theme_id: str, quote: str) -> None:
    """Forget a dismissal (undo)."""
    sql.remove_dismissal(store, article_id, theme_id, normalize_quote(quote))


def dismissed_for(store: Store, article_id: int) -> set[tuple[str, str]]:
    """``(theme_id, quote)`` of the article's dismissed suggestions."""
    return sql.dismissals(store, article_id)


def suggestions_for(store: Store, taxonomy: Taxonomy, article_id: int) -> list[Suggestion]:
    """:func:`suggest` for a stored article, with its highlights and dismissals."""
    return suggest(
        store.article(article_id),
        taxonomy,
        highlights_for(store, article_id),
        dismissed_for(store, article_id),
    )


def accept_suggestion(store: Store, article_id: int, suggestion: Suggestion) -> Highlight:
    """Highlight the suggested passage with its theme."""
    return add_highlight(store, article_id, suggestion.start, suggestion.end, [suggestion.theme_id])


# -- matching ----------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(
        {" ".join(k.split()) for k in keywords if k.strip()}, key=len, reverse=True
    )
    body = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _keyword_matches(
    theme: Theme,
    text: str,
    sentences: list[tuple[int, int]],
    matched: dict[int, tuple[list[str], list[tuple[int, int]]]],
) -> None:
    spelled = {" ".join(k.split()).casefold(): k.strip() for k in theme.keywords}
    starts = [s for s, _ in sentences]
    for m in _keyword_pattern(theme.keywords).finditer(text):
        index = bisect_left(starts, m.start() + 1) - 1
        if index < 0 or m.end() > sentences[index][1]:
            continue  # between sentences (cannot happen for a word) or across two
        reasons, hits = matched.setdefault(index, ([], []))
        keyword = spelled.get(" ".join(m.group().split()).casefold(), m.group())
        label = f'keyword "{keyword}"'
        if label not in reasons:
            reasons.append(label)
        hits.append((m.start(), m.end()))


def _query_matches(
    query_text: str,
    query: wq.Query,
    text: str,
    sentences: list[tuple[int, int]],
    words: list[_Word],
    matched: dict[int, tuple[list[str], list[tuple[int, int]]]],
) -> None:
    word_starts = [w.start for w in words]
    spans: list[tuple[int, int]] | None = None
    for index, (start, end) in enumerate(sentences):
        inside = words[bisect_left(word_starts, start) : bisect_left(word_starts, end)]
        if not inside or not _holds(query, inside):
            continue
        if spans is None:
            spans = match_spans(query_text, text)
        reasons, hits = matched.setdefault(index, ([], []))
        reasons.append(f'query "{query_text}"')
        hits += [(s, e) for s, e in spans if s >= start and e <= end]


@lru_cache(maxsize=256)
def _parsed(query_text: str) -> wq.Query | None:
    return parse_query(query_text).query


def _words(text: str) -> list[_Word]:
    return [
        _Word(t.text, stem(t.text), t.startchar)
        for t in folding_analyzer()(text, chars=True)
        if t.text not in STOP_WORDS
    ]


def _holds(q: wq.Query, words: list[_Word]) -> bool:
    """Whether the query matches a sentence made of ``words`` (boolean logic kept)."""
    if isinstance(q, wq.AndNot):
        return _holds(q.a, words) and not _holds(q.b, words)
    if isinstance(q, wq.Not):
        return not _holds(q.query, words)
    if isinstance(q, wq.And):
        return all(_holds(c, words) for c in q.subqueries)
    if isinstance(q, wq.Or):
        return any(_holds(c, words) for c in q.subqueries)
    if isinstance(q, wq.Every):
        return True
    if getattr(q, "fieldname", None) not in _TEXT_FIELDS:
        return False
    if isinstance(q, wq.FuzzyTerm):
        target, maxdist, prefix = str(q.text), int(q.maxdist), int(q.prefixlength)
        return any(
            form[:prefix] == target[:prefix]
            and abs(len(form) - len(target)) <= maxdist
            and distance(form, target) <= maxdist
            for w in words
            for form in (w.stemmed, w.folded)
        )
    if isinstance(q, wq.Prefix):
        p = str(q.text)
        return any(w.folded.startswith(p) or w.stemmed.startswith(p) for w in words)
    if isinstance(q, wq.Phrase):
        phrase = [str(x) for x in q.words]
        n = len(phrase)
        return any(
            all(words[i + k].stemmed == phrase[k] for k in range(n))
            for i in range(len(words) - n + 1)
        )
    if isinstance(q, wq.Term):
        return any(w.stemmed == q.text for w in words)
    return False


def _covered(existing: Sequence[Highlight], theme_ids: set[str]) -> list[tuple[int, int]]:
    return [
        (h.start, h.end)
        for h in existing
        if h.start is not None and h.end is not None and theme_ids & set(h.themes)
    ]


def _reason(reasons: list[str]) -> str:
    keywords = [r for r in reasons if r.startswith("keyword ")]
    others = [r for r in reasons if not r.startswith("keyword ")]
    parts = []
    if len(keywords) == 1:
        parts.append(keywords[0])
    elif keywords:
        parts.append("keywords " + ", ".join(k.removeprefix("keyword ") for k in keywords))
    if others:
        parts.append(("matches " if parts else "") + others[0])
    return "; ".join(parts)
