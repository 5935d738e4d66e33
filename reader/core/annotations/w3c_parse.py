"""Reading a W3C Web Annotation file into plain values, whatever the file holds.

The file comes from another tool or a stranger, so nothing in it is trusted: every
value is type-checked before use (``"type": 5``, a dict as ``motivation``), nesting is
walked without recursion, integers longer than any offset are not converted (Python
refuses 4,300 digits with ``ValueError``), and timestamps are normalised to the store's
UTC format or dropped. A problem with one annotation becomes its :class:`Unmatched`
reason; only a file that is not annotation JSON at all raises
:class:`AnnotationImportError`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.errors import ReaderError
from reader.core.export.w3c import theme_from_uri

MAX_BYTES = 200 * 1024 * 1024  # a guard against feeding the importer a disk image
MAX_INT_DIGITS = 30  # an offset or count never needs more
MAX_DEPTH = 64  # containers of containers of annotations
_CONTAINER_TYPES = {"AnnotationCollection", "AnnotationPage"}


class AnnotationImportError(ReaderError):
    """The file cannot be read as Web Annotations at all."""


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An annotation not imported, with enough to recognise it."""

    id: str
    source: str
    quote: str
    reason: str


@dataclass(frozen=True, slots=True)
class Parsed:
    id: str
    source: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    tags: tuple[tuple[str | None, str], ...]  # (our theme id if any, tag text)
    created: str | None  # the store's UTC format, or None when the file gives none
    modified: str | None
    has_selector: bool


def read_json(path: Path) -> object:
    """The JSON in ``path``; :class:`AnnotationImportError` when it cannot be read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise AnnotationImportError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise AnnotationImportError(f"{path}: cannot read it ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise AnnotationImportError(f"{path}: not a JSON file (not UTF-8 text)") from exc
    try:
        return json.loads(text, parse_int=_int)
    except RecursionError as exc:
        raise AnnotationImportError(f"{path}: not usable JSON: nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError is one
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise AnnotationImportError(f"{path}: not a JSON file ({detail})") from exc


def _int(text: str) -> int | str:
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else text


def types_of(obj: dict[str, Any]) -> set[str]:
    """The ``type`` (or ``@type``) names of an object; anything not text is no type."""
    value = obj.get("type", obj.get("@type"))
    if isinstance(value, str):
        return {value}
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def annotation_objects(data: object) -> Iterator[dict[str, Any] | Unmatched]:
    """Every annotation object in a file, in file order, whatever its container; items
    that are not annotations come back as :class:`Unmatched`."""
    if not isinstance(data, dict | list):
        raise AnnotationImportError("not Web Annotation JSON: expected an object or a list")
    if isinstance(data, dict) and not _is_annotation(data) and not _is_container(data):
        raise AnnotationImportError(
            "not Web Annotation JSON: no Annotation, AnnotationPage or AnnotationCollection found"
        )
    stack: list[tuple[object, int]] = [(data, 0)]
    number = 0
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict) and _is_annotation(item):
            yield item
            continue
        number += 1
        if depth > MAX_DEPTH:
            yield Unmatched(f"item {number}", "", "", f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in reversed(item))
        elif isinstance(item, dict) and _is_container(item):
            page, items = item.get("first"), item.get("items")
            if isinstance(page, str) and not items:
                raise AnnotationImportError(
                    f"the collection's pages are elsewhere ({page[:200]}); "
                    "save a file with the annotations embedded"
                )
            children = [page] if isinstance(page, dict) else []
            children += items if isinstance(items, list) else []
            stack.extend((child, depth + 1) for child in reversed(children))
        else:
            yield Unmatched(f"item {number}", "", "", "not an annotation (no target)")


def _is_annotation(obj: dict[str, Any]) -> bool:
    types = types_of(obj)
    return "Annotation" in types or ("target" in obj and not types & _CONTAINER_TYPES)


def _is_container(obj: dict[str, Any]) -> bool:
    return bool(types_of(obj) & _CONTAINER_TYPES) or "items" in obj


def parse(raw: dict[str, Any], number: int) -> Parsed | Unmatched:
    """One annotation's values; never raises, whatever ``raw`` holds."""
    ident = _text(raw.get("id")) or _text(raw.get("@id"))
    label = ident or f"annotation {number}"
    try:
        return _parse(raw, ident, label)
    except Exception as exc:  # a shape no check above foresaw: this annotation only
        return Unmatched(label, "", "", f"cannot be read ({type(exc).__name__})")


def _parse(raw: dict[str, Any], ident: str, label: str) -> Parsed | Unmatched:
    targets = [t for t in _as_list(raw.get("target")) if isinstance(t, str | dict)]
    if not targets:
        return Unmatched(label, "", "", "no target")
    target = targets[0]
    selectors: list[dict[str, Any]] = []
    if isinstance(target, str):
        source = target
    else:
        src = target.get("source", target.get("id", ""))
        source = _text(src.get("id") if isinstance(src, dict) else src)
        selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if "TextQuoteSelector" in types_of(s)), {})
    position = next((s for s in selectors if "TextPositionSelector" in types_of(s)), {})
    start = _offset(position.get("start"))
    end = _offset(position.get("end"))
    if start is None or end is None or start >= end:
        start = end = None
    exact = _text(quote.get("exact"))
    if selectors and not exact and start is None:
        return Unmatched(label, source, "", "no text quote or text position selector")
    notes, tags = _bodies(raw)
    created = iso_utc(raw.get("created"))
    return Parsed(
        ident,
        source,
        exact,
        _text(quote.get("prefix")),
        _text(quote.get("suffix")),
        start,
        end,
        "\n\n".join(notes),
        tuple(tags),
        created,
        iso_utc(raw.get("modified")) or created,
        bool(selectors),
    )


def _bodies(raw: dict[str, Any]) -> tuple[list[str], list[tuple[str | None, str]]]:
    """The note parts and the tags ``(our theme id or None, tag text)`` of an annotation.

    Our files pair the n-th tagging body (the name) with the n-th classifying
    ``SpecificResource`` (the theme URN); other tools' tags come by name only.
    """
    notes: list[str] = []
    names: list[str] = []
    ids: list[str] = []
    if isinstance(raw.get("bodyValue"), str) and raw["bodyValue"]:
        notes.append(raw["bodyValue"])
    motivations = _words(raw.get("motivation"))
    for body in _as_list(raw.get("body")):
        if not isinstance(body, dict):
            continue  # a link to an external resource: nothing we can hold
        purposes = _words(body.get("purpose")) or motivations
        source = body.get("source")
        if "SpecificResource" in types_of(body) and isinstance(source, str):
            if (theme := theme_from_uri(source)) is not None:
                ids.append(theme)
            continue
        value = body.get("value")
        if not isinstance(value, str):
            continue
        if "tagging" in purposes or ("classifying" in purposes and "commenting" not in purposes):
            if value.strip():
                names.append(value.strip())
        elif value:
            notes.append(value)
    if len(ids) == len(names):
        return notes, list(zip(ids, names, strict=True))
    return notes, [(i, "") for i in ids] + [(None, n) for n in names]


def iso_utc(value: object) -> str | None:
    """A W3C timestamp in the store's format (``2025-07-17T09:30:00Z``); None for a
    missing or malformed one (it must sort and compare with ours, and reaches exports)."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    except (ValueError, OverflowError):
        return None


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _words(value: object) -> set[str]:
    return {v for v in _as_list(value) if isinstance(v, str)}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _offset(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None
