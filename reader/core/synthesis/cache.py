"""What the synthesis view reads of a store, kept in memory and in step with it.

The view regroups 50,000 highlights on every filter change within 100 ms, so the
light facts it groups by (article, date, reading position, themes) are read once and
kept per :class:`Store`, refreshed by the store's change numbers (schema migration 2)
like :mod:`reader.core.themes.ops`: after an edit only the changed articles are read
again. Quotes and notes are read lazily, for the cards on screen (:func:`card_texts`).
The cache belongs to one store (one connection, one thread), like the store itself.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field

from reader.core.store import Store

_FULL_RELOAD = 1000  # more changed articles than this: read everything again


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    title: str
    date: str | None
    source: str | None
    author: str | None
    url: str | None


@dataclass(slots=True)
class SynthesisCache:
    """Per store: every article's facts, its highlights in reading order, their themes."""

    seq: int = -1
    articles: dict[int, ArticleFacts] = field(default_factory=dict)
    article_themes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    highlights: dict[int, list[int]] = field(default_factory=dict)  # article → ids, in order
    themes: dict[int, tuple[str, ...]] = field(default_factory=dict)  # highlight → theme ids
    owner: dict[int, int] = field(default_factory=dict)  # highlight → article
    texts: dict[int, tuple[str, str, int | None]] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # articles newest first, undated last

    def drop(self, aid: int) -> None:
        self.articles.pop(aid, None)
        self.article_themes.pop(aid, None)
        for hid in self.highlights.pop(aid, []):
            self.themes.pop(hid, None)
            self.owner.pop(hid, None)
            self.texts.pop(hid, None)


_CACHE: weakref.WeakKeyDictionary[Store, SynthesisCache] = weakref.WeakKeyDictionary()


def cache_for(store: Store) -> SynthesisCache:
    """The store's synthesis facts, brought up to date with every committed change."""
    cache = _CACHE.get(store)
    seq = store.change_seq()
    if cache is not None and cache.seq == seq:
        return cache
    changed = None if cache is None else sorted({a for a, _ in store.changes_since(cache.seq)})
    if cache is None or changed is None or len(changed) > _FULL_RELOAD:
        cache = SynthesisCache()
        _read(store, cache, None)
    else:
        for aid in changed:
            cache.drop(aid)
        _read(store, cache, changed)
    cache.order = sorted(
        cache.articles, key=lambda a: (cache.articles[a].date or "", -a), reverse=True
    )
    cache.seq = seq
    _CACHE[store] = cache
    return cache


def _read(store: Store, cache: SynthesisCache, ids: list[int] | None) -> None:
    where: str = ""
    params: tuple[str, ...] = ()
    if ids is not None:
        where, params = " WHERE {col} IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    for aid, title, date, source, author, url in store.query(
        f"SELECT id, title, date, source, author, url FROM articles{where.format(col='id')}",
        params,
    ):
        cache.articles[aid] = ArticleFacts(title, date, source, author, url)
        cache.highlights[aid] = []
    on_article: dict[int, list[str]] = {}
    for aid, theme in store.query(
        f"SELECT article_id, theme_id FROM article_themes{where.format(col='article_id')}"
        " ORDER BY article_id, theme_id",
        params,
    ):
        on_article.setdefault(aid, []).append(theme)
    for aid, themes in on_article.items():
        if aid in cache.articles:
            cache.article_themes[aid] = tuple(themes)
    for hid, aid in store.query(
        f"SELECT id, article_id FROM highlights{where.format(col='article_id')}"
        " ORDER BY article_id, start IS NULL, start, id",
        params,
    ):
        per_article = cache.highlights.get(aid)
        if per_article is not None:  # else an article added since: the next refresh has it
            per_article.append(hid)
            cache.owner[hid] = aid
    on_highlight: dict[int, list[str]] = {}
    for hid, theme in store.query(
        "SELECT t.highlight_id, t.theme_id FROM highlight_themes t"
        f" JOIN highlights h ON h.id = t.highlight_id{where.format(col='h.article_id')}"
        " ORDER BY t.highlight_id, t.position",
        params,
    ):
        on_highlight.setdefault(hid, []).append(theme)
    for hid, themes in on_highlight.items():
        if hid in cache.owner:
            cache.themes[hid] = tuple(themes)


def card_texts(store: Store, highlight_ids: list[int]) -> dict[int, tuple[str, str, int | None]]:
    """highlight id → (quote, note, start) for the cards about to be drawn; read in one
    query for those not read before, then kept until their article changes."""
    cache = cache_for(store)
    missing = [h for h in highlight_ids if h not in cache.texts and h in cache.owner]
    if missing:
        for hid, quote, note, start in store.query(
            "SELECT id, quote, note, start FROM highlights"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(missing),),
        ):
            cache.texts[hid] = (quote, note, start)
    return {h: cache.texts[h] for h in highlight_ids if h in cache.texts}
