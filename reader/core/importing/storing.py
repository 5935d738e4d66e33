"""Put a parsed article into the store: add it, update it in place, or skip it.

Shared by every source (files, web addresses, feed entries), so they all behave the same:
an unchanged re-import is a no-op, a changed one updates the article under its id with
highlights re-anchored (orphans kept), and the same text under another name is reported
as a duplicate. ``location`` identifies the source: a file's path or a web address.
"""

from __future__ import annotations

from reader.core.annotations.highlights import reanchor_article
from reader.core.importing.textnorm import content_hash
from reader.core.models import ArticleDraft, FileOutcome
from reader.core.pages import save_page_starts
from reader.core.store import Store


def store_draft(store: Store, location: str, draft: ArticleDraft) -> FileOutcome:
    """Store ``draft`` (from ``location``) in one transaction and say what happened."""
    digest = content_hash(draft.text)
    with store.transaction():
        existing = store.article_by_path(location)
        if existing is not None:
            if existing.content_hash == digest:
                return FileOutcome(
                    location,
                    "unchanged",
                    "already imported, unchanged",
                    existing.id,
                    existing.title,
                )
            store.replace_article_content(existing.id, draft, digest)
            save_page_starts(store, existing.id, draft.page_starts)
            _, orphaned = reanchor_article(store, existing.id, draft.text)
            note = f"{orphaned} highlight(s) no longer found, kept as orphans" if orphaned else ""
            return FileOutcome(location, "updated", note, existing.id, draft.title)
        twin = store.article_by_hash(digest)
        if twin is not None:
            return FileOutcome(
                location,
                "duplicate",
                f"same text as article {twin.id} ('{twin.title[:50]}')",
                twin.id,
                twin.title,
            )
        article_id = store.add_article(draft, digest)
        save_page_starts(store, article_id, draft.page_starts)
    return FileOutcome(location, "imported", "", article_id, draft.title)
