"""The library's themes.yaml: created with the library, re-read on change, never repaired."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.annotations.highlights import add_highlight, find_quote
from reader.core.library import Library, LibraryLocation
from reader.core.themes import (
    NEW_LIBRARY_TEMPLATE,
    Taxonomy,
    TaxonomyError,
    Theme,
    default_taxonomy_file,
)


def _touch_later(path: Path) -> None:
    """Make sure a rewrite is seen even on a coarse-timestamp file system."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_the_sample_library_gets_the_default_taxonomy(sample_library: Library) -> None:
    assert sample_library.themes_path.read_bytes() == default_taxonomy_file().read_bytes()
    taxonomy = sample_library.taxonomy
    for theme_id in ("command-structure", "missile-co-production", "regional-reactions"):
        theme = taxonomy.get(theme_id)
        assert theme is not None and theme.color and theme.description
    assert sample_library.taxonomy_problems == [] and sample_library.taxonomy_warnings == []


def test_a_named_library_gets_the_commented_template(empty_library: Library) -> None:
    assert empty_library.themes_path.read_text(encoding="utf-8") == NEW_LIBRARY_TEMPLATE
    assert empty_library.taxonomy == Taxonomy()


def test_an_existing_library_without_themes_yaml_is_empty(tmp_path: Path) -> None:
    Library.open(tmp_path / "lib").close()
    (tmp_path / "lib" / "themes.yaml").unlink()
    with Library.open(tmp_path / "lib") as library:
        assert library.taxonomy == Taxonomy() and library.taxonomy_problems == []
        assert not library.themes_path.exists()  # not created behind the user's back


def test_an_external_edit_is_picked_up(empty_library: Library) -> None:
    assert empty_library.taxonomy == Taxonomy()
    empty_library.themes_path.write_text("themes:\n  - id: a\n    name: A\n", encoding="utf-8")
    _touch_later(empty_library.themes_path)
    assert [t.id for t in empty_library.taxonomy.themes] == ["a"]
    empty_library.themes_path.write_text("themes:\n  - id: b\n    name: B\n", encoding="utf-8")
    _touch_later(empty_library.themes_path)
    assert [t.id for t in empty_library.taxonomy.themes] == ["b"]
    empty_library.themes_path.unlink()
    assert empty_library.taxonomy == Taxonomy()


def test_a_broken_file_keeps_the_last_good_taxonomy_and_is_left_untouched(
    empty_library: Library,
) -> None:
    good = Taxonomy((Theme("a", "A", "#112233"),))
    empty_library.save_taxonomy(good)
    broken = "themes:\n  - id: a\n    name: A\n  - id: a\n    name: again\n"
    empty_library.themes_path.write_text(broken, encoding="utf-8")
    _touch_later(empty_library.themes_path)
    assert empty_library.taxonomy == good
    assert [str(p) for p in empty_library.taxonomy_problems] == [
        f"{empty_library.themes_path}:4: duplicate id 'a' (also theme 1)"
    ]
    with pytest.raises(TaxonomyError, match="duplicate id"):
        empty_library.save_taxonomy(Taxonomy((Theme("c", "C"),)))
    assert empty_library.themes_path.read_text(encoding="utf-8") == broken
    # Fixed outside the app: picked up, problems gone.
    empty_library.themes_path.write_text("themes:\n  - id: z\n    name: Z\n", encoding="utf-8")
    _touch_later(empty_library.themes_path)
    assert [t.id for t in empty_library.taxonomy.themes] == ["z"]
    assert empty_library.taxonomy_problems == []


def test_forcing_a_save_over_a_broken_file_keeps_it_aside(empty_library: Library) -> None:
    empty_library.themes_path.write_text("themes: [\n", encoding="utf-8")
    assert empty_library.taxonomy == Taxonomy() and empty_library.taxonomy_problems
    empty_library.save_taxonomy(Taxonomy((Theme("c", "C"),)), force=True)
    assert (empty_library.root / "themes.yaml.broken").read_text(encoding="utf-8") == "themes: [\n"
    assert [t.id for t in empty_library.taxonomy.themes] == ["c"]
    assert empty_library.taxonomy_problems == []


def test_a_library_opened_on_a_broken_file_still_works(tmp_path: Path) -> None:
    Library.open(LibraryLocation(tmp_path / "lib", explicit=False)).close()
    themes = tmp_path / "lib" / "themes.yaml"
    themes.write_text("themes:\n  - id: a\n    color: '#12'\n    name: A\n", encoding="utf-8")
    with Library.open(LibraryLocation(tmp_path / "lib", explicit=False)) as library:
        assert library.taxonomy == Taxonomy()
        assert str(library.taxonomy_problems[0]).startswith(f"{themes}:3: colour '#12'")
        assert library.search("AMRAAM").total == 1
    assert themes.read_text(encoding="utf-8").startswith("themes:\n  - id: a\n    color: '#12'")


def test_save_updates_the_cache_without_a_reread(empty_library: Library) -> None:
    taxonomy = Taxonomy((Theme("a", "A"),))
    empty_library.save_taxonomy(taxonomy)
    assert empty_library.taxonomy is taxonomy


def test_search_resolves_theme_names_and_includes_sub_themes(sample_library: Library) -> None:
    store = sample_library.store
    article = store.resolve_article("The United States and Japan are deepening")
    text = store.article(article).text
    add_highlight(store, article, *find_quote(text, "Joint Force Headquarters", 1), ["china"])
    other = store.resolve_article("Recent high-level")
    store.set_article_themes(other, ["russia"])
    assert sample_library.search("theme:china").total == 1
    assert sample_library.search('theme:"Regional reactions"').total == 2
    assert sample_library.search("theme:regional-reactions").total == 2
    assert sample_library.search("", themes=["Regional reactions"]).total == 2
    assert sample_library.search("", any_themes=["china", "russia"]).total == 2
    assert sample_library.search("", themes=["china", "russia"]).total == 0
    assert sample_library.search("Japan", not_themes=["regional-reactions"]).total == 3
    assert sample_library.theme_labels()["china"] == "China"
