"""CSV export: one row per highlight, for spreadsheets and data analysis.

UTF-8 with a byte-order mark, because Excel reads a BOM-less CSV in the machine's ANSI
code page and garbles every accent and typographic quote; a header row; the ``csv``
module's quoting, so commas, quotes and line breaks inside a note stay in their cell.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` followed by something other than a
space would run as a formula when the file is opened in a spreadsheet (CSV injection);
such a cell gets a leading apostrophe, the spreadsheets' own "this is text" mark. That
is the one place where the file differs from the stored text, deliberately.
"""

from __future__ import annotations

import csv
import io
import re

from reader.core.export.selection import ExportSet

COLUMNS = (
    "article_id",
    "title",
    "author",
    "date",
    "source",
    "url",
    "themes",
    "quote",
    "note",
    "start",
    "end",
    "created",
    "modified",
    "orphan",
    "highlight_uid",
)
_FORMULA = re.compile(r"^[=+\-@\t\r](?! )")


def cell(value: str) -> str:
    """Text that a spreadsheet shows as text, never evaluates."""
    return "'" + value if _FORMULA.match(value) else value


def render(export_set: ExportSet) -> str:
    """The CSV text, BOM first; rows in the export's article order, then reading order."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(COLUMNS)
    for item in export_set.articles:
        a = item.article
        for h in item.highlights:
            writer.writerow(
                (
                    a.id,
                    cell(a.title),
                    cell(a.author or ""),
                    a.date or "",
                    cell(a.source or ""),
                    cell(a.url or ""),
                    cell("; ".join(export_set.theme_names(h.themes))),
                    cell(h.quote),
                    cell(h.note),
                    "" if h.start is None else h.start,
                    "" if h.end is None else h.end,
                    h.created_at,
                    h.modified_at,
                    "yes" if h.orphan else "",
                    h.uid,
                )
            )
    return buffer.getvalue()
