"""Reading and writing ``themes.yaml`` (the shape is documented in :mod:`reader.core.themes`).

The file is the user's: they may edit it by hand, so every problem is reported with the
file and line (from the YAML node marks) and the loader never "repairs" it. Errors make
the whole file unusable (:class:`TaxonomyError`); warnings (an unknown key, a missing
name) come back beside a usable taxonomy. PyYAML is imported on first use: the CLI's
start-up path does not pay for it unless a command needs themes.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.assets import resources_dir
from reader.core.files import atomic_write
from reader.core.safe_yaml import YamlProblem, load_bounded
from reader.core.themes.taxonomy import (
    Problem,
    Taxonomy,
    TaxonomyError,
    Theme,
    field_problems,
    structure_problems,
)

if TYPE_CHECKING:
    import yaml

VERSION = 1
MAX_CHARS = 1_000_000  # about 5,000 themes with descriptions
LAST_GOOD_NAME = "themes.last-good.yaml"
FIELDS = ("id", "name", "color", "description", "parent", "key", "keywords", "query")
_ALIASES = {"colour": "color"}

NEW_LIBRARY_TEMPLATE = """\
# Themes of this library. Each theme needs an id (a slug that never changes) and a name;
# the rest is optional. Edit this file by hand or in the app (Themes panel).
#
# themes:
#   - id: missile-co-production
#     name: Missile co-production
#     color: "#c0392b"          # quote colours: an unquoted # starts a comment
#     description: Joint development and production of missiles and interceptors.
#     parent: defence-industry  # the id of another theme
#     key: 2                    # digit 1-9: highlight with this theme
#     keywords: [AMRAAM, SM-6, co-production]   # suggest sentences with these words
#     query: 'missile AND (produc* OR interceptor*)'  # or matching this search
version: 1
themes: []
"""

_HEADER = "# Research Reader themes (see the commented example in a new library's file).\n"


def default_taxonomy_file() -> Path:
    """The default taxonomy the sample library starts with."""
    return resources_dir() / "themes" / "default.yaml"


def load_taxonomy(path: Path) -> tuple[Taxonomy, list[Problem]]:
    """The taxonomy in ``path`` and its warnings; a missing file is an empty taxonomy.

    Raises :class:`TaxonomyError` (every problem, each with file and line) when the file
    cannot be used: invalid YAML, wrong types, a duplicate id or key, an unknown parent,
    a parent cycle, a bad colour or key.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Taxonomy(), []
    except OSError as exc:
        raise TaxonomyError([Problem(str(path), None, f"cannot read ({exc.strerror})")]) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TaxonomyError([Problem(str(path), line, "not UTF-8 text; save it as UTF-8")]) from exc
    return parse_taxonomy(text, str(path))


def last_good_path(path: Path) -> Path:
    """Where the last usable copy of the taxonomy file ``path`` is kept (beside it)."""
    return path.with_name(LAST_GOOD_NAME)


def keep_last_good(path: Path) -> None:
    """Copy ``path`` (just read and found usable) to :func:`last_good_path`, so a later
    broken edit, even across a restart, still leaves the app on these themes. Best
    effort: a read-only library folder only loses the fallback."""
    target = last_good_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            atomic_write(target, text)
    except (OSError, UnicodeError):
        pass


def load_last_good(path: Path) -> Taxonomy:
    """The taxonomy :func:`keep_last_good` kept for ``path``; empty when there is none
    or it cannot be used either."""
    try:
        return load_taxonomy(last_good_path(path))[0]
    except TaxonomyError:
        return Taxonomy()


def parse_taxonomy(text: str, path: str = "themes.yaml") -> tuple[Taxonomy, list[Problem]]:
    """Like :func:`load_taxonomy` for text already read; ``path`` names it in problems."""
    try:
        data, node = load_bounded(text, MAX_CHARS)
    except YamlProblem as exc:
        raise TaxonomyError([Problem(path, exc.line, exc.message)]) from exc
    return _Reader(path).taxonomy(node, data)


def save_taxonomy(path: Path, taxonomy: Taxonomy) -> None:
    """Write ``taxonomy`` to ``path`` atomically (the old file stays whole until the new
    one is complete on disk). Comments in a hand-edited file are not preserved."""
    import yaml

    data: dict[str, Any] = {
        "version": taxonomy.version,
        "themes": [_theme_data(t) for t in taxonomy.themes],
    }
    text = _HEADER + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=88
    )
    atomic_write(path, text)


# Unicode line separators: PyYAML writes them unescaped in quoted scalars and reads them
# back folded into a space, so they are written as what they mean.
_YAML_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def _theme_data(theme: Theme) -> dict[str, Any]:
    data: dict[str, Any] = {"id": theme.id, "name": _line(theme.name)}
    optional: dict[str, Any] = {
        "color": theme.color,
        "description": theme.description.translate(_YAML_BREAKS),
        "parent": theme.parent,
        "key": theme.key,
        "keywords": [_line(k) for k in theme.keywords],
        "query": _line(theme.query) if theme.query else None,
    }
    data.update({k: v for k, v in optional.items() if v not in (None, "", [])})
    return data


class _Reader:
    """Turns the YAML nodes and values into a :class:`Taxonomy`, collecting problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, node: yaml.Node | None, message: str) -> None:
        self.errors.append(Problem(self.path, _line_of(node), message))

    def warn(self, node: yaml.Node | None, message: str) -> None:
        self.warnings.append(Problem(self.path, _line_of(node), message))

    def taxonomy(self, root: yaml.Node | None, data: object) -> tuple[Taxonomy, list[Problem]]:
        if data is None:
            return Taxonomy(), []
        if not isinstance(data, dict):
            self.error(
                root,
                "the file must be a mapping with 'version:' and 'themes:' "
                "(see the example at the top of a new library's themes.yaml)",
            )
            raise TaxonomyError(self.errors)
        keys = _pairs(root)
        version = data.get("version", VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.error(keys.get("version"), f"version must be 1, not {_shown(version)}")
        elif version > VERSION:
            self.error(
                keys.get("version"),
                f"version {version} is from a newer Research "
                f"Reader (this one reads version {VERSION})",
            )
        for name in data:
            if name not in ("version", "themes"):
                self.warn(
                    keys.get(str(name)),
                    f"unknown key '{name}' (expected 'version' and 'themes'); ignored",
                )
        raw_themes = data.get("themes") or []
        themes_node = keys.get("themes")
        if not isinstance(raw_themes, list):
            self.error(
                themes_node, "'themes' must be a list of themes (each line starting with '- id: …')"
            )
            raise TaxonomyError(self.errors)
        items = list(getattr(themes_node, "value", None) or [])
        themes: list[Theme] = []
        field_nodes: list[dict[str, yaml.Node]] = []
        for i, item in enumerate(raw_themes):
            item_node = items[i] if i < len(items) else themes_node
            theme, fields = self.theme(item, item_node)
            if theme is not None:
                themes.append(theme)
                field_nodes.append(fields)
        for index, name, message in structure_problems(themes):
            self.error(field_nodes[index].get(name) or field_nodes[index].get(""), message)
        if self.errors:
            self.errors.sort(key=lambda p: p.line or 0)
            raise TaxonomyError(self.errors)
        self._check_names(themes, field_nodes)
        return Taxonomy(tuple(themes), VERSION), self.warnings

    def theme(self, item: object, node: yaml.Node | None) -> tuple[Theme | None, dict[str, Any]]:
        if not isinstance(item, dict):
            self.error(
                node, "each theme must be a mapping such as '- id: taiwan' + '  name: Taiwan'"
            )
            return None, {}
        pairs = _pairs(node)
        fields: dict[str, Any] = {"": node}
        values: dict[str, object] = {}
        for key, value in item.items():
            known = _ALIASES.get(str(key), str(key))
            fields[known] = pairs.get(str(key), node)
            if known in FIELDS:
                values[known] = value
            else:
                close = difflib.get_close_matches(str(key), FIELDS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.warn(fields[known], f"unknown key '{key}'{hint}; ignored")
        for key, count in _duplicate_keys(node).items():
            self.warn(pairs.get(key, node), f"'{key}' is given {count} times; the last one counts")
        before = len(self.errors)
        theme_id = self.text(values, "id", fields, required=True)
        name = self.text(values, "name", fields)
        color = self.text(values, "color", fields, null_hint=True)
        description = self.text(values, "description", fields) or ""
        parent = self.text(values, "parent", fields)
        query = self.text(values, "query", fields)
        key = values.get("key")
        if key is not None and (not isinstance(key, int) or isinstance(key, bool)):
            self.error(fields["key"], f"key must be a digit from 1 to 9, not {_shown(key)}")
            key = None
        keywords = values.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            self.error(
                fields["keywords"],
                "keywords must be a list of words or phrases, e.g. "
                '[AMRAAM, "SM-6"] (quote numbers)',
            )
            keywords = []
        if len(self.errors) > before or theme_id is None:
            return None, fields
        if name is None:
            self.warn(node, f"theme '{theme_id}' has no name; shown as its id")
        theme = Theme(
            id=theme_id,
            name=name or theme_id,
            color=color,
            description=description,
            parent=parent,
            key=key if isinstance(key, int) else None,
            keywords=tuple(keywords),
            query=query,
        )
        problems = field_problems(theme)
        for field_name, message in problems:
            self.error(fields.get(field_name, node), message)
        return (None if problems else theme), fields

    def text(
        self,
        values: dict[str, object],
        name: str,
        fields: dict[str, Any],
        required: bool = False,
        null_hint: bool = False,
    ) -> str | None:
        value = values.get(name)
        if value is None:
            if required:
                self.error(fields[""], f"a theme has no '{name}:' (every theme needs one)")
            elif null_hint and name in values:
                self.error(
                    fields[name],
                    f"{name} is empty; quote the colour, e.g. "
                    f'{name}: "#c0392b" (an unquoted # starts a comment)',
                )
            return None
        if not isinstance(value, str):
            self.error(fields[name], f"{name} must be text, not {_shown(value)} (quote it)")
            return None
        return value.strip() if name != "description" else value

    def _check_names(self, themes: list[Theme], fields: list[dict[str, Any]]) -> None:
        seen: dict[str, str] = {}
        for theme, nodes in zip(themes, fields, strict=True):
            folded = theme.name.casefold()
            if folded in seen:
                self.warn(
                    nodes.get("name"),
                    f"the name '{theme.name}' is also used by "
                    f"'{seen[folded]}'; theme:NAME finds that one",
                )
            seen.setdefault(folded, theme.id)


def _pairs(node: yaml.Node | None) -> dict[str, Any]:
    """Key text → value node of a YAML mapping node (for line numbers)."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _duplicate_keys(node: yaml.Node | None) -> dict[str, int]:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    counts: dict[str, int] = {}
    for k, _ in node.value:
        if isinstance(k, yaml.ScalarNode):
            counts[str(k.value)] = counts.get(str(k.value), 0) + 1
    return {k: n for k, n in counts.items() if n > 1}


def _shown(value: object) -> str:
    """A value as the user wrote it, short enough for a one-line problem."""
    text = repr(value) if isinstance(value, int | float | bool | str) else type(value).__name__
    return text if len(text) <= 40 else text[:39] + "…"


def _line(text: str) -> str:
    return text.translate(_YAML_BREAKS).replace("\n", " ")


def _line_of(node: Any) -> int | None:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else None
