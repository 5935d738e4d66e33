"""Issue 16 part B: hostile input never stops the app, a batch or a command.

Items 4, 5, 6 and 12's encodings (files, YAML and other bombs, themes.yaml), each as
reported; hostile files are generated deterministically (tests/fault_inputs.py). Items
7, 8 and 12's W3C files are in test_faults_annotations.py, item 3 and the window's side
of item 6 in test_gui_faults_input.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from reader.core.annotations import highlights as hl
from reader.core.importing.importer import import_paths
from reader.core.library import Library
from reader.core.themes import Taxonomy, Theme
from reader.core.themes.file import load_taxonomy
from reader.core.themes.taxonomy import structure_problems
from reader.core.views import load_views
from tests.fault_inputs import (
    ALIAS_BOMB,
    BROKEN_THEMES,
    GOOD_THEMES,
    assert_no_internal_error,
    chain_themes,
    cli,
    mutated_article,
    mutated_themes,
)

BODY = (
    "Tokyo and Washington agreed on Thursday to upgrade the alliance's command structure.\n\n"
    "The plan gives the joint headquarters new authority over exercises and logistics."
)
STATUSES = {"imported", "updated", "unchanged", "duplicate", "failed"}


# -- item 4: one bad file never aborts an import ----------------------------------------


def test_bad_files_each_get_one_line_and_the_batch_goes_on(
    empty_library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Good Headline Here\n\n" + BODY)
    (folder / "bad-date.md").write_text(
        "---\ndate: 2025-13-45\ntitle: Bad Date\n---\n" + BODY.replace("Tokyo", "Nagoya")
    )
    (folder / "loop.md").symlink_to(folder / "loop.md")
    (folder / "target").write_text("Linked Headline Here\n\n" + BODY.replace("Tokyo", "Osaka"))
    (folder / "linked.md").symlink_to(folder / "target")  # the target has no extension
    (folder / "dangling.txt").symlink_to(folder / "missing")
    odd = os.fsencode(folder) + b"/caf\xe9-latin1.txt"  # a name that is not UTF-8
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write("Odd Name Headline\n\n" + BODY.replace("Tokyo", "Kyoto"))
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (tmp_path / "notes").symlink_to(folder / "good.txt")  # named on its own, no suffix
    report = empty_library.import_paths([folder, folder / "loop.md", tmp_path / "notes"])
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert by_name["good.txt"].status in ("imported", "unchanged")
    assert len([o for o in report.outcomes if o.path.endswith("good.txt")]) == 1  # once
    assert by_name["bad-date.md"].status == "imported"  # the date is just not a date
    assert by_name["bad-date.md"].title == "Bad Date"
    assert by_name["target"].status == "imported"  # parsed as the link's type (.md)
    assert by_name["caf\\xe9-latin1.txt"].status == "imported"
    assert "loop" in by_name["loop.md"].reason and by_name["loop.md"].status == "failed"
    assert by_name["pipe.txt"].reason.startswith("not a regular file")
    for outcome in report.outcomes:
        assert outcome.status in STATUSES and "\n" not in outcome.reason
    json.dumps([o.path for o in report.outcomes]).encode("utf-8")  # printable and storable


def test_cli_import_of_a_hostile_folder_prints_its_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in range(60):
        kind = ("md", "txt", "html")[seed % 3]
        (folder / f"f{seed:03}.{kind}").write_bytes(mutated_article(seed, kind))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    with open(os.fsencode(folder) + b"/\xff\xfe.md", "w") as handle:
        handle.write("Strange Name Headline\n\n" + BODY)
    result = cli("import", str(folder), library=tmp_path / "lib")
    assert_no_internal_error(result)
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1].endswith("failed)")  # the summary line


@pytest.mark.slow
def test_fuzzed_articles_cost_only_their_own_file(empty_library: Library, tmp_path: Path) -> None:
    """2,000 mutated files: every one ends as an outcome with a one-line reason, and no
    parser ever crashes (a crash would read 'please report this file')."""
    folder = tmp_path / "fuzz"
    folder.mkdir()
    kinds = ["md", "txt", "md", "txt", "md", "html"] * 333 + ["md", "txt"]
    for seed, kind in enumerate(kinds):
        (folder / f"f{seed:04}.{kind}").write_bytes(mutated_article(seed, kind))
    start = time.monotonic()
    report = import_paths(empty_library.store, [folder])
    elapsed = time.monotonic() - start
    assert len(report.outcomes) == len(kinds) == 2000
    crashed = [(o.path, o.reason) for o in report.outcomes if "please report" in o.reason]
    assert crashed == []
    assert all(o.status in STATUSES and "\n" not in o.reason for o in report.outcomes)
    assert report.imported > 1000  # mutations spare most articles
    assert elapsed < 400, f"{elapsed:.0f} s"
    for o in report.outcomes:
        if o.title is not None:
            assert len(o.title) <= 500


# -- item 5: YAML alias bombs and other bombs --------------------------------------------

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
{setup}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
{action}
seconds = time.perf_counter() - start
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({{"seconds": seconds, "grown_mb": grown / 1024}}))
"""


def measured(setup: str, action: str) -> dict[str, float]:
    """Run ``action`` in a fresh interpreter after ``setup``; its time and peak-memory growth."""
    code = _MEASURE.format(setup=setup, action=action)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_front_matter_alias_bomb_is_refused_fast_in_bounded_memory(tmp_path: Path) -> None:
    (tmp_path / "warm.md").write_text("---\ntitle: Warm Up\n---\n" + BODY)
    bomb = tmp_path / "bomb.md"
    bomb.write_text("---\n" + ALIAS_BOMB + "\ntitle: *i\n---\n" + BODY)
    assert len(bomb.read_bytes()) < 1000
    setup = (
        "from reader.core.library import Library\n"
        f"lib = Library.open(Path({str(tmp_path / 'lib')!r}))\n"
        f"lib.import_paths([Path({str(tmp_path / 'warm.md')!r})])\n"
    )
    action = (
        f"report = lib.import_paths([Path({str(bomb)!r})])\n"
        "assert report.outcomes[0].status == 'failed', report.outcomes\n"
        "assert 'alias' in report.outcomes[0].reason\n"
    )
    cost = measured(setup, action)
    assert cost["seconds"] < 1.0 and cost["grown_mb"] < 50, cost


@pytest.mark.parametrize("name", ["bomb-name", "bomb-version", "bomb-key", "deep", "huge-int"])
def test_themes_yaml_bombs_are_refused_fast_in_bounded_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(BROKEN_THEMES[name], encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD_THEMES, encoding="utf-8")
    setup = (
        "from reader.core.themes.file import load_taxonomy\n"
        "from reader.core.themes.taxonomy import TaxonomyError\n"
        f"load_taxonomy(Path({str(tmp_path / 'good.yaml')!r}))\n"
    )
    action = (
        "try:\n"
        f"    load_taxonomy(Path({str(path)!r}))\n"
        "    raise SystemExit('accepted')\n"
        "except TaxonomyError as exc:\n"
        "    assert ':' in str(exc)\n"
    )
    cost = measured(setup, action)
    assert cost["seconds"] < 1.0 and cost["grown_mb"] < 50, cost


def test_gzip_bomb_page_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * 2**20
    data = b"".join(packer.compress(zeros) for _ in range(400)) + packer.flush()  # 400 MB
    bomb = tmp_path / "bomb.html"
    bomb.write_bytes(data)
    setup = (
        "from reader.core.importing.importer import read_draft\n"
        f"read_draft(Path({str(bomb)!r}).with_name('missing.html'))\n"
    )
    action = (
        f"outcome = read_draft(Path({str(bomb)!r}))\n"
        "assert outcome.status == 'failed' and 'expands' in outcome.reason, outcome\n"
    )
    cost = measured(setup, action)
    assert cost["seconds"] < 1.0 and cost["grown_mb"] < 100, cost


def test_imported_fields_are_bounded(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(
        "---\ntitle: "
        + "Long " * 5000
        + "\nauthor: "
        + "A" * 5000
        + "\nurl: https://x.org/"
        + "p" * 5000
        + "\ncategories: ["
        + ", ".join(f"c{i}" for i in range(500))
        + "]\n---\n"
        + BODY
    )
    report = empty_library.import_paths([path])
    article = empty_library.store.article(report.outcomes[0].article_id or 0)
    assert len(article.title) <= 500 and len(article.author or "") <= 300
    assert len(article.url or "") <= 2000 and len(article.categories) <= 50


# -- item 6: themes.yaml problems of every kind ------------------------------------------


@pytest.mark.parametrize("name", sorted(BROKEN_THEMES))
def test_cli_runs_on_the_last_good_themes_whatever_breaks_the_file(
    tmp_path: Path, name: str
) -> None:
    library = tmp_path / "lib"
    assert cli("list", library=library).returncode == 0
    themes = library / "themes.yaml"
    themes.write_text(GOOD_THEMES, encoding="utf-8")
    assert "Alpha" in cli("themes", "list", library=library).stdout  # read once: kept
    text = BROKEN_THEMES[name]
    themes.write_bytes(text.encode("latin-1" if name == "not-utf8" else "utf-8"))
    start = time.monotonic()
    result = cli("themes", "list", library=library)  # a new process: nothing in memory
    assert time.monotonic() - start < 10
    assert_no_internal_error(result)
    assert result.returncode == 0, result.stderr
    assert "Alpha" in result.stdout
    assert f"{themes}:" in result.stderr or f"{themes}" in result.stderr
    check = cli("themes", "check", library=library)
    assert_no_internal_error(check)
    assert check.returncode != 0
    assert themes.read_bytes() == text.encode("latin-1" if name == "not-utf8" else "utf-8")


def test_mutated_themes_files_load_or_are_reported(tmp_path: Path) -> None:
    """600 mutations of the default taxonomy: each loads or raises TaxonomyError with
    file:line (before: 16 of 3,000 raised PyYAML's own error, an internal error)."""
    from reader.core.themes.file import default_taxonomy_file, parse_taxonomy
    from reader.core.themes.taxonomy import TaxonomyError

    base = default_taxonomy_file().read_text(encoding="utf-8")
    for seed in range(600):
        try:
            parse_taxonomy(mutated_themes(base, seed), "themes.yaml")
        except TaxonomyError as exc:
            assert str(exc).startswith("themes.yaml") and "\n" not in str(exc), seed


def test_control_character_is_reported_with_its_line(tmp_path: Path) -> None:
    from reader.core.themes.taxonomy import TaxonomyError

    for char in ("\x00", "\x07"):
        path = tmp_path / "themes.yaml"
        path.write_text(f"version: 1\nthemes:\n  - id: a\n    name: A{char}\n", encoding="utf-8")
        with pytest.raises(TaxonomyError) as caught:
            load_taxonomy(path)
        assert str(caught.value).startswith(f"{path}:4: control character U+00")


def test_a_2000_deep_parent_chain_is_checked_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(chain_themes(2000), encoding="utf-8")
    start = time.monotonic()
    taxonomy, _ = load_taxonomy(path)
    assert time.monotonic() - start < 2.0
    start = time.monotonic()
    assert structure_problems(taxonomy.themes) == []
    ordered = taxonomy.ordered()
    assert len(taxonomy.ancestors("t1999")) == 1999
    assert time.monotonic() - start < 0.5
    assert [depth for _, depth in ordered][-1] == 1999
    themes = (*taxonomy.themes[:-1], Theme("t1999", "Last", parent="t1998"), Theme("t0x", "X"))
    looped = [Theme("t0", "Zero", parent="t1999"), *themes[1:]]
    problems = structure_problems(looped)
    assert len(problems) == 1 and problems[0][2].startswith("parent cycle: t0 → t1999 → t1998")


def test_views_json_nested_too_deeply_is_a_one_line_problem(tmp_path: Path) -> None:
    from reader.core.errors import ReaderError

    (tmp_path / "views.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ReaderError):
        load_views(tmp_path)


# -- item 12 (part B): encodings ------------------------------------------------------


def test_bomless_utf16_japanese_and_iso2022jp_import(
    empty_library: Library, tmp_path: Path
) -> None:
    japanese = (
        "日米同盟の指揮統制を強化\n\n"
        "日本政府と米国政府は木曜日、同盟の指揮統制の枠組みを強化することで合意した。"
        "新たな統合司令部は演習と補給に関する権限を持つ。"
    )
    (tmp_path / "le.txt").write_bytes(japanese.encode("utf_16_le"))
    (tmp_path / "be.txt").write_bytes(japanese.replace("木曜日", "金曜日").encode("utf_16_be"))
    (tmp_path / "jis.txt").write_bytes(japanese.replace("木曜日", "水曜日").encode("iso2022_jp"))
    report = empty_library.import_paths(sorted(tmp_path.glob("*.txt")))
    assert [o.status for o in report.outcomes] == ["imported"] * 3, report.outcomes
    for outcome in report.outcomes:
        article = empty_library.store.article(outcome.article_id or 0)
        assert article.title == "日米同盟の指揮統制を強化"
        assert "同盟の指揮統制の枠組み" in article.text


def test_a_taxonomy_made_in_the_app_survives_its_own_file(empty_library: Library) -> None:
    taxonomy = Taxonomy((Theme("a", "A", description="tab\there \x07 bell"),))
    empty_library.save_taxonomy(taxonomy)
    assert load_taxonomy(empty_library.themes_path)[0] == taxonomy
    assert (empty_library.root / "themes.last-good.yaml").is_file()


def test_theme_counts_on_a_deep_chain_are_fast_and_as_by_descendants(
    sample_library: Library,
) -> None:
    from reader.core.themes import theme_counts
    from tests.export_helpers import annotate

    annotate(sample_library)
    taxonomy = sample_library.taxonomy
    counts = theme_counts(sample_library.store, taxonomy)
    for theme in taxonomy.themes:  # the definition: the theme and all below it
        below = taxonomy.descendants(theme.id)
        hids = {h.id for h in hl.all_highlights(sample_library.store) if set(h.themes) & below}
        assert counts[theme.id][0] == len(hids), theme.id
    chain = Taxonomy(
        tuple(Theme(f"t{i}", f"T{i}", parent=f"t{i - 1}" if i else None) for i in range(2000))
    )
    start = time.monotonic()
    theme_counts(sample_library.store, chain)
    assert time.monotonic() - start < 1.0
