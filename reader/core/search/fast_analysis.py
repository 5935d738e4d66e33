"""Indexing's analysis in one loop: the same terms as whoosh's analyzer chain, faster.

whoosh analyses a text through a generator per stage (tokenizer, lower case, accent
folding, stop words, stemming), each setting attributes on a shared ``Token``: about
40 % of a bulk index's CPU time went there. For the chain ``schema.text_analyzer``
builds, :func:`word_postings` does the same steps in the same order on each regular
expression match, and remembers in a plain dict what each token became: most tokens
of a text were seen before, so most cost one look-up. Any other chain, or options it
does not know, returns None and the caller takes whoosh's path, so the terms are
whoosh's either way (``tests/test_fast_analysis.py`` compares the two).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.analysis.analyzers import CompositeAnalyzer

#: Tokens (as matched, before lower case) whose term is remembered per analyzer: about
#: 15 MB at most (the dict is emptied when it grows past this); the few thousand frequent
#: words that make most of a text are back in it after a few articles.
TERM_CACHE_SIZE = 100_000

Postings = dict[bytes, list[tuple[int, int, int]]]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one analyzer chain does to a token, taken apart once per analyzer."""

    finditer: Callable[[str], Any]
    charmap: Any
    stops: frozenset[str]
    minsize: int
    maxsize: int | None
    stem: Callable[[str], str]
    ignore: frozenset[str]
    terms: dict[str, bytes]  # token as matched → its term in UTF-8 (b"": dropped)


#: id(analyzer) → (a weak reference to it, its plan); an entry goes with its analyzer,
#: so a later object given the same id never finds another's plan.
_plans: dict[int, tuple[weakref.ref[Any], _Plan | None]] = {}


def _plan_for(analyzer: Any) -> _Plan | None:
    """The fused steps for ``analyzer``, or None when it is not the chain they copy."""
    key = id(analyzer)
    entry = _plans.get(key)
    if entry is not None and entry[0]() is analyzer:
        return entry[1]
    plan = _make_plan(analyzer)
    try:
        ref = weakref.ref(analyzer, lambda _: _plans.pop(key, None))
    except TypeError:  # not weakly referable: no cache
        return plan
    _plans[key] = (ref, plan)
    return plan


def _make_plan(analyzer: Any) -> _Plan | None:
    items = analyzer.items if type(analyzer) is CompositeAnalyzer else []
    kinds = [type(item) for item in items]
    if kinds != [RegexTokenizer, LowercaseFilter, CharsetFilter, StopFilter, StemFilter]:
        return None
    tokenizer, _, charset, stop, stemmer = items
    if tokenizer.gaps or stop.renumber:
        return None
    return _Plan(
        tokenizer.expression.finditer,
        charset.charmap,
        stop.stops,
        stop.min,
        stop.max,
        stemmer._stem,
        stemmer.ignore,
        {},
    )


def word_postings(value: Any, analyzer: Any) -> Postings | None:
    """Per term of ``value`` (UTF-8, in order of first occurrence): its (position, start
    char, end char) triples, as whoosh's ``Characters`` format collects them in index mode;
    None when ``analyzer`` is not the chain this copies."""
    plan = _plan_for(analyzer)
    if plan is None or not isinstance(value, str):
        return None
    terms = plan.terms
    if len(terms) > TERM_CACHE_SIZE:
        terms.clear()
    seen: Postings = {}
    for pos, match in enumerate(plan.finditer(value)):
        raw = match.group(0)
        term = terms.get(raw)
        if term is None:
            term = terms[raw] = _term(plan, raw)
        if not term:  # a stop word, or too short or long
            continue
        found = seen.get(term)
        if found is None:
            seen[term] = [(pos, *match.span())]
        else:
            found.append((pos, *match.span()))
    return seen


def _term(plan: _Plan, raw: str) -> bytes:
    """The term whoosh's filters make of the token ``raw``, in UTF-8 as the index holds
    it (one bytes object per term, shared by all its postings); b"" when dropped."""
    text = raw.lower().translate(plan.charmap)
    size = len(text)
    if size < plan.minsize or (plan.maxsize is not None and size > plan.maxsize):
        return b""
    if text in plan.stops:
        return b""
    return (text if text in plan.ignore else str(plan.stem(text))).encode("utf-8")
