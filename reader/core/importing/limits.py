"""Bounds on the metadata an imported file may set, whatever parser read it.

A file's title, author or URL is shown in every list row, tooltip and export; a 44 MB
title (one YAML alias bomb was enough) made the window take minutes to open. Every field
is cut to a length no real article needs, control characters are removed (they are
invisible and break terminals and spreadsheets), and whitespace is folded to single
spaces. The article text itself is bounded by the importer's file-size limit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.core.models import ArticleDraft

TITLE_MAX = 500
NAME_MAX = 300  # author, source
URL_MAX = 2_000
CATEGORY_MAX = 100
CATEGORIES_MAX = 50
# C0/C1 controls, bidi overrides and isolates (they can reorder what a title shows),
# zero-width spaces and stray byte-order marks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # unstorable: SQLite needs valid UTF-8


def one_line(value: str | None, limit: int) -> str | None:
    """``value`` without control characters, on one line, at most ``limit`` characters."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", value)).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def bounded(draft: ArticleDraft) -> ArticleDraft:
    """``draft`` with every metadata field within its limit (the text is untouched)."""
    categories = tuple(
        c for c in (one_line(c, CATEGORY_MAX) for c in draft.categories[:CATEGORIES_MAX]) if c
    )
    return replace(
        draft,
        title=one_line(draft.title, TITLE_MAX) or "Untitled article",
        source=one_line(draft.source, NAME_MAX),
        author=one_line(draft.author, NAME_MAX),
        url=one_line(draft.url, URL_MAX),
        date=one_line(draft.date, 10),
        categories=tuple(dict.fromkeys(categories)),
    )
