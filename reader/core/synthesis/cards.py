"""What a synthesis card shows: the quote, the note and where it comes from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.store import Store
from reader.core.store_synthesis import article_card_row
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
    out: dict[int, Card] = {}
    for hid, t in card_texts(store, highlight_ids).items():
        out[hid] = Card(
            cache.owner[hid],
            hid,
            t.quote,
            t.note,
            cache.themes.get(hid, ()),
            t.title,
            t.date,
            t.source,
            t.start,
        )
    return out


def article_card(store: Store, article_id: int) -> Card | None:
    cache = cache_for(store)
    row = article_card_row(store, article_id)
    if row is None:
        return None
    title, date, source, note = row
    return Card(
        article_id, None, "", note, cache.article_themes.get(article_id, ()), title, date, source
    )
