"""Theme commands as a user runs them: themes list/check, suggest, theme filters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.core.themes import default_taxonomy_file


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def sample(tmp_path: Path) -> str:
    """A sample library (seeded like the first run) at a known path."""
    lib = tmp_path / "sample"
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    subprocess.run(
        [sys.executable, "-m", "reader", "list"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (tmp_path / "data" / "research-reader" / "library").rename(lib)
    return str(lib)


def test_themes_list_shows_the_tree_with_counts(tmp_path: Path) -> None:
    lib = sample(tmp_path)
    made = run(
        "--library",
        lib,
        "highlight",
        "The United States and Japan are deepening",
        "--quote",
        "AMRAAM",
        "--occurrence",
        "1",
        "--theme",
        "Missile co-production",
    )
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    data = json.loads(run("--library", lib, "themes", "list", "--json").stdout)
    by_id = {t["id"]: t for t in data}
    assert by_id["missile-co-production"]["highlights"] == 1
    assert by_id["missile-co-production"]["articles"] == 1
    assert by_id["defence-industry"]["highlights"] == 1  # a parent counts its children
    assert by_id["missile-co-production"]["parent"] == "defence-industry"
    assert by_id["missile-co-production"]["depth"] == 1
    assert by_id["command-structure"]["color"].startswith("#")
    assert set(by_id["china"]) >= {
        "id",
        "name",
        "color",
        "parent",
        "key",
        "description",
        "highlights",
        "articles",
    }
    plain = run("--library", lib, "themes", "list").stdout
    assert "  Missile co-production" in plain and "missile-co-production" in plain


def test_themes_check(tmp_path: Path) -> None:
    ok = run("themes", "check", str(default_taxonomy_file()))
    assert ok.returncode == 0 and ok.stdout.startswith("ok")
    bad = tmp_path / "themes.yaml"
    bad.write_text(
        "themes:\n  - id: a\n    name: A\n    parent: b\n  - id: b\n    name: B\n"
        "    parent: a\n  - id: c\n    name: C\n    color: blue\n",
        encoding="utf-8",
    )
    result = run("themes", "check", str(bad))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{bad}:4: parent cycle: a → b → a",
        f'{bad}:10: colour \'blue\' is not of the form "#rrggbb" (e.g. "#c0392b")',
    ]
    assert json.loads(run("themes", "check", str(bad), "--json").stdout)["ok"] is False
    missing = run("themes", "check", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stdout
    warned = tmp_path / "warned.yaml"
    warned.write_text(
        "themes:\n  - id: a\n    name: A\n    colour_x: 1\n    query: 'a*'\n", encoding="utf-8"
    )
    result = run("themes", "check", str(warned))
    assert result.returncode == 0
    assert f"{warned}:4: warning: unknown key 'colour_x'" in result.stdout
    assert "theme 'a': query:" in result.stdout and result.stdout.splitlines()[-1] == "ok: 1 theme"


def test_a_broken_themes_file_warns_once_and_commands_still_work(tmp_path: Path) -> None:
    lib = sample(tmp_path)
    themes = Path(lib) / "themes.yaml"
    themes.write_text("themes:\n  - id: a\n    name: [\n", encoding="utf-8")
    before = themes.read_bytes()
    result = run("--library", lib, "list", "--json")
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"research-reader: warning: {themes}:")
    assert run("--library", lib, "themes", "check").returncode == 2
    assert themes.read_bytes() == before


def test_suggest(tmp_path: Path) -> None:
    lib = sample(tmp_path)
    result = run("--library", lib, "suggest", "The United States and Japan are deepening", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    missile = [s for s in found if s["theme"] == "missile-co-production"]
    assert any("AMRAAM" in s["quote"] for s in missile)
    assert any("SM-6" in s["quote"] for s in missile)
    assert set(found[0]) == {"theme", "theme_name", "start", "end", "quote", "reason", "hits"}
    only = json.loads(
        run("--library", lib, "suggest", "2", "--theme", "Defence industry", "--json").stdout
    )
    assert only and {s["theme"] for s in only} <= {"defence-industry", "missile-co-production"}
    plain = run("--library", lib, "suggest", "2", "--theme", "missile-co-production")
    assert "Missile co-production: keyword" in plain.stdout
    assert run("--library", lib, "suggest", "999").returncode == 1


def test_theme_filters_on_list_and_search(tmp_path: Path) -> None:
    lib = sample(tmp_path)
    for article, quote, theme in [
        ("2", "AMRAAM", "missile-co-production"),
        ("5", "North Korea", "north-korea"),
        ("2", "Taiwan", "china"),
    ]:
        made = run(
            "--library",
            lib,
            "highlight",
            article,
            "--quote",
            quote,
            "--occurrence",
            "1",
            "--theme",
            theme,
        )
        assert made.returncode == 0, made.stderr

    def listed(*args: str) -> list[int]:
        result = run("--library", lib, "list", "--json", *args)
        assert result.returncode == 0, result.stderr
        return [a["id"] for a in json.loads(result.stdout)]

    def searched(*args: str) -> list[int]:
        result = run("--library", lib, "search", "--json", *args)
        assert result.returncode == 0, result.stderr
        return sorted(h["id"] for h in json.loads(result.stdout)["hits"])

    assert listed("--theme", "Regional reactions") == [2, 5]  # parent includes children
    assert listed("--theme", "china", "--theme", "north-korea") == [2, 5]  # --any by default
    assert listed("--theme", "china", "--theme", "north-korea", "--all") == []
    assert listed("--theme", "china", "--theme", "Defence industry", "--all") == [2]
    assert listed("--not-theme", "regional-reactions") == [1, 3, 4]
    assert listed("--theme", "regional-reactions", "--from", "2025") == []  # 2 and 5 undated
    assert searched("Japan", "--theme", "Regional reactions") == [2, 5]
    assert searched("Japan", "--theme", "china", "--theme", "north-korea") == [2, 5]
    assert searched("Japan", "--theme", "china", "--theme", "north-korea", "--all") == []
    assert searched("Japan", "--not-theme", "regional-reactions") == [1, 3, 4]
    assert searched("theme:regional-reactions") == [2, 5]
    unknown = run("--library", lib, "list", "--theme", "nonesuch")
    assert unknown.returncode == 0 and "no theme is called 'nonesuch'" in unknown.stderr
    assert run("--library", lib, "list", "--any", "--all").returncode == 2
    assert run("--library", lib, "list", "--from", "July").returncode == 2
    plain = run("--library", lib, "search", "AMRAAM").stdout
    assert "Missile co-production (1)" in plain
