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
import functools
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from reader.core.store import Store
from reader.core.synthesis.cache import SynthesisCache, cache_for, derived
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
    """The synthesis of ``article_ids`` (None: the whole library). The last answer is
    kept until the store changes, so redrawing the same scope costs nothing."""
    cache = cache_for(store)
    scope = None if article_ids is None else frozenset(article_ids)
    key = (scope, frozenset(checked), period, taxonomy)
    if cache.memo is not None and cache.memo[0] == key:
        return cache.memo[1]  # type: ignore[return-value]
    result = _synthesize(cache, taxonomy, scope, checked, period)
    cache.memo = (key, result)
    return result


def _synthesize(
    cache: SynthesisCache,
    taxonomy: Taxonomy,
    scope: frozenset[int] | None,
    checked: Collection[str],
    period: Period,
) -> Synthesis:
    index = derived(cache)
    owner = cache.owner
    if checked:
        columns = columns_for(taxonomy, (), checked)
    else:
        columns = columns_for(taxonomy, set(index.by_theme) | set(index.articles_by_theme))
    groups: list[ThemeGroup] = []
    for column, members in columns.items():
        hids = _merged([index.by_theme.get(m, []) for m in members], index.rank)
        aids = _merged_articles([index.articles_by_theme.get(m, []) for m in members], cache)
        if scope is not None:
            hids = [h for h in hids if owner[h] in scope]
            aids = [a for a in aids if a in scope]
        if hids or aids or checked:
            groups.append(ThemeGroup(column, tuple(hids), tuple(aids)))
    unthemed = index.unthemed
    if scope is not None:
        unthemed = [h for h in unthemed if owner[h] in scope]
    groups.append(ThemeGroup(None, tuple(unthemed), ()))
    if scope is None:
        articles, highlights = len(cache.dates), len(owner)
    else:
        inside = [a for a in scope if a in cache.dates]
        articles = len(inside)
        highlights = sum(len(cache.highlights[a]) for a in inside)
    themed = groups[:-1]
    return Synthesis(
        tuple(groups),
        _series(themed, owner, cache, period),
        _co_occurrence(themed, owner),
        articles,
        highlights,
    )


def _merged(lists: list[list[int]], rank: dict[int, int]) -> list[int]:
    """Several themes' highlights as one list in display order, each once."""
    lists = [found for found in lists if found]
    if len(lists) <= 1:
        return lists[0] if lists else []  # not copied: callers only read it
    return sorted(set().union(*lists), key=rank.__getitem__)


def _merged_articles(lists: list[list[int]], cache: SynthesisCache) -> list[int]:
    lists = [found for found in lists if found]
    if len(lists) <= 1:
        return lists[0] if lists else []
    dates = cache.dates
    return sorted(set().union(*lists), key=lambda a: (dates[a] or "", -a), reverse=True)


def _co_occurrence(groups: list[ThemeGroup], owner: dict[int, int]) -> CoOccurrence:
    """Set intersections per pair of columns: a few hundred of them for 24 themes."""
    highlight_sets = [set(g.highlight_ids) for g in groups]
    article_sets = [
        set(map(owner.__getitem__, g.highlight_ids)).union(g.article_ids) for g in groups
    ]
    n = len(groups)
    hl = [[0] * n for _ in range(n)]
    art = [[0] * n for _ in range(n)]
    for i in range(n):
        hl[i][i] = len(highlight_sets[i])
        art[i][i] = len(article_sets[i])
        for j in range(i + 1, n):
            hl[i][j] = hl[j][i] = len(highlight_sets[i] & highlight_sets[j])
            art[i][j] = art[j][i] = len(article_sets[i] & article_sets[j])
    return CoOccurrence(
        tuple(str(g.theme_id) for g in groups),
        tuple(tuple(r) for r in art),
        tuple(tuple(r) for r in hl),
    )


# -- themes over time --------------------------------------------------------------------


def _series(
    groups: list[ThemeGroup], owner: dict[int, int], cache: SynthesisCache, period: Period
) -> TimeSeries:
    """Counted by each article's month (or week) key, looked up per article once per
    store change, so a theme's count is one C-level Counter over its highlights."""
    article_of = owner.__getitem__

    def count(keys: dict[int, str | None]) -> dict[str, Counter[str | None]]:
        key_of = keys.__getitem__
        return {
            str(g.theme_id): Counter(map(key_of, map(article_of, g.highlight_ids))) for g in groups
        }

    counted = count(period_keys(cache, "month"))
    months = sorted({k for c in counted.values() for k in c if k})
    if not months:
        return TimeSeries("month", (), {c: () for c in counted})
    if period == "auto":
        first, last = _day(months[0]), _day(months[-1])
        span = (last - first).days if first and last else 0
        period = "week" if span + 31 <= WEEKS_AT_MOST * 7 else "month"
    if period == "week":
        counted = count(period_keys(cache, "week"))
        weeks = sorted({k for c in counted.values() for k in c if k})
        periods = _periods(_week_start(weeks[0]), _week_start(weeks[-1]), "week")
    else:
        periods = _periods(_first_day(months[0]), _first_day(months[-1]), "month")
    index = {p: i for i, p in enumerate(periods)}
    counts: dict[str, tuple[int, ...]] = {}
    for column, per_key in counted.items():
        row = [0] * len(periods)
        for key, n in per_key.items():
            if key is not None:
                row[index[key]] += n
        counts[column] = tuple(row)
    return TimeSeries(period, tuple(periods), counts)


def period_keys(cache: SynthesisCache, period: str) -> dict[int, str | None]:
    """article id → its month ("2025-07") or ISO week ("2025-W27"); None when undated.
    Kept with the cache's indexes until the store changes."""
    index = derived(cache)
    found = index.periods.get(period)
    if found is None:
        key = _month_of if period == "month" else _week_of
        found = index.periods[period] = {a: key(d) if d else None for a, d in cache.dates.items()}
    return found


@functools.lru_cache(maxsize=1 << 16)
def _month_of(text: str) -> str | None:
    day = _day(text)
    return _month(day) if day else None


@functools.lru_cache(maxsize=1 << 16)
def _week_of(text: str) -> str | None:
    day = _day(text)
    return _week(day) if day else None


def _first_day(month: str) -> datetime.date:
    year, number = month.split("-")
    return datetime.date(int(year), int(number), 1)


def _week_start(key: str) -> datetime.date:
    year, week = key.split("-W")
    return datetime.date.fromisocalendar(int(year), int(week), 1)


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
