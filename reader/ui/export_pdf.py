"""PDF rendering with Qt's own printing: HTML → ``QTextDocument`` → ``QPdfWriter``.

It lives outside ``reader.core`` because it needs Qt, which the core never imports
(tests/test_architecture.py); ``reader.core.export.export`` receives
:func:`render_pdf` from its caller. Qt loads inside the function, so importing this
module stays cheap for the CLI. No extra dependency: Qt ships the PDF engine.

Qt's rich text has no ``page-break-after: avoid``, so a heading could end a page with
its first item on the next. After layout, :func:`keep_headings_with_next` moves such a
heading to the next page (a page break before it), in one pass from the top: each
change re-lays out what follows, so later headings are judged where they now are.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

PAGE_MARGIN_MM = 18.0
RESOLUTION = 300  # dots per inch of the PDF's layout
KEEP_WITH = 3  # blocks after a heading that must share its page: reference or quote, place


def keep_headings_with_next(document: object, page_height: float) -> int:
    """Give each heading that would be parted from its first item a page break before
    it. Returns how many were moved."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextDocument

    assert isinstance(document, QTextDocument)
    layout = document.documentLayout()
    document.pageCount()  # a complete layout first: Qt lays out lazily, in chunks
    moved = 0
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            last, follower = block, block.next()
            for _ in range(KEEP_WITH):
                if not follower.isValid() or follower.blockFormat().headingLevel() > 0:
                    break
                last, follower = follower, follower.next()
            top = layout.blockBoundingRect(block).top()
            bottom = layout.blockBoundingRect(last).bottom()
            policy = block.blockFormat().pageBreakPolicy()
            breaks = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
            if (
                last != block
                and int(top // page_height) != int((bottom - 1) // page_height)
                and bottom - top < page_height / 2  # a group that can fit on one page
                and not policy & breaks
            ):
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setPageBreakPolicy(breaks)
                QTextCursor(block).setBlockFormat(fmt)
                moved += 1
        block = block.next()
    layout.blockBoundingRect(document.lastBlock())  # lay out to the end: pageCount is lazy
    return moved


def render_pdf(html: str, path: Path, title: str) -> None:
    """Lay out ``html`` on A4 pages and write a PDF to ``path``, each page numbered
    "n / total" in its footer. Creates a ``QGuiApplication`` when none is running
    (offscreen when there is no display), so the CLI can call it."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
    from PySide6.QtGui import (
        QFont,
        QGuiApplication,
        QPageLayout,
        QPageSize,
        QPainter,
        QPdfWriter,
        QTextDocument,
    )

    _app = QGuiApplication.instance() or QGuiApplication([])  # fonts need an application
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Research Reader")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer = RESOLUTION * 0.4  # 0.4 inch for the page number
    body = QSizeF(page.width(), page.height() - footer)

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # measure fonts at the PDF's dpi
    font = QFont("DejaVu Serif")
    font.setPointSizeF(10.5)
    # No "fi"/"ff" ligatures: with them, text copied or extracted from the PDF holds
    # U+FB01… instead of the letters, and searching the PDF for a quote fails.
    font.setFeature(QFont.Tag("liga"), 0)
    font.setFeature(QFont.Tag("clig"), 0)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.setPageSize(body)
    keep_headings_with_next(document, body.height())
    end = document.documentLayout().blockBoundingRect(document.lastBlock()).bottom()
    pages = max(1, document.pageCount(), math.ceil(end / body.height()))

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"{path}: cannot write the PDF")
    try:
        number_font = QFont("DejaVu Sans")
        number_font.setPointSizeF(8.5)
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * body.height())
            document.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
            painter.setFont(number_font)
            painter.drawText(
                QRectF(0, body.height(), body.width(), footer),
                int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignBottom),
                f"{index + 1} / {pages}",
            )
    finally:
        painter.end()
