"""One table of export formats: the CLI, the dialog and the documents all follow it."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli import build_parser
from reader.core.export.formats import BY_KEY, REGISTRY, find, markdown_table

ROOT = Path(__file__).resolve().parents[1]


def _export_parser() -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices["export"]


def test_cli_choices_and_help_come_from_the_registry() -> None:
    fmt = next(a for a in _export_parser()._actions if a.dest == "format")
    assert fmt.choices is not None
    assert [f.key for f in REGISTRY] == list(fmt.choices)[: len(REGISTRY)]
    assert all(f.key in (fmt.help or "") for f in REGISTRY)


def test_aliases_and_suffixes() -> None:
    found = find("markdown")
    assert found is not None and found.key == "md"
    w3c = find("w3c")
    assert w3c is not None and w3c.key == "json"
    assert find(".BIB") is BY_KEY["bibtex"] and find("nope") is None
    assert len({f.key for f in REGISTRY}) == len(REGISTRY)


def test_documents_show_the_registry_table() -> None:
    table = markdown_table()
    for doc in ("README.md", "docs/export.md"):
        assert table in (ROOT / doc).read_text(encoding="utf-8"), (
            f"{doc}: paste `python -m reader.core.export.formats` over its format table"
        )


def test_the_dialog_lists_every_format(qapp: object) -> None:
    from reader.ui.dialogs.export_dialog import FORMAT_NAMES

    assert list(FORMAT_NAMES) == [f.key for f in REGISTRY]


def test_building_the_cli_loads_the_registry_but_no_renderer() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from reader.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith('reader.core.export.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "['reader.core.export.formats', 'reader.core.export.options']"
