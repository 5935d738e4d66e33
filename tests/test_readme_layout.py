"""The README's Layout section names every folder and loose module under ``reader/``.

Issue 12 found a README describing folders that did not exist; this keeps the map true
in both directions: nothing in the tree is missing from it, nothing in it is gone.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READER = ROOT / "reader"


def _layout_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Layout", 1)[1]
    return section.split("```", 2)[1]


def _named(block: str) -> set[str]:
    """Every ``name/`` and ``name.py`` the block mentions (``store_*.py`` as written)."""
    return set(re.findall(r"[A-Za-z_*]+(?:\.py|/)(?![A-Za-z])", block))


def _tree() -> set[str]:
    names: set[str] = set()
    for package in ("core", "ui"):
        for path in sorted((READER / package).iterdir()):
            if path.name.startswith("__"):
                continue
            if path.is_dir() and any(path.glob("*.py")):
                names.add(path.name + "/")
            elif path.suffix == ".py":
                names.add("store_*.py" if path.name.startswith("store_") else path.name)
    return names


def test_every_folder_and_module_of_core_and_ui_is_on_the_map() -> None:
    assert _tree() - _named(_layout_block()) == set()


def test_the_map_names_nothing_that_is_gone() -> None:
    block = _layout_block()
    known = _tree() | {p.name + "/" for p in ROOT.iterdir() if p.is_dir()}
    for top in (READER, ROOT / "tests"):
        known |= {p.name for p in top.rglob("*.py")}
        known |= {p.name + "/" for p in top.rglob("*") if p.is_dir()}
    assert _named(block) - known == set()


def test_every_source_path_the_readme_names_exists() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(
        re.findall(r"`((?:reader|benchmarks|packaging|tests)/[\w/.-]+\.(?:py|sh|spec))`", text)
    )
    assert named and {p for p in named if not (ROOT / p).exists()} == set()
