"""The theme manager's form fields, one per entry of the theme property table.

:func:`property_field` makes the editor an entry's ``editor`` names (a one-line field,
a multi-line text, a colour button, a digit box); a new property of a kind already
here needs no code in the window. Fields report what the person typed as text, for
the theme it was typed for, ``edited(theme_id, key, text)``, and the dialog hands it to
the core's ``edit_theme``, which parses and checks it — the same as the command line's
``themes edit``. Typed text is never left to a timer: see :class:`TypedField`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reader.core.themes import Theme, ThemeProperty
from reader.ui.models.themes_model import swatch
from reader.ui.widgets.draft import Draft
from reader.ui.widgets.note_editor import NoteEditor

TEXT_PAUSE_MS = 600  # a multi-line text saves (one undo step) per pause in typing


class PropertyField(QObject):
    """One property's editor: ``widget`` goes in the form; ``show`` loads a theme's
    value without reporting it as an edit, and ``flush`` saves what is typed and not
    saved yet (the dialog calls it on every way out: closing, the app quitting)."""

    edited = Signal(str, str, object)  # theme id, property key, text as typed (str | None)

    def __init__(self, prop: ThemeProperty, widget: QWidget) -> None:
        super().__init__(widget)
        self.prop, self.widget = prop, widget

    def show(self, theme: Theme) -> None:
        """Put ``theme``'s value in the widget (each kind below does)."""

    def flush(self) -> None:
        """Report what was typed and not reported yet (fields that hold typing do)."""

    def report(self, theme_id: str, text: str | None) -> None:
        self.edited.emit(theme_id, self.prop.key, text)

    def text_of(self, theme: Theme) -> str:
        return self.prop.show(getattr(theme, self.prop.key))


class TypedField(PropertyField):
    """A field the person types in: what it holds is a :class:`Draft` of the theme
    shown, saved for *that* theme when it differs from what was last saved — on a
    pause, on leaving the field, before another theme is shown, on closing — so no
    typed character depends on a timer or a signal still to come."""

    def __init__(self, prop: ThemeProperty, widget: QWidget, draft: Draft) -> None:
        super().__init__(prop, widget)
        self.draft = draft
        draft.committed.connect(lambda theme_id, _old, new: self.report(theme_id, new))

    def show(self, theme: Theme) -> None:
        if self.draft.owner == theme.id:  # the same theme anew: keep what is being typed
            self.draft.stored(theme.id, self.text_of(theme))
        else:  # another theme: what was typed for the one before is saved first
            self.draft.load(theme.id, self.text_of(theme))

    def flush(self) -> None:
        self.draft.flush()


class LineField(TypedField):
    """Saved on Return and on leaving the field (``editingFinished``), and on every
    way out of the dialog."""

    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.line = QLineEdit(parent)
        self.line.setPlaceholderText(prop.help)
        super().__init__(prop, self.line, Draft(self.line, self.line.text, self._write))
        self.line.editingFinished.connect(self.flush)

    def _write(self, text: str) -> None:
        self.line.setText(text)
        self.line.setCursorPosition(0)


class TextField(TypedField):
    """A multi-line text: the note editor's box, saved per pause in typing."""

    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.text = NoteEditor(parent, TEXT_PAUSE_MS)
        self.text.setPlaceholderText(prop.help)
        super().__init__(prop, self.text, self.text.draft)


class ColourField(PropertyField):
    def __init__(
        self, prop: ThemeProperty, parent: QWidget, colour_of: Callable[[str], QColor]
    ) -> None:
        self.button = QPushButton(parent)
        super().__init__(prop, self.button)
        self.colour_of = colour_of
        self.theme: Theme | None = None
        self.button.clicked.connect(self._pick)

    def show(self, theme: Theme) -> None:
        self.theme = theme
        colour = self.colour_of(theme.id)  # the colour shown when the theme has none
        self.button.setIcon(swatch(colour, 16))
        self.button.setText(colour.name())

    def _pick(self) -> None:
        if self.theme is None:
            return
        colour = QColorDialog.getColor(
            self.colour_of(self.theme.id),
            self.button.window(),
            self.tr("Colour of “%1”").replace("%1", self.theme.name),
        )
        if colour.isValid():
            self.report(self.theme.id, colour.name())


class DigitField(TypedField):
    """Saved on Return and on leaving the box, like a one-line field."""

    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.box = QSpinBox(parent)
        self.box.setRange(0, 9)
        super().__init__(prop, self.box, Draft(self.box, self._read, self._write))
        self.box.setSpecialValueText(self.tr("none"))
        self.box.editingFinished.connect(self.flush)

    def _read(self) -> str:
        return str(self.box.value())

    def _write(self, text: str) -> None:
        self.box.setValue(int(text or 0))


def property_field(
    prop: ThemeProperty, parent: QWidget, colour_of: Callable[[str], QColor]
) -> PropertyField | None:
    """The form field for ``prop``; None for a property edited elsewhere (the parent:
    by dragging the theme in the tree)."""
    if prop.editor == "line":
        return LineField(prop, parent)
    if prop.editor == "text":
        return TextField(prop, parent)
    if prop.editor == "colour":
        return ColourField(prop, parent, colour_of)
    if prop.editor == "digit":
        return DigitField(prop, parent)
    return None
