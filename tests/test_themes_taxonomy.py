"""The Taxonomy value: lookups, the tree, and edits that refuse to break it."""

from __future__ import annotations

import pytest

from reader.core.themes import Taxonomy, TaxonomyError, Theme

TREE = Taxonomy(
    (
        Theme("industry", "Defence industry", "#9c755f", key=3),
        Theme("missiles", "Missile co-production", "#e15759", parent="industry", key=2),
        Theme("reactions", "Regional reactions"),
        Theme("china", "China", parent="reactions"),
        Theme("beijing", "Beijing statements", parent="china"),
        Theme("russia", "Russia", parent="reactions"),
        Theme("taiwan", "Taiwan"),
    )
)


def test_lookups() -> None:
    assert TREE.get("china") == TREE.themes[3] and TREE.get("nope") is None
    assert TREE.resolve("china") is TREE.get("china")
    assert TREE.resolve("MISSILE CO-PRODUCTION") is TREE.get("missiles")
    assert TREE.resolve(" Taiwan ") is TREE.get("taiwan")
    assert TREE.resolve("unknown") is None
    assert TREE.by_key(2) is TREE.get("missiles") and TREE.by_key(9) is None


def test_tree() -> None:
    assert [t.id for t in TREE.children(None)] == ["industry", "reactions", "taiwan"]
    assert [t.id for t in TREE.children("reactions")] == ["china", "russia"]
    assert TREE.descendants("reactions") == {"reactions", "china", "beijing", "russia"}
    assert TREE.descendants("taiwan") == {"taiwan"}
    assert TREE.descendants("stray-id") == {"stray-id"}
    assert TREE.ancestors("beijing") == ["china", "reactions"]
    assert [(t.id, d) for t, d in TREE.ordered()] == [
        ("industry", 0),
        ("missiles", 1),
        ("reactions", 0),
        ("china", 1),
        ("beijing", 2),
        ("russia", 1),
        ("taiwan", 0),
    ]


def test_with_theme_adds_or_replaces_in_place_and_moves_a_taken_key() -> None:
    renamed = TREE.with_theme(Theme("china", "PRC", parent="reactions"))
    assert renamed.themes[3].name == "PRC" and len(renamed.themes) == len(TREE.themes)
    added = TREE.with_theme(Theme("okinawa", "Okinawa", key=2))
    assert added.themes[-1].id == "okinawa"
    assert added.by_key(2) is added.get("okinawa") and added.get("missiles").key is None  # type: ignore[union-attr]
    assert TREE.by_key(2) is TREE.get("missiles")  # the original is unchanged
    with pytest.raises(TaxonomyError, match="unknown parent 'nobody'"):
        TREE.with_theme(Theme("x", "X", parent="nobody"))
    with pytest.raises(TaxonomyError, match="parent cycle"):
        TREE.with_theme(Theme("reactions", "Regional reactions", parent="beijing"))
    with pytest.raises(TaxonomyError, match="colour"):
        TREE.with_theme(Theme("x", "X", color="blue"))
    with pytest.raises(TaxonomyError, match="not a slug"):
        TREE.with_theme(Theme("Not A Slug", "X"))


def test_without_reparents_children() -> None:
    smaller = TREE.without("china")
    assert smaller.get("china") is None
    assert smaller.get("beijing").parent == "reactions"  # type: ignore[union-attr]
    assert TREE.without("nope") is TREE


def test_moved_reparents_reorders_and_refuses_cycles() -> None:
    moved = TREE.moved("taiwan", "reactions", 0)
    assert [t.id for t in moved.children("reactions")] == ["taiwan", "china", "russia"]
    moved = TREE.moved("china", "reactions", 5)
    assert [t.id for t in moved.children("reactions")] == ["russia", "china"]
    root = TREE.moved("beijing", None, 1)
    assert [t.id for t in root.children(None)] == ["industry", "beijing", "reactions", "taiwan"]
    with pytest.raises(TaxonomyError, match="under itself"):
        TREE.moved("reactions", "beijing")
    with pytest.raises(TaxonomyError, match="under itself"):
        TREE.moved("china", "china")
    with pytest.raises(TaxonomyError, match="no theme"):
        TREE.moved("nope", None)


def test_new_id_is_unused() -> None:
    assert TREE.new_id("Taiwan") == "taiwan-2"
    assert TREE.new_id("Local concerns") == "local-concerns"


def test_equality_ignores_cached_lookups() -> None:
    copy = Taxonomy(TREE.themes)
    TREE.descendants("reactions")
    assert copy == TREE
