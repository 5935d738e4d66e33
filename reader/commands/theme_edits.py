"""Theme edit commands: ``themes add|edit|rename|recolour|move|merge|delete``.

Thin wrappers over :mod:`reader.core.themes.editing` (the one place a theme is created
or changed), so the CLI and the window make the same ids and the same ``themes.yaml``.
The options of ``add`` and ``edit`` (one per theme property) and the JSON a theme is
printed as come from the core's table :data:`~reader.core.themes.THEME_PROPERTIES`.
An unknown theme, an empty name, a bad colour or a cycle exits 2 with one line.
"""

from __future__ import annotations

import argparse
from typing import Any

from reader.commands.common import is_json, open_library, print_json
from reader.commands.editing import Handler, InputError, input_errors
from reader.core.themes.properties import THEME_PROPERTIES
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
    _property_options(p, skip="name")
    p.set_defaults(handler=cmd_add)

    p = themes_sub.add_parser(
        "edit",
        parents=[common],
        help="change a theme's properties",
        description="Change any of THEME's properties at once (one save of themes.yaml); "
        "its id never changes. A name or digit another theme has is refused.",
    )
    p.add_argument("theme", metavar="THEME", help="name or id")
    _property_options(p)
    p.set_defaults(handler=cmd_edit)

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


def _property_options(parser: argparse.ArgumentParser, skip: str = "") -> None:
    """An option per theme property (the colour defaults to the next free one)."""
    for prop in THEME_PROPERTIES:
        if prop.key != skip:
            extra = [f"--{a}" for a in prop.aliases if f"--{a}" != prop.option]
            parser.add_argument(
                prop.option, *extra, dest=prop.key, metavar=prop.metavar, help=prop.help
            )


def _given(args: argparse.Namespace) -> dict[str, str | None]:
    """The property options given on the command line, as typed."""
    found = {p.key: getattr(args, p.key, None) for p in THEME_PROPERTIES}
    return {key: text for key, text in found.items() if text is not None}


def theme_json(theme: Theme) -> dict[str, Any]:
    """A theme in ``--json`` output: its id and every property."""
    return {"id": theme.id, **{p.key: p.as_json(getattr(theme, p.key)) for p in THEME_PROPERTIES}}


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

    given = _given(args)
    with open_library(args, check_themes=False) as library:
        before = {t.id for t in library.taxonomy.themes}
        theme = create_theme(
            library,
            args.name,
            parent=given.pop("parent", None),
            colour=given.pop("color", None),
            description=given.pop("description", None) or "",
            more=given,
        )
    created = theme.id not in before
    return _show(args, theme, "added" if created else "existing", created=created)


@input_errors
def cmd_edit(args: argparse.Namespace) -> int:
    from reader.core.themes.editing import edit_theme

    given = _given(args)
    if not given:
        options = ", ".join(p.option for p in THEME_PROPERTIES)
        raise InputError(f"nothing to change: give one or more of {options}")
    with open_library(args, check_themes=False) as library:
        theme = edit_theme(library, args.theme, given)
    return _show(args, theme, "edited")


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
