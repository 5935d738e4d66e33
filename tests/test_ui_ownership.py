"""No UI object writes the attributes of another: each takes what it needs when it is
built, asks an owner through a method, or hears a signal. Writing ``model.colour_of``
from a controller, ``workspace.article = None`` to force a reopen, or replacing a view's
``contextMenuEvent`` from outside made two sources of truth and hidden couplings.

The list below is what is left, each for a stated reason; it may shrink, never grow.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "reader" / "ui"

#: (file, assignment target) that stay, and why.
ALLOWED = {
    # Qt's style option and extra-selection structs: plain values built on the spot.
    ("delegates/highlight_card.py", "option.rect"),
    ("delegates/highlight_card.py", "option.text"),
    ("delegates/theme_chips.py", "option.text"),
    ("reading/reader_view.py", "selection.cursor"),
    ("reading/reader_view.py", "selection.format"),
    # The view's own painter follows the view's palette.
    ("reading/reader_view.py", "self.painter.dark"),
    # A column's own child widgets.
    ("synthesis/columns.py", "self.side.text"),
    ("synthesis/columns.py", "self.header.collapsed"),
    # Thread-local caches of the task runner.
    ("tasks.py", "_local.libraries"),
    ("tasks.py", "_local.runner"),
    # --screenshot: no summary box over the picture.
    ("app.py", "window.imports.quiet"),
    # Python's documented hook for errors that escape: the app routes them to the window.
    ("app.py", "sys.excepthook"),
    # Owned by the theme-properties work (helper i12-themeprops): to become
    # ThemeTreeModel(look=...), as the themes pane's tree already is.
}


def _foreign_writes() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            for target in targets:
                if not isinstance(target, ast.Attribute):
                    continue
                text = ast.unparse(target)
                owner = target.value
                if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                    continue  # an object's own attribute
                found.add((path.relative_to(UI).as_posix(), text))
    return found


def test_no_ui_object_writes_another_ones_attributes() -> None:
    assert _foreign_writes() - ALLOWED == set()


def test_the_allowed_list_only_shrinks() -> None:
    """An entry whose write is gone must leave the list, so the list stays true."""
    assert ALLOWED - _foreign_writes() == set()
