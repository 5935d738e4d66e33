"""Feed commands: ``feeds add``, ``feeds list``, ``feeds update`` and ``feeds remove``.

Exit codes: 0 success (including "nothing new"); 1 failure — for ``update``, at least
one feed could not be read (unreachable, an HTTP error, not a feed) or one of its pages
failed, the other feeds are still updated; 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reader.commands.common import clip, is_json, open_library, print_json, progress_line, warn
from reader.core.feeds import (
    Feed,
    FeedUpdate,
    add_feed,
    feeds,
    remove_feed,
    resolve_feed,
    update_library_feeds,
)

USAGE_ERROR = 2


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser(
        "feeds",
        parents=[common],
        help="news feeds (RSS/Atom)",
        description="Subscribe to RSS/Atom feeds and import their new entries' pages. "
        "Exit status: 0 ok (also when nothing is new), 1 a feed or page failed "
        "(the others are still updated), 2 usage error.",
    )
    cmds = group.add_subparsers(title="feed commands", metavar="COMMAND", required=True)
    p = cmds.add_parser("add", parents=[common], help="subscribe to a feed")
    p.add_argument("url", metavar="URL")
    p.add_argument(
        "--theme",
        action="append",
        default=[],
        metavar="T",
        help="a theme (name or id) to suggest for the feed's articles; repeatable",
    )
    p.set_defaults(handler=cmd_feeds_add)
    p = cmds.add_parser("list", parents=[common], help="the feeds subscribed to")
    p.set_defaults(handler=cmd_feeds_list)
    p = cmds.add_parser(
        "update",
        parents=[common],
        help="import new and changed entries",
        description="Fetch each feed (conditionally: unchanged feeds cost one short "
        "request) and import the pages of entries not seen before or updated since.",
    )
    p.add_argument("feeds", nargs="*", metavar="FEED", help="an id, address or title")
    p.add_argument("--all", action="store_true", help="every feed")
    p.set_defaults(handler=cmd_feeds_update)
    p = cmds.add_parser(
        "remove", parents=[common], help="unsubscribe (its articles stay in the library)"
    )
    p.add_argument("feed", metavar="FEED", help="an id, address or title")
    p.set_defaults(handler=cmd_feeds_remove)


def cmd_feeds_add(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        taxonomy = library.taxonomy
        themes = [(t.id if (t := taxonomy.resolve(name)) else name) for name in args.theme]
        for name in themes:
            if taxonomy.get(name) is None:
                warn(f"theme '{name}' is not in themes.yaml; it is suggested by its id")
        feed = add_feed(library.store, args.url, themes)
    if is_json(args):
        print_json(_feed_json(feed))
    else:
        print(
            f"feed {feed.id}: {feed.title or feed.url}; 'research-reader feeds update' imports it"
        )
    return 0


def cmd_feeds_list(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        rows = feeds(library.store)
    if is_json(args):
        print_json([_feed_json(f) for f in rows])
        return 0
    if not rows:
        print("No feeds: subscribe with 'research-reader feeds add URL'.")
    for f in rows:
        state = f"error: {f.last_error}" if f.last_error else f"checked {f.checked_at or 'never'}"
        themes = f"  [{', '.join(f.themes)}]" if f.themes else ""
        print(
            f"{f.id:>4}  {clip(f.title or f.url, 50):50}  {f.articles:>4} articles  {state}{themes}"
        )
    return 0


def cmd_feeds_update(args: argparse.Namespace) -> int:
    if not args.feeds and not args.all:
        print("research-reader: error: name FEED(s) to update, or --all", file=sys.stderr)
        return USAGE_ERROR
    with open_library(args) as library:
        chosen = (
            feeds(library.store)
            if args.all
            else [resolve_feed(library.store, ref) for ref in args.feeds]
        )
        show = not is_json(args) and sys.stderr.isatty()
        results = update_library_feeds(library, chosen, progress_line if show else None)
        if show:
            sys.stderr.write("\r\x1b[K")
    failed = any(r.error or r.count("failed") for r in results)
    if is_json(args):
        print_json([_update_json(r) for r in results])
    else:
        for r in results:
            print(_update_line(r))
            for o in r.outcomes:
                if o.status == "failed":
                    print(f"  skipped {o.path}: {o.reason}", file=sys.stderr)
    return 1 if failed else 0


def cmd_feeds_remove(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        feed = resolve_feed(library.store, args.feed)
        remove_feed(library.store, feed.id)
    if is_json(args):
        print_json({"removed": feed.id})
    else:
        print(f"removed feed {feed.id} ({feed.title or feed.url}); its articles stay")
    return 0


def _update_line(r: FeedUpdate) -> str:
    name = r.feed.title or r.feed.url
    if r.error:
        return f"{name}: FAILED: {r.error}"
    if r.not_modified:
        return f"{name}: nothing new (not modified)"
    return (
        f"{name}: {r.count('imported')} new, {r.count('updated')} updated, "
        f"{r.count('failed')} failed"
    )


def _update_json(r: FeedUpdate) -> dict[str, Any]:
    return {
        "feed": r.feed.id,
        "url": r.feed.url,
        "error": r.error,
        "not_modified": r.not_modified,
        "imported": r.count("imported"),
        "updated": r.count("updated"),
        "failed": r.count("failed"),
        "entries": [
            {"url": o.path, "status": o.status, "reason": o.reason or None, "id": o.article_id}
            for o in r.outcomes
        ],
    }


def _feed_json(f: Feed) -> dict[str, Any]:
    return {
        "id": f.id,
        "url": f.url,
        "title": f.title,
        "themes": list(f.themes),
        "entries": f.entries,
        "articles": f.articles,
        "checked": f.checked_at,
        "error": f.last_error,
    }
