"""Theme edits in the core: create (one slug rule), rename, recolour, re-parent, merge,
delete with reassign, and the ids in use. Each edit lands in themes.yaml."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.core.annotations.highlights import add_highlight, highlights_for
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.models import ArticleDraft
from reader.core.themes import Theme, load_taxonomy, slugify
from reader.core.themes.editing import (
    THEME_PALETTE,
    ThemeEditError,
    create_theme,
    delete_theme,
    merge_theme,
    recolour_theme,
    rename_theme,
    reparent_theme,
    used_theme_ids,
)


def on_disk(library: Library) -> dict[str, Theme]:
    taxonomy, _ = load_taxonomy(library.themes_path)
    return {t.id: t for t in taxonomy.themes}


@pytest.fixture
def library(empty_library: Library) -> Library:
    text = "Alpha beta gamma. Delta epsilon zeta. Eta theta iota."
    empty_library.store.add_article(ArticleDraft(title="One", text=text), "h1")
    return empty_library


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Défense posture", "defense-posture"),
        ("Missile co-production", "missile-co-production"),
        ("Øresund  Straße", "oresund-strasse"),
        ("Ça va?", "ca-va"),
        ("!!!", "theme"),
    ],
)
def test_slugify_folds_accents_to_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_create_writes_the_theme_with_slug_palette_colour_and_parent(library: Library) -> None:
    parent = create_theme(library, "Regional reactions")
    made = create_theme(library, "Défense posture", parent="regional reactions", description="x")
    assert made.id == "defense-posture"
    assert made.parent == parent.id == "regional-reactions"
    assert made.color in THEME_PALETTE and made.color != parent.color
    assert made.description == "x"
    assert on_disk(library)["defense-posture"] == made


def test_create_same_name_returns_the_existing_theme(library: Library) -> None:
    first = create_theme(library, "Défense posture", colour="#112233")
    again = create_theme(library, "  DEFENSE   posture ", colour="#445566")
    assert again == first
    assert len(library.taxonomy.themes) == 1


def test_create_gives_a_unique_suffix_on_an_id_clash(library: Library) -> None:
    create_theme(library, "Défense posture")
    rename_theme(library, "defense-posture", "Posture")
    clash = create_theme(library, "Defense posture")
    assert clash.id == "defense-posture-2"
    assert set(on_disk(library)) == {"defense-posture", "defense-posture-2"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "   "}, "needs a name"),
        ({"name": "X", "parent": "nope"}, "no theme 'nope'"),
        ({"name": "X", "colour": "red"}, "#rrggbb"),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(
    library: Library, kwargs: dict[str, str], message: str
) -> None:
    before = library.themes_path.read_text()
    with pytest.raises(ThemeEditError, match=message):
        create_theme(library, **kwargs)
    assert library.themes_path.read_text() == before


def test_create_refuses_while_themes_yaml_is_broken(library: Library) -> None:
    library.themes_path.write_text("themes: [\n")
    with pytest.raises(ReaderError, match=r"fix themes\.yaml"):
        create_theme(library, "New")
    assert library.themes_path.read_text() == "themes: [\n"


def test_rename_recolour_keep_the_id(library: Library) -> None:
    create_theme(library, "China")
    create_theme(library, "Russia")
    renamed = rename_theme(library, "china", "PRC")
    assert (renamed.id, renamed.name) == ("china", "PRC")
    recoloured = recolour_theme(library, "PRC", "C0392B")
    assert recoloured.color == "#c0392b"
    assert on_disk(library)["china"] == recoloured
    with pytest.raises(ThemeEditError, match="exists already"):
        rename_theme(library, "china", "russia")
    with pytest.raises(ThemeEditError, match="no theme"):
        recolour_theme(library, "nope", "#000000")


def test_reparent_moves_and_refuses_cycles(library: Library) -> None:
    create_theme(library, "Reactions")
    create_theme(library, "China", parent="reactions")
    create_theme(library, "Taiwan")
    moved = reparent_theme(library, "taiwan", "china")
    assert moved.parent == "china" and on_disk(library)["taiwan"] == moved
    with pytest.raises(ThemeEditError, match="under itself"):
        reparent_theme(library, "reactions", "taiwan")
    assert reparent_theme(library, "taiwan", None).parent is None


def test_merge_moves_rows_children_and_key(library: Library) -> None:
    create_theme(library, "Industry")
    create_theme(library, "Missiles", parent="industry")
    create_theme(library, "Ships")
    create_theme(library, "Frigates", parent="ships")
    library.save_taxonomy(library.taxonomy.with_theme(_with_key(library, "ships", 4)))
    store = library.store
    aid = store.article_ids()[0]
    add_highlight(store, aid, 0, 5, ["ships"])
    add_highlight(store, aid, 18, 23, ["ships", "missiles"])
    store.set_article_themes(aid, ["ships"])
    moved = merge_theme(library, "Ships", "missiles")
    assert moved == 3
    assert [h.themes for h in highlights_for(store, aid)] == [("missiles",), ("missiles",)]
    assert used_theme_ids(store) == {"missiles"}
    themes = on_disk(library)
    assert "ships" not in themes
    assert themes["frigates"].parent == "missiles"
    assert themes["missiles"].key == 4
    with pytest.raises(ThemeEditError, match="into itself"):
        merge_theme(library, "missiles", "Missiles")


def test_merge_a_parent_into_its_child(library: Library) -> None:
    create_theme(library, "Top")
    create_theme(library, "Reactions", parent="top")
    create_theme(library, "China", parent="reactions")
    create_theme(library, "Russia", parent="reactions")
    merge_theme(library, "reactions", "china")
    themes = on_disk(library)
    assert themes["china"].parent == "top"
    assert themes["russia"].parent == "china"


def test_delete_with_and_without_reassign(library: Library) -> None:
    create_theme(library, "Reactions")
    create_theme(library, "China", parent="reactions")
    create_theme(library, "Taiwan")
    store = library.store
    aid = store.article_ids()[0]
    add_highlight(store, aid, 0, 5, ["reactions"])
    store.set_article_themes(aid, ["taiwan"])
    assert delete_theme(library, "reactions", reassign_to="Taiwan") == 1
    assert highlights_for(store, aid)[0].themes == ("taiwan",)
    assert on_disk(library)["china"].parent is None
    assert delete_theme(library, "taiwan") == 2
    assert used_theme_ids(store) == set()
    assert set(on_disk(library)) == {"china"}
    with pytest.raises(ThemeEditError, match="no theme 'taiwan'"):
        delete_theme(library, "taiwan")


def test_stray_ids_can_be_merged_and_deleted(library: Library) -> None:
    create_theme(library, "Defense posture")
    store = library.store
    aid = store.article_ids()[0]
    add_highlight(store, aid, 0, 5, ["d-fense-posture"])
    add_highlight(store, aid, 18, 23, ["stray"])
    assert used_theme_ids(store) == {"d-fense-posture", "stray"}
    written = library.themes_path.read_text() + "# the user's comment\n"
    library.themes_path.write_text(written)
    assert merge_theme(library, "d-fense-posture", "defense-posture") == 1
    assert library.themes_path.read_text() == written  # nothing to change there
    assert delete_theme(library, "stray") == 1
    assert used_theme_ids(store) == {"defense-posture"}


def test_a_failed_yaml_write_rolls_the_store_back(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_theme(library, "A")
    create_theme(library, "B")
    aid = library.store.article_ids()[0]
    add_highlight(library.store, aid, 0, 5, ["a"])

    def fail(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Library, "save_taxonomy", fail)
    with pytest.raises(OSError):
        merge_theme(library, "a", "b")
    assert used_theme_ids(library.store) == {"a"}


def _with_key(library: Library, theme_id: str, key: int) -> Theme:
    theme = library.taxonomy.get(theme_id)
    assert theme is not None
    return replace(theme, key=key)
