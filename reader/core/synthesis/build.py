"""The synthesis of a set of articles: highlights by theme, themes over time, co-occurrence.

One pass over the highlights of the articles in scope (the current search and theme/date
filter) builds all three, so the view and its two charts always agree.

Columns are either every theme used in scope, each holding the highlights that carry
it directly (so a parent and its child are two columns), or the themes the user
checked, each holding the highlights that carry it or one of its descendants. A
highlight with two column themes is in both columns; a highlight with no theme at all
is in the "unthemed" group (``theme_id`` None). Articles that carry a column's theme
themselves (not through a highlight) are listed in that column as article entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.core.store import Store
from reader.core.synthesis.cache import SynthesisCache, cache_for
from reader.core.themes.taxonomy import Taxonomy

Period = Literal["week", "month", "auto"]
WEEKS_AT_MOST = 26  # "auto": by week when the dates span at most this many weeks


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """One column: ``theme_id`` None is the unthemed group."""

    theme_id: str | None
    highlight_ids: tuple[int, ...]  # newest article first, each in reading order
    article_ids: tuple[int, ...]  # articles carrying the theme themselves


@dataclass(frozen=True, slots=True)
class TimeSeries:
    """Highlights per theme per period (by the article's date; undated ones left out)."""

    period: Literal["week", "month"]
    periods: tuple[str, ...]  # "2025-07" or "2025-W27", oldest first, no gaps
    counts: dict[str, tuple[int, ...]]  # theme id → one count per period


@dataclass(frozen=True, slots=True)
class CoOccurrence:
    """``articles[i][j]``: articles in scope having both themes (article-level or on any
    highlight); ``highlights[i][j]``: highlights carrying both. The diagonal is each
    theme's own count."""

    themes: tuple[str, ...]
    articles: tuple[tuple[int, ...], ...]
    highlights: tuple[tuple[int, ...], ...]


@dataclass(frozen=True, slots=True)
class Synthesis:
    groups: tuple[ThemeGroup, ...]
    over_time: TimeSeries
    co_occurrence: CoOccurrence
    article_count: int  # articles in scope
    highlight_count: int  # highlights in scope (each counted once)


def columns_for(
    taxonomy: Taxonomy, used: Iterable[str], checked: Collection[str] = ()
) -> dict[str, set[str]]:
    """column theme id → the theme ids it gathers, in the taxonomy's order.

    ``checked`` given: those themes, each with its descendants. Otherwise every theme in
    ``used`` by itself (ids the taxonomy does not know last, sorted)."""
    known = [t.id for t in taxonomy.themes]
    if checked:
        ordered = [t for t in known if t in checked] + sorted(set(checked) - set(known))
        return {t: set(taxonomy.descendants(t)) | {t} for t in ordered}
    used_set = set(used)
    ordered = [t for t in known if t in used_set] + sorted(used_set - set(known))
    return {t: {t} for t in ordered}


def synthesize(
    store: Store,
    taxonomy: Taxonomy,
    article_ids: Collection[int] | None = None,
    checked: Collection[str] = (),
    period: Period = "auto",
) -> Synthesis:
    """The synthesis of ``article_ids`` (None: the whole library)."""
    cache = cache_for(store)
    scope = _scope(cache, article_ids)
    if checked:
        columns = columns_for(taxonomy, (), checked)
    else:
        columns = columns_for(taxonomy, _used(cache, scope))
    into: dict[str, tuple[str, ...]] = {}  # a theme id → the columns it lands in
    for column, members in columns.items():
        for member in members:
            into[member] = (*into.get(member, ()), column)
    grouped: dict[str | None, list[int]] = {c: [] for c in columns}
    grouped[None] = []
    on_articles: dict[str, list[int]] = {c: [] for c in columns}
    names = list(columns)
    position = {c: i for i, c in enumerate(names)}
    n = len(names)
    art_pairs = [[0] * n for _ in range(n)]
    hl_pairs = [[0] * n for _ in range(n)]
    dated: dict[str, dict[str, int]] = {c: {} for c in columns}  # column → date → count
    themes_of, highlights_of, facts = cache.themes, cache.highlights, cache.articles
    highlight_count = 0
    for aid in scope:
        article_cols: set[str] = set()
        for theme in cache.article_themes.get(aid, ()):
            for column in into.get(theme, ()):
                if column not in article_cols:
                    article_cols.add(column)
                    on_articles[column].append(aid)
        date = facts[aid].date
        for hid in highlights_of[aid]:
            highlight_count += 1
            themes = themes_of.get(hid)
            if not themes:
                grouped[None].append(hid)
                continue
            cols = _columns_of(themes, into)
            for column in cols:
                grouped[column].append(hid)
                if date:
                    per_date = dated[column]
                    per_date[date] = per_date.get(date, 0) + 1
            article_cols.update(cols)
            if len(cols) > 1:
                _count_pairs(hl_pairs, [position[c] for c in cols])
        if article_cols:
            _count_pairs(art_pairs, [position[c] for c in article_cols])
    groups = tuple(
        ThemeGroup(c, tuple(grouped[c]), tuple(on_articles.get(c, ()) if c else ()))
        for c in [*names, None]
    )
    return Synthesis(
        groups,
        _series(dated, period),
        CoOccurrence(
            tuple(names),
            tuple(tuple(r) for r in art_pairs),
            tuple(tuple(r) for r in hl_pairs),
        ),
        len(scope),
        highlight_count,
    )


def _scope(cache: SynthesisCache, article_ids: Collection[int] | None) -> list[int]:
    if article_ids is None:
        return cache.order
    wanted = article_ids if isinstance(article_ids, set | frozenset) else set(article_ids)
    return [a for a in cache.order if a in wanted]


def _used(cache: SynthesisCache, scope: Sequence[int]) -> set[str]:
    used: set[str] = set()
    for aid in scope:
        used.update(cache.article_themes.get(aid, ()))
        for hid in cache.highlights[aid]:
            used.update(cache.themes.get(hid, ()))
    return used


def _columns_of(themes: tuple[str, ...], into: dict[str, tuple[str, ...]]) -> list[str]:
    if len(themes) == 1:
        return list(into.get(themes[0], ()))
    cols: list[str] = []
    for theme in themes:
        for column in into.get(theme, ()):
            if column not in cols:
                cols.append(column)
    return cols


def _count_pairs(matrix: list[list[int]], indexes: Sequence[int]) -> None:
    for i in indexes:
        row = matrix[i]
        for j in indexes:
            row[j] += 1


# -- themes over time --------------------------------------------------------------------


def _series(dated: dict[str, dict[str, int]], period: Period) -> TimeSeries:
    days = {d for per_date in dated.values() for d in per_date}
    parsed = {d: day for d in days if (day := _day(d)) is not None}
    if not parsed:
        return TimeSeries("month", (), {c: () for c in dated})
    first, last = min(parsed.values()), max(parsed.values())
    if period == "auto":
        period = "week" if (last - first).days <= WEEKS_AT_MOST * 7 else "month"
    key = _week if period == "week" else _month
    periods = _periods(first, last, period)
    index = {p: i for i, p in enumerate(periods)}
    counts: dict[str, tuple[int, ...]] = {}
    for column, per_date in dated.items():
        row = [0] * len(periods)
        for d, count in per_date.items():
            day = parsed.get(d)
            if day is not None:
                row[index[key(day)]] += count
        counts[column] = tuple(row)
    return TimeSeries(period, tuple(periods), counts)


def _day(text: str) -> datetime.date | None:
    """An ISO date; a partial one ("2025-07", "2025") counts as its first day."""
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2][:2]) if len(parts) > 2 else 1
        return datetime.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _month(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _periods(first: datetime.date, last: datetime.date, period: str) -> list[str]:
    out: list[str] = []
    if period == "week":
        day = first - datetime.timedelta(days=first.weekday())
        while day <= last:
            out.append(_week(day))
            day += datetime.timedelta(days=7)
        return out
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
