"""Article edit commands: ``tag``, ``edit`` and ``remove``.

Bad input (an unknown or ambiguous article, an unknown theme, a date that is not a
date) exits with status 2 and one line on stderr, before anything is written: every
article and theme named is resolved first, and each command is one store transaction.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

from reader.commands.common import clip, error, is_json, open_library, print_json
from reader.core.errors import AmbiguousError, NotFoundError, ReaderError
from reader.core.library import Library
from reader.core.models import Article

USAGE_ERROR = 2
FIELDS = ("title", "date", "author", "source", "url")


class InputError(ReaderError):
    """Bad input found by the command itself (nothing to change, no confirmation)."""


Handler = Callable[[argparse.Namespace], int]


def input_errors(handler: Handler) -> Handler:
    """Run a command; an error in what the user typed exits 2 with its one line (other
    errors, e.g. an unreadable library, go on to the CLI's exit 1)."""

    @wraps(handler)
    def run(args: argparse.Namespace) -> int:
        from reader.core.articles import ArticleEditError
        from reader.core.themes.editing import ThemeEditError

        try:
            return handler(args)
        except (
            NotFoundError,
            AmbiguousError,
            ArticleEditError,
            ThemeEditError,
            InputError,
        ) as exc:
            error(str(exc))
            return USAGE_ERROR

    return run


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    article_help = "an id from 'list' or a title prefix"
    p = sub.add_parser(
        "tag",
        parents=[common],
        help="put themes on whole articles (or take them off)",
        description="Tag each ARTICLE with each --theme (a name or id from themes.yaml), "
        "or remove those themes with --remove. Highlights keep their own themes.",
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help=article_help)
    p.add_argument(
        "--theme",
        action="append",
        required=True,
        metavar="THEME",
        help="a theme name or id (repeatable)",
    )
    p.add_argument("--remove", action="store_true", help="take the themes off instead")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser(
        "edit",
        parents=[common],
        help="correct an article's title, date, author, source or URL",
        description="Change some metadata of ARTICLE; an empty value ('') clears a field "
        "(except the title). Dates are written YYYY-MM-DD (or e.g. 'July 17, 2025').",
    )
    p.add_argument("article", metavar="ARTICLE", help=article_help)
    for name in FIELDS:
        p.add_argument(f"--{name}", metavar=name.upper())
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser(
        "remove",
        parents=[common],
        help="delete articles with their highlights and notes",
        description="Delete each ARTICLE with its highlights, notes and themes, and drop "
        "it from the search index. Asks first on a terminal; elsewhere pass --yes.",
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help=article_help)
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_remove)


def resolve_articles(library: Library, refs: list[str]) -> list[int]:
    """Every reference resolved (in order, without repeats) before anything changes."""
    return list(dict.fromkeys(library.store.resolve_article(ref) for ref in refs))


@input_errors
def cmd_tag(args: argparse.Namespace) -> int:
    from reader.core.articles import tag_articles
    from reader.core.themes.editing import find_by_name

    with open_library(args) as library:
        ids = resolve_articles(library, args.articles)
        changed = tag_articles(library, ids, args.theme, remove=args.remove)
        taxonomy = library.taxonomy
        themes = [
            t.id if (t := taxonomy.resolve(n) or find_by_name(taxonomy, n)) else n.strip()
            for n in args.theme
        ]
        if changed:
            library.update_index()  # theme:… finds the articles at once
        rows = {s.id: s for s in library.store.summaries() if s.id in ids}
    if is_json(args):
        print_json(
            {
                "action": "remove" if args.remove else "add",
                "themes": themes,
                "changed": changed,
                "articles": [
                    {"id": i, "title": rows[i].title, "themes": list(rows[i].themes)} for i in ids
                ],
            }
        )
        return 0
    verb = "removed from" if args.remove else "added to"
    print(f"{changed} theme tag{'s' if changed != 1 else ''} {verb} {len(ids)} article(s)")
    for i in ids:
        print(f"{i:>5}  {clip(rows[i].title, 60):60}  {', '.join(rows[i].themes)}")
    return 0


@input_errors
def cmd_edit(args: argparse.Namespace) -> int:
    from reader.core.articles import edit_article

    values = {name: getattr(args, name) for name in FIELDS}
    if all(v is None for v in values.values()):
        raise InputError("nothing to change: give --title, --date, --author, --source or --url")
    with open_library(args) as library:
        article_id = library.store.resolve_article(args.article)
        before, after = edit_article(library.store, article_id, **values)
        if before != after:
            library.update_index()  # the new title, author… are searchable at once
    changed = [f for f in FIELDS if getattr(before, f) != getattr(after, f)]
    if is_json(args):
        print_json(
            {
                "id": after.id,
                "changed": changed,
                "before": _metadata(before),
                "after": _metadata(after),
            }
        )
        return 0
    if not changed:
        print(f"article {after.id}: nothing changed")
    for name in changed:
        print(f"{name:7} {getattr(before, name) or '—'}  →  {getattr(after, name) or '—'}")
    return 0


def _metadata(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in FIELDS}


@input_errors
def cmd_remove(args: argparse.Namespace) -> int:
    from reader.core.articles import remove_articles

    with open_library(args) as library:
        ids = resolve_articles(library, args.articles)
        rows = {s.id: s for s in library.store.summaries() if s.id in ids}
        lines = [f"{i}: {clip(rows[i].title, 60)} ({rows[i].highlights} highlights)" for i in ids]
        if not args.yes and not _confirmed(lines):
            error("nothing removed")
            return 1
        removed = remove_articles(library.store, ids)
        library.update_index()  # searches stop finding them at once
    if is_json(args):
        print_json(
            {
                "removed": [
                    {
                        "id": r.article.id,
                        "title": r.article.title,
                        "path": r.article.path,
                        "highlights": len(r.highlights),
                    }
                    for r in removed
                ]
            }
        )
        return 0
    for r in removed:
        print(f"removed {r.article.id:>5}  {clip(r.article.title, 60)}")
    print(f"{len(removed)} article{'s' if len(removed) != 1 else ''} removed")
    return 0


def _confirmed(lines: list[str]) -> bool:
    """Ask on a terminal; refuse (exit 2) when nobody can answer."""
    if not sys.stdin.isatty():
        raise InputError("not removing without confirmation: pass --yes to remove")
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    print(
        f"Remove {len(lines)} article{'s' if len(lines) != 1 else ''} with their "
        "highlights and notes? [y/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    return sys.stdin.readline().strip().lower() in ("y", "yes")
