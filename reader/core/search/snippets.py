"""Marked snippets for the hits a search shows, read from the postings' character offsets.

whoosh's highlighter runs per hit and asks a fresh matcher per term to skip to the
document, re-decoding the same posting blocks for every hit of a page. Here each term's
character offsets are read once for all the page's documents (``postings.positions_in``:
only the blocks holding one of them are decoded), then whoosh's pinpoint fragmenter,
fragment scorer and our formatter make the same snippets as before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from whoosh import highlight
from whoosh.analysis import Token
from whoosh.reading import IndexReader

from reader.core.search import field_table
from reader.core.search.postings import positions_in

MAX_SNIPPETS = 3
SNIPPET_CHARS = 240
#: whoosh stops highlighting at 32K characters by default; long reports need more.
CHAR_LIMIT = 2**24
#: Where snippets come from, in order: the text first, then quotes, notes and the title.
SNIPPET_FIELDS = field_table.SNIPPET_FIELDS
_SPACES = re.compile(r"\s+")


def _escape(text: str) -> str:
    """``html.escape(text, quote=False)``, without importing ``html`` (its entity table
    is ~1 ms of a command-line search's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _MarkFormatter(highlight.Formatter):  # type: ignore[misc]
    """Fragments as a list of HTML strings, matches in ``<mark>``; ellipses show where
    a fragment was cut out of longer text."""

    between = ""

    def _text(self, text: str) -> str:
        return _escape(_SPACES.sub(" ", text))

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return "<mark>" + _escape(highlight.get_text(text, token, replace)) + "</mark>"

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


def snippets_for(
    reader: IndexReader,
    stored: Mapping[int, Mapping[str, Any]],
    terms: Sequence[tuple[str, str]],
) -> dict[int, list[str]]:
    """Up to :data:`MAX_SNIPPETS` marked snippets for each document of ``stored``
    (top-level number → stored fields) from the ``(field, term)`` pairs that matched."""
    docs = sorted(stored)
    hl = _highlighter()
    chars: dict[str, dict[int, dict[str, Sequence[Any]]]] = {}
    for field, text in terms:
        if field not in SNIPPET_FIELDS:
            continue
        found = positions_in(reader, field, text, docs, "characters")
        for doc, offsets in found.items():
            chars.setdefault(field, {}).setdefault(doc, {})[text] = offsets
    out: dict[int, list[str]] = {}
    for doc in docs:
        snippets: list[str] = []
        for field in SNIPPET_FIELDS:
            by_word = chars.get(field, {}).get(doc)
            text = stored[doc].get(field) or ""
            if not by_word or not text or len(snippets) >= MAX_SNIPPETS:
                continue
            got = _marked(hl, text, by_word, MAX_SNIPPETS - len(snippets))
            snippets.extend(g for g in got if g)
        out[doc] = snippets
    return out


def _marked(
    hl: highlight.Highlighter, text: str, by_word: Mapping[str, Sequence[Any]], top: int
) -> list[str]:
    """whoosh's pinpoint highlighting of one field (``Highlighter.highlight_hit``)."""
    tokens = [
        Token(text=word, pos=pos, startchar=start, endchar=end)
        for word, offsets in by_word.items()
        for pos, start, end in offsets
        if not (CHAR_LIMIT and end > CHAR_LIMIT)
    ]
    tokens.sort(key=lambda t: t.startchar)
    tokens = [
        max(group, key=lambda t: t.endchar - t.startchar)
        for _, group in groupby(tokens, lambda t: t.startchar)
    ]
    fragments = hl.fragmenter.fragment_matches(text, tokens)
    fragments = highlight.top_fragments(fragments, top, hl.scorer, hl.order, minscore=1)
    return list(hl.formatter.format(fragments))
