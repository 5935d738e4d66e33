"""One Cancelled error, one progress/cancel protocol and one atomic_write for the core."""

from __future__ import annotations

import ast
import stat
from pathlib import Path

import pytest

from reader.core.errors import Cancelled, ReaderError
from reader.core.export import ExportCancelled, ExportError
from reader.core.files import atomic_write, atomic_write_via, replace_folder
from reader.core.progress import raise_if_cancelled
from reader.core.search import IndexCancelled

CORE = Path(__file__).resolve().parents[1] / "reader" / "core"


def test_every_cancellation_is_one_error_the_user_can_read() -> None:
    assert issubclass(IndexCancelled, Cancelled) and issubclass(ExportCancelled, Cancelled)
    assert issubclass(ExportCancelled, ExportError) and issubclass(Cancelled, ReaderError)
    raise_if_cancelled(None, "import")
    raise_if_cancelled(lambda: False, "import")
    with pytest.raises(Cancelled, match=r"^export cancelled$"):
        raise_if_cancelled(lambda: True, "export")
    assert str(IndexCancelled()) == "cancelled"  # raised bare, still one line to show


def _sources() -> dict[str, ast.Module]:
    return {
        str(p.relative_to(CORE)): ast.parse(p.read_text(encoding="utf-8"))
        for p in CORE.rglob("*.py")
    }


def test_the_progress_and_cancel_types_are_defined_once() -> None:
    defined: dict[str, list[str]] = {}
    for name, tree in _sources().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in {
                        "ProgressCallback",
                        "CancelCheck",
                    }:
                        defined.setdefault(target.id, []).append(name)
            elif isinstance(node, ast.ClassDef) and node.name.endswith("Cancelled"):
                bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                if node.name != "Cancelled" and "Cancelled" not in bases:
                    defined.setdefault("a Cancelled that is not a Cancelled", []).append(name)
    assert defined == {"ProgressCallback": ["progress.py"], "CancelCheck": ["progress.py"]}


def test_files_are_replaced_only_through_atomic_write() -> None:
    """Renaming into place or fsyncing by hand is an atomic write of one's own: the
    index's record and folder swap and the backups went through reader.core.files too."""
    replacing = {
        name
        for name, tree in _sources().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"replace", "rename", "fsync"}
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "os"
    }
    assert replacing - {"files.py"} == set()


def test_atomic_write_replaces_whole_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "themes.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    assert atomic_write(target, "new\nlines\n") == target
    assert target.read_bytes() == b"new\nlines\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    atomic_write(tmp_path / "fresh.bin", b"\x00\x01")
    assert (tmp_path / "fresh.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.bin", "themes.yaml"]


def test_an_abandoned_write_leaves_the_old_file_and_no_scratch(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("kept", encoding="utf-8")

    def refuse() -> None:
        raise ReaderError("changed while we wrote")

    with pytest.raises(ReaderError):
        atomic_write(target, "lost", before_replace=refuse)
    assert target.read_text(encoding="utf-8") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_a_file_written_by_another_writer_is_put_in_place_whole(tmp_path: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    target.write_bytes(b"old")
    target.chmod(0o600)

    def made_again(scratch: Path) -> None:  # as SQLite's backup does: its own file
        scratch.unlink()
        scratch.write_bytes(b"new")

    assert atomic_write_via(target, made_again) == target
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o600

    def half(scratch: Path) -> None:
        scratch.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic_write_via(target, half)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["copy.sqlite3"]


def test_a_rebuilt_folder_takes_the_old_ones_place(tmp_path: Path) -> None:
    live, fresh = tmp_path / "index", tmp_path / "index.new-1"
    fresh.mkdir()
    (fresh / "b").write_text("fresh", encoding="utf-8")
    replace_folder(live, fresh)  # nothing there yet
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
    again = tmp_path / "index.new-2"
    again.mkdir()
    (again / "c").write_text("again", encoding="utf-8")
    replace_folder(live, again)
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
    assert [p.name for p in live.iterdir()] == ["c"]
