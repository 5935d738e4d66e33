"""The theme taxonomy: which themes exist, how they nest, look and are suggested.

A library's ``themes.yaml`` is the source of truth for the taxonomy; the store only holds
theme *ids* on highlights and articles. Ids are slugs that never change (a rename changes
the name only), so nothing in the store has to be rewritten when a theme is renamed,
recoloured or moved. The file's shape::

    version: 1                    # optional, defaults to 1
    themes:                       # file order = display order among siblings
      - id: missile-co-production # required: a slug (lowercase letters, digits, - and _)
        name: Missile co-production
        color: "#c0392b"          # "#rrggbb"; quote it, an unquoted # starts a comment
        description: Joint development and production of missiles and interceptors.
        parent: defence-industry  # optional: the id of another theme (any depth)
        key: 2                    # optional digit 1-9: highlight with this theme
        keywords: [AMRAAM, SM-6]  # optional: suggest sentences with these words/phrases
        query: 'missile AND produc*'  # optional: suggest sentences matching this query

Every key but ``id`` is a property in the one table :mod:`reader.core.themes.properties`
(how it is read, written, checked, typed and edited); this module holds the taxonomy
value and the checks between themes; reading and writing the file is in
:mod:`reader.core.themes.file`, operations on the store (counts, merge, filtering, the
board) in :mod:`reader.core.themes.ops`. Callers import all of it from the façade
:mod:`reader.core.themes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from reader.core.errors import ReaderError
from reader.core.themes.properties import field_problems
from reader.core.themes.values import COLOUR, is_slug, quoted, slugify

__all__ = [  # the checks and slugs are re-exported: callers import them from here
    "COLOUR",
    "IN_MEMORY",
    "Problem",
    "Taxonomy",
    "TaxonomyError",
    "Theme",
    "field_problems",
    "is_slug",
    "slugify",
    "structure_problems",
    "theme_labels",
]
IN_MEMORY = "themes"  # the "path" of problems found in an edit, not in a file


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme. ``id`` is stable forever; everything else may be edited, and each
    other field has its entry in :data:`reader.core.themes.properties.THEME_PROPERTIES`."""

    id: str
    name: str
    color: str | None = None  # "#rrggbb"
    description: str = ""  # the coder's definition: what belongs under this theme
    parent: str | None = None
    key: int | None = None  # digit 1-9 shortcut
    keywords: tuple[str, ...] = ()
    query: str | None = None  # in the search language


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong (or suspicious) in a taxonomy file, with where it is."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        message = re.sub(r"\s*[\r\n\x0b\x0c\x85\u2028\u2029]\s*", " ", self.message)
        return f"{where}: {message}"  # one line, whatever it quotes


class TaxonomyError(ReaderError):
    """A taxonomy that cannot be used. ``str()`` is the first problem, as
    ``file:line: problem``; ``problems`` lists them all (the CLI prints every one)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems or [Problem(IN_MEMORY, None, "invalid taxonomy")]
        super().__init__(str(self.problems[0]))


@dataclass(frozen=True)
class Taxonomy:
    """An immutable taxonomy; edits return a new one, so undo keeps the old value.

    Lookups are indexed on first use (cached per instance). Methods that edit validate
    the result and raise :class:`TaxonomyError` rather than build a broken taxonomy.
    """

    themes: tuple[Theme, ...] = ()
    version: int = 1

    # -- lookups -------------------------------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def _by_name(self) -> dict[str, Theme]:
        found: dict[str, Theme] = {}
        for t in self.themes:
            found.setdefault(t.name.casefold(), t)
        return found

    @cached_property
    def _kids(self) -> dict[str | None, list[Theme]]:
        kids: dict[str | None, list[Theme]] = {None: []}
        for t in self.themes:
            parent = t.parent if t.parent in self._by_id and t.parent != t.id else None
            kids.setdefault(parent, []).append(t)
        return kids

    def get(self, theme_id: str) -> Theme | None:
        return self._by_id.get(theme_id)

    def resolve(self, name_or_id: str) -> Theme | None:
        """The theme with this id, else the first whose name matches case-insensitively."""
        text = name_or_id.strip()
        return (
            self._by_id.get(text)
            or self._by_id.get(text.lower())
            or self._by_name.get(text.casefold())
        )

    def by_key(self, digit: int) -> Theme | None:
        return next((t for t in self.themes if t.key == digit), None)

    def children(self, theme_id: str | None) -> list[Theme]:
        """Direct children in display order; ``None`` gives the roots (a theme whose
        parent is missing counts as a root, so nothing is ever hidden)."""
        return list(self._kids.get(theme_id, ()))

    def descendants(self, theme_id: str) -> set[str]:
        """``theme_id`` and every theme below it, at any depth (also for an unknown id:
        a theme id found in the store but not in the file still means itself)."""
        found = {theme_id}
        todo = [theme_id]
        while todo:
            for child in self._kids.get(todo.pop(), ()):
                if child.id not in found:
                    found.add(child.id)
                    todo.append(child.id)
        return found

    def ancestors(self, theme_id: str) -> list[str]:
        """Parent, grandparent, … of ``theme_id`` (stops at a cycle)."""
        chain: list[str] = []
        seen = {theme_id}
        current = self.get(theme_id)
        while current is not None and current.parent and current.parent not in seen:
            chain.append(current.parent)
            seen.add(current.parent)
            current = self.get(current.parent)
        return chain

    def ordered(self) -> list[tuple[Theme, int]]:
        """Every theme depth-first as ``(theme, depth)``: the tree in display order.
        Iterative, so a chain thousands of themes deep needs no recursion."""
        out: list[tuple[Theme, int]] = []
        seen: set[str] = set()
        stack: list[tuple[Iterator[Theme], int]] = [(iter(self._kids.get(None, ())), 0)]
        while stack:
            siblings, depth = stack[-1]
            theme = next(siblings, None)
            if theme is None:
                stack.pop()
            elif theme.id not in seen:
                seen.add(theme.id)
                out.append((theme, depth))
                stack.append((iter(self._kids.get(theme.id, ())), depth + 1))
        out += [(t, 0) for t in self.themes if t.id not in seen]  # only a cycle gets here
        return out

    def new_id(self, name: str) -> str:
        """An unused id for a new theme called ``name``."""
        base = slugify(name)
        candidate, n = base, 2
        while candidate in self._by_id:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    # -- edits ---------------------------------------------------------------------------

    def with_theme(self, theme: Theme) -> Taxonomy:
        """Add ``theme``, or replace the theme with its id in place. A digit key held
        by another theme moves to this one (the other loses it)."""
        themes = [
            replace(t, key=None)
            if theme.key is not None and t.key == theme.key and t.id != theme.id
            else t
            for t in self.themes
        ]
        index = next((i for i, t in enumerate(themes) if t.id == theme.id), None)
        if index is None:
            themes.append(theme)
        else:
            themes[index] = theme
        return self._checked(themes)

    def without(self, theme_id: str) -> Taxonomy:
        """Remove a theme; its children move up to its parent. Unknown id: unchanged."""
        gone = self.get(theme_id)
        if gone is None:
            return self
        themes = [
            replace(t, parent=gone.parent) if t.parent == theme_id else t
            for t in self.themes
            if t.id != theme_id
        ]
        return self._checked(themes)

    def moved(self, theme_id: str, parent: str | None, index: int | None = None) -> Taxonomy:
        """Re-parent ``theme_id`` under ``parent`` (None: a root) at position ``index``
        among its new siblings (None: last). Refuses to move a theme under itself."""
        theme = self.get(theme_id)
        if theme is None:
            raise TaxonomyError([Problem(IN_MEMORY, None, f"no theme with id '{theme_id}'")])
        if parent is not None:
            if self.get(parent) is None:
                raise TaxonomyError([Problem(IN_MEMORY, None, f"no theme with id '{parent}'")])
            if parent in self.descendants(theme_id):
                raise TaxonomyError(
                    [
                        Problem(
                            IN_MEMORY,
                            None,
                            f"cannot move '{theme.name}' under itself or one of its sub-themes",
                        )
                    ]
                )
        rest = [t for t in self.themes if t.id != theme_id]
        siblings = [t for t in rest if (t.parent if self.get(t.parent or "") else None) == parent]
        moved = replace(theme, parent=parent)
        if index is None or index >= len(siblings):
            rest.append(moved)
        else:
            at = rest.index(siblings[max(index, 0)])
            rest.insert(at, moved)
        return self._checked(rest)

    def _checked(self, themes: list[Theme]) -> Taxonomy:
        problems = [
            Problem(IN_MEMORY, None, message) for _, _, message in structure_problems(themes)
        ]
        problems += [
            Problem(IN_MEMORY, None, f"theme '{t.id}': {message}")
            for t in themes
            for _, message in field_problems(t)
        ]
        if problems:
            raise TaxonomyError(problems)
        return Taxonomy(tuple(themes), self.version)


# -- validation shared by the file loader and the edits ----------------------------------


def structure_problems(themes: Iterable[Theme]) -> list[tuple[int, str, str]]:
    """``(index, field, message)`` for problems between themes: a duplicate id or key,
    an unknown parent, a parent cycle (reported once, at its first theme)."""
    themes = list(themes)
    found: list[tuple[int, str, str]] = []
    first: dict[str, int] = {}
    keys: dict[int, str] = {}
    for i, t in enumerate(themes):
        if t.id in first:
            found.append((i, "id", f"duplicate id {quoted(t.id)} (also theme {first[t.id] + 1})"))
        else:
            first[t.id] = i
        if t.key is not None:
            if t.key in keys and keys[t.key] != t.id:
                found.append((i, "key", f"key {t.key} is already used by '{keys[t.key]}'"))
            keys.setdefault(t.key, t.id)
    return found + sorted(_parent_problems(themes), key=lambda p: p[0])


def _parent_problems(themes: list[Theme]) -> list[tuple[int, str, str]]:
    """Unknown parents and parent cycles, in time linear in the number of themes: each
    theme is walked up from once (a 2,000-deep chain took 10 s with a walk per theme)."""
    found: list[tuple[int, str, str]] = []
    parents = {t.id: t.parent for t in themes}
    first: dict[str, int] = {}
    for i, t in enumerate(themes):
        first.setdefault(t.id, i)
        if t.parent is not None and t.parent not in parents:
            found.append((i, "parent", f"unknown parent {quoted(t.parent)} (no theme has that id)"))
    done: set[str] = set()
    for t in themes:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = t.id
        while current is not None and current in parents and current not in done:
            if current in on_path:  # back on this walk: the path from there is a cycle
                cycle = path[on_path[current] :]
                start = min(range(len(cycle)), key=lambda k: first[cycle[k]])
                chain = cycle[start:] + cycle[:start]
                message = "parent cycle: " + " → ".join([*chain, chain[0]])
                found.append((first[chain[0]], "parent", message))
                break
            on_path[current] = len(path)
            path.append(current)
            current = parents[current]
        done.update(path)
    return found


def theme_labels(taxonomy: Taxonomy) -> dict[str, str]:
    """``{id: name}`` for the search service's ``theme_labels`` hook."""
    return {t.id: t.name for t in taxonomy.themes}
