"""Fault suite, item 12 (export side): --force replaces a regular file only, and
unwritable or over-long destinations get a one-line reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fault_helpers import build_library, run_main


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    build_library(tmp_path / "lib", 3).close()
    return tmp_path / "lib"


def _export(capsys: object, lib: Path, target: Path, *extra: str) -> tuple[int, str]:
    code, _, err = run_main(
        capsys, "--library", str(lib), "export", "--format", "md", "-o", str(target), *extra
    )
    if code:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "internal error" not in err, err
    return code, err


def test_force_never_replaces_a_symlink(lib: Path, tmp_path: Path, capsys: object) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    link = tmp_path / "out.md"
    link.symlink_to(precious)
    code, err = _export(capsys, lib, link, "--force")
    assert code == 1 and "symbolic link" in err
    assert link.is_symlink() and precious.read_text() == "keep me"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere")
    code, err = _export(capsys, lib, dangling)
    assert code == 1 and dangling.is_symlink()


def test_force_never_replaces_a_device_or_pipe(lib: Path, tmp_path: Path, capsys: object) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, err = _export(capsys, lib, fifo, "--force")
    assert code == 1 and "not a regular file" in err
    code, err = _export(capsys, lib, Path("/dev/null"), "--force")
    assert code == 1 and "not a regular file" in err
    assert Path("/dev/null").is_char_device()


def test_force_replaces_a_regular_file(lib: Path, tmp_path: Path, capsys: object) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    code, _ = _export(capsys, lib, target, "--force")
    assert code == 0 and target.read_text() != "old"


def test_a_name_of_300_characters(lib: Path, tmp_path: Path, capsys: object) -> None:
    code, err = _export(capsys, lib, tmp_path / ("n" * 300 + ".md"))
    assert code == 1 and "too long" in err


def test_an_unwritable_destination(lib: Path, capsys: object) -> None:
    target = Path("/proc/self/research-reader-export.md")  # even root cannot write here
    code, err = _export(capsys, lib, target)
    assert code == 1 and "cannot write" in err
