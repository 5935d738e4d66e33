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
from reader.core.highlights import add_highlight, find_quote, highlights_for
from reader.core.library import Library, resolve_location
from reader.core.models import Highlight

PROG = "research-reader"


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", cmd_gui)
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
    parser.add_argument("--screenshot", metavar="FILE.png", type=Path,
                        help="open the window, render it to a PNG and exit (works offscreen)")
    parser.add_argument("--query", metavar="QUERY",
                        help="with no command: start the window with this search run")
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

    p = sub.add_parser("highlight", parents=[common], help="highlight a passage of an article",
                       description="Highlight the passage QUOTE (exact text) of ARTICLE.")
    p.add_argument("article", metavar="ARTICLE", help="an id from 'list' or a title prefix")
    p.add_argument("--quote", required=True, help="the exact text to highlight")
    p.add_argument("--occurrence", type=int, metavar="N",
                   help="which occurrence, when the quote occurs more than once (1 = first)")
    p.add_argument("--theme", action="append", default=[], metavar="T",
                   help="a theme id (repeatable; the first gives the colour)")
    p.add_argument("--note", default="", help="a note on the highlight")
    p.set_defaults(handler=cmd_highlight)

    p = sub.add_parser(
        "search", parents=[common], help="full-text search of articles, highlights and notes",
        description="Search the library. Words must all match; also \"phrases\", OR, NOT or "
                    "-word, (groups), prefix*, fuzzy~, title: author: source: theme: note: "
                    "quote: and date:2025 / date:2025-07 / date:[2025-01-01 to 2025-06-30].",
    )
    p.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    p.add_argument("--theme", action="append", default=[], metavar="THEME",
                   help="only articles with this theme (id or name); repeat to require more")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N",
                   help="show at most N hits (default 20)")
    p.add_argument("--sort", choices=("relevance", "date", "title"), default="relevance",
                   help="order of the hits (date: newest first)")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index",
                       description="Rebuild the search index from the library's store "
                                   "(it is also rebuilt automatically when missing or stale).")
    p.set_defaults(handler=cmd_reindex)
    return parser


# -- commands ----------------------------------------------------------------------------

def cmd_gui(args: argparse.Namespace) -> int:
    """No command: open the main window (Qt loads only here, never for other commands)."""
    from reader.ui.app import run

    return run(resolve_location(getattr(args, "library", None)), args.screenshot, args.query)


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
        marks = highlights_for(library.store, article.id)
    data: dict[str, Any] = {
        "id": article.id, "title": article.title, "date": article.date,
        "source": article.source, "author": article.author, "url": article.url,
        "path": article.path, "categories": list(article.categories),
        "themes": list(summary.themes), "note": article.note,
        "imported": article.imported_at, "modified": article.modified_at,
        "text": article.text,
        "highlights": [_highlight_json(h) for h in marks],
    }
    if _json(args):
        _print_json(data)
        return 0
    print(article.title)
    details = [article.date, article.source, article.author, article.url or article.path]
    print(" · ".join(d for d in details if d))
    print()
    print(article.text)
    if marks:
        print(f"\n— {len(marks)} highlight(s) —")
        for h in marks:
            place = "orphan" if h.orphan else f"{h.start}-{h.end}"
            themes = f"  [{', '.join(h.themes)}]" if h.themes else ""
            print(f"{h.id:>5}  {place:>11}  “{_clip(h.quote, 70)}”{themes}")
            if h.note:
                print(f"{'':18}note: {_clip(h.note.replace(chr(10), ' '), 70)}")
    return 0


def cmd_highlight(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        article_id = library.store.resolve_article(args.article)
        text = library.store.article(article_id).text
        start, end = find_quote(text, args.quote, args.occurrence)
        created = add_highlight(library.store, article_id, start, end, args.theme, args.note)
        library.update_index()  # the quote and note are searchable at once
    if _json(args):
        _print_json(_highlight_json(created))
    else:
        print(f"highlight {created.id} on article {article_id}: {created.start}-{created.end} "
              f"“{_clip(created.quote, 60)}”")
    return 0


def _highlight_json(h: Highlight) -> dict[str, Any]:
    return {"id": h.id, "uid": h.uid, "quote": h.quote, "start": h.start, "end": h.end,
            "prefix": h.prefix, "suffix": h.suffix, "themes": list(h.themes), "note": h.note,
            "orphan": h.orphan, "created": h.created_at, "modified": h.modified_at}


def cmd_search(args: argparse.Namespace) -> int:
    with _open_library(args) as library:
        result = library.search(args.query, themes=args.theme, limit=args.limit,
                                sort=args.sort)
    if _json(args):
        _print_json(result.to_json())
        return 0
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    mark = _Marker(sys.stdout.isatty())
    for hit in result.hits:
        print(f"{hit.id:>5}  {hit.date or '':10}  {_clip(hit.title, 70)}")
        for snippet in hit.snippets:
            print(f"       {mark(snippet)}")
        if hit.themes:
            print(f"       themes: {', '.join(hit.themes)}")
    shown = f"{len(result.hits)} of {result.total}" if result.total > len(result.hits) \
        else f"{result.total}"
    print(f"{shown} article{'s' if result.total != 1 else ''} found")
    if result.themes:
        print("themes: " + ", ".join(f"{t} ({n})" for t, n in result.themes.items()))
    if result.suggestion:
        print(f"did you mean: {result.suggestion}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    import time

    show_progress = sys.stderr.isatty()
    started = time.perf_counter()
    with _open_library(args) as library:
        count = library.reindex(progress=_progress_bar if show_progress else None)
    if show_progress:
        sys.stderr.write("\r\x1b[K")
    elapsed = time.perf_counter() - started
    if _json(args):
        _print_json({"indexed": count, "seconds": round(elapsed, 2)})
    else:
        print(f"indexed {count} article{'s' if count != 1 else ''} in {elapsed:.1f} s")
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


def _progress_bar(done: int, total: int, stage: str) -> None:
    width = 30
    filled = width * done // total if total else width
    percent = 100 * done // total if total else 100
    sys.stderr.write(f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {percent:3}%  "
                     f"{done}/{total} {stage}")
    sys.stderr.flush()


class _Marker:
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


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("give 0 or more")
    return value


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)
