"""Backup commands: ``backup`` and ``restore``.

``restore`` works on the library folder without opening the store: the store it
replaces may be empty, damaged or unreadable.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.commands.common import error, is_json, open_library, print_json
from reader.core.backup import BackupInfo, backups_folder, find_backup, list_backups, restore
from reader.core.library import STORE_NAME, resolve_location


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="back the library's store up now, or list its backups",
        description="Check the store and copy it into the library's backups/ folder. "
        "A backup is also made automatically when the library is opened and the last "
        "one is a day old; the last 7 automatic ones are kept.",
    )
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="replace the library's store by a backup",
        description="Replace the store by BACKUP (a file name from 'backup --list' or a "
        "path; default: the newest backup). The current store is kept first as a "
        "pre-restore backup. Close the window before restoring.",
    )
    p.add_argument("backup", nargs="?", metavar="BACKUP", help="the backup to restore")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=cmd_restore)


def _json(info: BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "kind": info.kind,
        "created": info.created.isoformat().replace("+00:00", "Z"),
        "bytes": info.size,
    }


def _line(info: BackupInfo) -> str:
    when = info.created.strftime("%Y-%m-%d %H:%M UTC")
    return f"{info.path.name:40}  {when}  {info.size / 2**20:7.1f} MB  {info.kind}"


def cmd_backup(args: argparse.Namespace) -> int:
    if args.list:
        root = resolve_location(getattr(args, "library", None)).path
        backups = list_backups(root)
        if is_json(args):
            print_json([_json(b) for b in backups])
        else:
            print("\n".join(map(_line, backups)) or f"no backups yet in {backups_folder(root)}")
        return 0
    from reader.core.backup import make_backup

    with open_library(args, check_themes=False) as library:
        info = make_backup(library.store, library.root)
    if is_json(args):
        print_json(_json(info))
    else:
        print(f"backed up to {info.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    root = resolve_location(getattr(args, "library", None)).path
    chosen = find_backup(root, args.backup)
    if not args.yes:
        if not sys.stdin.isatty():
            error(f"this replaces the store by {chosen.path.name}; add --yes to confirm")
            return 1
        answer = input(
            f"Replace the store by {chosen.path.name} "
            f"({chosen.created:%Y-%m-%d %H:%M} UTC)? The current store is kept as a "
            "pre-restore backup. [y/N] "
        )
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing was changed")
            return 1
    kept = restore(root, root / STORE_NAME, chosen)
    if is_json(args):
        print_json({"restored": _json(chosen), "kept": _json(kept) if kept else None})
    else:
        print(f"restored {chosen.path.name}")
        if kept is not None:
            print(f"the replaced store is kept as {kept.path}")
    return 0
