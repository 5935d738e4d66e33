"""The edit commands as a user runs them: tag, edit, remove and themes add|rename|merge|
delete. Bad input exits 2 with one line and changes nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.library import Library, LibraryLocation
from reader.core.themes import load_taxonomy

Outcome = tuple[int, str, str]


@pytest.fixture
def lib(tmp_path: Path) -> str:
    """A sample library (seeded like a first run) at a known path."""
    Library.open(LibraryLocation(tmp_path / "sample", explicit=False)).close()
    return str(tmp_path / "sample")


def cli(capsys: pytest.CaptureFixture[str], lib: str, *args: str) -> Outcome:
    code = main(["--library", lib, *args])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys: pytest.CaptureFixture[str], lib: str, *args: str) -> Any:
    code, out, err = cli(capsys, lib, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def state(lib: str) -> tuple[str, bytes]:
    """What a refused command must leave alone: themes.yaml and every store row."""
    with Library.open(Path(lib)) as library:
        rows = [
            tuple(r)
            for table in ("articles", "highlights", "highlight_themes", "article_themes")
            for r in library.store.query(f"SELECT * FROM {table} ORDER BY 1, 2")
        ]
        return (Path(lib) / "themes.yaml").read_text(), repr(rows).encode()


def assert_refused(outcome: Outcome, message: str) -> None:
    code, out, err = outcome
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("research-reader: error: "), err
    assert message in err
    assert out == ""


def test_tag_two_articles_then_filter_and_untag(
    capsys: pytest.CaptureFixture[str], lib: str
) -> None:
    done = cli_json(capsys, lib, "tag", "1", "The United States", "--theme", "Russia")
    assert done["changed"] == 2 and done["action"] == "add"
    assert [a["id"] for a in done["articles"]] == [1, 2]
    listed = cli_json(capsys, lib, "list", "--theme", "russia")
    assert [a["id"] for a in listed] == [1, 2]
    # The parent theme counts its sub-theme on articles too.
    listed = cli_json(capsys, lib, "list", "--theme", "Regional reactions")
    assert {1, 2} <= {a["id"] for a in listed}
    found = cli_json(capsys, lib, "search", "theme:russia")
    assert {h["id"] for h in found["hits"]} >= {1, 2}
    undone = cli_json(capsys, lib, "tag", "2", "--theme", "russia", "--remove")
    assert undone["changed"] == 1
    assert [a["id"] for a in cli_json(capsys, lib, "list", "--theme", "russia")] == [1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tag", "1", "--theme", "Narnia"], "no theme 'Narnia'"),
        (["tag", "1", "nothing like this", "--theme", "China"], "no article matches"),
        (["edit", "1", "--date", "not a date"], "is not a date"),
        (["edit", "1", "--date", "2025-02-30"], "is not a date"),
        (["edit", "1", "--url", "javascript:alert(1)"], "not a web address"),
        (["edit", "1", "--title", " "], "title cannot be empty"),
        (["edit", "1"], "nothing to change"),
        (["edit", "404", "--title", "x"], "no article matches '404'"),
        (["remove", "1", "404", "--yes"], "no article matches '404'"),
        (["themes", "rename", "nope", "X"], "no theme 'nope'"),
        (["themes", "add", "X", "--parent", "nope"], "no theme 'nope'"),
        (["themes", "add", "X", "--colour", "blue"], "#rrggbb"),
        (["themes", "merge", "china", "nope"], "no theme 'nope'"),
        (["themes", "merge", "china", "China"], "into itself"),
        (["themes", "delete", "nope"], "no theme 'nope'"),
        (["themes", "delete", "china", "--reassign", "nope"], "no theme 'nope'"),
        (["themes", "move", "regional-reactions", "--parent", "china"], "under itself"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], lib: str, args: list[str], message: str
) -> None:
    before = state(lib)
    assert_refused(cli(capsys, lib, *args), message)
    assert state(lib) == before


def test_edit_is_searchable_at_once(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    done = cli_json(
        capsys,
        lib,
        "edit",
        "1",
        "--title",
        "Zanzibar alliance memo",
        "--date",
        "March 3, 2025",
        "--author",
        "Jane Roe",
        "--url",
        "https://example.com/memo",
    )
    assert done["changed"] == ["title", "date", "author", "url"]
    assert done["after"]["date"] == "2025-03-03"
    hits = cli_json(capsys, lib, "search", "zanzibar")["hits"]
    assert [h["id"] for h in hits] == [1]
    cleared = cli_json(capsys, lib, "edit", "1", "--author", "")
    assert cleared["after"]["author"] is None
    shown = cli_json(capsys, lib, "show", "Zanzibar")
    assert shown["title"] == "Zanzibar alliance memo" and shown["author"] is None


def test_remove_needs_yes_without_a_terminal_and_asks_on_one(
    capsys: pytest.CaptureFixture[str], lib: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli(capsys, lib, "highlight", "1", "--quote", "Japan", "--occurrence", "1")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert_refused(cli(capsys, lib, "remove", "1"), "pass --yes")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    code, _, err = cli(capsys, lib, "remove", "1")
    assert code == 1 and "[y/N]" in err and "nothing removed" in err
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    code, out, err = cli(capsys, lib, "remove", "1")
    assert code == 0 and "1 article removed" in out
    ids = [a["id"] for a in cli_json(capsys, lib, "list")]
    assert 1 not in ids and len(ids) == 4
    removed = cli_json(capsys, lib, "remove", "2", "3", "--yes")
    assert [r["id"] for r in removed["removed"]] == [2, 3]
    assert cli_json(capsys, lib, "search", "Japan")["total"] == 2


def test_themes_add_rename_merge_delete(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    made = cli_json(capsys, lib, "themes", "add", "Défense posture", "--parent", "China")
    assert made["id"] == "defense-posture" and made["created"] is True
    assert made["parent"] == "china" and made["color"].startswith("#")
    again = cli_json(capsys, lib, "themes", "add", "defense POSTURE")
    assert again["id"] == "defense-posture" and again["created"] is False
    taxonomy, _ = load_taxonomy(Path(lib) / "themes.yaml")
    assert taxonomy.get("defense-posture") is not None

    renamed = cli_json(capsys, lib, "themes", "rename", "defense-posture", "Posture")
    assert (renamed["id"], renamed["name"]) == ("defense-posture", "Posture")
    recoloured = cli_json(capsys, lib, "themes", "recolour", "Posture", "#ABCDEF")
    assert recoloured["color"] == "#abcdef"
    assert cli_json(capsys, lib, "themes", "move", "posture")["parent"] is None
    assert cli_json(capsys, lib, "themes", "move", "posture", "--parent", "china")["parent"] == (
        "china"
    )
    cli(capsys, lib, "tag", "1", "2", "--theme", "Posture")
    merged = cli_json(capsys, lib, "themes", "merge", "Posture", "Russia")
    assert merged == {"source": "defense-posture", "target": "russia", "moved": 2}
    assert [a["id"] for a in cli_json(capsys, lib, "list", "--theme", "russia")] == [1, 2]
    deleted = cli_json(capsys, lib, "themes", "delete", "russia", "--reassign", "china")
    assert deleted == {"deleted": "russia", "reassigned_to": "china", "tags": 2}
    listed = {t["id"]: t for t in cli_json(capsys, lib, "themes", "list")}
    assert "russia" not in listed and "defense-posture" not in listed
    assert listed["china"]["articles"] >= 2


def test_a_subprocess_refusal_is_one_line_and_exit_2(lib: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--library", lib, "remove", "1"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=dict(os.environ),
        timeout=120,
    )
    assert_refused((result.returncode, result.stdout, result.stderr), "pass --yes")


def test_an_ambiguous_article_is_refused(capsys: pytest.CaptureFixture[str], lib: str) -> None:
    cli(capsys, lib, "edit", "4", "--title", "The United front")
    before = state(lib)
    assert_refused(cli(capsys, lib, "tag", "The United", "--theme", "China"), "matches 2")
    assert_refused(cli(capsys, lib, "remove", "The United", "--yes"), "matches 2")
    assert state(lib) == before


def test_highlight_with_a_new_theme_name_creates_it_in_themes_yaml(
    capsys: pytest.CaptureFixture[str], lib: str
) -> None:
    code, out, err = cli(
        capsys,
        lib,
        "highlight",
        "1",
        "--quote",
        "Japan",
        "--occurrence",
        "1",
        "--theme",
        "Défense posture",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["themes"] == ["defense-posture"]
    assert "created theme 'defense-posture'" in err
    taxonomy, _ = load_taxonomy(Path(lib) / "themes.yaml")
    theme = taxonomy.get("defense-posture")
    assert theme is not None and theme.name == "Défense posture" and theme.color
