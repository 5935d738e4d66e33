"""``research-reader``: headless commands over the same core the window uses.

This module is on every command's start-up path, so it imports only the standard library
and ``reader.core`` modules that are cheap; import-only libraries load when used. The
commands themselves live in :mod:`reader.commands`, one module per group.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

from reader import __version__, lean_start
from reader.core.errors import ReaderError

#: Each command's module in :mod:`reader.commands`, in the order ``--help`` lists them.
#: A command line that names one command builds (and imports) only its module: a search
#: does not load the importer chain, the feed reader or the export registry.
COMMANDS: dict[str, str] = {
    "import": "articles",
    "list": "articles",
    "show": "articles",
    "highlight": "articles",
    "tag": "editing",
    "edit": "editing",
    "remove": "editing",
    "search": "search",
    "reindex": "search",
    "themes": "themes",
    "suggest": "themes",
    "export": "export",
    "import-annotations": "export",
    "backup": "backup",
    "restore": "backup",
    "feeds": "feeds",
}
#: The options before a command that take a value (the command is the first other word).
_VALUED = ("--library", "--screenshot", "--query")
#: Brief read-only commands, started with the cyclic garbage collector off: start-up
#: allocates hundreds of thousands of objects (modules, classes, the saved theme sets)
#: and no garbage, and the collections that find nothing cost ~7 ms of a ~120 ms search.
#: The command turns it back on for its work (``common.started``); the library chain is
#: imported after this switch (in ``_run``), not with this module.
BRIEF = frozenset({"search", "list", "show"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 failed, 2 usage error).

    Called with no ``argv`` (the ``research-reader`` script, ``python -m reader``), a
    brief command ends the process itself once it is done: see :func:`_end_now`."""
    from_command_line = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    command = named_command(argv)
    collecting = gc.isenabled()
    if command in BRIEF:
        gc.disable()
    try:
        code = _run(argv, command)
    finally:
        lean_start.save()
        gc.unfreeze()  # a caller in the same process (a test) gets its objects back
        if collecting:
            gc.enable()
        else:
            gc.disable()
    if from_command_line and command in BRIEF:
        _end_now(code)
    return code


def _end_now(code: int) -> NoReturn:
    """End the process without the interpreter's clean-up, which only frees memory the
    process is about to give back: tearing down ~220 modules and the search's objects
    cost ~12 ms of CPU, an eighth of a whole command-line search at 10k articles. Safe
    for a brief command that has returned: its library is closed, its files written
    and nothing registered with atexit; the output is flushed here. A reader that went
    away (``| head``) is not an error, as during the command (``_run``)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            code = 0
        except (OSError, ValueError):
            pass
    os._exit(code)


def _run(argv: list[str], command: str | None) -> int:
    lean_start.install()
    from reader.commands.common import describe_failure, error

    parser = build_parser(command)
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


def named_command(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, or None (no command, ``--help``, a mistyped one)."""
    takes_value = False
    for word in argv:
        if takes_value:
            takes_value = False
        elif word == "--":
            return None
        elif word.startswith("-"):
            # argparse also accepts an unambiguous prefix ("--lib DIR").
            takes_value = (
                "=" not in word
                and len(word) > 2
                and any(option.startswith(word) for option in _VALUED)
            )
        else:
            return word if word in COMMANDS else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for ``command``'s module only (what ``main``
    builds when the command line names it: the other modules are not even imported)."""
    from pathlib import Path  # here: after lean_start.install()

    from reader.commands.common import PROG

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
    wanted = [COMMANDS[command]] if command in COMMANDS else COMMANDS.values()
    for name in dict.fromkeys(wanted):
        import_module(f"reader.commands.{name}").register(sub, common)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    """No command: open the main window (Qt loads only here, never for other commands)."""
    from reader.core.library import resolve_location
    from reader.ui.app import run

    return run(resolve_location(getattr(args, "library", None)), args.screenshot, args.query)
