"""EPUB import: the book's chapters in spine order, each starting with its heading.

Standard library only (an EPUB is a zip of XHTML files and an OPF package document);
the chapters' markup is read with lxml, which the HTML import already needs. Chapters are
clean markup written for reading, so each is walked block by block (headings, paragraphs,
list items, table rows) rather than run through a web-page extractor that would try to
find "the article" among menus that are not there.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from reader.core.dates import find_date
from reader.core.errors import ReaderError
from reader.core.importing.textnorm import canonical_text, is_list_item, is_table_row
from reader.core.models import ArticleDraft

if TYPE_CHECKING:
    from lxml.etree import _Element

MAX_CHAPTER_BYTES = 20 * 2**20
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "li", "blockquote", "pre", "tr", "dt", "dd", "figcaption"}
_SKIP = {"script", "style", "nav", "head", "aside", "rt", "rp"}


class EpubError(ReaderError):
    """This EPUB cannot become an article; the message says why, in one line."""


@dataclass(slots=True)
class _Package:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    publisher: str | None = None
    url: str | None = None
    subjects: list[str] = field(default_factory=list)
    chapters: list[str] = field(default_factory=list)  # zip paths, spine order
    labels: dict[str, str] = field(default_factory=dict)  # zip path -> table-of-contents label


def parse_epub(data: bytes, path: Path) -> ArticleDraft:
    """An EPUB's text (chapters as sections) and its OPF metadata."""
    try:
        book = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise EpubError(
            "not a readable EPUB (not a zip file); re-download or re-export it"
        ) from exc
    with book:
        names = set(book.namelist())
        if "META-INF/encryption.xml" in names and _is_drm(book.read("META-INF/encryption.xml")):
            raise EpubError("this EPUB is locked by DRM; import a DRM-free copy")
        package = _read_package(book, names)
        blocks: list[str] = []
        for chapter in package.chapters:
            info = book.getinfo(chapter)
            if info.file_size > MAX_CHAPTER_BYTES:
                raise EpubError(f"chapter {chapter} is too large ({info.file_size // 2**20} MB)")
            found = _chapter_blocks(book.read(chapter))
            label = package.labels.get(chapter, "")
            if found and label and not found[0][1]:  # no heading of its own: the TOC's
                found.insert(0, (label, True))
            blocks += [text for text, _ in found]
    text = canonical_text(_joined(blocks))
    if not text:
        raise EpubError("no text in this EPUB (only images?)")
    if blocks and package.title and blocks[0].casefold() == package.title.casefold():
        text = text.split("\n\n", 1)[1] if "\n\n" in text else text
    return ArticleDraft(
        title=package.title or path.stem,
        text=text,
        date=package.date,
        source=package.publisher,
        author="; ".join(package.authors) or None,
        url=package.url,
        categories=tuple(package.subjects),
        path=str(path),
    )


def _read_package(book: zipfile.ZipFile, names: set[str]) -> _Package:
    """The OPF's metadata, spine and (from the nav document or NCX) chapter labels."""
    try:
        container = _xml(book.read("META-INF/container.xml"))
        opf_path = next(
            el.get("full-path", "") for el in container.iter() if _local(el.tag) == "rootfile"
        )
        opf = _xml(book.read(opf_path))
    except (KeyError, StopIteration) as exc:
        raise EpubError("not an EPUB: no META-INF/container.xml or package document") from exc
    base = posixpath.dirname(opf_path)
    package = _Package()
    manifest: dict[str, tuple[str, str, str]] = {}  # id -> (zip path, media type, properties)
    spine: list[str] = []
    toc_id = ""
    for el in opf.iter():
        tag, text = _local(el.tag), " ".join((el.text or "").split())
        if tag == "title" and not package.title:
            package.title = text
        elif tag == "creator" and text:
            package.authors.append(text)
        elif tag == "date" and text and package.date is None:
            if m := re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text):  # W3CDTF
                package.date = f"{m[1]}-{m[2] or '01'}-{m[3] or '01'}"
            elif found := find_date(text):
                package.date = found[0]
        elif tag == "publisher" and text:
            package.publisher = text
        elif tag == "subject" and text:
            package.subjects.append(text)
        elif tag == "identifier" and text.startswith(("http://", "https://")):
            package.url = text
        elif tag == "item":
            href = posixpath.normpath(posixpath.join(base, unquote(el.get("href", ""))))
            item = (href, el.get("media-type", ""), el.get("properties", ""))
            manifest[el.get("id", "")] = item
        elif tag == "spine":
            toc_id = el.get("toc", "")
        elif tag == "itemref" and el.get("linear", "yes") != "no":
            spine.append(el.get("idref", ""))
    for idref in spine:
        href, media, properties = manifest.get(idref, ("", "", ""))
        if href in names and "html" in media and "nav" not in properties.split():
            package.chapters.append(href)
    for href, _media, properties in manifest.values():
        if "nav" in properties.split() and href in names:
            package.labels.update(_nav_labels(book.read(href), posixpath.dirname(href)))
    if not package.labels and toc_id in manifest and manifest[toc_id][0] in names:
        ncx = manifest[toc_id][0]
        package.labels.update(_ncx_labels(book.read(ncx), posixpath.dirname(ncx)))
    if not package.chapters:
        raise EpubError("no chapters in this EPUB's spine")
    return package


def _chapter_blocks(data: bytes) -> list[tuple[str, bool]]:
    """A chapter's blocks in document order (headings, paragraphs, list items, table
    rows), each with whether it is a heading."""
    from lxml import etree, html

    try:
        root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        root = html.document_fromstring(data)
    blocks: list[tuple[str, bool]] = []
    for el in root.iter():
        tag = _local(el.tag) if isinstance(el.tag, str) else ""
        if tag not in _BLOCKS or _inside(el, _SKIP) or _has_block_child(el):
            continue
        if tag == "tr":
            cells = [_text(c) for c in el if _local(str(c.tag)) in ("td", "th")]
            text = " | ".join(cells)
            text = f"| {text} |" if len(cells) > 1 else text
        else:
            text = _text(el)
        if tag == "li" and text:
            text = f"- {text}"
        if text:
            blocks.append((text, tag in _HEADINGS))
    return blocks


def _nav_labels(data: bytes, base: str) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    out: dict[str, str] = {}
    for el in root.iter() if root is not None else ():
        if isinstance(el.tag, str) and _local(el.tag) == "a" and el.get("href"):
            target = posixpath.normpath(posixpath.join(base, unquote(el.get("href", ""))))
            out.setdefault(target.split("#")[0], _text(el))
    return out


def _ncx_labels(data: bytes, base: str) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    out: dict[str, str] = {}
    for point in root.iter() if root is not None else ():
        if not isinstance(point.tag, str) or _local(point.tag) != "navPoint":
            continue
        label = next((_text(t) for t in point.iter() if _local(str(t.tag)) == "text"), "")
        src = next((c.get("src", "") for c in point if _local(str(c.tag)) == "content"), "")
        if src:
            target = posixpath.normpath(posixpath.join(base, unquote(src))).split("#")[0]
            out.setdefault(target, label)
    return out


def _is_drm(data: bytes) -> bool:
    """Font obfuscation (IDPF/Adobe) is allowed; anything else encrypted is DRM."""
    methods = re.findall(rb'Algorithm="([^"]+)"', data)
    obfuscation = (b"http://www.idpf.org/2008/embedding", b"http://ns.adobe.com/pdf/enc#RC")
    return any(m not in obfuscation for m in methods)


def _xml(data: bytes) -> _Element:
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False))
    if root is None:
        raise KeyError("empty document")
    return root


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if "}" in tag else tag.lower()


def _text(el: _Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _inside(el: _Element, tags: set[str]) -> bool:
    return any(isinstance(a.tag, str) and _local(a.tag) in tags for a in el.iterancestors())


def _has_block_child(el: _Element) -> bool:
    return any(isinstance(d.tag, str) and _local(d.tag) in _BLOCKS for d in el.iterdescendants())


def _joined(blocks: list[str]) -> str:
    """Blocks a blank line apart, except runs of list items or table rows (one block)."""
    out = ""
    for block in blocks:
        run = is_list_item(block) or is_table_row(block)
        if out and run and out.rsplit("\n", 1)[-1][:1] == block[:1]:
            out += "\n" + block
        else:
            out += ("\n\n" if out else "") + block
    return out
