"""Showing text that came from a file or the user exactly as written, never as markup.

Qt guesses: a label or tooltip whose text looks like HTML is rendered as rich text, so
an imported title ``<img src=file:///…>`` loads a local image and a note can draw a
fake warning. Tooltips and messages go through :func:`plain_html`; labels holding such text
are set to ``Qt.PlainText``; links are made only for the schemes in
:data:`SAFE_SCHEMES` (a front matter ``url: javascript:…`` or ``file:///usr/bin/…``
stays text), and :func:`open_safe_link` checks again before anything is opened.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def plain_html(text: str | None) -> str:
    """Rich text that shows ``text`` exactly as written (line breaks kept), for a tooltip
    or a message box, which Qt would otherwise guess about; empty for no text."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + escape(text) + "</p>"


def is_safe_link(url: str) -> bool:
    """True for an http(s) address with a host, or a mailto: address, and nothing else."""
    if not url or _UNSAFE_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return bool(parts.path)
    return scheme in SAFE_SCHEMES and bool(parts.hostname)


def link_html(url: str) -> str:
    """Rich text for a label: a link for a safe address, otherwise the address as text."""
    shown = escape(url)
    return f"<a href='{escape(url, quote=True)}'>{shown}</a>" if is_safe_link(url) else shown


def open_safe_link(url: str) -> bool:
    """Open ``url`` in the desktop's browser or mail program if its scheme is safe."""
    if not is_safe_link(url):
        return False
    return bool(QDesktopServices.openUrl(QUrl(url)))
