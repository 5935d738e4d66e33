"""How themes look in the views: colour and label for a theme id.

The views ask this one object, so when the taxonomy (themes.yaml) is loaded or edited,
one update recolours every highlight and chip.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from reader.ui.look.colours import fallback_colour


class ThemeLook(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colours: dict[str, QColor] = {}
        self._names: dict[str, str] = {}

    def set_themes(self, themes: dict[str, tuple[str, str | None]]) -> None:
        """``{id: (name, colour or None)}`` from the taxonomy."""
        self._names = {tid: name for tid, (name, _) in themes.items()}
        self._colours = {tid: QColor(c) for tid, (_, c) in themes.items() if c}
        self.changed.emit()

    def colour_of(self, theme_id: str) -> QColor:
        return self._colours.get(theme_id) or fallback_colour(theme_id)

    def label_of(self, theme_id: str) -> str:
        return self._names.get(theme_id, theme_id)
