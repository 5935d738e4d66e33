"""The one table of import parsers: every list of importable files derives from it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.cli import build_parser
from reader.core.importing.importer import collect_files
from reader.core.importing.registry import (
    FORMATS,
    PARSERS,
    SUPPORTED_SUFFIXES,
    dialog_filter,
    readme_table,
    suffix_summary,
)

ROOT = Path(__file__).resolve().parents[1]


def test_suffixes_are_unique_lower_case_and_dotted() -> None:
    assert len(SUPPORTED_SUFFIXES) == len(set(SUPPORTED_SUFFIXES)) == len(PARSERS)
    assert all(s.startswith(".") and s == s.lower() for s in SUPPORTED_SUFFIXES)


def test_readme_supported_formats_table_is_the_registrys() -> None:
    assert readme_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_dialog_filter_lists_every_suffix_once_together_and_per_format() -> None:
    lines = dialog_filter().split(";;")
    assert lines[0].startswith("Articles (")
    assert all(f"*{s}" in lines[0] for s in SUPPORTED_SUFFIXES)
    assert len(lines) == len(FORMATS) + 1


def test_cli_help_names_the_registrys_formats() -> None:
    sub = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert suffix_summary() in sub.choices["import"].description


def test_collect_files_takes_exactly_the_registered_suffixes(tmp_path: Path) -> None:
    for suffix in (*SUPPORTED_SUFFIXES, ".png", ".docx"):
        (tmp_path / f"a{suffix.replace('.', '_')}{suffix.upper()}").write_text("x")
    files, problems = collect_files([tmp_path])
    assert sorted(p.suffix.lower() for p in files) == sorted(SUPPORTED_SUFFIXES)
    assert not problems


def test_an_unsupported_file_names_the_supported_suffixes(tmp_path: Path) -> None:
    bad = tmp_path / "a.docx"
    bad.write_text("x")
    _, problems = collect_files([bad])
    assert "unsupported file type '.docx'" in problems[0].reason
    assert all(s in problems[0].reason for s in SUPPORTED_SUFFIXES)


def test_registry_prints_the_readme_table() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "reader.core.importing.registry"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == readme_table()
