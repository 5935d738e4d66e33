"""Import a REFI-QDA project (``.qdpx``) or codebook (``.qdc``) into the library.

What :mod:`reader.core.export.qdpx` writes comes back whole, and the same parts of a
project another QDA tool wrote:

* **codes** become themes — the one whose GUID we derived from its id, else the theme
  of that name, else a new theme (name, colour, description, parent kept); the
  taxonomy is saved once, at the end;
* **text sources** are matched to articles by the hash of their text; a source the
  library lacks becomes a new article (title = source name; Author, Source, Date and
  URL variables as metadata). Its text is made canonical like any import; when that
  changed it, selections are found again in the canonical text (as after a re-import);
* **plain-text selections** become highlights with their codes as themes and their
  notes as the note; a selection already imported (same GUID) is left as it is;
* **codings of a whole source** become article themes, its notes the article note.

Bad input gives one line naming the file (:class:`QdaImportError`), never a traceback:
not a zip, no ``project.qde``, XML that does not parse, entries over the size guard.
XML is parsed without network access or entity expansion.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.annotations.anchoring import TextQuote, describe, reanchor
from reader.core.annotations.highlights import (
    article_themes,
    insert_highlight,
    set_article_note,
)
from reader.core.errors import ReaderError
from reader.core.export.qdpx import guid
from reader.core.importing.textnorm import canonical_text, content_hash
from reader.core.library import Library
from reader.core.models import ArticleDraft, Highlight
from reader.core.store_highlights import highlight_ids_with_uid
from reader.core.themes.taxonomy import COLOUR, Theme

MAX_BYTES = 500 * 1024 * 1024  # uncompressed, all entries together: a zip-bomb guard
PROJECT = "urn:QDA-XML:project:1.0"


class QdaImportError(ReaderError):
    """A file that is not a readable REFI-QDA project or codebook."""


@dataclass(slots=True)
class QdaImportReport:
    sources_added: int = 0
    sources_matched: int = 0
    highlights_added: int = 0
    highlights_unchanged: int = 0
    orphaned: int = 0
    article_notes: int = 0
    article_themes: int = 0
    themes_added: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _parse(data: bytes, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise QdaImportError(f"{name}: not well-formed XML ({exc})") from exc


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if _local(c) == name]


def _child(element: Any, name: str) -> Any | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: Any | None) -> str:
    return "" if element is None else "".join(element.itertext())


class _Codes:
    """Code GUIDs → theme ids, adding the themes the library lacks."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.taxonomy = library.taxonomy
        self.by_guid = {guid("theme", t.id): t.id for t, _ in self.taxonomy.ordered()}
        self.added: list[str] = []

    def walk(self, codes: Any, parent: str | None = None) -> None:
        for code in _children(codes, "Code"):
            self.walk(code, self.add(code, parent))

    def add(self, code: Any, parent: str | None) -> str:
        code_guid = (code.get("guid") or "").strip("{}").lower()
        name = " ".join((code.get("name") or "").split()) or "Unnamed code"
        known = self.by_guid.get(code_guid)
        if known is None:
            found = self.taxonomy.resolve(name)
            known = found.id if found is not None else None
        if known is None:
            color = code.get("color") or ""
            if len(color) == 4 and color.startswith("#"):
                color = "#" + "".join(c * 2 for c in color[1:])
            theme = Theme(
                id=self.taxonomy.new_id(name),
                name=name,
                color=color.lower() if COLOUR.match(color) else None,
                description=_text(_child(code, "Description")).strip(),
                parent=parent,
            )
            self.taxonomy = self.taxonomy.with_theme(theme)
            self.added.append(theme.id)
            known = theme.id
        self.by_guid[code_guid] = known
        return known

    def themes(self, element: Any) -> tuple[str, ...]:
        found = []
        for coding in _children(element, "Coding"):
            ref = _child(coding, "CodeRef")
            target = (ref.get("targetGUID") or "").strip("{}").lower() if ref is not None else ""
            if target in self.by_guid:
                found.append(self.by_guid[target])
        return tuple(dict.fromkeys(found))

    def save(self) -> list[str]:
        if self.added:
            self.library.save_taxonomy(self.taxonomy)
        return self.added


def import_qdc(library: Library, path: Path) -> QdaImportReport:
    """Add a codebook's codes to the taxonomy (``.qdc``, or the codebook of a ``.qdpx``)."""
    path = Path(path)
    if zipfile.is_zipfile(path):
        entries = _entries(path)
        qde = _project_name(entries) or "project.qde"
        root = _parse(entries.get(qde) or b"", f"{path}: {qde}")
    else:
        root = _parse(_read(path), str(path))
    book = root if _local(root) == "CodeBook" else _child(root, "CodeBook")
    codes = _child(book, "Codes") if book is not None else None
    if codes is None:
        raise QdaImportError(f"{path}: no REFI-QDA codebook in it (no <CodeBook><Codes>)")
    mapper = _Codes(library)
    mapper.walk(codes)
    report = QdaImportReport()
    report.themes_added = mapper.save()
    return report


def import_qdpx(library: Library, path: Path) -> QdaImportReport:
    """Import a ``.qdpx`` project; see the module docstring."""
    path = Path(path)
    entries = _entries(path)
    qde = _project_name(entries)
    if qde is None:
        raise QdaImportError(f"{path}: no project.qde inside; is it a REFI-QDA project?")
    root = _parse(entries[qde], f"{path}: {qde}")
    if _local(root) != "Project":
        raise QdaImportError(f"{path}: project.qde holds no REFI-QDA <Project>")
    report = QdaImportReport()
    mapper = _Codes(library)
    book = _child(root, "CodeBook")
    if book is not None and (codes := _child(book, "Codes")) is not None:
        mapper.walk(codes)
    notes = {
        (n.get("guid") or "").strip("{}").lower(): _text(_child(n, "PlainTextContent"))
        for n in _children(
            _child(root, "Notes") if _child(root, "Notes") is not None else [], "Note"
        )
    }
    variables = {
        (v.get("guid") or "").strip("{}").lower(): (v.get("name") or "").lower()
        for v in _children(
            _child(root, "Variables") if _child(root, "Variables") is not None else [], "Variable"
        )
    }
    sources = _child(root, "Sources")
    for source in _children(sources, "TextSource") if sources is not None else []:
        try:
            _source(library, source, entries, mapper, notes, variables, report)
        except QdaImportError as exc:
            report.problems.append(f"{path}: {exc}")
    report.themes_added = mapper.save()
    library.update_index()
    return report


def _project_name(entries: dict[str, bytes]) -> str | None:
    """``project.qde``, or the one ``.qde`` at the top of the zip (some tools name it
    after the project)."""
    if "project.qde" in entries:
        return "project.qde"
    found = [n for n in entries if n.lower().endswith(".qde") and "/" not in n]
    return found[0] if len(found) == 1 else None


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise QdaImportError(f"{path}: larger than {MAX_BYTES // 2**20} MB")
        return path.read_bytes()
    except OSError as exc:
        raise QdaImportError(f"{path}: cannot read it ({exc.strerror})") from exc


def _entries(path: Path) -> dict[str, bytes]:
    """The zip's files by name (``project.qde``, ``sources/…``), size-guarded."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if sum(i.file_size for i in infos) > MAX_BYTES:
                raise QdaImportError(f"{path}: unpacks to more than {MAX_BYTES // 2**20} MB")
            return {i.filename: archive.read(i) for i in infos}
    except OSError as exc:
        raise QdaImportError(f"{path}: cannot read it ({exc.strerror})") from exc
    except zipfile.BadZipFile as exc:
        raise QdaImportError(f"{path}: not a .qdpx (zip) file ({exc})") from exc


def _source_text(source: Any, entries: dict[str, bytes]) -> str:
    inline = _child(source, "PlainTextContent")
    if inline is not None:
        return _text(inline)
    where = source.get("plainTextPath") or ""
    name = where.split("internal://", 1)[1] if where.startswith("internal://") else where
    data = next(
        (entries[k] for k in (f"Sources/{name}", f"sources/{name}", name) if k in entries), None
    )
    if data is None:
        raise QdaImportError(f"source '{source.get('name')}': its text '{where}' is missing")
    return data.decode("utf-8-sig", errors="replace")


def _source(
    library: Library,
    source: Any,
    entries: dict[str, bytes],
    codes: _Codes,
    notes: dict[str, str],
    variables: dict[str, str],
    report: QdaImportReport,
) -> None:
    store = library.store
    raw = _source_text(source, entries)
    text = canonical_text(raw)
    existing = store.article_by_hash(content_hash(text))
    if existing is not None:
        article_id = existing.id
        report.sources_matched += 1
    else:
        meta: dict[str, str] = {}
        for value in _children(source, "VariableValue"):
            ref = _child(value, "VariableRef")
            name = (
                variables.get((ref.get("targetGUID") or "").strip("{}").lower(), "")
                if ref is not None
                else ""
            )
            meta[name] = " ".join(
                _text(_child(value, kind)) for kind in ("TextValue", "DateValue")
            ).strip()
        title = " ".join((source.get("name") or "").split()) or text[:80] or "Untitled source"
        draft = ArticleDraft(
            title=title,
            text=text,
            date=meta.get("date") or None,
            source=meta.get("source") or None,
            author=meta.get("author") or None,
            url=meta.get("url") or None,
        )
        article_id = store.add_article(draft, content_hash(text))
        report.sources_added += 1
    for selection in _children(source, "PlainTextSelection"):
        _selection(library, article_id, raw, text, selection, codes, notes, report)
    themes = codes.themes(source)
    if themes:
        current = list(article_themes(store, article_id))
        wanted = list(dict.fromkeys([*current, *themes]))
        if wanted != current:
            store.set_article_themes(article_id, wanted)
            report.article_themes += 1
    note = _notes(source, notes)
    article = store.article(article_id)
    if note and note not in article.note:
        set_article_note(
            store, article_id, f"{article.note}\n\n{note}" if article.note.strip() else note
        )
        report.article_notes += 1


def _notes(element: Any, notes: dict[str, str]) -> str:
    texts = [
        notes.get((ref.get("targetGUID") or "").strip("{}").lower(), "")
        for ref in _children(element, "NoteRef")
    ]
    return "\n\n".join(t for t in texts if t.strip())


def _selection(
    library: Library,
    article_id: int,
    raw: str,
    text: str,
    selection: Any,
    codes: _Codes,
    notes: dict[str, str],
    report: QdaImportReport,
) -> None:
    store = library.store
    selection_guid = (selection.get("guid") or "").strip("{}")
    try:
        uid = uuid.UUID(selection_guid).hex
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    except (TypeError, ValueError) as exc:
        raise QdaImportError(f"selection '{selection_guid}': bad guid or position") from exc
    if highlight_ids_with_uid(store, uid):  # imported before: the user may have edited it
        report.highlights_unchanged += 1
        return
    if not 0 <= start < end <= len(raw):
        raise QdaImportError(f"selection '{selection_guid}': {start}-{end} is outside its text")
    if raw != text:  # canonicalising moved things: find the passage again
        quote = describe(raw, start, end)
        found = reanchor(text, TextQuote(quote.exact, quote.prefix, quote.suffix), start, end)
    else:
        found = (start, end)
    created = selection.get("creationDateTime") or ""
    if found is None:
        exact, prefix, suffix, begin, finish = raw[start:end], "", "", None, None
        report.orphaned += 1
    else:
        fresh = describe(text, *found)
        exact, prefix, suffix = fresh.exact, fresh.prefix, fresh.suffix
        begin, finish = found
    insert_highlight(
        store,
        Highlight(
            0,
            uid,
            article_id,
            begin,
            finish,
            exact,
            prefix,
            suffix,
            _notes(selection, notes),
            codes.themes(selection),
            created,
            selection.get("modifiedDateTime") or created,
        ),
    )
    report.highlights_added += 1
