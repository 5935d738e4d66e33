"""``research-reader``: headless commands over the same core the window uses.

This module is on every command's start-up path, so it imports only the standard library
and ``reader.core`` modules that are cheap; import-only libraries load when used. The
commands themselves live in :mod:`reader.commands`, one module per group.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from reader import __version__
from reader.commands import articles, backup, editing, export, feeds, search, themes
from reader.commands.common import PROG, describe_failure, error
from reader.core.errors import ReaderError
from reader.core.library import resolve_location


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", cmd_gui)
    try:
        return handler(args)
    except ReaderError as exc:
        error(str(exc))
        return 1
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user never sees a traceback unless they ask for one
        if os.environ.get("RESEARCH_READER_DEBUG"):
            raise
        if (message := describe_failure(exc)) is not None:
            error(message)
            return 1
        error(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set RESEARCH_READER_DEBUG=1 to see details, and please report it)"
        )
        return 1


def build_parser() -> argparse.ArgumentParser:
    # --library and --json are accepted before or after the subcommand: each subparser
    # gets them too, with SUPPRESS so a value given before is not reset after.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="library folder (default: the user data folder, or $RESEARCH_READER_LIBRARY)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Read, highlight and theme a corpus of articles; search it; export notes.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--screenshot",
        metavar="FILE.png",
        type=Path,
        help="open the window, render it to a PNG and exit (works offscreen)",
    )
    parser.add_argument(
        "--query", metavar="QUERY", help="with no command: start the window with this search run"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    articles.register(sub, common)
    editing.register(sub, common)
    search.register(sub, common)
    themes.register(sub, common)
    export.register(sub, common)
    backup.register(sub, common)
    feeds.register(sub, common)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    """No command: open the main window (Qt loads only here, never for other commands)."""
    from reader.ui.app import run

    return run(resolve_location(getattr(args, "library", None)), args.screenshot, args.query)
