"""The synthesis of a set of articles: highlights grouped by theme, themes over time and
theme co-occurrence, for the synthesis view, its charts and the exports' figures.

:mod:`reader.core.synthesis.cache` keeps what is grouped in memory per store;
:mod:`reader.core.synthesis.build` groups it; :mod:`reader.core.synthesis.cards` gives
what one card shows.
"""

from __future__ import annotations

from reader.core.synthesis.build import (
    CoOccurrence,
    Synthesis,
    ThemeGroup,
    TimeSeries,
    columns_for,
    synthesize,
)
from reader.core.synthesis.cache import adopt, read_cache
from reader.core.synthesis.cards import Card, article_card, highlight_cards
from reader.core.synthesis.retag import retagged

__all__ = [
    "Card",
    "CoOccurrence",
    "Synthesis",
    "ThemeGroup",
    "TimeSeries",
    "adopt",
    "article_card",
    "columns_for",
    "highlight_cards",
    "read_cache",
    "retagged",
    "synthesize",
]
