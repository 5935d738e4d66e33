"""Theme edits: the one place a theme is created or changed.

Every code path that makes a theme id (the theme manager, the highlight's picker, the
CLI) goes through :func:`create_theme`, so an id is always a :func:`slugify` slug that is
written to ``themes.yaml``; no caller invents ids of its own. Edits that touch only the
taxonomy write ``themes.yaml`` atomically (through :meth:`Library.save_taxonomy`, which
refuses to overwrite a broken hand-edited file). Merge and delete also rewrite the theme
rows in the store: the store transaction stays open until the file is written, so a
failed write rolls the rows back and the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reader.core import store_themes as sql
from reader.core.errors import ReaderError
from reader.core.store import Store
from reader.core.themes.ops import merge_themes, remove_theme_from_highlights
from reader.core.themes.properties import BY_KEY, ThemeProperty
from reader.core.themes.taxonomy import Taxonomy, TaxonomyError, Theme
from reader.core.themes.values import name_key

if TYPE_CHECKING:
    from reader.core.library import Library

#: Distinct, readable hues given to new themes in turn (the UI's fallback colours too).
THEME_PALETTE: tuple[str, ...] = (
    "#e6a23c",
    "#4f9dde",
    "#67c23a",
    "#e2725b",
    "#9b7ede",
    "#3fb8af",
    "#d4a017",
    "#c76b98",
    "#7a8b99",
)


class ThemeEditError(ReaderError):
    """A theme edit that cannot be made as asked (unknown theme, empty name, a cycle…)."""


def find_by_name(taxonomy: Taxonomy, name: str) -> Theme | None:
    """The theme whose name is ``name`` up to case and accents (None if there is none)."""
    key = name_key(name)
    return next((t for t in taxonomy.themes if name_key(t.name) == key), None)


def used_theme_ids(store: Store) -> set[str]:
    """Theme ids carried by some highlight or article, whether the taxonomy knows them
    or not (a stray id is still offered for filtering, merging and deleting)."""
    return sql.used_theme_ids(store)


def find_theme(taxonomy: Taxonomy, ref: str | None) -> Theme:
    """The theme ``ref`` (an id or a name, case and accents ignored) names; raises
    :class:`ThemeEditError` naming it when the taxonomy has none."""
    text = (ref or "").strip()
    theme = taxonomy.resolve(text) or (find_by_name(taxonomy, text) if text else None)
    if theme is None:
        raise ThemeEditError(f"no theme '{text}' in themes.yaml; see 'research-reader themes list'")
    return theme


def theme_or_stray_id(library: Library, taxonomy: Taxonomy, ref: str) -> str:
    """The id of a theme in the taxonomy, or a stray id that only the store carries
    (what merge and delete accept as their source)."""
    try:
        return find_theme(taxonomy, ref).id
    except ThemeEditError:
        if ref.strip() in used_theme_ids(library.store):
            return ref.strip()
        raise


def create_theme(
    library: Library,
    name: str,
    *,
    parent: str | None = None,
    colour: str | None = None,
    description: str = "",
    more: Mapping[str, str | None] | None = None,
) -> Theme:
    """Add a theme called ``name`` (id: its slug, "-2"… on a clash) under ``parent`` (an
    id or name; None: a root) and save ``themes.yaml``. When a theme of that name exists
    already (case and accents ignored) it is returned unchanged: creating from a picker
    twice never makes two. ``colour`` None picks the next palette colour not in use;
    ``more`` sets other properties from text, as :func:`edit_theme` does."""
    taxonomy = _writable(library)
    new, theme = with_new_theme(
        taxonomy, name, parent=parent, colour=colour, description=description
    )
    if more and new is not taxonomy:
        new = edited_taxonomy(new, theme.id, more)
        theme = new.get(theme.id) or theme
    if new is not taxonomy:
        library.save_taxonomy(new)
    return theme


def with_new_theme(
    taxonomy: Taxonomy,
    name: str,
    *,
    parent: str | None = None,
    colour: str | None = None,
    description: str = "",
) -> tuple[Taxonomy, Theme]:
    """What :func:`create_theme` would save, without saving: ``(taxonomy with the theme,
    the theme)``, or ``(taxonomy, existing theme)`` when one has that name. A dry run:
    the theme manager shows an existing theme of that name instead of making one."""
    name = _parsed(BY_KEY["name"], name)
    existing = find_by_name(taxonomy, name)
    if existing is not None:
        return taxonomy, existing
    parent_id = find_theme(taxonomy, parent).id if parent else None
    theme = Theme(
        id=taxonomy.new_id(name),
        name=name,
        color=_parsed(BY_KEY["color"], colour) if colour else _next_colour(taxonomy),
        description=description.strip(),
        parent=parent_id,
    )
    return _edited(lambda: taxonomy.with_theme(theme)), theme


def edit_theme(library: Library, theme_id: str, changes: Mapping[str, str | None]) -> Theme:
    """Change properties of a theme (an id or name) and save ``themes.yaml`` once.

    ``changes`` maps keys of :data:`~reader.core.themes.properties.THEME_PROPERTIES` to
    text as typed (None for an empty value); each is parsed and checked by its entry, so
    a bad value or unknown key raises :class:`ThemeEditError` with one line and nothing is
    saved. A name or digit another theme has is refused; a parent moves the theme last
    among its new siblings. The id never changes."""
    taxonomy = _writable(library)
    theme = find_theme(taxonomy, theme_id)
    new = edited_taxonomy(taxonomy, theme.id, changes)
    if new != taxonomy:
        library.save_taxonomy(new)
    return new.get(theme.id) or theme


def edited_taxonomy(
    taxonomy: Taxonomy, theme_id: str, changes: Mapping[str, str | None]
) -> Taxonomy:
    """What :func:`edit_theme` would save, without saving."""
    for key, text in changes.items():
        prop = BY_KEY.get(key)
        if prop is None:
            known = ", ".join(BY_KEY)
            raise ThemeEditError(f"a theme has no property '{key}' (it has {known})")
        taxonomy = _with_value(taxonomy, theme_id, prop, _parsed(prop, text or ""))
    return taxonomy


def rename_theme(library: Library, theme_id: str, name: str) -> Theme:
    """Give a theme a new name; its id (and so every row that carries it) stays."""
    return edit_theme(library, theme_id, {"name": name})


def recolour_theme(library: Library, theme_id: str, colour: str) -> Theme:
    """Give a theme a new colour ("#rrggbb")."""
    return edit_theme(library, theme_id, {"color": colour})


def reparent_theme(
    library: Library, theme_id: str, parent: str | None, index: int | None = None
) -> Theme:
    """Move a theme under ``parent`` (an id or name; None: make it a root), at ``index``
    among its new siblings (None: last; the theme manager's drag and drop gives one).
    Refuses to move a theme under itself or one of its own sub-themes."""
    if index is None:
        return edit_theme(library, theme_id, {"parent": parent})
    taxonomy = _writable(library)
    theme = find_theme(taxonomy, theme_id)
    moved = _moved(taxonomy, theme, parent, index)
    if moved != taxonomy:
        library.save_taxonomy(moved)
    return moved.get(theme.id) or theme


def merge_theme(library: Library, source_id: str, target_id: str) -> int:
    """Put ``target`` wherever ``source`` is, in the store and the taxonomy: highlights,
    articles and dismissed suggestions move over, the source's sub-themes move under the
    target and the source leaves ``themes.yaml`` (its digit key goes to the target if
    that has none). ``source`` may be an id only the store knows (a stray tag). Returns
    how many store rows (highlight and article themes) were moved."""
    taxonomy = _writable(library)
    source = theme_or_stray_id(library, taxonomy, source_id)
    target = find_theme(taxonomy, target_id)
    if source == target.id:
        raise ThemeEditError(f"cannot merge '{target.name}' into itself")
    new = _edited(lambda: merged_taxonomy(taxonomy, source, target.id))
    store = library.store
    with store.transaction():
        moved = _row_count(store, source)
        merge_themes(store, source, target.id)
        if new is not taxonomy:  # a stray source: themes.yaml stays as the user wrote it
            library.save_taxonomy(new)
    return moved


def delete_theme(library: Library, theme_id: str, *, reassign_to: str | None = None) -> int:
    """Delete a theme: its sub-themes move up to its parent; the highlights and articles
    that carried it lose it, or carry ``reassign_to`` instead. Returns how many store
    rows were removed or reassigned. A stray id (in the store only) may be deleted too."""
    taxonomy = _writable(library)
    source = theme_or_stray_id(library, taxonomy, theme_id)
    target = find_theme(taxonomy, reassign_to) if reassign_to else None
    if target is not None and target.id == source:
        raise ThemeEditError(f"cannot reassign '{target.name}' to itself")
    new = _edited(lambda: taxonomy.without(source))
    store = library.store
    with store.transaction():
        count = _row_count(store, source)
        if target is not None:
            merge_themes(store, source, target.id)
        else:
            remove_theme_from_highlights(store, source)
        if new is not taxonomy:
            library.save_taxonomy(new)
    return count


# -- helpers -----------------------------------------------------------------------------


def _writable(library: Library) -> Taxonomy:
    """The current taxonomy, refusing while ``themes.yaml`` is broken (saving would
    overwrite the user's hand edit)."""
    taxonomy = library.taxonomy
    if library.taxonomy_problems:
        raise ThemeEditError(
            f"{library.taxonomy_problems[0]}; fix themes.yaml before changing themes "
            "('research-reader themes check' lists every problem)"
        )
    return taxonomy


def _parsed(prop: ThemeProperty, text: str) -> Any:
    """``text`` as a value of ``prop``, or a one-line :class:`ThemeEditError`."""
    try:
        return prop.parse(text)
    except ValueError as exc:
        raise ThemeEditError(str(exc)) from exc


def _with_value(taxonomy: Taxonomy, theme_id: str, prop: ThemeProperty, value: Any) -> Taxonomy:
    """``taxonomy`` with the theme's ``prop`` set to ``value``, by the entry's rule."""
    theme = find_theme(taxonomy, theme_id)
    if prop.rule == "parent":
        return _moved(taxonomy, theme, value)
    if prop.rule == "unique" and value is not None:
        other = next(
            (
                t
                for t in taxonomy.themes
                if t.id != theme.id and prop.same(getattr(t, prop.key)) == prop.same(value)
            ),
            None,
        )
        if other is not None:
            raise ThemeEditError(prop.clash.format(value=value, name=other.name, id=other.id))
    if getattr(theme, prop.key) == value:
        return taxonomy
    return _edited(lambda: taxonomy.with_theme(replace(theme, **{prop.key: value})))


def _moved(
    taxonomy: Taxonomy, theme: Theme, parent: str | None, index: int | None = None
) -> Taxonomy:
    """``theme`` under ``parent`` (an id or name; None: a root) at ``index`` among its
    new siblings (None: last, and no move at all when the parent stays the same)."""
    parent_id = find_theme(taxonomy, parent).id if parent else None
    if parent_id is not None and parent_id in taxonomy.descendants(theme.id):
        raise ThemeEditError(f"cannot move '{theme.name}' under itself or one of its sub-themes")
    if index is None and parent_id == theme.parent:
        return taxonomy
    return _edited(lambda: taxonomy.moved(theme.id, parent_id, index))


def _next_colour(taxonomy: Taxonomy) -> str:
    used = {(t.color or "").lower() for t in taxonomy.themes}
    free = [c for c in THEME_PALETTE if c not in used]
    return free[0] if free else THEME_PALETTE[len(taxonomy.themes) % len(THEME_PALETTE)]


def _edited(make: Callable[[], Taxonomy]) -> Taxonomy:
    """Run a taxonomy edit, turning its validation error into a one-line edit error."""
    try:
        return make()
    except TaxonomyError as exc:
        raise ThemeEditError(exc.problems[0].message) from exc


def merged_taxonomy(taxonomy: Taxonomy, source: str, target: str) -> Taxonomy:
    """``taxonomy`` after merging ``source`` into ``target``: the source gone, its
    children under the target (the target itself, if it was one, under the source's
    parent), its digit key to the target when that has none. Unchanged when the
    taxonomy lacks ``source`` (a stray id)."""
    gone = taxonomy.get(source)
    if gone is None:
        return taxonomy
    themes: list[Theme] = []
    for t in taxonomy.themes:
        if t.id == source:
            continue
        if t.id == target:
            parent = gone.parent if t.parent == source else t.parent
            key = t.key if t.key is not None else gone.key
            t = replace(t, parent=parent, key=key)
        elif t.parent == source:
            t = replace(t, parent=target)
        themes.append(t)
    return taxonomy._checked(themes)


def _row_count(store: Store, theme_id: str) -> int:
    return sql.theme_row_count(store, theme_id)
