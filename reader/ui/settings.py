"""Every persisted UI preference, behind one wrapper with its keys in one place.

Counter-example avoided: string keys scattered over hundreds of ``QSettings()`` calls.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "research-reader"
APPLICATION = "research-reader"
MAX_RECENT = 8


class Settings:
    """Typed accessors over ``QSettings`` (INI format under the user config folder)."""

    GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    SPLITTER = "window/splitter"
    LIBRARY_SPLIT = "window/library_split"
    RIGHT_PANEL = "window/right_panel_visible"
    LIBRARY_HEADER = "library/header"
    SORT_COLUMN = "library/sort_column"
    SORT_ORDER = "library/sort_order"
    LAST_LIBRARY = "session/last_library"
    RECENT_LIBRARIES = "session/recent_libraries"
    LAST_ARTICLE = "session/last_article"  # per library: key + "/" + library path
    LAST_POSITION = "session/last_position"  # canonical offset at the top of the view
    EXPORT_FORMAT = "export/format"
    EXPORT_SCOPE = "export/scope"  # 0 all articles, 1 selected, 2 the current filter
    EXPORT_GROUPING = "export/grouping"
    EXPORT_UNANNOTATED = "export/unannotated"  # also articles without highlights or notes
    EXPORT_STYLE = "export/style"  # the CSL citation style
    FONT_SIZE = "reader/font_size"
    SERIF = "reader/serif"

    def __init__(self) -> None:
        self._qs = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    def get(self, key: str, default: T) -> T:
        value: Any = self._qs.value(key, default)
        if value is None:
            return default
        if isinstance(default, bool):
            return (value in (True, "true", "1", 1)) if not isinstance(value, bool) else value  # type: ignore[return-value]
        if isinstance(default, int):
            try:
                return int(value)  # type: ignore[return-value]
            except (TypeError, ValueError):
                return default
        if isinstance(default, list):
            return list(value) if isinstance(value, list | tuple) else ([value] if value else [])  # type: ignore[return-value]
        return value  # type: ignore[no-any-return]

    def set(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def per_library(self, key: str, library: str) -> str:
        """A key scoped to one library (last article and position differ per library)."""
        return f"{key}/{library.replace('/', '|')}"

    def add_recent_library(self, path: str) -> list[str]:
        stored: list[str] = self.get(self.RECENT_LIBRARIES, [])
        recent = [p for p in stored if p != path]
        recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self.set(self.RECENT_LIBRARIES, recent)
        return recent

    def sync(self) -> None:
        self._qs.sync()
