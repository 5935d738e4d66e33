"""How an export is laid out, beyond what it holds: one value every renderer receives.

Kept apart from the selection (:mod:`selection`) so that the same :class:`ExportSet` can
be rendered several ways (a dialog preview, then the file) without selecting again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GroupBy = Literal["article", "theme"]
GROUPINGS: tuple[GroupBy, ...] = ("article", "theme")
STYLES: tuple[str, ...] = ("chicago-author-date", "apa")
DEFAULT_STYLE = "chicago-author-date"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Layout choices. ``figures`` are (caption, PNG bytes) pairs — charts of a synthesis —
    that the prose formats (HTML, PDF, DOCX) place after the title; the others ignore
    them. ``obsidian`` adds Markdown block ids ``^hl-UID`` and ``#tags`` for a vault."""

    group_by: GroupBy = "article"
    style: str = DEFAULT_STYLE
    obsidian: bool = False
    figures: tuple[tuple[str, bytes], ...] = ()
