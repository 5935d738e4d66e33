"""themes.yaml: its shape, round trips, and a clear file:line message for every bad file."""

from __future__ import annotations

import os
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.themes import (
    NEW_LIBRARY_TEMPLATE,
    Problem,
    Taxonomy,
    TaxonomyError,
    Theme,
    default_taxonomy_file,
    load_taxonomy,
    parse_taxonomy,
    save_taxonomy,
    slugify,
)

GOOD = """\
version: 1
themes:
  - id: defence-industry
    name: Defence industry
    color: "#9c755f"
  - id: missile-co-production
    name: Missile co-production
    color: "#C0392B"
    description: Joint development and production of missiles and interceptors.
    parent: defence-industry
    key: 2
    keywords: [AMRAAM, SM-6, SM-3, co-production]
    query: 'missile AND (produc* OR interceptor*)'
"""


def test_the_documented_shape_loads() -> None:
    taxonomy, warnings = parse_taxonomy(GOOD)
    assert warnings == []
    assert [t.id for t in taxonomy.themes] == ["defence-industry", "missile-co-production"]
    missile = taxonomy.get("missile-co-production")
    assert missile == Theme(
        id="missile-co-production",
        name="Missile co-production",
        color="#C0392B",
        description="Joint development and production of missiles and interceptors.",
        parent="defence-industry",
        key=2,
        keywords=("AMRAAM", "SM-6", "SM-3", "co-production"),
        query="missile AND (produc* OR interceptor*)",
    )


def test_version_is_optional_and_a_missing_or_empty_file_is_an_empty_taxonomy(
    tmp_path: Path,
) -> None:
    taxonomy, _ = parse_taxonomy("themes:\n  - id: a\n    name: A\n")
    assert taxonomy.version == 1 and taxonomy.get("a") is not None
    assert load_taxonomy(tmp_path / "nothing.yaml") == (Taxonomy(), [])
    assert parse_taxonomy("") == (Taxonomy(), [])
    assert parse_taxonomy("# only a comment\n") == (Taxonomy(), [])
    assert parse_taxonomy(NEW_LIBRARY_TEMPLATE) == (Taxonomy(), [])


def test_save_writes_the_documented_shape_and_omits_empty_keys(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    taxonomy, _ = parse_taxonomy(GOOD)
    save_taxonomy(path, taxonomy)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["themes"][0] == {
        "id": "defence-industry",
        "name": "Defence industry",
        "color": "#9c755f",
    }
    assert data["themes"][1]["keywords"] == ["AMRAAM", "SM-6", "SM-3", "co-production"]
    assert load_taxonomy(path) == (taxonomy, [])


def test_save_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(GOOD, encoding="utf-8")
    taxonomy = Taxonomy((Theme("x", "X"),))

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_taxonomy(path, taxonomy)
    assert path.read_text(encoding="utf-8") == GOOD  # the old file is whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.yaml"]
    monkeypatch.undo()
    fsynced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (fsynced.append(fd), real_fsync(fd)))
    save_taxonomy(path, taxonomy)
    assert fsynced  # flushed to disk before the rename
    assert load_taxonomy(path)[0] == taxonomy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.yaml"]


# -- bad files: each names the file and the line -----------------------------------------

THEME = "  - id: {id}\n    name: {name}\n"
BAD: list[tuple[str, str, int, str]] = [
    ("invalid YAML", "themes:\n  - id: a\n    name: [unclosed\n", 4, "invalid YAML"),
    ("tab indentation", "themes:\n\t- id: a\n", 2, "invalid YAML"),
    (
        "duplicate id",
        "themes:\n" + THEME.format(id="a", name="A") + THEME.format(id="a", name="B"),
        4,
        "duplicate id 'a'",
    ),
    (
        "parent cycle",
        "themes:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n    parent: a\n",
        4,
        "parent cycle: a → b → a",
    ),
    ("self parent", "themes:\n  - id: a\n    name: A\n    parent: a\n", 4, "parent cycle"),
    (
        "unknown parent",
        "themes:\n" + THEME.format(id="a", name="A") + "    parent: nobody\n",
        4,
        "unknown parent 'nobody'",
    ),
    (
        "bad colour",
        "themes:\n" + THEME.format(id="a", name="A") + "    color: red\n",
        4,
        "colour 'red' is not of the form",
    ),
    (
        "unquoted colour",
        "themes:\n" + THEME.format(id="a", name="A") + "    color: #c0392b\n",
        4,
        "quote the colour",
    ),
    (
        "key out of range",
        "themes:\n" + THEME.format(id="a", name="A") + "    key: 12\n",
        4,
        "key 12 is not a digit",
    ),
    (
        "key not a number",
        "themes:\n" + THEME.format(id="a", name="A") + "    key: two\n",
        4,
        "key must be a digit",
    ),
    (
        "duplicate key",
        "themes:\n"
        + THEME.format(id="a", name="A")
        + "    key: 1\n"
        + THEME.format(id="b", name="B")
        + "    key: 1\n",
        7,
        "key 1 is already used",
    ),
    (
        "keywords not a list",
        "themes:\n" + THEME.format(id="a", name="A") + "    keywords: AMRAAM\n",
        4,
        "keywords must be a list",
    ),
    (
        "number in keywords",
        "themes:\n" + THEME.format(id="a", name="A") + "    keywords: [a, 7]\n",
        4,
        "keywords must be a list",
    ),
    ("name not text", "themes:\n  - id: a\n    name: [x]\n", 3, "name must be text"),
    ("missing id", "themes:\n  - name: A\n", 2, "has no 'id:'"),
    ("id not a slug", "themes:\n  - id: Missile Theme\n    name: A\n", 2, "is not a slug"),
    ("theme not a mapping", "themes:\n  - just a string\n", 2, "must be a mapping"),
    ("themes not a list", "version: 1\nthemes: nope\n", 2, "'themes' must be a list"),
    ("top level a list", "- id: a\n", 1, "must be a mapping"),
    ("newer version", "version: 2\nthemes: []\n", 1, "version 2 is from a newer"),
    ("two documents", "themes: []\n---\nthemes: []\n", 2, "invalid YAML"),
]


@pytest.mark.parametrize(("text", "line", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_file_names_file_line_and_problem(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    first = caught.value.problems[0]
    assert first.path == str(path)
    assert first.line == line, str(first)
    assert message in first.message
    assert str(caught.value) == f"{path}:{line}: {first.message}"
    assert path.read_text(encoding="utf-8") == text  # never touched


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = (
        "themes:\n  - id: a\n    name: A\n    color: red\n"
        "  - id: b\n    name: B\n    parent: nobody\n"
    )
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(text, "t.yaml")
    assert [str(p) for p in caught.value.problems] == [
        't.yaml:4: colour \'red\' is not of the form "#rrggbb" (e.g. "#c0392b")',
        "t.yaml:7: unknown parent 'nobody' (no theme has that id)",
    ]


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_bytes(b"themes:\n  - id: a\n    name: Caf\xe9\n")
    with pytest.raises(TaxonomyError, match=r"themes.yaml:3: not UTF-8"):
        load_taxonomy(path)


def test_unknown_keys_and_doubts_are_warnings_with_lines() -> None:
    text = (
        "version: 1\nlayout: wide\nthemes:\n  - id: a\n    name: A\n    keyword: [x]\n"
        '    colour: "#112233"\n  - id: b\n  - id: c\n    name: a\n    name: A\n'
    )
    taxonomy, warnings = parse_taxonomy(text, "t.yaml")
    assert taxonomy.get("a") == Theme("a", "A", color="#112233")  # 'colour' is an alias
    assert taxonomy.get("b") == Theme("b", "b")
    messages = [str(w) for w in warnings]
    assert "t.yaml:2: unknown key 'layout' (expected 'version' and 'themes'); ignored" in messages
    assert "t.yaml:6: unknown key 'keyword' (did you mean 'keywords'?); ignored" in messages
    assert "t.yaml:8: theme 'b' has no name; shown as its id" in messages
    assert any(m.startswith("t.yaml:11: 'name' is given 2 times") for m in messages)
    assert any("the name 'A' is also used by 'a'" in m for m in messages)


def test_problem_text() -> None:
    assert str(Problem("t.yaml", 3, "bad")) == "t.yaml:3: bad"
    assert str(Problem("t.yaml", None, "bad")) == "t.yaml: bad"


def test_slugify() -> None:
    assert slugify("Missile co-production") == "missile-co-production"
    assert slugify("  Japan's défense   posture! ") == "japan-s-defense-posture"
    assert slugify("***") == "theme"
    assert slugify("台湾") == "台湾"


# -- the default taxonomy ----------------------------------------------------------------


def test_the_default_taxonomy_is_valid_and_complete() -> None:
    taxonomy, warnings = load_taxonomy(default_taxonomy_file())
    assert warnings == []
    for theme_id in (
        "command-structure",
        "missile-co-production",
        "regional-reactions",
        "extended-deterrence",
        "joint-exercises-readiness",
        "defence-industry",
        "trilateral-regional-partners",
        "local-concerns",
        "taiwan",
    ):
        theme = taxonomy.get(theme_id)
        assert theme is not None, theme_id
        assert theme.color and theme.description and theme.keywords, theme_id
    assert taxonomy.get("missile-co-production").parent == "defence-industry"  # type: ignore[union-attr]
    assert {"china", "north-korea", "russia"} <= taxonomy.descendants("regional-reactions")
    assert sorted(t.key for t in taxonomy.themes if t.key) == list(range(1, 10))
    colours = [t.color for t in taxonomy.themes]
    assert len(set(colours)) == len(colours)
    from reader.core.search.query import parse_query

    for theme in taxonomy.themes:
        if theme.query:
            parsed = parse_query(theme.query)
            assert parsed.query is not None and parsed.notices == [], theme.id


# -- round trip --------------------------------------------------------------------------

# NEL, LS and PS are saved as the line breaks they are (see the test below).
_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x85\u2028\u2029"),
    max_size=40,
)
_word = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and s.strip() != "")


@st.composite
def taxonomies(draw: st.DrawFn) -> Taxonomy:
    ids = draw(
        st.lists(
            st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12).filter(
                lambda s: s[0] != "-"
            ),
            unique=True,
            max_size=8,
        )
    )
    keys = draw(st.permutations(range(1, 10)))
    themes = []
    for i, theme_id in enumerate(ids):
        themes.append(
            Theme(
                id=theme_id,
                name=draw(_word),
                color=draw(st.none() | st.from_regex(r"\A#[0-9a-f]{6}\Z")),
                description=draw(_text),
                parent=draw(st.none() | st.sampled_from(ids[:i])) if i else None,
                key=keys[i] if draw(st.booleans()) else None,
                keywords=tuple(draw(st.lists(_word, max_size=4))),
                query=draw(st.none() | _word),
            )
        )
    return Taxonomy(tuple(themes))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(taxonomy=taxonomies())
def test_save_then_load_gives_the_same_taxonomy(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "themes.yaml"
    save_taxonomy(path, taxonomy)
    assert load_taxonomy(path)[0] == taxonomy


def test_unicode_line_separators_are_saved_as_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    save_taxonomy(path, Taxonomy((Theme("a", "A", description="one\x85two\u2028three"),)))
    assert load_taxonomy(path)[0].themes[0].description == "one\ntwo\nthree"
