"""The one table of theme properties: what a theme has besides its id, and how each is
read, written, typed and edited.

Every list of theme fields derives from :data:`THEME_PROPERTIES`: the keys
``themes.yaml`` accepts and the order it is written in (:mod:`reader.core.themes.file`),
the checks every theme passes (:func:`field_problems`, for the file and for every edit),
what the core's :func:`reader.core.themes.editing.edit_theme` accepts and refuses, the
command line's ``themes add|edit`` options, the JSON the CLI prints, and the theme
manager's form. Adding a property is a field on :class:`~reader.core.themes.taxonomy.Theme`
plus one entry here; a value with rules of its own gets its functions in a module of
its own, as the ones below get theirs from :mod:`reader.core.themes.values`.

This module knows no taxonomy (the taxonomy's own checks import it); an entry's
``rule`` says how an edit must fit the other themes, and the editing module applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from reader.core.themes import values as v

#: How the theme manager edits a value: a one-line field, a multi-line text, a colour
#: button, a digit box, or by dragging the theme in the tree (the parent).
Editor = Literal["line", "text", "colour", "digit", "tree"]
#: How an edit fits the other themes: set as given, refused when another theme has the
#: same value (``same`` says what counts as the same), or a theme named by id or name
#: that the theme moves under.
Rule = Literal["plain", "unique", "parent"]


@dataclass(frozen=True, slots=True)
class ThemeProperty:
    """One property of a theme. Values come in as text (the CLI, a form field), are kept
    typed on :class:`Theme` and are written to ``themes.yaml`` under ``key``."""

    key: str  # in themes.yaml, on Theme and in the CLI's JSON
    label: str  # the theme manager's label
    help: str  # the CLI option's help
    option: str  # the CLI option of ``themes add|edit``
    metavar: str
    editor: Editor
    default: Any  # the value when the file leaves the key out
    parse: Callable[[str], Any]  # typed text → value; ValueError with a one-line message
    show: Callable[[Any], str]  # value → the text a form field shows
    read: Callable[[object], Any]  # a YAML value (never None) → value; ValueError(message)
    write: Callable[[Any], object]  # value → YAML value (None, "" or [] leave the key out)
    check: Callable[[Any], str | None] = v.always_fine  # a value no theme may have: why
    rule: Rule = "plain"
    same: Callable[[Any], object] = v.itself  # for "unique": what makes two values equal
    clash: str = ""  # for "unique": "{value}", "{name}" and "{id}" of the other theme
    aliases: tuple[str, ...] = ()  # other keys (themes.yaml) and options (CLI) accepted
    empty_message: str = ""  # when the key is there with no value: an error saying why

    def as_json(self, value: Any) -> object:
        """The value in the CLI's ``--json`` output (lists for tuples)."""
        return list(value) if isinstance(value, tuple) else value


THEME_PROPERTIES: tuple[ThemeProperty, ...] = (
    ThemeProperty(
        key="name",
        label="Name",
        help="the theme's name (its id never changes)",
        option="--name",
        metavar="NAME",
        editor="line",
        default="",
        parse=v.parse_name,
        show=v.show_text,
        read=v.read_text("name"),
        write=v.one_line,
        check=v.check_name,
        rule="unique",
        same=v.name_key,
        clash="a theme called '{name}' exists already (id '{id}'); "
        "pick another name or merge the two",
    ),
    ThemeProperty(
        key="color",
        label="Colour",
        help="its colour, #rrggbb (a new theme: the next free one)",
        option="--colour",
        metavar="#RRGGBB",
        editor="colour",
        default=None,
        parse=v.parse_colour,
        show=v.show_text,
        read=v.read_text("color"),
        write=v.itself,
        check=v.check_colour,
        aliases=("colour", "color"),
        empty_message='color is empty; quote the colour, e.g. color: "#c0392b" '
        "(an unquoted # starts a comment)",
    ),
    ThemeProperty(
        key="description",
        label="Description",
        help="what belongs under this theme (the code's definition)",
        option="--description",
        metavar="TEXT",
        editor="text",
        default="",
        parse=v.itself,
        show=v.show_text,
        read=v.read_text("description", strip=False),
        write=v.lines,
    ),
    ThemeProperty(
        key="parent",
        label="Parent",
        help="put it under this theme (name or id; '' for the top)",
        option="--parent",
        metavar="THEME",
        editor="tree",
        default=None,
        parse=v.parse_optional,
        show=v.show_text,
        read=v.read_text("parent"),
        write=v.itself,
        rule="parent",
    ),
    ThemeProperty(
        key="key",
        label="Shortcut digit",
        help="highlight with this theme by pressing this digit (0 or '' for none)",
        option="--key",
        metavar="DIGIT",
        editor="digit",
        default=None,
        parse=v.parse_digit,
        show=v.show_text,
        read=v.read_digit,
        write=v.itself,
        check=v.check_digit,
        rule="unique",
        clash="digit {value} already belongs to '{name}' (id '{id}'); take it off that theme first",
    ),
    ThemeProperty(
        key="keywords",
        label="Keywords",
        help="comma-separated words or phrases: suggest sentences with them",
        option="--keywords",
        metavar="WORDS",
        editor="line",
        default=(),
        parse=v.parse_words,
        show=v.show_words,
        read=v.read_words,
        write=v.one_line_each,
        check=v.check_words,
    ),
    ThemeProperty(
        key="query",
        label="Query",
        help="a search query: suggest sentences matching it",
        option="--query",
        metavar="QUERY",
        editor="line",
        default=None,
        parse=v.parse_optional,
        show=v.show_text,
        read=v.read_text("query"),
        write=v.one_line,
    ),
)

BY_KEY: dict[str, ThemeProperty] = {p.key: p for p in THEME_PROPERTIES}
#: Every key a theme may have in themes.yaml, in the order the file is written.
FILE_KEYS: tuple[str, ...] = ("id", *BY_KEY)
#: Other spellings themes.yaml accepts ("colour") → the key.
FILE_ALIASES: dict[str, str] = {a: p.key for p in THEME_PROPERTIES for a in p.aliases if a != p.key}


def field_problems(theme: object) -> list[tuple[str, str]]:
    """``(key, message)`` for the values of ``theme`` (a :class:`Theme`) of the right
    type but not allowed: an id that is not a slug, then each property's own check."""
    found: list[tuple[str, str]] = []
    theme_id = str(getattr(theme, "id", ""))
    if not v.is_slug(theme_id):
        found.append(
            (
                "id",
                f"id {v.quoted(theme_id)} is not a slug: use lowercase letters, digits "
                f"and '-' (e.g. {v.quoted(v.slugify(theme_id))})",
            )
        )
    for prop in THEME_PROPERTIES:
        message = prop.check(getattr(theme, prop.key))
        if message:
            found.append((prop.key, message))
    return found
