"""Indexing's analysis in one loop: the same terms as whoosh's analyzer chain, faster.

whoosh analyses a text through a generator per stage (tokenizer, lower case, accent
folding, stop words, stemming), each setting attributes on a shared ``Token``: about
40 % of a bulk index's CPU time went there. For the chain ``schema.text_analyzer``
builds, :func:`word_postings` does the same steps, in the same order, on each regular
expression match, and caches stems in a plain dict (whoosh's LFU cache costs more than
the stemmer's repeat calls save). Any other chain, or options it does not know,
returns None and the caller takes whoosh's path, so the terms are whoosh's either way
(``tests/test_fast_analysis.py`` compares the two).
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

#: Stems remembered per process; the dict is emptied when it grows past this (a 100k
#: library of real prose has a few hundred thousand distinct words).
STEM_CACHE_SIZE = 300_000

Postings = dict[str, list[tuple[int, int, int]]]


@dataclass(frozen=True, slots=True)
class _Plan:
    finditer: Callable[[str], Any]
    charmap: Any
    stops: frozenset[str]
    minsize: int
    maxsize: int | None
    stem: Callable[[str], str]
    ignore: frozenset[str]
    stems: dict[str, str]


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
    """Per term of ``value`` (in order of first occurrence): its (position, start char,
    end char) triples, as whoosh's ``Characters`` format collects them in index mode;
    None when ``analyzer`` is not the chain this copies."""
    plan = _plan_for(analyzer)
    if plan is None or not isinstance(value, str):
        return None
    charmap, stops, minsize, maxsize = plan.charmap, plan.stops, plan.minsize, plan.maxsize
    stem, ignore, stems = plan.stem, plan.ignore, plan.stems
    if len(stems) > STEM_CACHE_SIZE:
        stems.clear()
    seen: Postings = {}
    for pos, match in enumerate(plan.finditer(value)):
        text = match.group(0).lower().translate(charmap)
        size = len(text)
        if size < minsize or (maxsize is not None and size > maxsize) or text in stops:
            continue
        if text not in ignore:
            word = stems.get(text)
            if word is None:
                word = stems[text] = stem(text)
            text = word
        where = (pos, match.start(), match.end())
        found = seen.get(text)
        if found is None:
            seen[text] = [where]
        else:
            found.append(where)
    return seen
