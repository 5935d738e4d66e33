"""Turn one file's bytes into an :class:`ArticleDraft`, by format.

Each parser raises :class:`ParseError` with a one-line reason the import summary shows;
none writes anything, so a failure can never half-import a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from reader.core.dates import find_date
from reader.core.decode import decode_bytes
from reader.core.errors import ReaderError
from reader.core.metadata import extract_metadata
from reader.core.models import ArticleDraft
from reader.core.textnorm import canonical_text, is_furniture, normalize_newlines


class ParseError(ReaderError):
    """This file cannot become an article; the message says why, in one line."""


def parse_text(data: bytes, path: Path) -> ArticleDraft:
    """A plain-text article: metadata lines read from the text itself."""
    text, _ = decode_bytes(data)
    return _draft_from_text(text, path)


def parse_markdown(data: bytes, path: Path) -> ArticleDraft:
    """Markdown: optional YAML front matter, ``#`` headings, otherwise as plain text."""
    text, _ = decode_bytes(data)
    text = normalize_newlines(text).lstrip("\ufeff")
    front: dict[str, Any] = {}
    if match := re.match(r"^---\n(.*?)\n(?:---|\.\.\.)\n", text, re.S):
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
            raise ParseError(f"line {line}: front matter is not valid YAML; fix or remove it") from exc
        if isinstance(loaded, dict):
            front = {str(k).lower(): v for k, v in loaded.items()}
            text = text[match.end():]
    text = re.sub(r"(?m)^#{1,6}\s+(.*?)\s*#*\s*$", r"\1", text)
    draft = _draft_from_text(text, path)
    date = _front_date(front.get("date"))
    return ArticleDraft(
        title=str(front.get("title") or draft.title),
        text=draft.text,
        date=date or draft.date,
        source=_str(front.get("source") or front.get("site")) or draft.source,
        author=_str(front.get("author")) or draft.author,
        url=_str(front.get("url") or front.get("link")) or draft.url,
        categories=tuple(_list(front.get("categories") or front.get("tags"))) or draft.categories,
        path=draft.path,
    )


def parse_html(data: bytes, path: Path) -> ArticleDraft:
    """A saved web page: main text and metadata by trafilatura, not tag stripping."""
    import trafilatura  # import-only dependency: loaded on first HTML import

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_tables=True, include_comments=False,
            include_images=False, favor_recall=True, url=None,
        )
    except Exception as exc:  # trafilatura raises a wide variety on broken markup
        raise ParseError(f"cannot read this web page ({type(exc).__name__}: {exc})") from exc
    meta: dict[str, Any] = doc.as_dict() if doc is not None else {}
    body = meta.get("text") or ""
    if not body.strip():
        _, body, _ = trafilatura.baseline(data)
    text = canonical_text(_drop_furniture(body))
    if not text:
        raise ParseError("no article text found in this web page")
    title = _clean_title(meta.get("title"), meta.get("sitename"))
    if not title:
        title = extract_metadata(text.split("\n\n")).title
    return ArticleDraft(
        title=title,
        text=text,
        date=_front_date(meta.get("date")),
        source=_str(meta.get("sitename") or meta.get("hostname")),
        author=_str(meta.get("author")),
        url=_str(meta.get("url")),
        categories=tuple(_list(meta.get("categories"))),
        path=str(path),
    )


PARSERS: dict[str, Callable[[bytes, Path], ArticleDraft]] = {
    ".txt": parse_text,
    ".text": parse_text,
    ".md": parse_markdown,
    ".markdown": parse_markdown,
    ".html": parse_html,
    ".htm": parse_html,
    ".xhtml": parse_html,
}


def _draft_from_text(text: str, path: Path) -> ArticleDraft:
    canonical = canonical_text(_drop_furniture(text))
    if not canonical:
        raise ParseError("empty file: no article text")
    meta = extract_metadata(canonical.split("\n\n"))
    body = "\n\n".join(meta.blocks)
    if not body:
        raise ParseError("no article text besides a title or metadata")
    return ArticleDraft(
        title=meta.title, text=body, date=meta.date, source=meta.source, author=meta.author,
        categories=tuple(meta.categories), path=str(path),
    )


def _drop_furniture(text: str) -> str:
    return "\n".join(line for line in normalize_newlines(text).split("\n") if not is_furniture(line))


def _clean_title(title: object, site: object) -> str:
    """Drop a trailing ``| Site`` or `` - Site`` that pages append to their titles."""
    text = " ".join(str(title or "").split())
    if site and text:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            head, _, tail = text.rpartition(sep)
            if head and tail.strip().casefold() == str(site).strip().casefold():
                return head.strip()
    return text


def _front_date(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    found = find_date(str(value))
    return found[0] if found else None


def _str(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]
