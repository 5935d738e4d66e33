"""Export commands: ``export`` and ``import-annotations``.

The export modules (and python-docx, and Qt for PDF) load inside the commands, so the
other commands' start-up does not pay for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.commands.common import clip, is_json, open_library, print_json, warn


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from reader.core.export.formats import REGISTRY, help_text  # a table; no renderer loads
    from reader.core.export.options import DEFAULT_STYLE, STYLES

    p = sub.add_parser(
        "export",
        parents=[common],
        help="export highlights and notes to a file",
        description="Export articles with their highlights, notes and themes. Without "
        "--article/--query/--theme every article is exported.",
    )
    p.add_argument(
        "--format",
        required=True,
        metavar="FMT",
        choices=[f.key for f in REGISTRY] + [a for f in REGISTRY for a in f.aliases],
        help=help_text(),
    )
    p.add_argument(
        "--group-by",
        choices=("article", "theme"),
        default="article",
        help="one section per article (default) or per theme",
    )
    p.add_argument("--query", metavar="Q", help="only the articles this search finds")
    p.add_argument(
        "--theme",
        action="append",
        default=[],
        metavar="T",
        help="only highlights with this theme (name or id, sub-themes included; "
        "repeatable: any of them)",
    )
    p.add_argument(
        "--article",
        action="append",
        default=[],
        metavar="ID",
        help="only this article (an id or title prefix; repeatable)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="PATH",
        help="the file to write (a folder with --per-article)",
    )
    p.add_argument("--force", action="store_true", help="replace existing files")
    p.add_argument(
        "--per-article",
        action="store_true",
        help="Markdown: one file per article in the folder PATH",
    )
    p.add_argument(
        "--include-unannotated",
        action="store_true",
        help="also articles without highlights, notes or themes (after the others)",
    )
    p.add_argument(
        "--style",
        choices=STYLES,
        default=DEFAULT_STYLE,
        help=f"citation style (CSL) of the article references (default {DEFAULT_STYLE})",
    )
    p.add_argument(
        "--obsidian",
        action="store_true",
        help="Markdown: add #tags and ^hl-UID block ids (stable ids for an Obsidian vault)",
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "import-annotations",
        parents=[common],
        help="import W3C Web Annotation JSON or a REFI-QDA project/codebook",
        description="FILE.json: re-anchor each annotation (ours or another tool's) on "
        "the matching article; unknown articles are reported, annotations "
        "whose passage is gone are kept as orphans, missing themes added. "
        "FILE.qdpx: a REFI-QDA project — codes become themes, text sources articles "
        "(matched by text, else added), coded selections highlights. FILE.qdc: a "
        "REFI-QDA codebook — its codes become themes.",
    )
    p.add_argument("file", metavar="FILE.json|FILE.qdpx|FILE.qdc", type=Path)
    p.set_defaults(handler=cmd_import_annotations)


def cmd_export(args: argparse.Namespace) -> int:
    from reader.core.export import export
    from reader.ui.export_pdf import render_pdf  # Qt loads only when a PDF is rendered

    with open_library(args) as library:
        ids = [library.store.resolve_article(a) for a in args.article] or None
        result = export(
            library,
            args.format,
            args.output,
            article_ids=ids,
            query=args.query,
            themes=args.theme,
            group_by=args.group_by,
            force=args.force,
            per_article=args.per_article,
            include_unannotated=args.include_unannotated,
            style=args.style,
            obsidian=args.obsidian,
            pdf_renderer=render_pdf,
        )
    if is_json(args):
        print_json(
            {
                "format": result.format,
                "paths": [str(p) for p in result.paths],
                "articles": result.articles,
                "highlights": result.highlights,
            }
        )
    else:
        where = (
            result.paths[0]
            if len(result.paths) == 1
            else f"{len(result.paths)} files in {args.output}"
        )
        print(
            f"exported {result.highlights} highlight(s) from {result.articles} "
            f"article(s) to {where}"
        )
    return 0


def cmd_import_annotations(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() in (".qdpx", ".qdc"):
        return _import_qda(args)
    from reader.core.annotations.import_annotations import import_annotations

    with open_library(args) as library:
        report = import_annotations(library, args.file)
    if is_json(args):
        print_json(
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "orphaned": report.orphaned,
                "article_notes": report.article_notes,
                "themes_added": report.themes_added,
                "unmatched": [
                    {"id": u.id, "source": u.source, "quote": u.quote, "reason": u.reason}
                    for u in report.unmatched
                ],
                "conflicts": [
                    {"id": c.id, "quote": c.quote, "kept": c.kept, "reason": c.reason}
                    for c in report.conflicts
                ],
                "notices": report.notices,
            }
        )
    else:
        for u in report.unmatched:
            print(
                f"not imported: {u.id}: {u.reason} ({clip(u.quote or u.source, 50)})",
                file=sys.stderr,
            )
        kept = {"yours": "kept your note", "theirs": "took the file's note", "both": "kept both"}
        for c in report.conflicts:
            print(
                f"note conflict: {c.id}: {kept[c.kept]}: {c.reason} ({clip(c.quote, 50)})",
                file=sys.stderr,
            )
        for notice in report.notices:
            warn(notice)
        print(
            f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged "
            f"({report.orphaned} orphaned), {report.article_notes} article note(s), "
            f"{len(report.unmatched)} not imported; new themes: "
            f"{', '.join(report.themes_added) or 'none'}"
        )
    imported = report.total - len(report.unmatched)
    return 1 if report.unmatched and not imported else 0


def _import_qda(args: argparse.Namespace) -> int:
    from reader.core.annotations.import_qdpx import import_qdc, import_qdpx

    with open_library(args) as library:
        if args.file.suffix.lower() == ".qdc":
            report = import_qdc(library, args.file)
        else:
            report = import_qdpx(library, args.file)
    if is_json(args):
        print_json(
            {
                "sources_added": report.sources_added,
                "sources_matched": report.sources_matched,
                "highlights_added": report.highlights_added,
                "highlights_unchanged": report.highlights_unchanged,
                "orphaned": report.orphaned,
                "article_notes": report.article_notes,
                "article_themes": report.article_themes,
                "themes_added": report.themes_added,
                "problems": report.problems,
            }
        )
    else:
        for problem in report.problems:
            print(f"not imported: {problem}", file=sys.stderr)
        print(
            f"{report.sources_added} source(s) added, {report.sources_matched} matched; "
            f"{report.highlights_added} highlight(s) added ({report.orphaned} orphaned), "
            f"{report.highlights_unchanged} already there; new themes: "
            f"{', '.join(report.themes_added) or 'none'}"
        )
    return 0
