"""Search commands: ``search`` and ``reindex``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.commands.common import (
    Marker,
    add_theme_filters,
    clip,
    is_json,
    open_library,
    positive_int,
    print_json,
    progress_bar,
    started,
    unknown_themes,
    warn,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[common],
        help="full-text search of articles, highlights and notes",
        description='Search the library. Words must all match; also "phrases", OR, NOT or '
        "-word, (groups), prefix*, fuzzy~, title: author: source: theme: note: "
        "quote: and date:2025 / date:2025-07 / date:[2025-01-01 to 2025-06-30].",
    )
    p.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    add_theme_filters(p)
    p.add_argument(
        "--limit",
        type=positive_int,
        default=20,
        metavar="N",
        help="show at most N hits (default 20)",
    )
    p.add_argument(
        "--sort",
        choices=("relevance", "date", "title"),
        default="relevance",
        help="order of the hits (date: newest first)",
    )
    p.add_argument(
        "--exact",
        action="store_true",
        help="count every word a prefix* or fuzzy~ expands to (a total is otherwise "
        "estimated, 'about N', when there are very many)",
    )
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "reindex",
        parents=[common],
        help="rebuild the search index",
        description="Rebuild the search index from the library's store "
        "(it is also rebuilt automatically when missing or stale).",
    )
    p.set_defaults(handler=cmd_reindex)


def cmd_search(args: argparse.Namespace) -> int:
    """The window's own answer (:func:`~reader.core.filtering.answer`): the same total,
    order and theme counts (over every match, sub-themes rolled up) as its search box
    and themes pane show for this query and these themes."""
    from reader.core.filtering import LibraryFilter, answer
    from reader.core.search import SearchResult

    chosen = tuple(args.theme)
    any_of, all_of = (chosen, ()) if args.theme_mode == "any" else ((), chosen)
    flt = LibraryFilter(args.query, any_of=any_of, all_of=all_of, none_of=tuple(args.not_theme))
    with open_library(args) as library:
        started()
        for name in unknown_themes(library, [*args.theme, *args.not_theme]):
            warn(f"no theme is called '{name}'")
        got = answer(library, flt, limit=args.limit, sort=args.sort, exact=args.exact)
        labels = library.theme_labels()
    notices = got.notices
    if not args.query.strip():  # the window's empty search box: everything, unlisted
        notices += ("an empty query counts the articles but lists none; 'list' lists them",)
    counted = sorted((-n, t) for t, (_, n) in got.theme_counts.items() if n)
    result = SearchResult(
        args.query,
        got.total,
        got.hits,
        themes={t: -negative for negative, t in counted},
        suggestion=got.suggestion,
        notices=notices,
        estimated=got.estimated,
    )
    if is_json(args):
        print_json(result.to_json())
        return 0
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    mark = Marker(sys.stdout.isatty())
    for hit in result.hits:
        print(f"{hit.id:>5}  {hit.date or '':10}  {clip(hit.title, 70)}")
        for snippet in hit.snippets:
            print(f"       {mark(snippet)}")
        if hit.themes:
            print(f"       themes: {', '.join(labels.get(t, t) for t in hit.themes)}")
    total = f"about {result.total}" if result.estimated else f"{result.total}"
    listed = result.total > len(result.hits) and args.query.strip()
    shown = f"{len(result.hits)} of {total}" if listed else total
    print(f"{shown} article{'s' if result.total != 1 else ''} found")
    if result.themes:
        print("themes: " + ", ".join(f"{labels.get(t, t)} ({n})" for t, n in result.themes.items()))
    if result.suggestion:
        print(f"did you mean: {result.suggestion}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    import time

    show_progress = sys.stderr.isatty()
    started = time.perf_counter()
    with open_library(args) as library:
        count = library.reindex(progress=progress_bar if show_progress else None)
    if show_progress:
        sys.stderr.write("\r\x1b[K")
    elapsed = time.perf_counter() - started
    if is_json(args):
        print_json({"indexed": count, "seconds": round(elapsed, 2)})
    else:
        print(f"indexed {count} article{'s' if count != 1 else ''} in {elapsed:.1f} s")
    return 0
