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
A note edited both here and in the file is a conflict: the newer side wins when the file
dates its annotation; an undated file's note is kept beside ours, marked; the report
lists every conflict and which note was kept. Reading the file is
:mod:`reader.core.annotations.w3c_parse`: nothing in it can raise past one annotation.
"""

from __future__ import annotations

import uuid
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from reader.core.annotations.anchoring import TextQuote, describe, reanchor
from reader.core.annotations.highlights import (
    article_themes,
    insert_highlight,
    set_article_note,
    set_note,
    set_themes,
)
from reader.core.annotations.highlights import highlight as load_highlight
from reader.core.annotations.w3c_parse import (
    AnnotationImportError,
    Parsed,
    Unmatched,
    annotation_objects,
    parse,
    read_json,
)
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.models import Highlight
from reader.core.store import utc_now
from reader.core.store_articles import article_addresses, article_texts
from reader.core.store_highlights import highlight_ids_with_uid
from reader.core.themes.taxonomy import Taxonomy, Theme, is_slug

FOREIGN_NS = uuid.UUID("0b5a2f3e-7f43-4a4a-8f5e-3f0f3a4f1d2b")  # uids for foreign ids


@dataclass(frozen=True, slots=True)
class Conflict:
    """A note edited here and in the file: which one was kept, and why."""

    id: str
    quote: str
    kept: str  # "yours" | "theirs" | "both"
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
    conflicts: list[Conflict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # one line each, for the user

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.article_notes + len(self.unmatched)


def import_annotations(library: Library, path: Path) -> AnnotationImportReport:
    """Import the annotations in the JSON file ``path``; see the module docstring."""
    return import_data(library, read_json(Path(path)))


def import_data(library: Library, data: object) -> AnnotationImportReport:
    """Like :func:`import_annotations` for JSON already parsed."""
    report = AnnotationImportReport()
    parsed: list[Parsed] = []
    found = 0
    for number, raw in enumerate(annotation_objects(data), 1):
        found += not isinstance(raw, Unmatched)
        item = raw if isinstance(raw, Unmatched) else parse(raw, number)
        if isinstance(item, Unmatched):
            report.unmatched.append(item)
        else:
            parsed.append(item)
    if not found and report.unmatched:
        raise AnnotationImportError(
            f"not Web Annotation JSON: none of its {len(report.unmatched)} item(s) "
            "is an annotation with a target"
        )
    themes = _Themes(library)
    matcher = _Matcher(library)
    for item in parsed:
        try:
            _import_one(library, item, matcher, themes, report)
        except ReaderError as exc:
            report.unmatched.append(Unmatched(item.id, item.source, item.exact, str(exc)))
        except Exception as exc:  # one odd annotation must not cost the others
            reason = f"cannot be imported ({type(exc).__name__}); please report this file"
            report.unmatched.append(Unmatched(item.id, item.source, item.exact, reason))
    try:
        report.themes_added = themes.save()
    except ReaderError as exc:  # themes.yaml is broken: the highlights keep the theme ids
        report.notices.append(f"new themes not added to themes.yaml: {exc}")
    library.after_write()
    return report


def _import_one(
    library: Library,
    item: Parsed,
    matcher: _Matcher,
    themes: _Themes,
    report: AnnotationImportReport,
) -> None:
    article_id, reason = matcher.article(item)
    if article_id is None:
        report.unmatched.append(Unmatched(item.id, item.source, item.exact, reason))
        return
    theme_ids = tuple(themes.id_for(known, text) for known, text in item.tags)
    if item.has_selector:
        _import_highlight(library, item, article_id, theme_ids, report)
    else:
        _import_article_note(library, item, article_id, theme_ids)
        report.article_notes += 1


# -- matching articles and themes ----------------------------------------------------


class _Matcher:
    """Finds an annotation's article: by URI first, by its quote second."""

    def __init__(self, library: Library) -> None:
        self.store = library.store
        self.by_uri: dict[str, list[int]] = {}
        for aid, url, path, content_hash in article_addresses(self.store):
            for key in (url, f"urn:sha256:{content_hash}", path):
                if key:
                    self.by_uri.setdefault(key, []).append(aid)
        self._texts: dict[int, str] | None = None

    def texts(self) -> dict[int, str]:
        if self._texts is None:  # only read every text when a quote must be looked for
            self._texts = article_texts(self.store)
        return self._texts

    def article(self, item: Parsed) -> tuple[int | None, str]:
        source = item.source
        if source.startswith("file:"):
            with suppress(ValueError):  # "file://[::1" is no address: the quote decides
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


def _uid(item: Parsed) -> str:
    if item.id.startswith("urn:uuid:"):
        try:
            return uuid.UUID(item.id[9:]).hex
        except ValueError:
            pass
    key = item.id or f"{item.source}\n{item.exact}\n{item.start}"
    return uuid.uuid5(FOREIGN_NS, key).hex


def _import_highlight(
    library: Library,
    item: Parsed,
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
    place = (
        describe(text, *found) if found is not None else TextQuote(exact, item.prefix, item.suffix)
    )
    now = utc_now()
    made = Highlight(
        0,
        uid,
        article_id,
        found[0] if found else None,
        found[1] if found else None,
        place.exact,
        place.prefix,
        place.suffix,
        item.note,
        theme_ids,
        item.created or now,
        item.modified or now,
    )
    existing = highlight_ids_with_uid(store, uid)
    if existing and existing[0][1] == article_id:
        old = load_highlight(store, existing[0][0])
        note, themes, conflict = _merge(old, made, item.modified)
        if conflict is not None:
            report.conflicts.append(conflict)
        if (note, themes) == (old.note, old.themes):
            report.unchanged += 1
            return
        if note != old.note:
            set_note(store, old.id, note)
        if themes != old.themes:
            set_themes(store, old.id, themes)
        report.updated += 1
    else:
        if existing:  # the uid belongs to another article's highlight: a new identity
            made = replace(made, uid=uuid.uuid4().hex)
        insert_highlight(store, made)
        report.added += 1
    if made.orphan:
        report.orphaned += 1


BOTH_MARK = "\n\n— Imported note (the file gives no date, so both are kept):\n"


def _merge(
    old: Highlight, new: Highlight, file_time: str | None
) -> tuple[str, tuple[str, ...], Conflict | None]:
    """``(note, themes, conflict)`` for a highlight known here that the file also has.

    The newer side wins when the file dates its annotation (``modified``, else
    ``created``); an undated file cannot win, so its note is kept beside ours, marked,
    and its themes are added. A side with no note never erases the other's.
    """
    ours, theirs = old.note, new.note
    file_newer = file_time is not None and (not old.modified_at or file_time > old.modified_at)
    if file_time is None:
        themes = tuple(dict.fromkeys([*old.themes, *new.themes]))
    else:
        themes = new.themes if file_newer else old.themes
    if theirs == ours or not theirs.strip() or theirs in ours:
        return ours, themes, None
    if not ours.strip():
        return theirs, themes, None
    if file_time is None:
        conflict = Conflict(new.uid, new.quote, "both", "the file's note has no date")
        return ours + BOTH_MARK + theirs, themes, conflict
    if file_newer:
        why = f"the file's note is newer ({file_time}; yours {old.modified_at})"
        return theirs, themes, Conflict(new.uid, new.quote, "theirs", why)
    why = f"your note is newer ({old.modified_at}; the file's {file_time})"
    return ours, themes, Conflict(new.uid, new.quote, "yours", why)


def _import_article_note(
    library: Library, item: Parsed, article_id: int, theme_ids: tuple[str, ...]
) -> None:
    store = library.store
    article = store.article(article_id)
    note = item.note
    if note and note != article.note and note not in article.note:
        merged = f"{article.note}\n\n{note}" if article.note.strip() else note
        set_article_note(store, article_id, merged)
    if theme_ids:
        current = list(article_themes(store, article_id))
        wanted = list(dict.fromkeys([*current, *theme_ids]))
        if wanted != current:
            store.set_article_themes(article_id, wanted)
