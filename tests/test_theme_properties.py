"""The theme property table: every entry round-trips through themes.yaml, is an option of
``themes add|edit`` (and in the README), is edited by the core's one ``edit_theme``; undo
snapshots put a merge or a delete back exactly, and the CLI does what the core does."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from reader.cli import main
from reader.core.annotations.highlights import add_highlight
from reader.core.articles import tag_articles
from reader.core.library import Library, LibraryLocation
from reader.core.models import ArticleDraft
from reader.core.store_themes import add_dismissal
from reader.core.themes import (
    THEME_PROPERTIES,
    ThemeEditError,
    ThemeProperty,
    create_theme,
    delete_theme,
    edit_theme,
    load_taxonomy,
    merge_theme,
    reparent_theme,
    restore_themes,
    snapshot_themes,
)
from reader.core.themes.properties import FILE_KEYS
from reader.core.themes.rows import snapshot

README = Path(__file__).resolve().parent.parent / "README.md"

#: A value for each property as a person types it (a new property needs one here).
TYPED = {
    "name": "Alliance  politics",
    "color": "8E44AD",
    "description": "What belongs here:\nalliances.",
    "parent": "Base",
    "key": "7",
    "keywords": "AMRAAM, SM-6 ,",
    "query": "missile AND produc*",
}


@pytest.fixture
def library(empty_library: Library) -> Library:
    create_theme(empty_library, "Base")
    create_theme(empty_library, "Other")
    return empty_library


def _ids(prop: ThemeProperty) -> str:
    return prop.key


def test_every_property_has_a_typed_sample() -> None:
    assert set(TYPED) == {p.key for p in THEME_PROPERTIES}, "add a sample for a new property"
    assert ("id", *TYPED) == FILE_KEYS


@pytest.mark.parametrize("prop", THEME_PROPERTIES, ids=_ids)
def test_each_property_round_trips_through_themes_yaml(
    library: Library, prop: ThemeProperty
) -> None:
    edited = edit_theme(library, "other", {prop.key: TYPED[prop.key]})
    value = getattr(edited, prop.key)
    expected = prop.parse(TYPED[prop.key]) if prop.rule != "parent" else "base"
    assert value == expected and value != prop.default
    on_disk = load_taxonomy(library.themes_path)[0].get("other")
    assert on_disk is not None and getattr(on_disk, prop.key) == value
    written = yaml.safe_load(library.themes_path.read_text("utf-8"))["themes"]
    assert prop.key in next(t for t in written if t["id"] == "other")
    # the form shows it as text that parses back to the same value
    assert prop.parse(prop.show(value)) == value


@pytest.mark.parametrize("prop", THEME_PROPERTIES, ids=_ids)
def test_each_property_is_an_option_of_themes_add_and_edit(
    prop: ThemeProperty, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("add", "edit"):
        with pytest.raises(SystemExit):
            main(["themes", command, "--help"])
        help_text = capsys.readouterr().out
        if prop.key != "name" or command == "edit":  # add takes the name as NAME
            assert prop.option in help_text and prop.metavar in help_text
    assert prop.option in README.read_text("utf-8")


def test_edit_command_sets_every_property_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    Library.open(LibraryLocation(tmp_path / "lib", explicit=True)).close()
    assert main(["--library", lib, "themes", "add", "Base"]) == 0
    assert main(["--library", lib, "themes", "add", "Other", "--key", "7", "--json"]) == 0
    capsys.readouterr()
    options = [x for p in THEME_PROPERTIES for x in (p.option, TYPED[p.key])]
    assert main(["--library", lib, "themes", "edit", "other", *options, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    for prop in THEME_PROPERTIES:
        expected = prop.parse(TYPED[prop.key]) if prop.rule != "parent" else "base"
        assert shown[prop.key] == prop.as_json(expected), prop.key
    assert shown["id"] == "other"  # the id never changes


def test_edit_without_options_or_with_a_bad_value_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    Library.open(LibraryLocation(tmp_path / "lib", explicit=True)).close()
    main(["--library", lib, "themes", "add", "Base", "--key", "3"])
    main(["--library", lib, "themes", "add", "Other"])
    capsys.readouterr()
    for args, message in (
        ([], "nothing to change"),
        (["--key", "12"], "not a digit from 1 to 9"),
        (["--key", "3"], "digit 3 already belongs to 'Base'"),
        (["--name", "BASE"], "a theme called 'Base' exists already"),
        (["--colour", "teal"], "#rrggbb"),
        (["--parent", "nowhere"], "no theme 'nowhere'"),
    ):
        assert main(["--library", lib, "themes", "edit", "other", *args]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and message in err, err


def test_edit_theme_refuses_an_unknown_property(library: Library) -> None:
    with pytest.raises(ThemeEditError, match="no property 'size'"):
        edit_theme(library, "other", {"size": "3"})


def test_an_unchanged_edit_writes_nothing(library: Library) -> None:
    before = library.themes_path.stat().st_mtime_ns
    edit_theme(library, "other", {"name": "Other", "parent": None, "key": "0"})
    assert library.themes_path.stat().st_mtime_ns == before


# -- undo: one snapshot, one restore ------------------------------------------------------


@pytest.fixture
def tagged(library: Library) -> Library:
    """Highlights and an article carrying both themes, and a dismissed suggestion."""
    store = library.store
    aid = store.add_article(ArticleDraft(title="One", text="Alpha beta gamma delta."), "h1")
    add_highlight(store, aid, 0, 5, ["other", "base"])
    add_highlight(store, aid, 6, 10, ["other"])
    tag_articles(library, [aid], ["other"])
    add_dismissal(store, aid, "other", "gamma")
    create_theme(library, "Child", parent="Other")
    return library


def _state(library: Library) -> tuple[object, object]:
    return library.taxonomy, snapshot(library.store, ["base", "other", "child"])


@pytest.mark.parametrize(
    "operation",
    [
        lambda lib: merge_theme(lib, "other", "base"),
        lambda lib: delete_theme(lib, "other"),
        lambda lib: delete_theme(lib, "other", reassign_to="base"),
    ],
    ids=["merge", "delete", "delete-reassign"],
)
def test_restore_puts_back_rows_dismissals_and_themes_yaml(
    tagged: Library, operation: Callable[[Library], int]
) -> None:
    before = _state(tagged)
    kept = snapshot_themes(tagged, "other", "base")
    operation(tagged)
    assert _state(tagged) != before
    restore_themes(tagged, kept)
    assert _state(tagged) == before
    assert load_taxonomy(tagged.themes_path)[0] == before[0]


def test_restore_of_an_edit_of_the_taxonomy_only(library: Library) -> None:
    kept = snapshot_themes(library)
    edit_theme(library, "other", {"name": "Renamed", "color": "#123456", "parent": "base"})
    restore_themes(library, kept)
    assert load_taxonomy(library.themes_path)[0] == kept.taxonomy


def test_reparent_at_an_index_orders_siblings(library: Library) -> None:
    """The manager's drag and drop: a place among the new siblings, or a reorder."""
    create_theme(library, "Third")
    reparent_theme(library, "third", None, 0)
    assert [t.id for t, _ in library.taxonomy.ordered()] == ["third", "base", "other"]
    reparent_theme(library, "base", "other", 0)
    assert library.taxonomy.children("other")[0].id == "base"
    with pytest.raises(ThemeEditError, match="under itself"):
        reparent_theme(library, "other", "base", 0)
