"""Export annotated notes (Markdown, HTML, PDF, DOCX, CSV, W3C Web Annotation JSON),
references (CSL-JSON, BibTeX, RIS) and REFI-QDA projects and codebooks.

One module per job: ``formats`` (the registry of formats), ``selection`` (what is
exported), ``grouping`` (by article or by theme), ``citations`` (CSL), one renderer
per format, ``write`` (atomic, never-overwriting file output) and
``dispatch`` (:func:`export`, the entry point). Importing this package loads no Qt and
no python-docx; PDF rendering lives outside the core (``reader.ui.export_pdf``).

The names below load their module on first use (PEP 562), so that the CLI can read the
format registry to build its parser without loading any renderer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "FORMATS": "dispatch",
    "ExportCancelled": "dispatch",
    "ExportResult": "dispatch",
    "export": "dispatch",
    "normalise_format": "dispatch",
    "render_bytes": "dispatch",
    "REGISTRY": "formats",
    "ExportFormat": "formats",
    "GROUPINGS": "options",
    "STYLES": "options",
    "ExportOptions": "options",
    "GroupBy": "options",
    "ExportArticle": "selection",
    "ExportSet": "selection",
    "ThemeInfo": "selection",
    "select": "selection",
    "ExportError": "write",
    "atomic_write": "write",
    "safe_file_name": "write",
}
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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
