"""Import W3C Web Annotations (ours or another tool's) back onto a library's articles.

Accepted shapes: one ``Annotation``, a JSON list of them, an ``AnnotationPage``
(``items``) or an ``AnnotationCollection`` with an embedded ``first`` page (or
``items``). For each annotation:

1. **Which article** — the target's ``source`` compared with article URLs, with our
   ``urn:sha256:<content hash>`` URIs and with ``file:`` paths; when that finds nothing
   (or several), the ``TextQuoteSelector``'s exact text found in exactly one article.
2. **Where** — :func:`reader.core.annotations.anchoring.reanchor` with the quote, its context
   and the ``TextPositionSelector`` offsets, the same rules as after a re-import: exact place,
   else exact text with the best context, else a fuzzy match; not found → an orphan,
   kept with its quote and note (a wrong anchor is worse than an orphan).
3. **What** — ``TextualBody`` bodies with purpose ``tagging`` become themes (our own
   ``urn:research-reader:theme:ID`` body ids restore the exact theme; other tags are
   matched by name, else added to the taxonomy); other textual bodies and ``bodyValue``
   become the note. An annotation with no selector is about the whole article: its
   note and themes go on the article.

Nothing is lost silently: annotations whose article is not in the library, or that
cannot be read, are listed in the report. Importing the same file twice adds nothing:
the annotation id gives a stable highlight uid, and a known uid is updated, not copied.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from reader.core.annotations.anchoring import TextQuote, describe, reanchor
from reader.core.annotations.highlights import highlight as load_highlight
from reader.core.annotations.highlights import (
    insert_highlight,
    set_article_note,
    set_note,
    set_themes,
)
from reader.core.errors import ReaderError
from reader.core.export.w3c import theme_from_uri
from reader.core.library import Library
from reader.core.models import Highlight
from reader.core.store import utc_now
from reader.core.themes.taxonomy import Taxonomy, Theme, is_slug

MAX_BYTES = 200 * 1024 * 1024  # a guard against feeding the importer a disk image
FOREIGN_NS = uuid.UUID("0b5a2f3e-7f43-4a4a-8f5e-3f0f3a4f1d2b")  # uids for foreign ids


class AnnotationImportError(ReaderError):
    """The file cannot be read as Web Annotations at all."""


@dataclass(frozen=True, slots=True)
class Unmatched:
    """An annotation not imported, with enough to recognise it."""

    id: str
    source: str
    quote: str
    reason: str


@dataclass(slots=True)
class AnnotationImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    orphaned: int = 0  # of the added/updated ones: kept without a place in the text
    article_notes: int = 0
    themes_added: list[str] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.article_notes + len(self.unmatched)


@dataclass(frozen=True, slots=True)
class _Parsed:
    id: str
    source: str
    exact: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    tags: tuple[tuple[str | None, str], ...]  # (our theme id if any, tag text)
    created: str
    modified: str
    has_selector: bool


def import_annotations(library: Library, path: Path) -> AnnotationImportReport:
    """Import the annotations in the JSON file ``path``; see the module docstring."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise AnnotationImportError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise AnnotationImportError(f"{path}: cannot read it ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnnotationImportError(f"{path}: not a JSON file ({exc})") from exc
    return import_data(library, data)


def import_data(library: Library, data: object) -> AnnotationImportReport:
    """Like :func:`import_annotations` for JSON already parsed."""
    report = AnnotationImportReport()
    parsed = []
    for number, raw in enumerate(_annotations(data), 1):
        item = _parse(raw, number)
        if isinstance(item, Unmatched):
            report.unmatched.append(item)
        else:
            parsed.append(item)
    themes = _Themes(library)
    matcher = _Matcher(library)
    for item in parsed:
        article_id, reason = matcher.article(item)
        if article_id is None:
            report.unmatched.append(Unmatched(item.id, item.source, item.exact, reason))
            continue
        theme_ids = tuple(themes.id_for(known, text) for known, text in item.tags)
        if item.has_selector:
            _import_highlight(library, item, article_id, theme_ids, report)
        else:
            _import_article_note(library, item, article_id, theme_ids)
            report.article_notes += 1
    report.themes_added = themes.save()
    library.after_write()
    return report


# -- reading the JSON ---------------------------------------------------------------


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("type", obj.get("@type", ()))
    return {value} if isinstance(value, str) else {v for v in value if isinstance(v, str)}


def _annotations(data: object) -> Iterator[dict[str, Any]]:
    """Every annotation object in a file, whatever its container."""
    if isinstance(data, list):
        for item in data:
            yield from _annotations(item)
        return
    if not isinstance(data, dict):
        raise AnnotationImportError("not Web Annotation JSON: expected an object or a list")
    types = _types(data)
    if "Annotation" in types or (
        "target" in data and not types & {"AnnotationCollection", "AnnotationPage"}
    ):
        yield data
        return
    if "AnnotationCollection" in types or "AnnotationPage" in types or "items" in data:
        page = data.get("first")
        if isinstance(page, dict):
            yield from _annotations(page)
        elif isinstance(page, str) and not data.get("items"):
            raise AnnotationImportError(
                f"the collection's pages are elsewhere ({page}); "
                "save a file with the annotations embedded"
            )
        for item in data.get("items") or ():
            yield from _annotations(item)
        return
    raise AnnotationImportError(
        "not Web Annotation JSON: no Annotation, AnnotationPage or AnnotationCollection found"
    )


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _parse(raw: dict[str, Any], number: int) -> _Parsed | Unmatched:
    ident = raw.get("id") or raw.get("@id") or ""
    ident = ident if isinstance(ident, str) else ""
    label = ident or f"annotation {number}"
    targets = [t for t in _as_list(raw.get("target")) if isinstance(t, str | dict)]
    if not targets:
        return Unmatched(label, "", "", "no target")
    target = targets[0]
    source: str = ""
    selectors: list[dict[str, Any]] = []
    if isinstance(target, str):
        source = target
    else:
        src = target.get("source", target.get("id", ""))
        src = src.get("id", "") if isinstance(src, dict) else src
        source = src if isinstance(src, str) else ""
        selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if "TextQuoteSelector" in _types(s)), {})
    position = next((s for s in selectors if "TextPositionSelector" in _types(s)), {})
    start, end = position.get("start"), position.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        start = end = None
    exact = quote.get("exact", "")
    if selectors and not exact and start is None:
        return Unmatched(label, str(source), "", "no text quote or text position selector")
    notes, tags = _bodies(raw)
    created = raw.get("created") if isinstance(raw.get("created"), str) else ""
    modified = raw.get("modified") if isinstance(raw.get("modified"), str) else ""
    return _Parsed(
        ident,
        str(source or ""),
        str(exact),
        str(quote.get("prefix", "")),
        str(quote.get("suffix", "")),
        start,
        end,
        "\n\n".join(notes),
        tuple(tags),
        created or utc_now(),
        modified or created or utc_now(),
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
    motivations = set(_as_list(raw.get("motivation")))
    for body in _as_list(raw.get("body")):
        if not isinstance(body, dict):
            continue  # a link to an external resource: nothing we can hold
        purposes = set(_as_list(body.get("purpose"))) or motivations
        source = body.get("source")
        if "SpecificResource" in _types(body) and isinstance(source, str):
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


# -- matching articles and themes ----------------------------------------------------


class _Matcher:
    """Finds an annotation's article: by URI first, by its quote second."""

    def __init__(self, library: Library) -> None:
        self.store = library.store
        self.by_uri: dict[str, list[int]] = {}
        for row in self.store.query("SELECT id, url, path, content_hash FROM articles"):
            for key in (row["url"], f"urn:sha256:{row['content_hash']}", row["path"]):
                if key:
                    self.by_uri.setdefault(key, []).append(int(row["id"]))
        self._texts: dict[int, str] | None = None

    def texts(self) -> dict[int, str]:
        if self._texts is None:  # only read every text when a quote must be looked for
            rows = self.store.query("SELECT id, text FROM articles")
            self._texts = {int(r[0]): r[1] for r in rows}
        return self._texts

    def article(self, item: _Parsed) -> tuple[int | None, str]:
        source = item.source
        if source.startswith("file:"):
            source = unquote(urlparse(source).path)
        candidates = self.by_uri.get(source, [])
        if len(candidates) == 1:
            return candidates[0], ""
        if item.exact:
            pool = candidates or list(self.texts())
            holding = [aid for aid in pool if item.exact in self.texts()[aid]]
            if len(holding) > 1 and (item.prefix or item.suffix):  # the context decides
                passage = item.prefix[-16:] + item.exact + item.suffix[:16]
                holding = [aid for aid in holding if passage in self.texts()[aid]] or holding
            if len(holding) == 1:
                return holding[0], ""
            if len(holding) > 1:
                return None, f"the quote is in {len(holding)} articles; cannot tell which"
        if candidates:
            return candidates[0], ""  # same URL twice: the oldest article
        return None, "no article in the library has this source or the quoted text"


class _Themes:
    """Maps tags to theme ids, adding missing themes to the taxonomy once at the end."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.taxonomy: Taxonomy = library.taxonomy
        self.added: list[Theme] = []

    def id_for(self, known: str | None, text: str) -> str:
        """Our own theme id when the file names one the library has; else the theme
        whose id or name is the tag; else a new theme (keeping the file's id if free)."""
        taxonomy = self.taxonomy
        if known and taxonomy.get(known) is not None:
            return known
        found = taxonomy.resolve(text) if text else None
        if found is not None:
            return found.id
        theme_id = known if known and is_slug(known) else taxonomy.new_id(text or known or "")
        theme = Theme(id=theme_id, name=text or theme_id)
        self.taxonomy = taxonomy.with_theme(theme)
        self.added.append(theme)
        return theme_id

    def save(self) -> list[str]:
        if self.added:
            self.library.save_taxonomy(self.taxonomy)
        return [t.id for t in self.added]


# -- writing ---------------------------------------------------------------------------


def _uid(item: _Parsed) -> str:
    if item.id.startswith("urn:uuid:"):
        try:
            return uuid.UUID(item.id[9:]).hex
        except ValueError:
            pass
    key = item.id or f"{item.source}\n{item.exact}\n{item.start}"
    return uuid.uuid5(FOREIGN_NS, key).hex


def _import_highlight(
    library: Library,
    item: _Parsed,
    article_id: int,
    theme_ids: tuple[str, ...],
    report: AnnotationImportReport,
) -> None:
    store = library.store
    uid = _uid(item)
    text = store.article(article_id).text
    exact = item.exact or (
        text[item.start : item.end] if item.end and item.end <= len(text) else ""
    )
    found = reanchor(text, TextQuote(exact, item.prefix, item.suffix), item.start, item.end)
    if found is None:
        made = Highlight(
            0,
            uid,
            article_id,
            None,
            None,
            exact,
            item.prefix,
            item.suffix,
            item.note,
            theme_ids,
            item.created,
            item.modified,
        )
    else:
        fresh = describe(text, *found)
        made = Highlight(
            0,
            uid,
            article_id,
            found[0],
            found[1],
            fresh.exact,
            fresh.prefix,
            fresh.suffix,
            item.note,
            theme_ids,
            item.created,
            item.modified,
        )
    existing = store.query("SELECT id, article_id FROM highlights WHERE uid = ?", (uid,))
    if existing and existing[0]["article_id"] == article_id:
        old = load_highlight(store, int(existing[0]["id"]))
        if (old.note, old.themes) == (made.note, made.themes):
            report.unchanged += 1
            return
        if old.modified_at and old.modified_at > made.modified_at:
            report.unchanged += 1  # edited here after the file was written: keep ours
            return
        set_note(store, old.id, made.note)
        set_themes(store, old.id, made.themes)
        report.updated += 1
    else:
        if existing:  # the uid belongs to another article's highlight: a new identity
            made = replace(made, uid=uuid.uuid4().hex)
        insert_highlight(store, made)
        report.added += 1
    if made.orphan:
        report.orphaned += 1


def _import_article_note(
    library: Library, item: _Parsed, article_id: int, theme_ids: tuple[str, ...]
) -> None:
    store = library.store
    article = store.article(article_id)
    note = item.note
    if note and note != article.note and note not in article.note:
        merged = f"{article.note}\n\n{note}" if article.note.strip() else note
        set_article_note(store, article_id, merged)
    if theme_ids:
        current = [
            r[0]
            for r in store.query(
                "SELECT theme_id FROM article_themes WHERE article_id = ? ORDER BY rowid",
                (article_id,),
            )
        ]
        wanted = list(dict.fromkeys([*current, *theme_ids]))
        if wanted != current:
            store.set_article_themes(article_id, wanted)
