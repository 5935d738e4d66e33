"""Counted phrases ("1 match", "3 matches") until translations supply plural forms."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
