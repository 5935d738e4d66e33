"""A sample library with highlights that stress every export format, and readers back.

The tricky note holds markup, quotes, commas and newlines: it must come out of every
format exactly as written and inert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations import highlights as hl
from reader.core.library import Library
from reader.core.models import Highlight

TRICKY_NOTE = '<script>alert(1)</script> and "quotes", commas, newlines\nsecond line\n\nnew para'
W3C_TESTS = Path(__file__).resolve().parents[2] / "shared" / "w3c-annotation-tests"


@dataclass
class Annotated:
    library: Library
    highlights: list[Highlight]
    article_note: str


def _add(
    library: Library,
    title: str,
    quote: str,
    themes: list[str],
    note: str,
    occurrence: int | None = None,
) -> Highlight:
    aid = library.store.resolve_article(title)
    text = library.store.article(aid).text
    return hl.add_highlight(
        library.store, aid, *hl.find_quote(text, quote, occurrence), themes, note
    )


def annotate(library: Library) -> Annotated:
    """Five highlights over three articles: themes (nested too), notes, an orphan."""
    made = [
        _add(
            library,
            "U.S. Forces Partner",
            "Self-Defense Forces (SDF)",
            ["command-structure", "joint-exercises-readiness"],
            TRICKY_NOTE,
        ),
        _add(
            library,
            "U.S. Forces Partner",
            "Indo-Pacific region",
            ["china"],
            "Plain note — with an em dash & ampersand; *stars* and _underscores_ [link](x)",
            occurrence=1,
        ),
        _add(
            library,
            "The United States and Japan are deep",
            "Joint Force Headquarters",
            ["missile-co-production"],
            "",
            occurrence=1,
        ),
        _add(
            library, "New Security Era", "Japan", [], "1. not a list\n# not a heading", occurrence=1
        ),
    ]
    orphan = _add(
        library, "New Security Era", "China", ["regional-reactions"], "orphaned note", occurrence=1
    )
    with library.store.transaction() as db:  # as after a re-import lost the passage
        db.execute(
            'UPDATE highlights SET start = NULL, "end" = NULL, quote = ? WHERE id = ?',
            ("a passage the new version of the article no longer has", orphan.id),
        )
    made.append(hl.highlight(library.store, orphan.id))
    note = "Article note: <b>bold?</b>\nsecond line"
    hl.set_article_note(library.store, made[0].article_id, note)
    library.update_index()
    return Annotated(library, made, note)


def squash(text: str) -> str:
    """Whitespace collapsed: for formats that re-flow lines (PDF)."""
    return re.sub(r"\s+", " ", text).strip()
