"""The theme manager's form fields, one per entry of the theme property table.

:func:`property_field` makes the editor an entry's ``editor`` names (a one-line field,
a multi-line text, a colour button, a digit box); a new property of a kind already
here needs no code in the window. Fields report what the person typed as text,
``edited(key, text)``, and the dialog hands it to the core's ``edit_theme``, which
parses and checks it — the same as the command line's ``themes edit``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reader.core.themes import Theme, ThemeProperty
from reader.ui.models.themes_model import swatch

TEXT_PAUSE_MS = 600  # a multi-line text saves (one undo step) per pause in typing


class PropertyField(QObject):
    """One property's editor: ``widget`` goes in the form; ``show`` loads a theme's
    value without reporting it as an edit."""

    edited = Signal(str, object)  # property key, text as typed (str | None)

    def __init__(self, prop: ThemeProperty, widget: QWidget) -> None:
        super().__init__(widget)
        self.prop, self.widget = prop, widget
        self.loading = False

    def show(self, theme: Theme) -> None:
        self.loading = True
        try:
            self.load(theme)
        finally:
            self.loading = False

    def load(self, theme: Theme) -> None:
        """Put ``theme``'s value in the widget (each kind below does)."""

    def report(self, text: str | None) -> None:
        if not self.loading:
            self.edited.emit(self.prop.key, text)

    def text_of(self, theme: Theme) -> str:
        return self.prop.show(getattr(theme, self.prop.key))


class LineField(PropertyField):
    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.line = QLineEdit(parent)
        super().__init__(prop, self.line)
        self.line.setPlaceholderText(prop.help)
        self.line.editingFinished.connect(lambda: self.report(self.line.text()))

    def load(self, theme: Theme) -> None:
        self.line.setText(self.text_of(theme))
        self.line.setCursorPosition(0)


class TextField(PropertyField):
    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.text = QPlainTextEdit(parent)
        super().__init__(prop, self.text)
        self.text.setPlaceholderText(prop.help)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(TEXT_PAUSE_MS)
        self.pause.timeout.connect(lambda: self.report(self.text.toPlainText()))
        self.text.textChanged.connect(lambda: None if self.loading else self.pause.start())

    def load(self, theme: Theme) -> None:
        self.pause.stop()
        if self.text.toPlainText() != self.text_of(theme):  # keep the cursor while typing
            self.text.setPlainText(self.text_of(theme))


class ColourField(PropertyField):
    def __init__(
        self, prop: ThemeProperty, parent: QWidget, colour_of: Callable[[str], QColor]
    ) -> None:
        self.button = QPushButton(parent)
        super().__init__(prop, self.button)
        self.colour_of = colour_of
        self.theme: Theme | None = None
        self.button.clicked.connect(self._pick)

    def load(self, theme: Theme) -> None:
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
            self.report(colour.name())


class DigitField(PropertyField):
    def __init__(self, prop: ThemeProperty, parent: QWidget) -> None:
        self.box = QSpinBox(parent)
        super().__init__(prop, self.box)
        self.box.setRange(0, 9)
        self.box.setSpecialValueText(self.tr("none"))
        self.box.editingFinished.connect(lambda: self.report(str(self.box.value())))

    def load(self, theme: Theme) -> None:
        self.box.setValue(int(self.text_of(theme) or 0))


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
