"""News feeds (RSS/Atom): subscribe, check for new entries, import their pages.

An update asks each feed "anything new?" with a conditional GET (its ETag and
Last-Modified), parses it with feedparser, and imports each entry it has not seen (by GUID,
and by address across all feeds) through the same web-address path as ``import URL``.
An entry whose ``updated`` stamp changed is imported again: its article is updated in
place with highlights re-anchored. Seen entries are remembered in the store, so nothing
is imported twice. A feed that cannot be reached, or is not a feed, is reported and the
others are still updated. Requests go one at a time, so no host gets more than one at once.

A feed's themes are *suggested* for its articles (``article_theme_suggestions``), never
applied as tags: :func:`theme_suggestions` lists them, :func:`accept_theme_suggestion`
makes one an article theme, :func:`dismiss_theme_suggestion` drops it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.core import store_feeds as rows
from reader.core.errors import NotFoundError, ReaderError
from reader.core.importing.fetch import FetchError, fetch, is_web_address
from reader.core.importing.web import import_url
from reader.core.models import FileOutcome, ImportReport
from reader.core.store import Store

if TYPE_CHECKING:
    from reader.core.library import Library

FEED_TYPES = (
    "application/rss+xml,application/atom+xml,application/rdf+xml,application/xml,"
    "text/xml;q=0.9,*/*;q=0.5"
)
FeedProgress = Callable[[int, int, str], None]  # (entries done, entries in all, feed title)


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    title: str
    themes: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    added_at: str
    checked_at: str | None
    last_error: str | None
    entries: int = 0  # entries seen
    articles: int = 0  # articles imported from it (still in the library)


@dataclass(slots=True)
class FeedUpdate:
    """What one feed's update did."""

    feed: Feed
    error: str | None = None  # the feed itself could not be read: unreachable, not a feed
    not_modified: bool = False
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class FeedError(ReaderError):
    """A feed cannot be subscribed to; the message says why, in one line."""


# -- subscriptions -------------------------------------------------------------------


def add_feed(store: Store, url: str, themes: Sequence[str] = ()) -> Feed:
    """Subscribe to ``url`` after checking it is a reachable feed (entries are imported by
    the next update). Adding a feed again updates its themes."""
    if not is_web_address(url):
        raise FeedError(f"{url}: not a web address (http:// or https://)")
    try:
        title, _ = _parse(fetch(url, accept=FEED_TYPES).body, url)
    except FetchError as exc:
        raise FeedError(str(exc)) from None
    rows.upsert_feed(store, url, title, themes)
    return resolve_feed(store, url)


def feeds(store: Store) -> list[Feed]:
    return [
        Feed(
            id=r["id"],
            url=r["url"],
            title=r["title"],
            themes=tuple(json.loads(r["themes"])),
            etag=r["etag"],
            last_modified=r["last_modified"],
            added_at=r["added_at"],
            checked_at=r["checked_at"],
            last_error=r["last_error"],
            entries=r["entries"],
            articles=r["articles"],
        )
        for r in rows.feed_rows(store)
    ]


def resolve_feed(store: Store, ref: str) -> Feed:
    """A feed by id, address or title (case-insensitive)."""
    for feed in feeds(store):
        if ref in (str(feed.id), feed.url) or ref.casefold() == feed.title.casefold():
            return feed
    raise NotFoundError(f"no feed '{ref}'; see 'research-reader feeds list'")


def remove_feed(store: Store, feed_id: int) -> None:
    """Unsubscribe (the articles imported from it stay in the library)."""
    rows.delete_feed(store, feed_id)


# -- updating ------------------------------------------------------------------------


def update_feeds(
    store: Store,
    chosen: Sequence[Feed],
    progress: FeedProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[FeedUpdate]:
    """Update each feed in turn; one feed's failure never stops the others."""
    return [update_feed(store, feed, progress, cancelled) for feed in chosen]


def update_library_feeds(
    library: Library,
    chosen: Sequence[Feed] | None = None,
    progress: FeedProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[FeedUpdate]:
    """Update ``chosen`` feeds (default: all) and bring the search index in step."""
    chosen = feeds(library.store) if chosen is None else chosen
    updates = update_feeds(library.store, chosen, progress, cancelled)
    changed = [
        o.article_id
        for u in updates
        for o in u.outcomes
        if o.status in ("imported", "updated") and o.article_id is not None
    ]
    if changed:
        library.update_index(also=changed)
    return updates


def as_import_report(updates: Sequence[FeedUpdate]) -> ImportReport:
    """Feed updates as one import report (what the window's import summary shows): a
    feed that could not be read is a failed outcome named by its address."""
    report = ImportReport()
    for update in updates:
        if update.error:
            report.outcomes.append(FileOutcome(update.feed.url, "failed", f"feed: {update.error}"))
        report.outcomes += update.outcomes
    return report


def update_feed(
    store: Store,
    feed: Feed,
    progress: FeedProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FeedUpdate:
    result = FeedUpdate(feed)
    try:
        page = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_TYPES)
        if page.not_modified:
            result.not_modified = True
            rows.mark_checked(store, feed.id, None)
            return result
        title, entries = _parse(page.body, feed.url)
    except ReaderError as exc:
        result.error = str(exc).removeprefix(f"{feed.url}: ")
        rows.mark_checked(store, feed.id, result.error)
        return result
    todo = [e for e in entries if _is_new_or_changed(store, feed.id, e)]
    for done, entry in enumerate(todo):
        if cancelled is not None and cancelled():
            return result  # validators not saved: the next update sees the rest
        if progress is not None:
            progress(done, len(todo), title or feed.url)
        outcome = import_url(store, entry.url)
        result.outcomes.append(outcome)
        if outcome.status != "failed":  # a failed page is tried again next time
            rows.remember_entry(
                store,
                feed.id,
                guid=entry.guid,
                url=entry.url,
                updated=entry.updated,
                article_id=outcome.article_id,
                themes=feed.themes,
            )
    if progress is not None:
        progress(len(todo), len(todo), title or feed.url)
    rows.mark_updated(store, feed.id, title or feed.title, page.etag, page.last_modified)
    return result


@dataclass(frozen=True, slots=True)
class _Entry:
    guid: str
    url: str
    updated: str  # the entry's updated (or published) stamp as given, "" when none


def _parse(body: bytes, url: str) -> tuple[str, list[_Entry]]:
    import feedparser  # import-only dependency: loaded on the first feed

    parsed = feedparser.parse(body)
    version = str(parsed.get("version") or "")
    if not version and not parsed.entries:
        raise FeedError(f"{url}: not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = str(item.get("link") or "")
        if not is_web_address(link):
            continue
        guid = str(item.get("id") or item.get("guid") or link)
        # dict.get: feedparser's own get maps a missing "updated" to "published" with a
        # deprecation warning
        stamp = str(dict.get(item, "updated") or dict.get(item, "published") or "")
        entries.append(_Entry(guid, link, stamp))
    return str(parsed.feed.get("title") or ""), entries


def _is_new_or_changed(store: Store, feed_id: int, entry: _Entry) -> bool:
    seen = rows.seen_stamp(store, feed_id, entry.guid)
    if seen is not None:
        return bool(entry.updated) and seen != entry.updated
    # the same page reached through another feed (or the same feed under a new GUID)
    return not rows.address_known(store, entry.url)


# -- theme suggestions from feeds ------------------------------------------------------


def theme_suggestions(store: Store, article_id: int) -> list[tuple[str, str]]:
    """Themes suggested for an article, with where from (``feed:3``), not yet accepted."""
    return rows.open_suggestions(store, article_id)


def accept_theme_suggestion(store: Store, article_id: int, theme_id: str) -> None:
    """Make a suggested theme one of the article's themes."""
    rows.accept_suggestion(store, article_id, theme_id)


def dismiss_theme_suggestion(store: Store, article_id: int, theme_id: str) -> None:
    """Drop a suggestion for good (a later update of the entry does not bring it back)."""
    rows.dismiss_suggestion(store, article_id, theme_id)
