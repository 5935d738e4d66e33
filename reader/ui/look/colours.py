"""Colour arithmetic shared by the views (mixing, lightness, theme colour fallbacks)."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor, QPalette

from reader.core.export.contrast import text_color
from reader.core.themes.editing import THEME_PALETTE

# Distinct, readable hues for themes without a colour of their own: the palette new
# themes take their colours from, so a new theme looks the same before and after saving.
FALLBACK_THEME_COLOURS = THEME_PALETTE


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    return QColor(
        round(a.red() * (1 - amount) + b.red() * amount),
        round(a.green() * (1 - amount) + b.green() * amount),
        round(a.blue() * (1 - amount) + b.blue() * amount),
    )


def is_dark(colour: QColor) -> bool:
    return (0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()) < 128


def palette_is_dark(palette: QPalette) -> bool:
    return is_dark(palette.color(QPalette.ColorRole.Base))


def fallback_colour(key: str) -> QColor:
    """A stable colour for a theme id that has none (same id, same colour, every run)."""
    return QColor(FALLBACK_THEME_COLOURS[zlib.crc32(key.encode()) % len(FALLBACK_THEME_COLOURS)])


def readable_text_on(background: QColor) -> QColor:
    """Black or white, whichever has the higher WCAG contrast on ``background`` (the
    same rule the exports' theme chips follow)."""
    return QColor(text_color(background.name()))
