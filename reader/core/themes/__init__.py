"""Themes: the one module callers import for the taxonomy and theme operations.

A façade over :mod:`reader.core.themes.taxonomy` (the values and their validation, with the
``themes.yaml`` shape documented), :mod:`reader.core.themes.file` (reading and writing
the file) and :mod:`reader.core.themes.ops` (counts, merge, filtering and the theme board
on the store). Split so each stays small and none imports another in a cycle.
Suggestions import the search package (whoosh) and live in :mod:`reader.core.themes.suggestions`.
"""

from __future__ import annotations

from reader.core.themes.file import (
    NEW_LIBRARY_TEMPLATE,
    default_taxonomy_file,
    load_taxonomy,
    parse_taxonomy,
    save_taxonomy,
)
from reader.core.themes.ops import (
    BoardItem,
    board_highlights,
    count_usage,
    filter_articles,
    merge_themes,
    remove_theme_from_highlights,
    theme_counts,
)
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

__all__ = [
    "NEW_LIBRARY_TEMPLATE",
    "BoardItem",
    "Problem",
    "Taxonomy",
    "TaxonomyError",
    "Theme",
    "board_highlights",
    "count_usage",
    "default_taxonomy_file",
    "field_problems",
    "filter_articles",
    "is_slug",
    "load_taxonomy",
    "merge_themes",
    "parse_taxonomy",
    "remove_theme_from_highlights",
    "save_taxonomy",
    "slugify",
    "structure_problems",
    "theme_counts",
    "theme_labels",
]
