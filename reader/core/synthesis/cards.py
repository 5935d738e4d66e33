"""What a synthesis card shows: the quote, the note and where it comes from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.store import Store
from reader.core.synthesis.cache import cache_for, card_texts


@dataclass(frozen=True, slots=True)
class Card:
    """A highlight (``highlight_id`` set) or a whole article carrying the theme."""

    article_id: int
    highlight_id: int | None
    quote: str  # empty for an article entry
    note: str
    themes: tuple[str, ...]
    title: str
    date: str | None
    source: str | None
    start: int | None = None  # where the passage begins (characters); None for orphans


def highlight_cards(store: Store, highlight_ids: Sequence[int]) -> dict[int, Card]:
    """highlight id → card, for the ids still in the store (one query for new ones)."""
    cache = cache_for(store)
    texts = card_texts(store, list(highlight_ids))
    out: dict[int, Card] = {}
    for hid, (quote, note, start) in texts.items():
        aid = cache.owner[hid]
        facts = cache.articles[aid]
        out[hid] = Card(
            aid,
            hid,
            quote,
            note,
            cache.themes.get(hid, ()),
            facts.title,
            facts.date,
            facts.source,
            start,
        )
    return out


def article_card(store: Store, article_id: int) -> Card | None:
    cache = cache_for(store)
    facts = cache.articles.get(article_id)
    if facts is None:
        return None
    return Card(
        article_id,
        None,
        "",
        "",
        cache.article_themes.get(article_id, ()),
        facts.title,
        facts.date,
        facts.source,
    )
