"""Reading and writing ``themes.yaml`` (the shape is documented in :mod:`reader.core.themes`).

The file is the user's: they may edit it by hand, so every problem is reported with the
file and line (from the YAML node marks) and the loader never "repairs" it. Errors make
the whole file unusable (:class:`TaxonomyError`); warnings (an unknown key, a missing
name) come back beside a usable taxonomy. PyYAML is imported on first use: the CLI's
start-up path does not pay for it unless a command needs themes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.assets import resources_dir
from reader.core.files import atomic_write
from reader.core.themes.properties import (
    FILE_ALIASES,
    FILE_KEYS,
    THEME_PROPERTIES,
    field_problems,
)
from reader.core.themes.taxonomy import Problem, Taxonomy, TaxonomyError, Theme, structure_problems
from reader.core.themes.values import shown

if TYPE_CHECKING:
    import yaml

VERSION = 1
MAX_CHARS = 1_000_000  # about 5,000 themes with descriptions
LAST_GOOD_NAME = "themes.last-good.yaml"

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
    # Here, not at the top: a command that finds the parsed file in the cache
    # (file_cache.py) only keeps the last good copy, and loads neither (~1 ms).
    from reader.core.safe_yaml import YamlProblem, load_bounded

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


def _theme_data(theme: Theme) -> dict[str, Any]:
    """A theme as written: its id, then each property the table lists, left out when
    it has no value."""
    data: dict[str, Any] = {"id": theme.id}
    for prop in THEME_PROPERTIES:
        value = prop.write(getattr(theme, prop.key))
        if value not in (None, "", []):
            data[prop.key] = value
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
            self.error(keys.get("version"), f"version must be 1, not {shown(version)}")
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
            known = FILE_ALIASES.get(str(key), str(key))
            fields[known] = pairs.get(str(key), node)
            if known in FILE_KEYS:
                values[known] = value
            else:
                import difflib

                close = difflib.get_close_matches(str(key), FILE_KEYS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.warn(fields[known], f"unknown key '{key}'{hint}; ignored")
        for key, count in _duplicate_keys(node).items():
            self.warn(pairs.get(key, node), f"'{key}' is given {count} times; the last one counts")
        before = len(self.errors)
        theme_id = self.theme_id(values, fields)
        read: dict[str, Any] = {}
        for prop in THEME_PROPERTIES:
            raw = values.get(prop.key)
            if raw is None:
                if prop.key in values and prop.empty_message:
                    self.error(fields[prop.key], prop.empty_message)
                read[prop.key] = prop.default
                continue
            try:
                read[prop.key] = prop.read(raw)
            except ValueError as exc:
                self.error(fields[prop.key], str(exc))
                read[prop.key] = prop.default
        if len(self.errors) > before or theme_id is None:
            return None, fields
        if values.get("name") is None:
            self.warn(node, f"theme '{theme_id}' has no name; shown as its id")
        theme = Theme(id=theme_id, **{**read, "name": read["name"] or theme_id})
        problems = field_problems(theme)
        for field_name, message in problems:
            self.error(fields.get(field_name, node), message)
        return (None if problems else theme), fields

    def theme_id(self, values: dict[str, object], fields: dict[str, Any]) -> str | None:
        """The theme's id: required, text (its other keys are read by the table)."""
        value = values.get("id")
        if value is None:
            self.error(fields[""], "a theme has no 'id:' (every theme needs one)")
            return None
        if not isinstance(value, str):
            self.error(fields["id"], f"id must be text, not {shown(value)} (quote it)")
            return None
        return value.strip()

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


def _line_of(node: Any) -> int | None:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else None
