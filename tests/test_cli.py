"""The CLI as a user runs it: a separate process, fresh HOME, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str]) -> None:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("research-reader: error: ")
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"research-reader {__version__}"


def test_first_run_lists_the_sample_articles(_fresh_home: Path) -> None:
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 5
    assert all(a["title"] for a in articles)
    assert set(articles[0]) == {
        "id",
        "title",
        "date",
        "source",
        "author",
        "url",
        "path",
        "themes",
        "highlights",
    }
    by_file = {Path(a["path"]).name[:3]: a for a in articles}
    assert by_file["000"]["date"] == "2025-07-17"
    assert (_fresh_home / ".local/share/research-reader/library/library.sqlite3").exists()
    # A second run does not import the seeds again.
    assert len(json.loads(run("list", "--json").stdout)) == 5


def test_named_library_starts_empty_and_flag_goes_before_or_after(tmp_path: Path) -> None:
    lib = str(tmp_path / "mine")
    assert json.loads(run("--library", lib, "list", "--json").stdout) == []
    assert json.loads(run("list", "--library", lib, "--json").stdout) == []
    env = dict(os.environ, RESEARCH_READER_LIBRARY=lib)
    assert json.loads(run("--json", "list", env=env).stdout) == []


def test_import_show_and_exit_codes(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    story = tmp_path / "story.txt"
    story.write_text("Alliance Upgrade Announced\n\nMarch 3, 2025\n\nTokyo agreed to the upgrade.")
    result = run("--library", lib, "import", str(story), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["skipped"]) == (1, 0)
    article_id = summary["files"][0]["id"]

    shown = json.loads(run("--library", lib, "show", "alliance up", "--json").stdout)
    assert shown["id"] == article_id and shown["date"] == "2025-03-03"
    assert shown["text"] == "Tokyo agreed to the upgrade."
    assert (
        json.loads(run("--library", lib, "show", str(article_id), "--json").stdout)["id"]
        == article_id
    )

    again = run("--library", lib, "import", str(story))
    assert again.returncode == 0  # nothing to do is not a failure
    assert "0 imported, 0 updated, 1 skipped" in again.stdout

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    failed = run("--library", lib, "import", str(bad))
    assert failed.returncode == 1
    assert "empty file" in failed.stderr and "Traceback" not in failed.stderr

    usage = run("--library", lib, "import")
    assert usage.returncode == 2


def test_show_errors_are_one_line(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    for name, title in (("a.txt", "Alliance Upgrade One"), ("b.txt", "Alliance Upgrade Two")):
        (tmp_path / name).write_text(f"{title}\n\nBody of {title}.")
        run("--library", lib, "import", str(tmp_path / name))
    missing = run("--library", lib, "show", "Nothing like this")
    assert missing.returncode == 1
    assert_one_line_error(missing)
    ambiguous = run("--library", lib, "show", "Alliance")
    assert ambiguous.returncode == 1
    assert_one_line_error(ambiguous)
    assert "matches 2 articles" in ambiguous.stderr


def test_broken_store_gives_one_line_error_and_is_left_alone(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    store = lib / "library.sqlite3"
    store.write_bytes(b"this is not a database" * 100)
    result = run("--library", str(lib), "list")
    assert result.returncode == 1
    assert_one_line_error(result)
    assert str(store) in result.stderr
    assert store.read_bytes() == b"this is not a database" * 100


@pytest.mark.parametrize("args", [["list"], ["show", "1"]])
def test_library_path_that_is_a_file_is_refused(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    result = run("--library", str(path), *args)
    assert result.returncode == 1
    assert_one_line_error(result)
