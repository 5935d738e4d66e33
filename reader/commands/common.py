"""Helpers every command uses: opening the library, output, argument types."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path
from typing import Any

from reader.core.library import Library, resolve_location
from reader.core.models import Highlight

PROG = "research-reader"


def open_library(args: argparse.Namespace, check_themes: bool = True) -> Library:
    """Open the library the arguments name. A broken ``themes.yaml`` does not stop a
    command: it runs without those themes and says so in one line on stderr."""
    library = Library.open(resolve_location(getattr(args, "library", None)))
    library.index_lagging = lambda reason: warn(f"saved; the index will catch up ({reason})")
    if library.store.damage:
        from reader.core.store_health import damaged_error

        warn(str(damaged_error(library.store.path, library.store.damage)))
    if check_themes:
        _ = library.taxonomy
        if library.taxonomy_problems:
            warn(
                f"{library.taxonomy_problems[0]} (themes.yaml is not used until it is "
                "fixed; 'research-reader themes check' lists every problem)"
            )
    return library


def started() -> None:
    """Start-up is over (the command's modules imported, the library open): collect
    garbage again, for the command's work, which may be long (a search can rebuild the
    index). What start-up made is frozen first, so collections never walk it; without
    that, turning the collector on costs more than keeping it off saved."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def is_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def add_theme_filters(parser: argparse.ArgumentParser) -> None:
    """``--theme T`` (repeatable) with ``--any``/``--all``, and ``--not-theme T``."""
    parser.add_argument(
        "--theme",
        action="append",
        default=[],
        metavar="THEME",
        help="only articles with this theme (name or id; a theme includes "
        "its sub-themes); repeatable",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--any",
        dest="theme_mode",
        action="store_const",
        const="any",
        default="any",
        help="with several --theme: at least one (default)",
    )
    mode.add_argument(
        "--all",
        dest="theme_mode",
        action="store_const",
        const="all",
        help="with several --theme: every one",
    )
    parser.add_argument(
        "--not-theme",
        action="append",
        default=[],
        metavar="THEME",
        help="leave out articles with this theme; repeatable",
    )


def unknown_themes(library: Library, names: list[str]) -> list[str]:
    """Names that neither the taxonomy nor any stored highlight or article knows."""
    taxonomy = library.taxonomy
    missing = [n for n in names if taxonomy.resolve(n) is None]
    if not missing:
        return []
    from reader.core.themes.editing import used_theme_ids

    used = used_theme_ids(library.store)
    return [n for n in missing if n not in used]


def highlight_json(h: Highlight) -> dict[str, Any]:
    return {
        "id": h.id,
        "uid": h.uid,
        "quote": h.quote,
        "start": h.start,
        "end": h.end,
        "prefix": h.prefix,
        "suffix": h.suffix,
        "themes": list(h.themes),
        "note": h.note,
        "orphan": h.orphan,
        "created": h.created_at,
        "modified": h.modified_at,
    }


def progress_line(done: int, total: int, current: str) -> None:
    sys.stderr.write(f"\r\x1b[Kimporting {done}/{total}  {clip(Path(current).name, 60)}")
    sys.stderr.flush()


def progress_bar(done: int, total: int, stage: str) -> None:
    width = 30
    filled = width * done // total if total else width
    percent = 100 * done // total if total else 100
    sys.stderr.write(
        f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {percent:3}%  {done}/{total} {stage}"
    )
    sys.stderr.flush()


class Marker:
    """Turns a snippet's HTML (escaped text, ``<mark>`` around matches) into terminal
    text: bold on a terminal, [brackets] in a pipe or file."""

    def __init__(self, tty: bool) -> None:
        self.open, self.close = ("\x1b[1m", "\x1b[0m") if tty else ("[", "]")

    def __call__(self, snippet: str) -> str:
        import html

        parts = snippet.replace("</mark>", "<mark>").split("<mark>")
        return "".join(
            (self.open + html.unescape(p) + self.close) if i % 2 else html.unescape(p)
            for i, p in enumerate(parts)
        )


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("give 0 or more")
    return value


def iso_date(text: str) -> str:
    import re

    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write 2025, 2025-07 or 2025-07-17"
        )
    return text


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def describe_failure(exc: Exception) -> str | None:
    """A one-line message for an error outside :class:`ReaderError` that the user can
    act on (a path that cannot be written, a full disk, input nested too deeply), or
    None for a real internal error."""
    import errno
    import sqlite3

    if isinstance(exc, OSError) and exc.strerror:
        named = exc.filename2 or exc.filename  # os.replace(tmp, target): the target
        where = f"{named}: " if named else ""
        advice = {
            errno.ENOSPC: "; free some space and try again",
            errno.EACCES: "; check the permissions or choose another place",
            errno.EROFS: "; choose a writable place",
            errno.ENAMETOOLONG: "; choose a shorter name",
        }.get(exc.errno or 0, "")
        return f"{where}{exc.strerror.lower()}{advice}"
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return "the library is busy (another program holds it for a long write); try again"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "not enough memory for this input"
    return None


def error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)
