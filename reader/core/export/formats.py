"""The export-format registry: one table that everything else reads.

The CLI's ``--format`` choices and help, the export dialog's list and preview, file
suffixes, aliases and the format tables in README.md and docs/export.md all come from
:data:`REGISTRY` (tests/test_export_registry.py checks the documents against
:func:`markdown_table`). Adding a format means adding one :class:`ExportFormat` here and
its renderer module.

A renderer takes the :class:`ExportSet` and :class:`ExportOptions` and returns the file's
bytes; it imports its module when called, so the registry costs nothing at start-up.
PDF has no renderer here: it needs Qt's printing, which the core never imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the registry is read at CLI start-up: it loads no renderer
    from reader.core.export.options import ExportOptions
    from reader.core.export.selection import ExportSet

Renderer = Callable[["ExportSet", "ExportOptions"], bytes]
Kind = Literal["notes", "references", "qda"]
Preview = Literal["html", "text", "none"]


def _markdown(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import markdown

    return markdown.render(export_set, options).encode("utf-8")


def _html(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import html

    return html.render(export_set, options).encode("utf-8")


def _docx(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import docx

    return docx.render(export_set, options)


def _csv(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import csv

    return csv.render(export_set).encode("utf-8")


def _w3c(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import w3c

    return w3c.dumps(export_set).encode("utf-8")


def _csl_json(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import references

    return references.csl_json(export_set).encode("utf-8")


def _bibtex(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import references

    return references.bibtex(export_set).encode("utf-8")


def _ris(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import references

    return references.ris(export_set).encode("utf-8")


def _qdpx(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import qdpx

    return qdpx.render_qdpx(export_set)


def _qdc(export_set: ExportSet, options: ExportOptions) -> bytes:
    from reader.core.export import qdpx

    return qdpx.render_qdc(export_set)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format. ``preview``: how the dialog previews it ("html": as the HTML
    export, rendered; "text": the file's own text; "none": a summary only)."""

    key: str
    suffix: str
    label: str
    description: str
    kind: Kind
    preview: Preview
    render: Renderer | None  # None: the caller renders it (PDF, through Qt)
    aliases: tuple[str, ...] = ()
    per_article: bool = False  # can write one file per article into a folder
    binary: bool = False


REGISTRY: tuple[ExportFormat, ...] = (
    ExportFormat(
        "md",
        ".md",
        "Markdown (.md)",
        "CommonMark with YAML front matter; theme names, labelled notes, “¶ N” places, a "
        "CSL citation under each article. `--obsidian` adds `#tags` and `^hl-UID` block "
        "ids; `--per-article` writes one file per article into a folder.",
        "notes",
        "text",
        _markdown,
        ("markdown",),
        per_article=True,
    ),
    ExportFormat(
        "html",
        ".html",
        "HTML, one self-contained file (.html)",
        "one self-contained file: inline CSS and images, no scripts; theme chips with "
        "AA contrast, a table of contents.",
        "notes",
        "html",
        _html,
        ("htm",),
    ),
    ExportFormat(
        "pdf",
        ".pdf",
        "PDF (.pdf)",
        "the HTML laid out on A4 by Qt's printing; headings kept with their first item, "
        "pages numbered.",
        "notes",
        "html",
        None,
        (),
    ),
    ExportFormat(
        "docx",
        ".docx",
        "Word document (.docx)",
        "Word: real headings, quotes in the *Quote* style, shaded theme chips, labelled notes.",
        "notes",
        "html",
        _docx,
        ("word",),
        binary=True,
    ),
    ExportFormat(
        "csv",
        ".csv",
        "CSV, one row per highlight (.csv)",
        "one row per highlight with author, URL, source and date; UTF-8 with a BOM.",
        "notes",
        "text",
        _csv,
        (),
    ),
    ExportFormat(
        "json",
        ".json",
        "W3C Web Annotations (.json)",
        "a W3C Web Annotation `AnnotationCollection`; targets the article's URL when known.",
        "notes",
        "text",
        _w3c,
        ("w3c", "jsonld"),
    ),
    ExportFormat(
        "csl-json",
        ".json",
        "References: CSL-JSON (.json)",
        "the articles as CSL-JSON items (Zotero, pandoc, citeproc).",
        "references",
        "text",
        _csl_json,
        ("csljson", "csl"),
    ),
    ExportFormat(
        "bibtex",
        ".bib",
        "References: BibTeX (.bib)",
        "the articles as BibTeX entries (bibtexparser).",
        "references",
        "text",
        _bibtex,
        ("bib",),
    ),
    ExportFormat(
        "ris",
        ".ris",
        "References: RIS (.ris)",
        "the articles as RIS records (rispy).",
        "references",
        "text",
        _ris,
        (),
    ),
    ExportFormat(
        "qdpx",
        ".qdpx",
        "REFI-QDA project (.qdpx)",
        "a REFI-QDA project for QualCoder, NVivo, ATLAS.ti or MAXQDA: codebook = "
        "taxonomy, articles as text sources, highlights as coded selections.",
        "qda",
        "none",
        _qdpx,
        (),
        binary=True,
    ),
    ExportFormat(
        "qdc",
        ".qdc",
        "REFI-QDA codebook (.qdc)",
        "the theme taxonomy alone as a REFI-QDA codebook.",
        "qda",
        "none",
        _qdc,
        ("codebook",),
        binary=True,
    ),
)
BY_KEY = {f.key: f for f in REGISTRY}
ALIASES = {alias: f.key for f in REGISTRY for alias in f.aliases}
FORMATS = {f.key: f.suffix for f in REGISTRY}  # key → suffix (older callers)


def find(name: str) -> ExportFormat | None:
    key = name.lower().lstrip(".")
    return BY_KEY.get(ALIASES.get(key, key))


def help_text() -> str:
    """The ``--format`` help: every key with its short label."""
    return "; ".join(f"{f.key}: {f.label}" for f in REGISTRY)


def markdown_table() -> str:
    """The format table of README.md and docs/export.md."""
    rows = ["| `--format` | file | what you get |", "| --- | --- | --- |"]
    rows += [f"| `{f.key}` | `{f.suffix}` | {f.description} |" for f in REGISTRY]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # python -m reader.core.export.formats: print the table
    print(markdown_table(), end="")
