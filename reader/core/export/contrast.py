"""Readable theme chips: pick the text colour from the background's luminance (WCAG 2).

A theme's colour is the user's choice, so dark text on a dark theme colour (or white on
yellow) was unreadable. The text colour is whichever of black and white gives the
higher contrast ratio; for any background one of them reaches at least 4.58:1, above
the 4.5:1 that WCAG AA asks of normal text.
"""

from __future__ import annotations

import re

DARK = "#000000"
LIGHT = "#ffffff"
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def rgb(color: str) -> tuple[int, int, int] | None:
    """``#rgb`` or ``#rrggbb`` as integers; None for anything else (colour names)."""
    match = _HEX.match(color.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def luminance(color: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white); unknown colours count as mid-grey."""
    values = rgb(color)
    if values is None:
        return 0.2

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in values)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color(background: str) -> str:
    """The chip text colour for ``background``: the one of :data:`DARK` and :data:`LIGHT`
    with the higher contrast ratio."""
    dark, light = contrast_ratio(DARK, background), contrast_ratio(LIGHT, background)
    return DARK if dark >= light else LIGHT
