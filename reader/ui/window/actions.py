"""Every main-window action in one table: text, shortcut, icon, tip.

The Keyboard Shortcuts dialog is generated from the same actions, so it never drifts.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.core.importing.registry import suffix_summary
from reader.ui.look.icons import icon

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    keys: tuple[str | QKeySequence.StandardKey, ...] = ()
    icon: str = ""
    tip: str = ""
    checkable: bool = False


SPECS = (
    ActionSpec(
        "new_library", "&New Library…", (Std.New,), "new-library", "Create an empty library folder"
    ),
    ActionSpec(
        "open_library", "&Open Library…", (Std.Open,), "open-library", "Open another library folder"
    ),
    ActionSpec(
        "import_files",
        "&Import Files…",
        ("Ctrl+I",),
        "import-file",
        f"Import {suffix_summary()} files",
    ),
    ActionSpec(
        "import_web",
        "Import from &Web Address…",
        ("Ctrl+L",),
        "import-file",
        "Fetch a web page, PDF or EPUB and import it",
    ),
    ActionSpec(
        "feeds",
        "F&eeds…",
        ("Ctrl+Shift+U",),
        "import-folder",
        "News feeds: subscribe, and import their new entries",
    ),
    ActionSpec(
        "import_folder",
        "Import &Folder…",
        ("Ctrl+Shift+I",),
        "import-folder",
        "Import every article in a folder",
    ),
    ActionSpec(
        "export",
        "&Export…",
        ("Ctrl+E",),
        "export",
        "Export highlights and notes (Markdown, HTML, PDF, Word, CSV, W3C JSON)",
    ),
    ActionSpec("quit", "&Quit", (Std.Quit, "Ctrl+Q"), "", "Quit Research Reader"),
    ActionSpec("copy", "&Copy", (Std.Copy,), "", "Copy the selected text"),
    ActionSpec("find", "&Find in Article…", (Std.Find,), "find", "Find text in the open article"),
    ActionSpec(
        "search", "&Search Library", ("Ctrl+K",), "search", "Search articles, highlights and notes"
    ),
    ActionSpec("next_mark", "Next Match", (Std.FindNext, "F3"), "next", "Go to the next match"),
    ActionSpec(
        "previous_mark",
        "Previous Match",
        (Std.FindPrevious, "Shift+F3"),
        "previous",
        "Go to the previous match",
    ),
    ActionSpec("show_library", "Show &Library", ("Ctrl+1",), "library", "Show all articles"),
    ActionSpec(
        "show_results",
        "Show Search &Results",
        ("Ctrl+2",),
        "search-results",
        "Show the search results",
    ),
    ActionSpec(
        "show_board",
        "Theme &Board",
        ("Ctrl+3",),
        "themes-board",
        "Every highlight of the checked themes",
    ),
    ActionSpec(
        "show_synthesis",
        "S&ynthesis",
        ("Ctrl+B",),
        "themes-board",
        "Highlights by theme side by side, with themes over time and together",
        True,
    ),
    ActionSpec(
        "manage_themes",
        "&Manage Themes…",
        ("Ctrl+Shift+M",),
        "theme",
        "Create, rename, recolour, merge and delete themes",
    ),
    ActionSpec(
        "zoom_in", "&Larger Text", (Std.ZoomIn, "Ctrl+="), "font-larger", "Larger reading text"
    ),
    ActionSpec("zoom_out", "&Smaller Text", (Std.ZoomOut,), "font-smaller", "Smaller reading text"),
    ActionSpec(
        "zoom_reset", "&Default Text Size", ("Ctrl+0",), "font-reset", "Default reading text size"
    ),
    ActionSpec(
        "serif",
        "Serif &Typeface",
        ("Ctrl+Shift+T",),
        "serif",
        "Read in a serif or a sans-serif typeface",
        True,
    ),
    ActionSpec(
        "details",
        "Article &Details Panel",
        ("Ctrl+Shift+D",),
        "sidebar-right",
        "Show or hide the right panel",
        True,
    ),
    ActionSpec(
        "focus_library",
        "Go to Library",
        ("Ctrl+Shift+L",),
        "",
        "Move the keyboard focus to the library",
    ),
    ActionSpec(
        "focus_reader", "Go to Reader", ("Ctrl+R",), "", "Move the keyboard focus to the reader"
    ),
    ActionSpec(
        "shortcuts", "&Keyboard Shortcuts", ("Ctrl+/", "F1"), "keyboard", "List every shortcut"
    ),
    ActionSpec("search_help", "&Search Syntax", (), "help", "How to write search queries"),
    ActionSpec("about", "&About Research Reader", (), "info", ""),
)


def create_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(parent.tr(spec.text), parent)
        action.setObjectName(spec.name)
        keys: list[QKeySequence] = []
        for key in spec.keys:
            keys.extend(
                QKeySequence.keyBindings(key) if isinstance(key, Std) else [QKeySequence(key)]
            )
        unique: list[QKeySequence] = []
        for sequence in keys:
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        action.setShortcuts(unique)
        if spec.icon:
            action.setIcon(icon(spec.icon))
        if spec.tip:
            shortcut = unique[0].toString(QKeySequence.SequenceFormat.NativeText) if unique else ""
            action.setToolTip(
                f"{parent.tr(spec.tip)} ({shortcut})" if shortcut else parent.tr(spec.tip)
            )
            action.setStatusTip(parent.tr(spec.tip))
        action.setCheckable(spec.checkable)
        parent.addAction(action)
        actions[spec.name] = action
    return actions
