"""Article commands: ``import``, ``list``, ``show`` and ``highlight``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.commands.common import (
    PROG,
    add_theme_filters,
    clip,
    error,
    highlight_json,
    is_json,
    iso_date,
    open_library,
    print_json,
    progress_line,
    unknown_themes,
    warn,
)

if TYPE_CHECKING:
    from reader.core.library import Library
from reader.core.importing.fetch import is_web_address
from reader.core.importing.registry import suffix_summary
from reader.core.pages import page_at, page_starts


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import files or folders",
        description=f"Import {suffix_summary()} files, or whole folders "
        "(web addresses too: https://…).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH_OR_URL", type=_path_or_url)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "list",
        parents=[common],
        help="list the library's articles",
        description="List the library's articles, optionally only those "
        "with (or without) some themes or within some dates.",
    )
    add_theme_filters(p)
    p.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="DATE",
        help="only articles dated on or after DATE (2025, 2025-07 or 2025-07-17)",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=iso_date,
        metavar="DATE",
        help="only articles dated on or before DATE (inclusive)",
    )
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="one article's metadata and text")
    p.add_argument("article", metavar="ARTICLE", help="an id from 'list' or a title prefix")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "highlight",
        parents=[common],
        help="highlight a passage of an article",
        description="Highlight the passage QUOTE (exact text) of ARTICLE.",
    )
    p.add_argument("article", metavar="ARTICLE", help="an id from 'list' or a title prefix")
    p.add_argument("--quote", required=True, help="the exact text to highlight")
    p.add_argument(
        "--occurrence",
        type=int,
        metavar="N",
        help="which occurrence, when the quote occurs more than once (1 = first)",
    )
    p.add_argument(
        "--theme",
        action="append",
        default=[],
        metavar="T",
        help="a theme id or name (repeatable; the first gives the colour); a name not in "
        "themes.yaml is added there",
    )
    p.add_argument("--note", default="", help="a note on the highlight")
    p.set_defaults(handler=cmd_highlight)


def _path_or_url(value: str) -> Path | str:
    """A web address stays a string (a Path would fold its ``//``); anything else a path."""
    return value if is_web_address(value) else Path(value)


def cmd_import(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        show_progress = not is_json(args) and sys.stderr.isatty()
        report = library.import_paths(args.paths, progress=progress_line if show_progress else None)
        if show_progress:
            sys.stderr.write("\r\x1b[K")
    if is_json(args):
        print_json(
            {
                "imported": report.imported,
                "updated": report.updated,
                "skipped": report.skipped,
                "failed": report.failed,
                "stopped": report.stopped or None,
                "files": [
                    {
                        "path": o.path,
                        "status": o.status,
                        "reason": o.reason or None,
                        "id": o.article_id,
                        "title": o.title,
                    }
                    for o in report.outcomes
                ],
            }
        )
    else:
        for o in report.outcomes:
            if o.status in ("imported", "updated"):
                print(f"{o.status:9} {o.article_id:>5}  {o.title}")
            else:
                print(f"skipped   {o.path}: {o.reason}", file=sys.stderr)
        print(
            f"{report.imported} imported, {report.updated} updated, "
            f"{report.skipped} skipped ({report.failed} failed)"
        )
    if report.stopped:
        error(f"import stopped: {report.stopped}")
    return 1 if report.all_failed or report.stopped else 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        rows = library.store.summaries()
        names = [*args.theme, *args.not_theme]
        filtered = bool(names or args.date_from or args.date_to)
        if filtered:
            from reader.core.filtering import LibraryFilter, answer

            for name in unknown_themes(library, names):
                warn(f"no theme is called '{name}'")
            chosen = tuple(args.theme)
            any_of, all_of = (chosen, ()) if args.theme_mode == "any" else ((), chosen)
            flt = LibraryFilter(
                any_of=any_of,
                all_of=all_of,
                none_of=tuple(args.not_theme),
                date_from=args.date_from,
                date_to=args.date_to,
            )
            keep = answer(library, flt, counts=False).article_ids  # the window's own answer
            rows = [r for r in rows if keep is None or r.id in keep]
    if is_json(args):
        print_json(
            [
                {
                    "id": r.id,
                    "title": r.title,
                    "date": r.date,
                    "source": r.source,
                    "author": r.author,
                    "url": r.url,
                    "path": r.path,
                    "themes": list(r.themes),
                    "highlights": r.highlights,
                }
                for r in rows
            ]
        )
        return 0
    if not rows:
        print(
            "No article matches the filters."
            if filtered
            else "The library is empty: add articles with 'research-reader import PATH'."
        )
    for r in rows:
        print(f"{r.id:>5}  {r.date or '':10}  {clip(r.title, 70):70}  {r.source or ''}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from reader.core.annotations.highlights import highlights_for  # not on every command's start-up

    with open_library(args) as library:
        article = library.store.article(library.store.resolve_article(args.article))
        summary = next(s for s in library.store.summaries() if s.id == article.id)
        marks = highlights_for(library.store, article.id)
        pages = page_starts(library.store, article.id)
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "author": article.author,
        "url": article.url,
        "path": article.path,
        "categories": list(article.categories),
        "themes": list(summary.themes),
        "note": article.note,
        "imported": article.imported_at,
        "modified": article.modified_at,
        "text": article.text,
        "pages": len(pages) or None,
        "highlights": [
            highlight_json(h) | {"page": page_at(pages, h.start) if h.start is not None else None}
            for h in marks
        ],
    }
    if is_json(args):
        print_json(data)
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
            if pages and h.start is not None:
                place = f"p. {page_at(pages, h.start)}, {place}"
            themes = f"  [{', '.join(h.themes)}]" if h.themes else ""
            print(f"{h.id:>5}  {place:>11}  “{clip(h.quote, 70)}”{themes}")
            if h.note:
                print(f"{'':18}note: {clip(h.note.replace(chr(10), ' '), 70)}")
    return 0


def _theme_for_highlight(library: Library, name: str) -> str:
    """The id of the theme ``name`` (a name or id); a theme not in themes.yaml is created
    there, by the same rule as in the window, so no highlight carries a stray id."""
    from reader.core.themes.editing import create_theme, find_by_name

    taxonomy = library.taxonomy
    theme = taxonomy.resolve(name) or find_by_name(taxonomy, name)
    if theme is None:
        theme = create_theme(library, name)
        print(f"{PROG}: created theme '{theme.id}' ({theme.name}) in themes.yaml", file=sys.stderr)
    return theme.id


def cmd_highlight(args: argparse.Namespace) -> int:
    from reader.core.annotations.highlights import add_highlight, find_quote

    with open_library(args) as library:
        article_id = library.store.resolve_article(args.article)
        text = library.store.article(article_id).text
        start, end = find_quote(text, args.quote, args.occurrence)
        themes = [_theme_for_highlight(library, name) for name in args.theme]
        created = add_highlight(library.store, article_id, start, end, themes, args.note)
        library.after_write()  # the quote and note are searchable at once
    if is_json(args):
        print_json(highlight_json(created))
    else:
        print(
            f"highlight {created.id} on article {article_id}: {created.start}-{created.end} "
            f"“{clip(created.quote, 60)}”"
        )
    return 0
