"""Small dialogs: the keyboard shortcut list (built from the actions) and search help."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from reader.core.search.help import QUERY_HELP_HTML


def _show_html(parent: QWidget, title: str, body: str, name: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.resize(560, 620)
    view = QTextBrowser(dialog)
    view.setOpenExternalLinks(True)
    view.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.open()
    return dialog


def readable_keys(action: QAction) -> list[str]:
    """The keys a person would press, as a menu shows them: no F13–F35 or Insert
    variants that the platform adds for keyboards with Copy/Paste keys."""
    keys = []
    for sequence in action.shortcuts():
        text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        if not text or _EXOTIC.search(text) or text in keys:
            continue
        keys.append(text)
    return keys


_EXOTIC = re.compile(
    r"\bF(1[3-9]|2\d|3[0-5])$|\+Ins$|^Ins$|^(Copy|Paste|Cut|Undo|Redo|Find|Open|New|Help)$"
)


def shortcuts_html(actions: list[QAction]) -> str:
    rows = []
    seen: set[int] = set()
    for action in actions:
        keys = readable_keys(action)
        if keys and id(action) not in seen:
            seen.add(id(action))
            text = action.text().replace("&", "").rstrip("…")
            rows.append(
                f"<tr><td style='padding:3px 18px 3px 0'>{escape(text)}</td>"
                f"<td><b>{escape(', '.join(keys))}</b></td></tr>"
            )
    return "<h3>Keyboard shortcuts</h3><table>" + "".join(rows) + "</table>"


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> QDialog:
    return _show_html(
        parent, parent.tr("Keyboard Shortcuts"), shortcuts_html(actions), "shortcutsDialog"
    )


def show_search_help(parent: QWidget) -> QDialog:
    return _show_html(parent, parent.tr("Search Syntax"), QUERY_HELP_HTML, "searchHelpDialog")
