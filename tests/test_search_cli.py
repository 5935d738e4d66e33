"""``research-reader search`` and ``reindex`` as a user runs them: separate processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, run

HEAVY = ("PySide6", "shiboken6", "trafilatura", "charset_normalizer", "lxml")
#: Modules a search never uses, each measured at 1-15 ms of its start-up (issue 13: a
#: whole-process search within 100 ms): the importer chain and the other commands (a
#: parser is built for the named command only), the network stack whoosh.compat and
#: cached_property would pull in, bulk indexing's processes, importlib.resources (for
#: seeding), _strptime (backup names), OpenSSL (whoosh's md5: the built-in one serves),
#: and PyYAML once themes.yaml was parsed (its parsed form is kept in the cache folder);
#: inspect (dataclasses asks it for a signature only for a class without a docstring:
#: give every dataclass on this path one), theme editing and undo (reader.core.themes
#: loads a module when one of its names is used), and what whoosh imports for functions
#: a search never calls: queue, html's entity table, calendar (see lean_imports.py);
#: urllib.parse (pathlib's as_uri, see lean_start.py), difflib and safe_yaml (themes.yaml
#: is parsed only when its parsed form is not cached).
NOT_FOR_A_SEARCH = (
    "yaml",
    "inspect",
    "queue",
    "html",
    "calendar",
    "urllib.parse",
    "difflib",
    "reader.core.safe_yaml",
    "reader.core.themes.editing",
    "reader.core.themes.undo",
    "reader.core.importing",
    "reader.core.feeds",
    "reader.core.export",
    "reader.commands.articles",
    "reader.commands.editing",
    "reader.commands.export",
    "reader.commands.feeds",
    "reader.commands.backup",
    "reader.commands.themes",
    "urllib.request",
    "http.client",
    "ssl",
    "email",
    "socket",
    "asyncio",
    "multiprocessing",
    "subprocess",
    "ctypes",
    "whoosh.multiproc",
    "whoosh.lang.morph_en",
    "importlib.resources",
    "_strptime",
    "_hashlib",
)


def sample_library(tmp_path: Path) -> str:
    """A library with the five sample articles, made through the CLI."""
    lib = tmp_path / "lib"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = run("--library", str(lib), "import", str(seeds))
    assert result.returncode == 0, result.stderr
    return str(lib)


def test_search_json_has_the_documented_shape(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    result = run("--library", lib, "search", "AMRAAM", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "total_estimated", "hits", "themes", "suggestion"}
    assert data["query"] == "AMRAAM" and data["total"] == 1 and data["suggestion"] is None
    hit = data["hits"][0]
    assert set(hit) == {"id", "title", "date", "score", "snippets", "themes"}
    assert any("<mark>AMRAAM</mark>" in s for s in hit["snippets"])
    assert isinstance(hit["score"], float) and hit["themes"] == []

    # --json and --library go before or after the subcommand.
    same = run("--json", "search", "AMRAAM", "--library", lib)
    assert json.loads(same.stdout) == data


def test_search_options_and_plain_output(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    phrase = json.loads(
        run(
            "--library",
            lib,
            "search",
            '"Joint Force Headquarters"',
            "--json",
            "--sort",
            "date",
            "--limit",
            "1",
        ).stdout
    )
    assert phrase["total"] == 2 and len(phrase["hits"]) == 1
    plain = run("--library", lib, "search", "AMRAAM")
    assert plain.returncode == 0
    assert "[AMRAAM]" in plain.stdout and "<mark>" not in plain.stdout  # not a terminal
    assert "1 article found" in plain.stdout
    misspelt = run("--library", lib, "search", "headquaters")
    assert "did you mean: headquarters" in misspelt.stdout
    themed = json.loads(
        run("--library", lib, "search", "Japan", "--theme", "nonesuch", "--json").stdout
    )
    assert themed["total"] == 0
    assert run("--library", lib, "search", "x", "--limit", "-3").returncode == 2
    assert run("--library", lib, "search", "x", "--sort", "size").returncode == 2


def test_bad_queries_answer_without_a_traceback(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    for query in ('"unclosed', "((", "*", "colour:red", "date:[", ""):
        result = run("--library", lib, "search", query, "--json")
        assert result.returncode == 0, (query, result.stderr)
        assert json.loads(result.stdout)["query"] == query


def test_deleted_index_is_rebuilt_by_the_next_command(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    before = [
        run("--library", lib, "search", q, "--json").stdout
        for q in ("AMRAAM", "deterr*", "missle~")
    ]
    shutil.rmtree(Path(lib) / "index")
    after = [
        run("--library", lib, "search", q, "--json").stdout
        for q in ("AMRAAM", "deterr*", "missle~")
    ]
    assert after == before
    assert (Path(lib) / "index").is_dir()


def test_reindex(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    result = run("--library", lib, "reindex")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("indexed 5 articles")
    assert json.loads(run("--library", lib, "reindex", "--json").stdout)["indexed"] == 5
    blocked = Path(tmp_path / "file")
    blocked.write_text("x")
    failed = run("--library", str(blocked), "reindex")
    assert failed.returncode == 1
    assert_one_line_error(failed)


def test_the_search_path_imports_no_qt_and_no_import_only_library(tmp_path: Path) -> None:
    lib = sample_library(tmp_path)
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"main(['--library', {lib!r}, 'search', 'AMRAAM', '--json'])\n"
        f"print('HEAVY', sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
        "print('NEEDLESS', sorted(m for m in sys.modules if m.startswith("
        f"{tuple(n + '.' for n in NOT_FOR_A_SEARCH)!r}) or m in {NOT_FOR_A_SEARCH!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-2:] == ["HEAVY []", "NEEDLESS []"]
    assert "<mark>AMRAAM</mark>" in out.stdout


def test_the_search_command_gives_the_windows_answer(tmp_path: Path) -> None:
    """The command's total, order and theme counts (sub-themes rolled up) are those of
    filtering.answer, which the window's search box and themes pane show."""
    from reader.core.filtering import LibraryFilter, answer
    from reader.core.library import Library

    lib = sample_library(tmp_path)
    for args in (["Regional reactions"], ["China", "--parent", "Regional reactions"]):
        assert run("--library", lib, "themes", "add", *args).returncode == 0
    tagged = run("--library", lib, "tag", "1", "2", "--theme", "China")
    assert tagged.returncode == 0, tagged.stderr
    for query, flags in (("Japan", []), ("Japan", ["--theme", "regional-reactions"])):
        shown = json.loads(run("--library", lib, "search", query, *flags, "--json").stdout)
        with Library.open(Path(lib)) as library:
            got = answer(library, LibraryFilter(query, any_of=tuple(flags[1:])))
        assert shown["total"] == got.total
        assert [h["id"] for h in shown["hits"]] == [h.id for h in got.hits]
        assert shown["themes"] == {t: n for t, (_, n) in got.theme_counts.items() if n}
        assert shown["themes"]["regional-reactions"] == shown["themes"]["china"] > 0


def test_the_themes_package_loads_its_modules_when_their_names_are_used() -> None:
    """reader.core.themes names each module's functions but imports a module only when
    one of its names is first used (a search must not load theme editing and undo)."""
    import importlib

    import reader.core.themes as themes

    assert sorted(themes._HOMES) == sorted(themes.__all__)
    for name, module in themes._HOMES.items():
        home = importlib.import_module(f"reader.core.themes.{module}")
        assert getattr(themes, name) is getattr(home, name)
    with pytest.raises(AttributeError):
        _ = themes.no_such_name


def test_what_whoosh_gets_in_place_of_deferred_modules_still_works() -> None:
    """The stand-ins lean_imports gives whoosh load the real module when used."""
    import importlib
    import queue

    importlib.import_module("reader.core.search")  # whoosh, through lean_imports
    compat = importlib.import_module("whoosh.compat")
    times = importlib.import_module("whoosh.util.times")

    assert compat.queue.Queue is queue.Queue
    assert times.calendar.monthrange(2024, 2) == (3, 29)
    assert compat.htmlescape("<a & b>") == "&lt;a &amp; b&gt;"


def test_a_search_ends_cleanly_when_its_reader_has_gone(tmp_path: Path) -> None:
    """A brief command ends the process itself, after flushing its output (cli._end_now):
    the whole answer arrives, and a reader that closed the pipe early (| head) gets no
    error and exit code 0."""
    lib = sample_library(tmp_path)
    argv = [sys.executable, "-m", "reader", "--library", lib, "search", "AMRAAM", "--json"]
    whole = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(whole.stdout)["total"] == 1 and not whole.stderr
    gone = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert gone.stdout is not None and gone.stderr is not None
    gone.stdout.close()
    assert gone.wait(timeout=120) == 0
    assert gone.stderr.read() == b""
    gone.stderr.close()
