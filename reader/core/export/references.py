"""References for a reference manager: CSL-JSON, BibTeX and RIS of the exported articles.

All three are written from the same CSL-JSON items the citations use
(:func:`citations.csl_item`), so Zotero, a BibTeX bibliography and the export's own
headings cite an article alike. BibTeX goes through bibtexparser and RIS through
rispy (both MIT, both kept up); their parsers read the files back in the tests.
Organisations stay whole: a literal name is braced in BibTeX (``{US Department of
Defense}``) so no tool splits it into a first and last name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from reader.core.export.citations import csl_item
from reader.core.export.selection import ExportSet

_KEY_JUNK = re.compile(r"[^a-z0-9]+")
_BIB_SPECIAL = re.compile(r"([{}\\])")


def items(export_set: ExportSet) -> list[dict[str, Any]]:
    return [csl_item(item.article) for item in export_set.articles]


def csl_json(export_set: ExportSet) -> str:
    """A JSON array of CSL items (what Zotero, pandoc and citeproc read)."""
    return json.dumps(items(export_set), ensure_ascii=False, indent=1) + "\n"


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return next((w for w in _KEY_JUNK.split(plain) if len(w) > 2), "") or "article"


def _person(name: dict[str, str], braced: bool) -> str:
    if "literal" in name:
        return "{" + name["literal"] + "}" if braced else name["literal"]
    return f"{name['family']}, {name['given']}" if name.get("given") else name["family"]


def _year(item: dict[str, Any]) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return str(parts[0]) if parts else ""


def _iso(item: dict[str, Any]) -> str:
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def cite_keys(records: list[dict[str, Any]]) -> list[str]:
    """BibTeX keys: first author's (or source's) name, year, first title word; unique."""
    keys: list[str] = []
    for item in records:
        who = item.get("author", [{}])[0]
        name = who.get("family") or who.get("literal") or item.get("container-title", "")
        base = _ascii_word(name) if name else "anon"
        key = f"{base}{_year(item) or 'nd'}{_ascii_word(item['title'])}"
        candidate, n = key, 1
        while candidate in keys:
            n += 1
            candidate = f"{key}{chr(ord('a') + n - 2) if n < 28 else n}"
        keys.append(candidate)
    return keys


def _bib_text(text: str) -> str:
    """A field value that cannot unbalance the braces bibtexparser writes around it."""
    return _BIB_SPECIAL.sub(lambda m: {"{": "(", "}": ")", "\\": "/"}[m.group(1)], text)


def bibtex(export_set: ExportSet) -> str:
    """BibTeX (biblatex-friendly: ``date`` besides ``year``; UTF-8)."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    records = items(export_set)
    library = Library()
    for key, item in zip(cite_keys(records), records, strict=True):
        fields = [Field("title", "{" + _bib_text(item["title"]) + "}")]
        if item.get("author"):
            people = " and ".join(_bib_text(_person(n, True)) for n in item["author"])
            fields.append(Field("author", people))
        if item.get("container-title"):
            fields.append(Field("journal", _bib_text(item["container-title"])))
        if year := _year(item):
            fields.append(Field("year", year))
            fields.append(Field("date", _iso(item)))
        if item.get("URL"):
            fields.append(Field("url", _bib_text(item["URL"])))
        kind = "article" if item["type"] == "article-newspaper" else "misc"
        library.add(Entry(kind, key, fields))
    return str(write_string(library))


def ris(export_set: ExportSet) -> str:
    """RIS records: ``NEWS`` for an article with a known outlet, else ``GEN``."""
    import rispy

    entries = []
    for item in items(export_set):
        entry: dict[str, Any] = {
            "type_of_reference": "NEWS" if item["type"] == "article-newspaper" else "GEN",
            "title": item["title"],
        }
        if item.get("author"):
            entry["authors"] = [_person(n, False) for n in item["author"]]
        if item.get("container-title"):
            entry["secondary_title"] = item["container-title"]
        if year := _year(item):
            entry["year"] = year
            entry["date"] = _iso(item).replace("-", "/")
        if item.get("URL"):
            entry["urls"] = [item["URL"]]
        entry["id"] = item["id"]
        entries.append(entry)

    class Writer(rispy.RisWriter):  # type: ignore[misc]
        """No "1." line before each record: a numbering header is rispy's habit, not RIS."""

        def set_header(self, count: int) -> str:
            return ""

    return str(rispy.dumps(entries, implementation=Writer))
