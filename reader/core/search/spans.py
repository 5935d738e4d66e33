"""Where a query matches inside one article's text, for marking hits in the reader.

The index answers *which* articles match; this answers *where*, in code points of the
article's canonical text, using the same analysis as the index (folding, stop words,
stemming) so every marked word is one the search matched. Negated parts are not marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.levenshtein import distance

from reader.core.search import field_table
from reader.core.search.query import parse_query
from reader.core.search.schema import folding_analyzer

# Fields whose words can stand in the article text (a note: or author: match cannot).
_TEXT_FIELDS = field_table.MARKED_FIELDS


@dataclass(slots=True)
class _Wanted:
    exact: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    fuzzy: set[tuple[str, int, int]] = field(default_factory=set)  # word, maxdist, prefix
    # (stem, position relative to the phrase's first word) per word: stop words leave gaps
    phrases: set[tuple[tuple[str, int], ...]] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Word:
    folded: str
    stemmed: str
    start: int
    end: int
    pos: int  # word position, counting stop words, as the index does


def match_spans(query_text: str, text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of ``text`` the query matches."""
    parsed = parse_query(query_text)
    if parsed.query is None:
        return []
    wanted = _Wanted()
    _collect(parsed.query, wanted)
    words = [
        _Word(t.text, stem(t.text), t.startchar, t.endchar, t.pos)
        for t in folding_analyzer()(text, chars=True, positions=True)
        if t.text not in STOP_WORDS and len(t.text) > 1
    ]
    spans = [(w.start, w.end) for w in words if _matches(w, wanted)]
    at = {w.pos: w for w in words}
    for phrase in wanted.phrases:
        first, last = phrase[0], phrase[-1]
        for w in words:
            if w.stemmed == first[0] and all(
                (o := at.get(w.pos + offset)) is not None and o.stemmed == word
                for word, offset in phrase[1:]
            ):
                spans.append((w.start, at[w.pos + last[1]].end))
    return _merge(spans)


def _collect(query: wq.Query, wanted: _Wanted) -> None:
    if isinstance(query, wq.AndNot):
        _collect(query.a, wanted)
        return
    if isinstance(query, wq.Not):
        return
    field_name = getattr(query, "fieldname", None)
    if field_name is not None and field_name not in _TEXT_FIELDS:
        return
    if isinstance(query, wq.FuzzyTerm):
        wanted.fuzzy.add((str(query.text), int(query.maxdist), int(query.prefixlength)))
    elif isinstance(query, wq.Prefix):
        wanted.prefixes.add(str(query.text))
    elif isinstance(query, wq.Phrase):
        offsets = getattr(query, "offsets", range(len(query.words)))
        wanted.phrases.add(tuple((str(w), o) for w, o in zip(query.words, offsets, strict=True)))
    elif isinstance(query, wq.Term):
        wanted.exact.add(str(query.text))
    else:
        for child in query.children():
            _collect(child, wanted)


def _matches(word: _Word, wanted: _Wanted) -> bool:
    if word.stemmed in wanted.exact:
        return True
    if any(word.folded.startswith(p) or word.stemmed.startswith(p) for p in wanted.prefixes):
        return True
    for target, maxdist, prefix in wanted.fuzzy:
        for form in (word.stemmed, word.folded):
            if (
                form[:prefix] == target[:prefix]
                and abs(len(form) - len(target)) <= maxdist
                and distance(form, target) <= maxdist
            ):
                return True
    return False


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
