"""Export annotated notes (Markdown, HTML, PDF, DOCX, CSV, W3C Web Annotation JSON),
references (CSL-JSON, BibTeX, RIS) and REFI-QDA projects and codebooks.

One module per job: ``formats`` (the registry of formats), ``selection`` (what is
exported), ``grouping`` (by article or by theme), ``citations`` (CSL), one renderer
per format, ``write`` (atomic, never-overwriting file output) and
``dispatch`` (:func:`export`, the entry point). Importing this package loads no Qt and
no python-docx; PDF rendering lives outside the core (``reader.ui.export_pdf``).
"""

from __future__ import annotations

from reader.core.export.dispatch import (
    FORMATS,
    ExportCancelled,
    ExportResult,
    export,
    normalise_format,
    render_bytes,
)
from reader.core.export.formats import REGISTRY, ExportFormat
from reader.core.export.options import GROUPINGS, STYLES, ExportOptions, GroupBy
from reader.core.export.selection import ExportArticle, ExportSet, ThemeInfo, select
from reader.core.export.write import ExportError, atomic_write, safe_file_name

__all__ = [
    "FORMATS",
    "GROUPINGS",
    "REGISTRY",
    "STYLES",
    "ExportArticle",
    "ExportCancelled",
    "ExportError",
    "ExportFormat",
    "ExportOptions",
    "ExportResult",
    "ExportSet",
    "GroupBy",
    "ThemeInfo",
    "atomic_write",
    "export",
    "normalise_format",
    "render_bytes",
    "safe_file_name",
    "select",
]
