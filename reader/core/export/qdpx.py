"""REFI-QDA exchange: a ``.qdpx`` project and a ``.qdc`` codebook (QDA-XML 1.0).

The Rotterdam Exchange Format Initiative's format is how QualCoder, NVivo, ATLAS.ti and
MAXQDA exchange coded text. The mapping:

* the **codebook** is the theme taxonomy — nested ``Code``s with name, colour and
  description (the coder's definition); every code is codable;
* each **article** is a ``TextSource`` whose plain text is ``Sources/GUID.txt`` inside
  the zip (``plainTextPath="internal://GUID.txt"``; the folder name NVivo and QualCoder
  write), with author, source, date and URL as ``VariableValue``s and its CSL
  reference as description;
* each **highlight** is a ``PlainTextSelection`` (start and end in code points of that
  text, as the standard counts) coded with its themes; its note is a ``Note`` it refers
  to. Orphans have no place, so they are left out (the export says how many);
* **article themes** are ``Coding``s of the whole source, the **article note** a
  ``Note`` the source refers to.

GUIDs are derived (uuid5) from stable things — a theme's id, an article's content hash,
a highlight's uid — so exporting twice gives the same GUIDs and a re-import finds the
same highlight again. ``tests/test_export_qdpx.py`` validates ``project.qde`` against
the REFI-QDA schema with lxml and imports it back (:mod:`reader.core.annotations.import_qdpx`).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Iterable
from typing import Any

from reader import __version__
from reader.core.export.citations import references
from reader.core.export.selection import ExportSet, ThemeInfo
from reader.core.models import Article, Highlight

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NS = uuid.UUID("2b3e6c50-7f0e-4a57-9b8e-6a1d3f5c9e21")
VARIABLES = ("Author", "Source", "Date", "URL")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def guid(kind: str, key: str) -> str:
    """A stable GUID for one thing of a kind ("theme", "article", "variable", …)."""
    return str(uuid.uuid5(GUID_NS, f"{kind}:{key}"))


def highlight_guid(h: Highlight) -> str:
    """The highlight's own uid as a GUID when it is one (ours are), else derived."""
    try:
        return str(uuid.UUID(hex=h.uid))
    except ValueError:
        return guid("highlight", h.uid)


def clean(text: str) -> str:
    """Text XML 1.0 can hold (control characters dropped)."""
    return _XML_ILLEGAL.sub("", text)


def _etree() -> Any:
    from lxml import etree  # lazily: only REFI-QDA exports and imports need lxml here

    return etree


def _codes(parent: Any, ns: str, themes: list[ThemeInfo]) -> None:
    """Nested ``Code`` elements in outline order (a child follows its parent)."""
    etree = _etree()
    elements: dict[str, Any] = {}
    codes = etree.SubElement(parent, f"{{{ns}}}Codes")
    for theme in themes:
        holder = elements.get(theme.parent or "", codes)
        code = etree.SubElement(
            holder,
            f"{{{ns}}}Code",
            guid=guid("theme", theme.id),
            name=clean(theme.name),
            isCodable="true",
        )
        if theme.color:
            code.set("color", theme.color)
        if theme.description.strip():
            etree.SubElement(code, f"{{{ns}}}Description").text = clean(theme.description)
        elements[theme.id] = code


def _themes(export_set: ExportSet) -> list[ThemeInfo]:
    """The taxonomy plus any theme id found on the export's highlights but not in it."""
    themes = list(export_set.outline)
    known = {t.id for t in themes}
    used: Iterable[str] = (
        t for item in export_set.articles for h in item.highlights for t in h.themes
    )
    extra = [t for item in export_set.articles for t in item.themes]
    for theme_id in dict.fromkeys([*used, *extra]):
        if theme_id not in known:
            themes.append(ThemeInfo(theme_id, theme_id))
            known.add(theme_id)
    # A parent missing from the list would orphan its children: put them at the top.
    return [t if t.parent in known or t.parent is None else _top(t) for t in themes]


def _top(theme: ThemeInfo) -> ThemeInfo:
    return ThemeInfo(theme.id, theme.name, theme.color, 0, None, theme.known, theme.description)


def render_qdc(export_set: ExportSet) -> bytes:
    """The codebook alone (``.qdc``)."""
    etree = _etree()
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=_origin())
    _codes(root, CODEBOOK_NS, list(export_set.outline))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _origin() -> str:
    return f"Research Reader {__version__}"


class _Project:
    """Builds ``project.qde`` and collects the source files that go beside it."""

    def __init__(self, export_set: ExportSet) -> None:
        etree = _etree()
        self.etree, self.set = etree, export_set
        self.user = guid("user", "research-reader")
        self.root = etree.Element(
            f"{{{PROJECT_NS}}}Project",
            nsmap={None: PROJECT_NS},
            name="Research Reader export",
            origin=_origin(),
            creatingUserGUID=self.user,
            creationDateTime=export_set.created,
        )
        users = self.sub(self.root, "Users")
        self.sub(users, "User", guid=self.user, name="Research Reader")
        book = self.sub(self.root, "CodeBook")
        _codes(book, PROJECT_NS, _themes(export_set))
        variables = self.sub(self.root, "Variables")
        for name in VARIABLES:
            self.sub(
                variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text"
            )
        self.sources = self.sub(self.root, "Sources")
        self.notes: list[tuple[str, str, str]] = []  # (guid, name, text)
        self.files: dict[str, str] = {}
        self.skipped_orphans = 0

    def sub(self, parent: Any, tag: str, **attrs: str) -> Any:
        return self.etree.SubElement(parent, f"{{{PROJECT_NS}}}{tag}", **attrs)

    def note(self, parent: Any, key: str, name: str, text: str) -> None:
        note_guid = guid("note", key)
        self.notes.append((note_guid, name, text))
        self.sub(parent, "NoteRef", targetGUID=note_guid)

    def coding(self, parent: Any, key: str, theme_id: str, when: str) -> None:
        coding = self.sub(
            parent, "Coding", guid=guid("coding", f"{key}:{theme_id}"), creatingUser=self.user
        )
        if when:
            coding.set("creationDateTime", when)
        self.sub(coding, "CodeRef", targetGUID=guid("theme", theme_id))

    def source(
        self,
        article: Article,
        highlights: tuple[Highlight, ...],
        themes: tuple[str, ...],
        reference: str,
    ) -> None:
        source_guid = guid("article", article.content_hash)
        self.files[f"{source_guid}.txt"] = article.text
        element = self.sub(
            self.sources,
            "TextSource",
            guid=source_guid,
            name=clean(article.title),
            plainTextPath=f"internal://{source_guid}.txt",
            creatingUser=self.user,
            creationDateTime=article.imported_at,
            modifiedDateTime=article.modified_at,
        )
        if reference:
            self.sub(element, "Description").text = clean(reference)
        for h in highlights:
            if h.orphan:
                self.skipped_orphans += 1
                continue
            selection = self.sub(
                element,
                "PlainTextSelection",
                guid=highlight_guid(h),
                name=clean(" ".join(h.quote.split())[:200]),
                startPosition=str(h.start),
                endPosition=str(h.end),
                creatingUser=self.user,
            )
            if h.created_at:
                selection.set("creationDateTime", h.created_at)
            if h.modified_at:
                selection.set("modifiedDateTime", h.modified_at)
            for theme_id in dict.fromkeys(h.themes):
                self.coding(selection, h.uid, theme_id, h.created_at)
            if h.note:
                self.note(selection, f"highlight:{h.uid}", f"Note on “{h.quote[:60]}”", h.note)
        for theme_id in dict.fromkeys(themes):
            self.coding(element, f"article:{article.content_hash}", theme_id, "")
        if article.note.strip():
            self.note(
                element,
                f"article:{article.content_hash}",
                f"Note on {article.title[:80]}",
                article.note,
            )
        values = (article.author, article.source, article.date, article.url)
        for name, value in zip(VARIABLES, values, strict=True):
            if value:
                holder = self.sub(element, "VariableValue")
                self.sub(holder, "VariableRef", targetGUID=guid("variable", name))
                self.sub(holder, "TextValue").text = clean(value)

    def finish(self) -> bytes:
        if self.notes:
            notes = self.sub(self.root, "Notes")
            for note_guid, name, text in self.notes:
                note = self.sub(
                    notes, "Note", guid=note_guid, name=clean(name), creatingUser=self.user
                )
                self.sub(note, "PlainTextContent").text = clean(text)
        return bytes(
            self.etree.tostring(
                self.root, xml_declaration=True, encoding="utf-8", pretty_print=True
            )
        )


def project(export_set: ExportSet) -> tuple[bytes, dict[str, str], int]:
    """(``project.qde``, source files by name, orphans left out)."""
    refs = references(item.article for item in export_set.articles)
    built = _Project(export_set)
    for item in export_set.articles:
        ref = refs.get(item.article.id)
        built.source(item.article, item.highlights, item.themes, ref.text if ref else "")
    return built.finish(), built.files, built.skipped_orphans


def render_qdpx(export_set: ExportSet) -> bytes:
    """The ``.qdpx`` zip: ``project.qde`` and ``Sources/*.txt`` (UTF-8)."""
    qde, files, _ = project(export_set)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for name, text in sorted(files.items()):
            archive.writestr(f"Sources/{name}", text.encode("utf-8"))
    return buffer.getvalue()
