"""``research-reader``: headless commands over the same core the window uses.

This module is on every command's start-up path, so it imports only the standard library
and ``reader.core`` modules that are cheap; import-only libraries load when used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.library import Library, resolve_location

PROG = "research-reader"


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except ReaderError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the user never sees a traceback unless they ask for one
        if os.environ.get("RESEARCH_READER_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} "
               "(set RESEARCH_READER_DEBUG=1 to see details, and please report it)")
        return 1


def build_parser() -> argparse.ArgumentParser:
    # --library and --json are accepted before or after the subcommand: each subparser
    # gets them too, with SUPPRESS so a value given before is not reset after.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="DIR", default=argparse.SUPPRESS,
                        help="library folder (default: the user data folder, or "
                             "$RESEARCH_READER_LIBRARY)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output")
    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Read, highlight and theme a corpus of articles; search it; export notes.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import files or folders",
                       description="Import .txt, .md and .html/.htm files, or whole folders.")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", parents=[common], help="list the library's articles")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="one article's metadata and text")
    p.add_argument("article", metavar="ARTICLE", help="an id from 'list' or a title prefix")
    p.set_defaults(handler=cmd_show)
    return parser


# -- commands ----------------------------------------------------------------------------

def cmd_import(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        show_progress = not _json(args) and sys.stderr.isatty()
        report = library.import_paths(args.paths, progress=_progress_line if show_progress else None)
        if show_progress:
            sys.stderr.write("\r\x1b[K")
    if _json(args):
        _print_json({
            "imported": report.imported, "updated": report.updated, "skipped": report.skipped,
            "failed": report.failed,
            "files": [
                {"path": o.path, "status": o.status, "reason": o.reason or None,
                 "id": o.article_id, "title": o.title}
                for o in report.outcomes
            ],
        })
    else:
        for o in report.outcomes:
            if o.status in ("imported", "updated"):
                print(f"{o.status:9} {o.article_id:>5}  {o.title}")
            else:
                print(f"skipped   {o.path}: {o.reason}", file=sys.stderr)
        print(f"{report.imported} imported, {report.updated} updated, "
              f"{report.skipped} skipped ({report.failed} failed)")
    return 1 if report.all_failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        rows = library.store.summaries()
    if _json(args):
        _print_json([
            {"id": r.id, "title": r.title, "date": r.date, "source": r.source,
             "author": r.author, "url": r.url, "path": r.path, "themes": list(r.themes),
             "highlights": r.highlights}
            for r in rows
        ])
        return 0
    if not rows:
        print("The library is empty: add articles with 'research-reader import PATH'.")
    for r in rows:
        print(f"{r.id:>5}  {r.date or '':10}  {_clip(r.title, 70):70}  {r.source or ''}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        article = library.store.article(library.store.resolve_article(args.article))
        summary = next(s for s in library.store.summaries() if s.id == article.id)
    data: dict[str, Any] = {
        "id": article.id, "title": article.title, "date": article.date,
        "source": article.source, "author": article.author, "url": article.url,
        "path": article.path, "categories": list(article.categories),
        "themes": list(summary.themes), "note": article.note,
        "imported": article.imported_at, "modified": article.modified_at,
        "text": article.text,
    }
    if _json(args):
        _print_json(data)
        return 0
    print(article.title)
    details = [article.date, article.source, article.author, article.url or article.path]
    print(" · ".join(d for d in details if d))
    print()
    print(article.text)
    return 0


# -- helpers -----------------------------------------------------------------------------

def _open_library(args: argparse.Namespace) -> Library:
    return Library.open(resolve_location(getattr(args, "library", None)))


def _json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _progress_line(done: int, total: int, current: str) -> None:
    sys.stderr.write(f"\r\x1b[Kimporting {done}/{total}  {_clip(Path(current).name, 60)}")
    sys.stderr.flush()


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)
