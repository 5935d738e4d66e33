"""Article edits: correct the metadata, tag whole articles with themes, remove and restore.

Imported metadata is often wrong ("msn back to msn home news" as a title, "Username" as
the author); these are the operations the window's Article tab and the CLI's ``edit``,
``tag`` and ``remove`` share. Each write is one store transaction, and the store's change
triggers (schema migration 2) tell the search index, so an edit is searchable at the
next index sync. Removal returns everything it took (the row, highlights with their
themes and notes, article themes, dismissed suggestions) so undo puts back exactly the
same ids and uids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from reader.core import store_articles as rows
from reader.core.annotations.highlights import highlights_for
from reader.core.annotations.highlights import restore as restore_highlight
from reader.core.dates import date_line
from reader.core.errors import ReaderError
from reader.core.models import Article, Highlight
from reader.core.store import Store, utc_now

if TYPE_CHECKING:
    from reader.core.library import Library


class ArticleEditError(ReaderError):
    """An article edit that cannot be made as asked (unknown article or theme, a date
    that is not a date, a URL that is not a web address, an empty title)."""


# -- metadata ------------------------------------------------------------------------------


def edit_article(
    store: Store,
    article_id: int,
    *,
    title: str | None = None,
    date: str | None = None,
    author: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> tuple[Article, Article]:
    """Change some metadata of an article; return it ``(before, after)`` (for undo).

    ``None`` leaves a field as it is, ``""`` clears it (the title cannot be cleared).
    Dates are stored as ISO ``YYYY-MM-DD``: "2025-7-3", "July 3, 2025" and "3 July 2025"
    are accepted and normalised. Nothing is written when nothing changes."""
    before = _article(store, article_id)
    changes: dict[str, str | None] = {}
    if title is not None:
        clean = " ".join(title.split())
        if not clean:
            raise ArticleEditError("the title cannot be empty")
        changes["title"] = clean
    if date is not None:
        changes["date"] = normalise_date(date) if date.strip() else None
    if author is not None:
        changes["author"] = " ".join(author.split()) or None
    if source is not None:
        changes["source"] = " ".join(source.split()) or None
    if url is not None:
        changes["url"] = _web_address(url)
    changes = {k: v for k, v in changes.items() if getattr(before, k) != v}
    if not changes:
        return before, before
    with store.transaction() as db:
        rows.update_article_fields(db, article_id, changes, utc_now())
    return before, store.article(article_id)


def restore_metadata(store: Store, before: Article) -> Article:
    """Put back the metadata ``before`` held (the first value :func:`edit_article`
    returned), exactly as it was stored: the undo of an edit."""
    _article(store, before.id)
    with store.transaction() as db:
        rows.restore_article_metadata(db, before)
    return store.article(before.id)


def normalise_date(text: str) -> str:
    """``text`` as an ISO ``YYYY-MM-DD`` date, or :class:`ArticleEditError` if it is not
    one (a year or month alone is refused: the store holds whole dates)."""
    value = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if iso:
        try:
            return Date(*(int(g) for g in iso.groups())).isoformat()
        except ValueError:
            pass
    else:
        found = date_line(value)
        if found:
            return found
    raise ArticleEditError(f"'{text}' is not a date: write it as YYYY-MM-DD (e.g. 2025-07-17)")


def _web_address(text: str) -> str | None:
    value = text.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
        raise ArticleEditError(
            f"'{text}' is not a web address: give one starting with http:// or https://"
        )
    return value


# -- themes on whole articles ----------------------------------------------------------------


def tag_articles(
    library: Library,
    article_ids: Sequence[int],
    theme_ids: Sequence[str],
    *,
    remove: bool = False,
) -> int:
    """Put every theme of ``theme_ids`` on every article (or take them off with
    ``remove``); return how many (article, theme) pairs were added or removed.

    Themes are ids or names from ``themes.yaml``; when removing, an id the taxonomy does
    not know but the store carries (a stray tag) is accepted too. Unknown articles or
    themes raise :class:`ArticleEditError` before anything is written."""
    store = library.store
    articles = list(dict.fromkeys(article_ids))
    _check_articles(store, articles)
    themes = list(dict.fromkeys(_theme_id(library, t, remove) for t in theme_ids))
    if not themes:
        raise ArticleEditError("no theme given: name at least one")
    count = 0
    with store.transaction() as db:
        for aid in articles:
            for theme in themes:
                change = rows.remove_article_theme if remove else rows.add_article_theme
                count += change(db, aid, theme)
    return count


def article_themes_of(store: Store, article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The themes on each whole article (in the order they were put on), to take before
    :func:`tag_articles` so an undo can put back exactly what was there."""
    found: dict[int, tuple[str, ...]] = {aid: () for aid in article_ids}
    for aid, theme in rows.themes_of_articles(store, found):
        found[aid] += (theme,)
    return found


def restore_article_themes(store: Store, themes: dict[int, tuple[str, ...]]) -> None:
    """Make each article's own themes exactly ``themes[id]`` again, in one transaction
    (the undo of :func:`tag_articles`; articles removed since are skipped)."""
    with store.transaction() as db:
        for aid, ids in themes.items():
            rows.replace_article_themes(db, aid, ids)


def _theme_id(library: Library, ref: str, remove: bool) -> str:
    from reader.core.themes.editing import find_by_name, used_theme_ids

    text = ref.strip()
    taxonomy = library.taxonomy
    theme = (taxonomy.resolve(text) or find_by_name(taxonomy, text)) if text else None
    if theme is not None:
        return theme.id
    if remove and text in used_theme_ids(library.store):
        return text
    raise ArticleEditError(
        f"no theme '{text}' in themes.yaml; see 'research-reader themes list' "
        "or create it with 'research-reader themes add'"
    )


# -- removal and exact restore ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RemovedArticle:
    """Everything :func:`remove_articles` took out for one article, enough to put it back
    exactly: the row, its highlights (themes and notes on them), its own themes and the
    suggestions dismissed on it as ``(theme id, quote, dismissed at)``."""

    article: Article
    highlights: tuple[Highlight, ...] = ()
    themes: tuple[str, ...] = ()
    dismissals: tuple[tuple[str, str, str], ...] = ()


def remove_articles(store: Store, article_ids: Sequence[int]) -> list[RemovedArticle]:
    """Delete articles with their highlights, themes and dismissals, in one transaction;
    return what was removed (for :func:`restore_articles`). The index drops them at its
    next sync; re-importing the same file later makes a fresh article."""
    ids = list(dict.fromkeys(article_ids))
    _check_articles(store, ids)
    removed: list[RemovedArticle] = []
    with store.transaction() as db:
        for aid in ids:
            removed.append(
                RemovedArticle(
                    article=store.article(aid),
                    highlights=tuple(highlights_for(store, aid)),
                    themes=rows.own_theme_ids(db, aid),
                    dismissals=rows.dismissals_of(db, aid),
                )
            )
            rows.delete_article_row(db, aid)
    return removed


def restore_articles(store: Store, removed: Sequence[RemovedArticle]) -> None:
    """Put removed articles back exactly (same article ids, highlight ids and uids), in
    one transaction. Refuses, changing nothing, when an id or the file was taken since
    (the same file imported again)."""
    with store.transaction() as db:
        for item in removed:
            a = item.article
            clash = rows.article_taking_place_of(db, a)
            if clash is not None:
                raise ArticleEditError(
                    f"cannot put back '{_clip(a.title)}': article {clash} took its place "
                    "(its file was imported again); remove that one first"
                )
            rows.insert_article_row(db, a)
            for h in item.highlights:
                restore_highlight(store, h)
            rows.insert_article_extras(db, a.id, item.themes, item.dismissals)


# -- helpers ---------------------------------------------------------------------------------


def _article(store: Store, article_id: int) -> Article:
    if not rows.article_exists(store, article_id):
        raise ArticleEditError(f"no article with id {article_id}; see 'research-reader list'")
    return store.article(article_id)


def _check_articles(store: Store, ids: Sequence[int]) -> None:
    if not ids:
        raise ArticleEditError("no article given: name at least one")
    known = set(store.article_ids())
    missing = [str(i) for i in ids if i not in known]
    if missing:
        raise ArticleEditError(
            f"no article with id {', '.join(missing)}; see 'research-reader list'"
        )


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
