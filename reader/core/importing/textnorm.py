"""Canonical plain text: the one text every stored offset indexes into.

The canonical form is blocks separated by one blank line. A block is a paragraph on one
line, or a run of list items or pipe-table rows, one per line. Hard-wrapped paragraphs
are unwrapped; a list marker standing alone on its line is joined to the line after it.
The function is idempotent, so re-importing an unchanged file yields the same text (and
the same content hash).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

BULLET_MARKERS = frozenset({"-", "*", "•", "–", "—", "·", "▪", "‣", "◦", "o", "+"})
_BULLET_LINE = re.compile(r"^\s*(?:[-*•–—·▪‣◦+]|\d{1,3}[.)])\s+\S")
_TABLE_LINE = re.compile(r"^\s*\|?[^|\n]*\|[^\n]*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Control characters but tab and newline, DEL and the byte-order mark: removed. A regular
# expression, not str.translate with a table: ten times faster on the text of an article.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")

# Lines that are page furniture, never article text (matched against the whole line).
_FURNITURE = re.compile(
    r"^(leave a (reply|comment)|share this( article| story)?:?|like this:?"
    r"|related( posts| articles)?:?"
    r"|subscribe( now| to our newsletter)?\.?|sign up for our newsletter\.?|click to share on .*"
    r"|share on (facebook|twitter|x|linkedin|whatsapp|email)|follow us( on .*)?"
    r"|tweet|print( this( page| article)?)?|email this|advertisement|skip to (main )?content"
    r"|your email address will not be published\..*|required fields are marked \*|post comment"
    r"|cancel reply|you must be logged in to post a comment\.?|comments?( \(\d+\))?"
    r"|read more:?|continue reading\.?)$",
    re.IGNORECASE,
)


def normalize_newlines(text: str) -> str:
    """``\\r\\n``, ``\\r`` and Unicode line/paragraph separators become ``\\n``."""
    return re.sub(r"\r\n?|[\u2028\u2029\x85]", "\n", text)


def canonical_text(raw: str) -> str:
    """Return the canonical plain text of an article's raw text (see module doc)."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", normalize_newlines(raw)))
    lines = [ln.rstrip() for ln in text.split("\n")]
    lines = _join_lone_markers(lines)
    wrapped = _looks_hard_wrapped(lines)
    blocks: list[str] = []
    for group in _blank_separated(lines):
        blocks.extend(_blocks_of(group, wrapped))
    return "\n\n".join(b for b in blocks if b)


def is_furniture(line: str) -> bool:
    """True for a line of page furniture ("Leave a Reply", share/subscribe lines)."""
    stripped = line.strip()
    return len(stripped) <= 80 and bool(_FURNITURE.match(stripped))


def content_hash(text: str) -> str:
    """The content hash of a canonical text: equal texts are duplicate articles."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_list_item(line: str) -> bool:
    return bool(_BULLET_LINE.match(line))


def is_table_row(line: str) -> bool:
    return line.count("|") >= 2 and bool(_TABLE_LINE.match(line))


def _join_lone_markers(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped in BULLET_MARKERS or re.fullmatch(r"\d{1,3}[.)]", stripped):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and lines[j].strip() not in BULLET_MARKERS:
                marker = "-" if stripped in {"–", "—"} else stripped
                out.append(f"{marker} {lines[j].strip()}")
                i = j + 1
                continue
        out.append(lines[i])
        i += 1
    return out


def _blank_separated(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: blank-line paragraphs whose inner lines are all of similar width."""
    groups = _blank_separated(lines)
    inner = [
        len(line)
        for g in groups
        for line in g[:-1]
        if not is_list_item(line) and not is_table_row(line)
    ]
    if len(inner) < 3:
        return False
    longest = max(len(line) for g in groups for line in g)
    within = sum(1 for n in inner if 40 <= n <= 100)
    return longest <= 120 and within / len(inner) >= 0.8


def _blocks_of(group: list[str], wrapped: bool) -> list[str]:
    """Split a blank-line-separated group into canonical blocks."""
    blocks: list[str] = []
    kind = ""
    for line in group:
        if is_table_row(line) or (kind == "table" and _TABLE_RULE.match(line)):
            line_kind = "table"
        elif is_list_item(line):
            line_kind = "list"
        else:
            line_kind = "text"
        if blocks and line_kind == kind and kind in ("table", "list"):
            blocks[-1] += "\n" + line
        elif blocks and line_kind == kind == "text" and wrapped:
            blocks[-1] += " " + line
        elif blocks and kind == "list" and line_kind == "text" and wrapped:
            blocks[-1] += " " + line  # a wrapped list item's continuation
        else:
            blocks.append(line)
            kind = line_kind
    return blocks
