"""The values of theme properties: reading them from ``themes.yaml`` and from typed
text, checking them, and writing them back. The table that puts them together is
:mod:`reader.core.themes.properties`.

Messages are one line and say what to write instead; a ``read_*`` or ``parse_*``
function raises :class:`ValueError` with that message, a ``check_*`` function returns it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# Unicode line separators: PyYAML writes them unescaped in quoted scalars and reads them
# back folded into a space, so they are written as what they mean.
_YAML_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})

# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN_EXTRAS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


# -- ids and names ------------------------------------------------------------------------


def is_slug(text: str) -> bool:
    """Ids are lowercase word characters and hyphens: safe in ``theme:ID`` queries, in
    the index's comma-separated theme field and in export tags."""
    return bool(re.fullmatch(r"[^\W_][\w-]*", text)) and text == text.lower()


def slugify(name: str) -> str:
    """A valid id for a theme named ``name`` ("Missile co-production" → "missile-co-production").

    Accents fold to ASCII ("Défense posture" → "defense-posture", "Øresund" → "oresund")
    so an id reads like its name and is easy to type in ``theme:ID``; letters of other
    scripts stay as they are. "theme" when the name has no letters or digits."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_LATIN_EXTRAS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = re.sub(r"[\W_]+", "-", plain).strip("-")
    return slug or "theme"


def name_key(name: str) -> str:
    """What makes two theme names the same: case, accents and spacing ignored
    ("Défense  posture" and "defense posture" name one theme)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


# -- quoting values in messages -----------------------------------------------------------


def quoted(value: object) -> str:
    """A value quoted in a problem: on one line and short (a broken file can put a whole
    paragraph where a colour should be)."""
    text = " ".join(str(value).split())
    return f"'{text}'" if len(text) <= 40 else f"'{text[:39]}…'"


def shown(value: object) -> str:
    """A value as the user wrote it, short enough for a one-line problem."""
    text = repr(value) if isinstance(value, int | float | bool | str) else type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"


# -- generic pieces -----------------------------------------------------------------------


def itself(value: T) -> T:
    return value


def always_fine(value: object) -> str | None:
    return None


def show_text(value: object) -> str:
    return "" if value is None else str(value)


def read_text(key: str, strip: bool = True) -> Callable[[object], str]:
    """A reader of text values for ``key`` (stripped unless ``strip`` is False)."""

    def read(value: object) -> str:
        if not isinstance(value, str):
            raise ValueError(f"{key} must be text, not {shown(value)} (quote it)")
        return value.strip() if strip else value

    return read


def parse_optional(text: str) -> str | None:
    """Typed text, None when blank (no parent: a top theme; no query)."""
    return text.strip() or None


def lines(text: str) -> str:
    return text.translate(_YAML_BREAKS)


def one_line(text: str | None) -> str | None:
    return None if text is None else lines(text).replace("\n", " ")


# -- name ---------------------------------------------------------------------------------


def parse_name(text: str) -> str:
    clean = " ".join(text.split())
    if not clean:
        raise ValueError("a theme needs a name: give one with letters or digits")
    return clean


def check_name(name: str) -> str | None:
    return None if name.strip() else "the name is empty"


# -- colour -------------------------------------------------------------------------------


def parse_colour(text: str) -> str:
    value = text.strip()
    if not value.startswith("#"):
        value = "#" + value
    if not COLOUR.match(value):
        raise ValueError(f"colour {quoted(text)} is not of the form #rrggbb (e.g. #c0392b)")
    return value.lower()


def check_colour(colour: str | None) -> str | None:
    if colour is not None and not COLOUR.match(colour):
        return f'colour {quoted(colour)} is not of the form "#rrggbb" (e.g. "#c0392b")'
    return None


# -- digit key ----------------------------------------------------------------------------


def parse_digit(text: str) -> int | None:
    value = text.strip().lower()
    if value in ("", "0", "none"):
        return None
    if len(value) == 1 and value in "123456789":
        return int(value)
    raise ValueError(f"key {quoted(text)} is not a digit from 1 to 9 (0 takes it off)")


def read_digit(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"key must be a digit from 1 to 9, not {shown(value)}")
    return value


def check_digit(key: int | None) -> str | None:
    if key is not None and not 1 <= key <= 9:
        return f"key {key} is not a digit from 1 to 9"
    return None


# -- keywords -----------------------------------------------------------------------------


def parse_words(text: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in text.split(",") if k.strip())


def show_words(words: tuple[str, ...]) -> str:
    return ", ".join(words)


def read_words(value: object) -> tuple[str, ...]:
    if not value:  # "keywords:" with nothing after it
        return ()
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise ValueError(
            'keywords must be a list of words or phrases, e.g. [AMRAAM, "SM-6"] (quote numbers)'
        )
    return tuple(value)


def one_line_each(words: tuple[str, ...]) -> list[Any]:
    return [one_line(k) for k in words]


def check_words(words: tuple[str, ...]) -> str | None:
    return "a keyword is empty" if any(not k.strip() for k in words) else None
