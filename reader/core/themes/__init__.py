"""Themes: the one module callers import for the taxonomy and theme operations.

A façade over :mod:`reader.core.themes.properties` (the one table of what a theme has
besides its id — a new property is an entry there, its values' code in
:mod:`reader.core.themes.values` or a module of its own), :mod:`reader.core.themes.taxonomy`
(the taxonomy value and its validation, with the ``themes.yaml`` shape documented),
:mod:`reader.core.themes.file` (reading and writing the file), :mod:`reader.core.themes.ops`
(counts, merge, filtering and the theme board on the store),
:mod:`reader.core.themes.editing` (the one place a theme is created or changed: create,
edit any property, rename, recolour, re-parent, merge, delete) and
:mod:`reader.core.themes.undo` (a snapshot taken before an edit, restored to undo it).
Split so each stays small and none imports another in a cycle.
Suggestions import the search package (whoosh) and live in :mod:`reader.core.themes.suggestions`.

The names below load their module on first use (PEP 562): importing any submodule runs
this file first, and a command-line search, which needs only the taxonomy and the
counts, must not pay for the editing, undo and file-writing modules (~4 ms of CPU).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.themes.editing import (
        ThemeEditError,
        create_theme,
        delete_theme,
        edit_theme,
        merge_theme,
        recolour_theme,
        rename_theme,
        reparent_theme,
        used_theme_ids,
    )
    from reader.core.themes.file import (
        NEW_LIBRARY_TEMPLATE,
        default_taxonomy_file,
        load_taxonomy,
        parse_taxonomy,
        save_taxonomy,
    )
    from reader.core.themes.ops import (
        BoardArticle,
        BoardItem,
        board_articles,
        board_highlights,
        count_usage,
        filter_articles,
        merge_themes,
        remove_theme_from_highlights,
        theme_counts,
    )
    from reader.core.themes.properties import THEME_PROPERTIES, ThemeProperty
    from reader.core.themes.taxonomy import (
        Problem,
        Taxonomy,
        TaxonomyError,
        Theme,
        field_problems,
        is_slug,
        slugify,
        structure_problems,
        theme_labels,
    )
    from reader.core.themes.undo import ThemeSnapshot, restore_themes, snapshot_themes

#: Each public name → the submodule that defines it.
_HOMES = {
    name: module
    for module, names in {
        "editing": (
            "ThemeEditError create_theme delete_theme edit_theme merge_theme recolour_theme "
            "rename_theme reparent_theme used_theme_ids"
        ),
        "file": (
            "NEW_LIBRARY_TEMPLATE default_taxonomy_file load_taxonomy parse_taxonomy save_taxonomy"
        ),
        "ops": (
            "BoardArticle BoardItem board_articles board_highlights count_usage filter_articles "
            "merge_themes remove_theme_from_highlights theme_counts"
        ),
        "properties": "THEME_PROPERTIES ThemeProperty",
        "taxonomy": (
            "Problem Taxonomy TaxonomyError Theme field_problems is_slug slugify "
            "structure_problems theme_labels"
        ),
        "undo": "ThemeSnapshot restore_themes snapshot_themes",
    }.items()
    for name in names.split()
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "NEW_LIBRARY_TEMPLATE",
    "THEME_PROPERTIES",
    "BoardArticle",
    "BoardItem",
    "Problem",
    "Taxonomy",
    "TaxonomyError",
    "Theme",
    "ThemeEditError",
    "ThemeProperty",
    "ThemeSnapshot",
    "board_articles",
    "board_highlights",
    "count_usage",
    "create_theme",
    "default_taxonomy_file",
    "delete_theme",
    "edit_theme",
    "field_problems",
    "filter_articles",
    "is_slug",
    "load_taxonomy",
    "merge_theme",
    "merge_themes",
    "parse_taxonomy",
    "recolour_theme",
    "remove_theme_from_highlights",
    "rename_theme",
    "reparent_theme",
    "restore_themes",
    "save_taxonomy",
    "slugify",
    "snapshot_themes",
    "structure_problems",
    "theme_counts",
    "theme_labels",
    "used_theme_ids",
]
