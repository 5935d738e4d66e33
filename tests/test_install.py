"""A non-editable install finds its seeds and resources without the source checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_finds_seeds_and_resources(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    site = tmp_path / "site"
    wheel = next(wheels.glob("research_reader-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = dict(
        os.environ,
        PYTHONPATH=str(site),
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
    )
    code = (
        "import json, reader\n"
        "from reader.core.assets import resources_dir, seeds_dir, seed_files\n"
        "print(json.dumps([reader.__file__, str(resources_dir()), str(seeds_dir()),\n"
        "                  len(seed_files()),\n"
        "                  (resources_dir() / 'icons' / 'research-reader.svg').is_file()]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    module, resources, seeds, count, icon = json.loads(out.stdout)
    assert module.startswith(str(site))
    assert resources.startswith(str(site)) and seeds.startswith(str(site))
    assert count == 5 and icon
    listing = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--json"],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert len(json.loads(listing.stdout)) == 5
