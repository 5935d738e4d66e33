"""Locate the runtime assets (``resources/`` and ``seeds/``).

In a wheel they are packaged inside ``reader/`` (see ``pyproject.toml``'s force-include);
in a source checkout or an editable install they sit at the top of the repository.
Both layouts are tried, wheel first, so the same code serves every install.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = "reader"


@cache
def _asset_dir(name: str) -> Path:
    # importlib.resources (with tempfile, shutil, random…) only when an asset is asked
    # for: every command imports this module, few of them need an asset.
    from importlib import resources

    packaged = Path(str(resources.files(_PACKAGE))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"Research Reader cannot find its '{name}' folder (looked in {packaged} and "
        f"{checkout}); reinstall the package."
    )


def resources_dir() -> Path:
    """The folder of icons, style sheets and the default theme taxonomy."""
    return _asset_dir("resources")


def seeds_dir() -> Path:
    """The folder of sample articles imported into a new default library."""
    return _asset_dir("seeds")


def seed_files() -> list[Path]:
    """The sample articles, in a stable order."""
    return sorted(p for p in seeds_dir().iterdir() if p.is_file() and not p.name.startswith("."))
