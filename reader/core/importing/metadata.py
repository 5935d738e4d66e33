"""Metadata read from an article's own text: title, date, author, categories, source.

Works on canonical blocks (see :mod:`reader.core.importing.textnorm`). Lines that are purely
metadata (a dateline, ``— Categories: …``, ``Sources: …``, a byline) move out of the text
into fields; a date inside prose (a photo caption) is read but the prose stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.core.dates import date_line, find_date
from reader.core.importing.textnorm import is_list_item, is_table_row

TITLE_MAX = 110
_CATEGORIES = re.compile(r"^[—–-]?\s*categor(?:y|ies)\s*:\s*(?P<value>.+?)\s*$", re.I)
_SOURCES = re.compile(r"^sources?\s*:\s*(?P<value>.+?)\.?\s*$", re.I)
_BYLINE = re.compile(
    r"^(?:by|written by|author:)\s+"
    r"(?P<value>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von)){0,6})\s*$"
)
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dept",
        "est",
        "approx",
        "fig",
    ]
)
_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])")


@dataclass(slots=True)
class TextMetadata:
    title: str = ""
    date: str | None = None
    author: str | None = None
    source: str | None = None
    categories: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # the article text without metadata lines


def extract_metadata(blocks: list[str], *, head_blocks: int = 6) -> TextMetadata:
    """Split metadata from ``blocks`` (canonical text blocks) and derive a title."""
    meta = TextMetadata()
    kept: list[str] = []
    for index, block in enumerate(blocks):
        single = "\n" not in block
        if single and (m := _CATEGORIES.match(block)):
            meta.categories.extend(c.strip() for c in re.split(r"[,;|]", m["value"]) if c.strip())
            continue
        if single and len(block) <= 200 and (m := _SOURCES.match(block)):
            meta.source = meta.source or m["value"]
            continue
        if index < head_blocks and single:
            if meta.date is None and (iso := date_line(block)):
                meta.date = iso
                continue
            if meta.author is None and (m := _BYLINE.match(block)):
                meta.author = m["value"]
                continue
        kept.append(block)

    if kept and is_heading_like(kept[0]) and len(kept) > 1:
        meta.title = kept.pop(0).lstrip("#").strip()
    if meta.date is None:
        for block in kept[:3]:
            if found := find_date(block):
                meta.date = found[0]
                break
    if not meta.title:
        meta.title = title_from_text(kept)
    meta.blocks = kept
    return meta


def is_heading_like(block: str) -> bool:
    """A short single line without closing punctuation: a title or section heading."""
    text = block.lstrip("#").strip()
    if "\n" in block or not text or len(text) > 150 or is_list_item(text) or is_table_row(text):
        return False
    if text[-1] in ".,;:!" or len(text.split()) < 2:
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "“\"'‘"


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph, not fooled by ``U.S.`` or ``Dec. 10``."""
    for end in sentence_ends(text):
        return text[:end].strip()
    return text.strip()


def sentence_ends(text: str) -> Iterator[int]:
    """Offsets just after each sentence-ending mark in ``text`` (the last sentence's end
    is not reported); an abbreviation or initial (``U.S.``, ``Dec.``) ends none."""
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]  # the word before it
        word = re.split(r"[\s(“\"]", before)[-1]
        if word.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
            continue
        yield match.end()


def title_from_text(blocks: list[str]) -> str:
    """A sensible title for an article that has none: its first sentence, shortened."""
    prose = next((b for b in blocks if not is_list_item(b) and not is_table_row(b)), "")
    if not prose:
        prose = blocks[0] if blocks else ""
    sentence = " ".join(first_sentence(prose).split()).rstrip(".")
    if len(sentence) <= TITLE_MAX:
        return sentence or "Untitled article"
    cut = sentence[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"
