"""Theme edit commands: ``themes add|rename|recolour|move|merge|delete``.

Thin wrappers over :mod:`reader.core.themes.editing` (the one place a theme is created
or changed), so the CLI and the window make the same ids and the same ``themes.yaml``.
An unknown theme, an empty name, a bad colour or a cycle exits 2 with one line.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.commands.common import is_json, open_library, print_json
from reader.commands.editing import Handler, input_errors
from reader.core.themes.taxonomy import Theme


def register(themes_sub: Any, common: argparse.ArgumentParser) -> None:
    """Add the edit commands to the ``themes`` group's subparsers."""
    p = themes_sub.add_parser(
        "add",
        parents=[common],
        help="create a theme",
        description="Add a theme called NAME to themes.yaml (its id is the name as a slug: "
        "'Défense posture' → defense-posture). A theme of that name already there is "
        "left as it is.",
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--parent", metavar="THEME", help="put it under this theme (name or id)")
    p.add_argument("--colour", "--color", metavar="#RRGGBB", help="default: the next free one")
    p.add_argument("--description", default="", help="what belongs under this theme")
    p.set_defaults(handler=cmd_add)

    p = themes_sub.add_parser("rename", parents=[common], help="rename a theme (id unchanged)")
    p.add_argument("theme", metavar="THEME", help="name or id")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=_one_theme_edit("rename_theme", "renamed", "name"))

    p = themes_sub.add_parser("recolour", parents=[common], help="give a theme another colour")
    p.add_argument("theme", metavar="THEME", help="name or id")
    p.add_argument("colour", metavar="#RRGGBB")
    p.set_defaults(handler=_one_theme_edit("recolour_theme", "recoloured", "colour"))

    p = themes_sub.add_parser(
        "move", parents=[common], help="put a theme under another (or make it a top theme)"
    )
    p.add_argument("theme", metavar="THEME", help="name or id")
    p.add_argument("--parent", metavar="THEME", help="the new parent; leave out for the top")
    p.set_defaults(handler=_one_theme_edit("reparent_theme", "moved", "parent"))

    p = themes_sub.add_parser(
        "merge",
        parents=[common],
        help="fold one theme into another",
        description="Put TARGET wherever SOURCE is (highlights and articles), move SOURCE's "
        "sub-themes under TARGET and remove SOURCE from themes.yaml.",
    )
    p.add_argument("source", metavar="SOURCE", help="name or id (or an id only highlights carry)")
    p.add_argument("target", metavar="TARGET", help="name or id")
    p.set_defaults(handler=cmd_merge)

    p = themes_sub.add_parser(
        "delete",
        parents=[common],
        help="delete a theme",
        description="Remove THEME from themes.yaml and from every highlight and article "
        "(or give them --reassign THEME2 instead). Its sub-themes move up a level.",
    )
    p.add_argument("theme", metavar="THEME", help="name or id")
    p.add_argument("--reassign", metavar="THEME2", help="put this theme where THEME was")
    p.set_defaults(handler=cmd_delete)


def theme_json(theme: Theme) -> dict[str, Any]:
    return {
        "id": theme.id,
        "name": theme.name,
        "color": theme.color,
        "parent": theme.parent,
        "key": theme.key,
        "description": theme.description,
    }


def _show(args: argparse.Namespace, theme: Theme, what: str, **extra: Any) -> int:
    if is_json(args):
        print_json({**theme_json(theme), **extra})
    else:
        under = f" under {theme.parent}" if theme.parent else ""
        print(f"{what} theme {theme.id}: {theme.name} {theme.color or ''}{under}".rstrip())
    return 0


@input_errors
def cmd_add(args: argparse.Namespace) -> int:
    from reader.core.themes.editing import create_theme

    with open_library(args, check_themes=False) as library:
        before = {t.id for t in library.taxonomy.themes}
        theme = create_theme(
            library,
            args.name,
            parent=args.parent,
            colour=args.colour,
            description=args.description,
        )
    created = theme.id not in before
    return _show(args, theme, "added" if created else "existing", created=created)


def _one_theme_edit(operation: str, done: str, *fields: str) -> Handler:
    """A command that changes one theme with ``editing.<operation>(library, THEME,
    *fields)`` and shows the result: rename, recolour and move differ only in these."""

    @input_errors
    def run(args: argparse.Namespace) -> int:
        from reader.core.themes import editing

        edit = getattr(editing, operation)
        with open_library(args, check_themes=False) as library:
            theme = edit(library, args.theme, *(getattr(args, f) for f in fields))
        return _show(args, theme, done)

    return run


@input_errors
def cmd_merge(args: argparse.Namespace) -> int:
    from reader.core.themes.editing import find_theme, merge_theme, theme_or_stray_id

    with open_library(args, check_themes=False) as library:
        source = theme_or_stray_id(library, library.taxonomy, args.source)
        target = find_theme(library.taxonomy, args.target).id
        moved = merge_theme(library, args.source, args.target)
        if moved:
            library.update_index()
    if is_json(args):
        print_json({"source": source, "target": target, "moved": moved})
    else:
        print(f"merged {source} into {target}: {moved} tag{'s' if moved != 1 else ''} moved")
    return 0


@input_errors
def cmd_delete(args: argparse.Namespace) -> int:
    from reader.core.themes.editing import delete_theme, find_theme, theme_or_stray_id

    with open_library(args, check_themes=False) as library:
        theme = theme_or_stray_id(library, library.taxonomy, args.theme)
        target = find_theme(library.taxonomy, args.reassign).id if args.reassign else None
        count = delete_theme(library, args.theme, reassign_to=args.reassign)
        if count:
            library.update_index()
    if is_json(args):
        print_json({"deleted": theme, "reassigned_to": target, "tags": count})
    else:
        what = f"moved to {target}" if target else "removed"
        print(f"deleted {theme}: {count} tag{'s' if count != 1 else ''} {what}")
    return 0
