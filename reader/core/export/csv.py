"""CSV export: one row per highlight, for spreadsheets and data analysis.

UTF-8 with a byte-order mark, because Excel reads a BOM-less CSV in the machine's ANSI
code page and garbles every accent and typographic quote; a header row; the ``csv``
module's quoting, so commas, quotes and line breaks inside a note stay in their cell.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or their full-width forms, which
Japanese Excel also reads as formulas), a tab or a line break would run as a formula
when the file is opened in a spreadsheet (CSV injection); such a cell gets a leading
apostrophe, the spreadsheets' own "this is text" mark. Every text cell goes through
this, dates and timestamps too (an imported annotation's ``created`` can be anything).
A note's list item (``- a point``) is left alone unless it could call something (``(``,
``|`` or ``!``). That is the one place where the file differs from the stored text.
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
_FORMULA = re.compile(r"^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")
_LIST_ITEM = re.compile(r"^- [^(|!]*$", re.S)


def cell(value: str) -> str:
    """Text that a spreadsheet shows as text, never evaluates."""
    if _FORMULA.match(value) and not _LIST_ITEM.match(value):
        return "'" + value
    return value


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
                    cell(a.date or ""),
                    cell(a.source or ""),
                    cell(a.url or ""),
                    cell("; ".join(export_set.theme_names(h.themes))),
                    cell(h.quote),
                    cell(h.note),
                    "" if h.start is None else h.start,
                    "" if h.end is None else h.end,
                    cell(h.created_at),
                    cell(h.modified_at),
                    "yes" if h.orphan else "",
                    cell(h.uid),
                )
            )
    return buffer.getvalue()
