"""Import files and folders into a library's store.

Each file is parsed first (no writes) and then stored in one transaction, so a bad file
is skipped with a reason and never half-imported, and one bad file never stops a batch.
Progress is reported through a callback and a cancel check, both optional, so the CLI
and a Qt worker drive the same code.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reader.core.errors import ReaderError, StoreDamagedError, StoreFullError
from reader.core.importing.fetch import is_web_address
from reader.core.importing.limits import bounded, one_line
from reader.core.importing.parallel import parsed_files
from reader.core.importing.progress import page_progress
from reader.core.importing.registry import MAX_BYTES, PARSERS, SUPPORTED_SUFFIXES
from reader.core.importing.storing import store_draft
from reader.core.models import ArticleDraft, FileOutcome, ImportReport
from reader.core.progress import CancelCheck, ProgressCallback  # (files done, in all, file)
from reader.core.store import Store

MAX_FILE_BYTES = 20 * 1024 * 1024


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand folders (recursively, skipping hidden entries) into supported files.

    Returns the files to import and outcomes for named paths that cannot be imported
    (missing, or a file of an unsupported type). Unsupported files found inside a folder
    are passed over quietly: a folder of saved pages also holds their images.
    """
    files: list[Path] = []
    problems: list[FileOutcome] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root, name)
                    if not name.startswith(".") and candidate.suffix.lower() in PARSERS:
                        _add_unique(files, seen, candidate)
        elif path.is_file():
            if path.suffix.lower() in PARSERS or _target_suffix(path) in PARSERS:
                _add_unique(files, seen, path)
            else:
                problems.append(
                    FileOutcome(
                        str(path),
                        "failed",
                        f"unsupported file type '{path.suffix or '(none)'}'; "
                        f"import {', '.join(SUPPORTED_SUFFIXES)} files",
                    )
                )
        else:
            problems.append(FileOutcome(str(path), "failed", "no such file or folder"))
    return files, problems


def import_paths(
    store: Store,
    paths: Iterable[Path | str],
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    procs: int = 1,
) -> ImportReport:
    """Import ``paths`` (files, folders or web addresses) into ``store`` and report every
    one's outcome. With ``procs`` > 1 a large batch of files is parsed by that many
    worker processes while this one stores (``parallel.py``); the window passes 1."""
    given = list(paths)
    urls = [str(p) for p in given if is_web_address(p)]
    found, problems = collect_files([Path(p) for p in given if not is_web_address(p)])
    files: list[Path | str] = [*found, *urls]
    report = ImportReport(outcomes=list(problems))
    with store.many_commits():  # each file still its own transaction (see there)
        _import_each(store, files, report, progress, cancelled, procs)
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report


def _import_each(
    store: Store,
    files: list[Path | str],
    report: ImportReport,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
    procs: int,
) -> None:
    # Read lazily, at next(), unless worker processes parse ahead: a page reporter
    # then sees the pages of a file read here.
    ahead = parsed_files([f for f in files if isinstance(f, Path)], read_draft, procs)
    try:
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, len(files), str(path))
            try:
                with page_progress(_page_reporter(progress, done, len(files), path)):
                    if isinstance(path, str):
                        from reader.core.importing.web import import_url  # HTTP when used

                        report.outcomes.append(import_url(store, path))
                    else:
                        report.outcomes.append(_store_parsed(store, path, next(ahead)[1]))
            except (StoreFullError, StoreDamagedError) as exc:  # no later file can be stored
                report.stopped = f"{exc} ({len(files) - done} file(s) not tried)"
                break
    finally:
        ahead.close()  # ends the workers of a stopped or cancelled import


def import_file(store: Store, path: Path) -> FileOutcome:
    """Import one file: add it, update the article it was imported as, or skip it."""
    return _store_parsed(store, path, read_draft(path))


def _store_parsed(store: Store, path: Path, draft: ArticleDraft | FileOutcome) -> FileOutcome:
    if isinstance(draft, FileOutcome):
        return draft
    return store_draft(store, draft.path or display_path(path), draft)


def read_draft(path: Path) -> ArticleDraft | FileOutcome:
    """Read and parse one file, never raising: anything that goes wrong (a parser's bug
    on hostile input included) becomes this file's one-line reason, so the batch goes on
    and its summary is printed."""
    name = display_path(path)
    try:
        resolved = path.resolve()
        name = display_path(resolved)
        info = resolved.stat()
        if not stat.S_ISREG(info.st_mode):
            return FileOutcome(name, "failed", "not a regular file (a device, pipe or folder)")
        limit = MAX_BYTES.get(resolved.suffix.lower(), MAX_FILE_BYTES)
        if info.st_size > limit:
            return FileOutcome(
                name,
                "failed",
                f"too large ({info.st_size / 2**20:.0f} MB; the limit is {limit // 2**20} MB)",
            )
        if info.st_size == 0:
            return FileOutcome(name, "failed", "empty file")
        data = resolved.read_bytes()
    except RuntimeError:  # Python 3.11's Path.resolve on a symlink loop
        return FileOutcome(name, "failed", "symbolic link loop; remove or fix the link")
    except OSError as exc:
        return FileOutcome(name, "failed", f"cannot read: {exc.strerror or exc}")
    parser = PARSERS.get(path.suffix.lower()) or PARSERS.get(resolved.suffix.lower())
    if parser is None:
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        return FileOutcome(name, "failed", f"unsupported file type; import {kinds} files")
    try:
        return replace(bounded(parser.parse(data, resolved)), path=name)
    except ReaderError as exc:
        return FileOutcome(name, "failed", one_line(str(exc), 300) or "cannot be read")
    except Exception as exc:  # a parser or library bug must cost one file, not the batch
        return FileOutcome(
            name, "failed", f"cannot be read ({type(exc).__name__}); please report this file"
        )


def display_path(path: Path) -> str:
    """``path`` as text that can be stored and printed: a file name that is not UTF-8
    keeps its odd bytes as ``\\xNN`` escapes (the same every time, so a re-import finds
    the article again)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _target_suffix(path: Path) -> str:
    """The suffix of what a symbolic link named without one points at."""
    try:
        return path.resolve().suffix.lower() if path.is_symlink() else ""
    except (OSError, RuntimeError):
        return ""


def _add_unique(files: list[Path], seen: set[Path], path: Path) -> None:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: read_draft reports it
        key = path.absolute()
    if key not in seen:
        seen.add(key)
        files.append(path)


def _page_reporter(
    progress: ProgressCallback | None, done: int, total: int, path: Path | str
) -> Callable[[int, int], None] | None:
    """Progress inside a long file (a PDF's pages), shown as "report.pdf, page 120 of 300"."""
    if progress is None:
        return None
    return lambda page, pages: progress(done, total, f"{path}, page {page} of {pages}")
