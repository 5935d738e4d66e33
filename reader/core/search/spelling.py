"""Spelling suggestions ("did you mean") from the index's own body vocabulary.

Why not whoosh's corrector alone: it ranks every candidate within two edits by frequency
only, so on a larger library a frequent word two edits away beats the word one edit
away ("misile" → "mobility" on 27 articles, never "missile"); and it compares *stems*,
so a misspelling whose stem happens to exist ("deterence" → "deter") counts as known.

Here a word is compared as written: candidates are the index terms near the word's stem
or the word itself, turned back into the words articles actually contain (the body's
stored character offsets point at them), and ranked by edit distance to what was typed,
then by how many articles hold them. Only plain words are corrected (never a phrase,
prefix, field or excluded word), and the typed capitalisation is kept.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.search.query import analyze, fold, parse_query

if TYPE_CHECKING:
    from whoosh.searching import Searcher

    from reader.core.search.index import SearchIndex


class Indexed(Protocol):
    """What spelling needs of a library (naming ``Library`` would make the library and
    the search package import each other)."""

    @property
    def index(self) -> SearchIndex: ...

    def update_index(self) -> object: ...


FIELD = "body"
#: Documents read per candidate term to learn how the term is written.
SAMPLE_DOCS = 4
#: Candidate terms whose written forms are read, at most.
MAX_CANDIDATES = 12
#: Documents read at most to tell whether a typed word is written anywhere; a word whose
#: stem is in more documents than this is taken as known (no false "corrections").
KNOWN_DOCS = 200
MIN_LENGTH = 3  # shorter words are too ambiguous to correct


def suggest_spelling(library: Indexed, query: str, *, sync: bool = True) -> str | None:
    """``query`` with its misspelt words corrected, or None when no word needs (or has)
    a correction. Brings the index up to date first, like a search does, unless
    ``sync`` is False (a GUI query thread, which must not write the index)."""
    if sync:
        library.update_index()
    parsed = parse_query(query)
    if not parsed.words:
        return None
    with library.index.open().searcher() as s:
        return correct(s, query, parsed.words)


def fuzzy_query(query: str) -> str | None:
    """``query`` with each plain word made fuzzy (``word~``: within two edits), for
    showing near matches at once when a search finds nothing; None when it has no plain
    word to loosen (phrases, fields and excluded words stay as they are)."""
    words = parse_query(query).words
    loosened = query
    for _, end, word in sorted(words, reverse=True):
        if len(word) >= MIN_LENGTH and not loosened[end:].startswith("~"):
            loosened = loosened[:end] + "~" + loosened[end:]
    return loosened if loosened != query else None


def correct(s: Searcher, text: str, words: list[tuple[int, int, str]]) -> str | None:
    """``text`` with each of ``words`` (``(start, end, word)`` from the query parser)
    that the body never holds replaced by its best correction; None if none changed."""
    fixed, changed = text, False
    cache: dict[int, str] = {}
    for start, end, word in sorted(words, reverse=True):
        better = correct_word(s, word, cache)
        if better is not None:
            fixed, changed = fixed[:start] + better + fixed[end:], True
    return fixed if changed else None


def correct_word(s: Searcher, word: str, cache: dict[int, str] | None = None) -> str | None:
    """The word most likely meant by ``word``, or None when it is written as some article
    writes it (or nothing is close). Closest first (Damerau–Levenshtein, at most one edit
    for words under six letters, two otherwise), then the most articles."""
    folded = fold(word)
    if len(folded) != 1 or len(folded[0]) < MIN_LENGTH or not folded[0].isalpha():
        return None
    typed = folded[0]
    stems = analyze(word)
    stem = stems[0] if len(stems) == 1 else typed
    cache = {} if cache is None else cache
    if _written(s, stem, typed, cache):
        return None
    maxdist = 1 if len(typed) < 6 else 2
    candidates = _near_terms(s, {stem, typed}, maxdist)
    # Forms are read for the likeliest terms only (closest as terms, then commonest).
    ranked = sorted(
        (min(distance(stem, t), distance(typed, t)), -s.doc_frequency(FIELD, t), t)
        for t in candidates
    )[:MAX_CANDIDATES]
    best: tuple[int, int, str] | None = None
    written: dict[str, str] = {}
    for _, minus_df, term in ranked:
        df = -minus_df
        for form, shown in _forms(s, term, cache).items():
            d = distance(typed, form)
            if 0 < d <= maxdist and (best is None or (d, -df, form) < best):
                best, written[form] = (d, -df, form), shown
    if best is None:
        return None
    return _like(word, written[best[2]])


#: Body terms by first letter, per searcher (a searcher lives while the index is
#: unchanged): reading them from the index is much of a suggestion's cost.
_TERMS: weakref.WeakKeyDictionary[Any, dict[str, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def _near_terms(s: Searcher, texts: set[str], maxdist: int) -> set[str]:
    """Body terms within ``maxdist`` edits of any of ``texts``, sharing its first letter
    (few misspellings change the first letter, and it keeps the scan short). Cheap
    necessary conditions go first: the lengths, and the letters one word has and the
    other lacks (each edit adds or drops at most one), so few pairs need the distance."""
    by_letter = _TERMS.setdefault(s, {})
    found: set[str] = set()
    for text in texts:
        letter = text[:1]
        terms = by_letter.get(letter)
        if terms is None:
            field = s.schema[FIELD]
            terms = by_letter[letter] = tuple(
                field.from_bytes(b) for b in s.reader().expand_prefix(FIELD, letter)
            )
        size, letters = len(text), frozenset(text)
        found.update(
            term
            for term in terms
            if abs(len(term) - size) <= maxdist
            and len(letters.symmetric_difference(term)) <= 2 * maxdist
            and distance(text, term, maxdist) <= maxdist
        )
    return found


def _written(s: Searcher, term: str, typed: str, cache: dict[int, str]) -> bool:
    """Whether some article writes ``typed`` (folded) for the index term ``term``: the
    stem of "deterence" is "deter", in the index, yet no article writes "deterence".
    Stops at the first occurrence, so a correctly typed word costs one document."""
    found = False

    def seen(form: str, _raw: str) -> bool:
        nonlocal found
        found = form == typed
        return found

    exhausted = _scan(s, term, KNOWN_DOCS, cache, seen)
    return found or not exhausted


def _forms(s: Searcher, term: str, cache: dict[int, str]) -> dict[str, str]:
    """How articles write ``term``: folded form → how it is written, from a sample of
    documents. A word written in lower case anywhere is given in lower case; a name
    ("Okinawa") as the articles capitalise it."""
    seen: dict[str, Counter[str]] = {}

    def count(form: str, raw: str) -> bool:
        seen.setdefault(form, Counter())[raw] += 1
        return False

    _scan(s, term, SAMPLE_DOCS, cache, count)
    return {
        form: next((w for w in counts if w.islower()), None) or counts.most_common(1)[0][0]
        for form, counts in seen.items()
    }


def _scan(
    s: Searcher,
    term: str,
    limit: int,
    cache: dict[int, str],
    visit: Callable[[str, str], bool],
) -> bool:
    """Call ``visit(folded, as written)`` for each occurrence of ``term`` in the body of
    up to ``limit`` documents (read at the postings' stored character offsets) until it
    returns True. Returns whether every document holding the term was read."""
    try:
        if not s.doc_frequency(FIELD, term):
            return True
        postings = s.postings(FIELD, term)
    except Exception:  # no such term, or a field without offsets: nothing to read
        return True
    docs = 0
    while postings.is_active():
        if docs >= limit:
            return False
        docnum = postings.id()
        body = cache.get(docnum)
        if body is None:
            body = cache[docnum] = str(s.stored_fields(docnum).get(FIELD) or "")
        for _, startchar, endchar in _characters(postings):
            raw = body[startchar:endchar]
            if any(visit(form, raw) for form in fold(raw)[:1]):
                return True
        docs += 1
        postings.next()
    return True


def _characters(postings: Any) -> list[tuple[int, int, int]]:
    try:
        return list(postings.value_as("characters") or ())
    except Exception:
        return []


def _like(typed: str, written: str) -> str:
    """``written`` in the typed word's case: "OKINWA" → "OKINAWA", "Okinwa" → "Okinawa";
    a lower-case word takes the written form ("okinwa" → "Okinawa", "misile" → "missile")."""
    if typed.isupper() and len(typed) > 1:
        return written.upper()
    if typed[:1].isupper():
        return written[:1].upper() + written[1:]
    return written


def distance(a: str, b: str, limit: int | None = None) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): a swap of two adjacent
    letters ("teh") is one edit, as a person counts it. With ``limit``, stops as soon as
    the distance must exceed it and returns ``limit + 1``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if limit is not None and min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]
