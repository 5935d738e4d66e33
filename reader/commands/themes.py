"""Theme commands: ``themes list``, ``themes check`` and ``suggest``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.commands import theme_edits
from reader.commands.common import clip, is_json, open_library, print_json
from reader.core.library import THEMES_NAME, resolve_location
from reader.core.themes.taxonomy import Problem, Taxonomy, TaxonomyError

USAGE_ERROR = 2


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    themes = sub.add_parser(
        "themes",
        parents=[common],
        help="the theme taxonomy",
        description="List, check or edit the library's themes (themes.yaml).",
    )
    themes_sub = themes.add_subparsers(title="theme commands", metavar="COMMAND", required=True)
    theme_edits.register(themes_sub, common)
    p = themes_sub.add_parser(
        "list",
        parents=[common],
        help="themes with their counts",
        description="Every theme as a tree, with how many highlights "
        "and articles carry it or a sub-theme.",
    )
    p.set_defaults(handler=cmd_themes_list)
    p = themes_sub.add_parser(
        "check",
        parents=[common],
        help="validate a themes file",
        description="Validate FILE (default: the library's themes.yaml)."
        " Exit status 2 and 'file:line: problem' lines when "
        "it has errors.",
    )
    p.add_argument("file", nargs="?", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_themes_check)

    p = sub.add_parser(
        "suggest",
        parents=[common],
        help="passages to highlight with a theme",
        description="Sentences of ARTICLE that match a theme's keywords or "
        "query, except those already highlighted with it or "
        "dismissed in the app.",
    )
    p.add_argument("article", metavar="ARTICLE", help="an id from 'list' or a title prefix")
    p.add_argument(
        "--theme",
        action="append",
        default=[],
        metavar="THEME",
        help="only suggestions for this theme (or its sub-themes); repeatable",
    )
    p.set_defaults(handler=cmd_suggest)


def cmd_themes_list(args: argparse.Namespace) -> int:
    from reader.core.themes.ops import theme_counts

    with open_library(args) as library:
        taxonomy = library.taxonomy
        counts = theme_counts(library.store, taxonomy)
    rows = [(t, depth, True) for t, depth in taxonomy.ordered()]
    from reader.core.themes.taxonomy import Theme

    rows += [(Theme(id=t, name=t), 0, False) for t in counts if taxonomy.get(t) is None]
    if is_json(args):
        print_json(
            [
                {
                    **theme_edits.theme_json(t),
                    "depth": depth,
                    "known": known,
                    "highlights": counts.get(t.id, (0, 0))[0],
                    "articles": counts.get(t.id, (0, 0))[1],
                }
                for t, depth, known in rows
            ]
        )
        return 0
    if not rows:
        print(
            "No themes yet: add them in the app or in themes.yaml "
            "('research-reader themes check' validates it)."
        )
        return 0
    print(f"{'key':3}  {'theme':40}  {'id':30}  {'colour':7}  {'highl.':>6}  {'articles':>8}")
    for theme, depth, known in rows:
        highlights, articles = counts.get(theme.id, (0, 0))
        label = "  " * depth + (theme.name if known else f"{theme.id} (not in themes.yaml)")
        print(
            f"{theme.key or '':>3}  {clip(label, 40):40}  {clip(theme.id, 30):30}  "
            f"{theme.color or '':7}  {highlights:>6}  {articles:>8}"
        )
        if theme.description:
            print(f"{'':5}{'  ' * depth}  {clip(' '.join(theme.description.split()), 90)}")
    return 0


def cmd_themes_check(args: argparse.Namespace) -> int:
    from reader.core.themes.file import load_taxonomy

    path: Path = args.file or resolve_location(getattr(args, "library", None)).path / THEMES_NAME
    if args.file is not None and not path.is_file():
        return _report(args, path, [Problem(str(path), None, "no such file")], [])
    try:
        taxonomy, warnings = load_taxonomy(path)
    except TaxonomyError as exc:
        return _report(args, path, exc.problems, [])
    return _report(args, path, [], warnings + _query_warnings(taxonomy, path), taxonomy)


def _query_warnings(taxonomy: Taxonomy, path: Path) -> list[Problem]:
    """Suggestion queries the search language reads differently than written."""
    if not any(t.query for t in taxonomy.themes):
        return []
    from reader.core.search.query import parse_query

    found = []
    for theme in taxonomy.themes:
        if theme.query:
            parsed = parse_query(theme.query)
            notes = list(parsed.notices) or ([] if parsed.query else ["it matches nothing"])
            found += [Problem(str(path), None, f"theme '{theme.id}': query: {n}") for n in notes]
    return found


def _report(
    args: argparse.Namespace,
    path: Path,
    errors: list[Problem],
    warnings: list[Problem],
    taxonomy: Taxonomy | None = None,
) -> int:
    if is_json(args):
        print_json(
            {
                "file": str(path),
                "ok": not errors,
                "themes": len(taxonomy.themes) if taxonomy else 0,
                "errors": [_problem_json(p) for p in errors],
                "warnings": [_problem_json(p) for p in warnings],
            }
        )
    else:
        for p in errors:
            print(p)
        for p in warnings:
            where = f"{p.path}:{p.line}" if p.line is not None else p.path
            print(f"{where}: warning: {p.message}")
        if not errors:
            count = len(taxonomy.themes) if taxonomy else 0
            print(
                f"ok: {count} theme{'s' if count != 1 else ''}"
                + ("" if path.exists() else f" ({path.name} does not exist yet)")
            )
    if errors:
        print(f"{path}: {len(errors)} error{'s' if len(errors) != 1 else ''}", file=sys.stderr)
        return USAGE_ERROR
    return 0


def _problem_json(p: Problem) -> dict[str, Any]:
    return {"path": p.path, "line": p.line, "message": p.message}


def cmd_suggest(args: argparse.Namespace) -> int:
    from reader.core.themes.suggestions import suggestions_for

    with open_library(args) as library:
        article_id = library.store.resolve_article(args.article)
        taxonomy = library.taxonomy
        found = suggestions_for(library.store, taxonomy, article_id)
    if args.theme:
        wanted: set[str] = set()
        for name in args.theme:
            theme = taxonomy.resolve(name)
            wanted |= taxonomy.descendants(theme.id if theme else name)
        found = [s for s in found if s.theme_id in wanted]
    names = {t.id: t.name for t in taxonomy.themes}
    if is_json(args):
        print_json(
            [
                {
                    "theme": s.theme_id,
                    "theme_name": names.get(s.theme_id, s.theme_id),
                    "start": s.start,
                    "end": s.end,
                    "quote": s.quote,
                    "reason": s.reason,
                    "hits": [list(h) for h in s.hits],
                }
                for s in found
            ]
        )
        return 0
    if not found:
        print(
            "No suggestions: no sentence matches a theme's keywords or query"
            + ("" if taxonomy.themes else " (the library has no themes)")
            + "."
        )
    for s in found:
        print(f"{s.start:>6}-{s.end:<6}  {names.get(s.theme_id, s.theme_id)}: {s.reason}")
        print(f"{'':15}“{clip(' '.join(s.quote.split()), 100)}”")
    print(f"{len(found)} suggestion{'s' if len(found) != 1 else ''}")
    return 0
