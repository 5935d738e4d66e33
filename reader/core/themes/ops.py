"""Themes on the store: usage counts, merge and removal, filtering and the theme board.

Filtering must answer in well under 50 ms for 10,000 articles and 50,000 highlights,
while the user toggles themes. So the theme rows are read once into in-memory sets
(theme → article ids, theme → highlight ids) and kept in step with the store by its
change numbers (schema migration 2): after an edit only the changed articles are read
again. Filters are then Python set algebra. The cache belongs to one :class:`Store`
(one connection, one thread), like the store itself.

An article *has* a theme when the article itself or any of its highlights carries the
theme or one of its descendants in the taxonomy. Theme names or ids are accepted
wherever a theme is asked for; an id the taxonomy does not know still means itself.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.core import store_themes as sql
from reader.core.models import Highlight
from reader.core.store import Store
from reader.core.store_highlights import highlight_rows_by_ids
from reader.core.themes import sets_cache
from reader.core.themes.taxonomy import Taxonomy

_FULL_RELOAD = 1000  # more changed articles than this: read everything again


@dataclass(frozen=True, slots=True)
class BoardItem:
    """One highlight on the theme board, with what the board shows of its article."""

    highlight: Highlight
    article_id: int
    article_title: str
    article_date: str | None


@dataclass(slots=True)
class _ThemeSets:
    """Which articles and highlights carry each theme (directly), per store."""

    seq: int = -1
    dates: dict[int, str | None] = field(default_factory=dict)  # every article id → date
    titles: dict[int, str] = field(default_factory=dict)
    on_article: dict[int, set[str]] = field(default_factory=dict)  # article-level themes
    on_highlights: dict[int, dict[int, tuple[str, ...]]] = field(default_factory=dict)
    articles: dict[str, set[int]] = field(default_factory=dict)  # theme → article ids
    highlights: dict[str, set[int]] = field(default_factory=dict)  # theme → highlight ids
    highlight_article: dict[int, int] = field(default_factory=dict)
    board: dict[int, BoardItem] = field(default_factory=dict)  # filled as boards are shown

    def drop(self, aid: int) -> None:
        """Forget an article's rows (before reading them again, or for good). A theme
        no row carries any more leaves the maps, as after a fresh read: the counts list
        every theme id found in them (a merged-away id must not stay as a stray)."""
        themes = set(self.on_article.pop(aid, ()))
        for hid, on_highlight in self.on_highlights.pop(aid, {}).items():
            themes.update(on_highlight)
            self.highlight_article.pop(hid, None)
            self.board.pop(hid, None)
            for theme in on_highlight:
                _discard(self.highlights, theme, hid)
        for theme in themes:
            _discard(self.articles, theme, aid)
        self.dates.pop(aid, None)
        self.titles.pop(aid, None)


def _discard(index: dict[str, set[int]], theme: str, item: int) -> None:
    members = index.get(theme)
    if members is not None:
        members.discard(item)
        if not members:
            del index[theme]


_CACHE: weakref.WeakKeyDictionary[Store, _ThemeSets] = weakref.WeakKeyDictionary()


def _sets(store: Store) -> _ThemeSets:
    """The store's theme sets, brought up to date with every committed change. A
    store's first call starts from the sets another process saved (``sets_cache``)
    and saves them again if it had to read anything the saved ones lacked."""
    sets = _CACHE.get(store)
    seq = store.change_seq()
    if sets is not None and sets.seq == seq:
        return sets
    first = sets is None
    if first:
        sets = _saved_sets(store, seq)
    changed = None if sets is None else sorted({a for a, _ in store.changes_since(sets.seq)})
    if sets is not None and changed is not None and len(changed) <= _FULL_RELOAD:
        for aid in changed:
            sets.drop(aid)
        if changed:
            _read(store, sets, changed)
        if first and len(sets.dates) != store.article_count():  # not this store's sets
            changed = None
    if sets is None or changed is None or len(changed) > _FULL_RELOAD:
        sets = _ThemeSets()
        _read(store, sets, None)
        changed = None
    sets.seq = seq
    _CACHE[store] = sets
    if first and changed != []:
        sets_cache.write_sets(store.path, tuple(getattr(sets, f) for f in _SAVED))
    return sets


_SAVED = (
    "seq",
    "dates",
    "titles",
    "on_article",
    "on_highlights",
    "articles",
    "highlights",
    "highlight_article",
)


def _saved_sets(store: Store, seq: int) -> _ThemeSets | None:
    """The sets saved beside the store, unless they are newer than it (it was replaced)."""
    saved = sets_cache.read_sets(store.path, _SAVED)
    if saved is None or not isinstance(saved[0]["seq"], int) or saved[0]["seq"] > seq:
        return None
    return _ThemeSets(**saved[0])


#: What :func:`theme_counts` reads of the sets.
_COUNTED = ("seq", "articles", "highlights", "highlight_article")


def _counted_sets(store: Store) -> _ThemeSets:
    """The sets :func:`theme_counts` needs. A process's first look at a store whose
    saved sets are current (a command-line search) decodes only the counted fields
    (~3 of the ~10 ms of loading them all) and keeps them out of the cache, so any
    other use still loads the whole sets."""
    if store in _CACHE:
        return _sets(store)
    seq = store.change_seq()
    saved = sets_cache.read_sets(store.path, _SAVED, _COUNTED)
    if saved is not None:
        values, sizes = saved
        if values["seq"] == seq and sizes["dates"] == store.article_count():
            return _ThemeSets(**values)
    return _sets(store)


def _read(store: Store, sets: _ThemeSets, ids: list[int] | None) -> None:
    """Read the rows of ``ids`` (None: every article) into ``sets``, which hold none of
    them. One pass per table, sets filled as rows arrive: the cold read of 50,000
    highlights is the slowest thing here."""
    for aid, date, title in sql.article_dates_titles(store, ids):
        sets.dates[aid] = date
        sets.titles[aid] = title
        sets.on_article[aid] = set()
        sets.on_highlights[aid] = {}
    articles, highlights = sets.articles, sets.highlights
    for aid, theme in sql.article_theme_pairs(store, ids):
        if aid in sets.on_article:
            sets.on_article[aid].add(theme)
            articles.setdefault(theme, set()).add(aid)
    for hid, aid, theme in sql.highlight_theme_triples(store, ids):
        per_article = sets.on_highlights.get(aid)
        if per_article is None:
            continue  # an article added since its row was read: the next refresh has it
        per_article[hid] = (*per_article.get(hid, ()), theme)
        sets.highlight_article[hid] = aid
        highlights.setdefault(theme, set()).add(hid)
        articles.setdefault(theme, set()).add(aid)


def _expand(taxonomy: Taxonomy, name: str) -> set[str]:
    theme = taxonomy.resolve(name)
    return taxonomy.descendants(theme.id if theme is not None else name)


def _union(index: dict[str, set[int]], theme_ids: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for theme in theme_ids:
        found |= index.get(theme, set())
    return found


# -- filtering and the board -------------------------------------------------------------


def filter_articles(
    store: Store,
    taxonomy: Taxonomy,
    any_of: Iterable[str] = (),
    all_of: Iterable[str] = (),
    none_of: Iterable[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
) -> set[int]:
    """Ids of the articles that have at least one theme of ``any_of``, every theme of
    ``all_of`` and none of ``none_of``, dated within ``[date_from, date_to]``.

    Dates are ISO and inclusive; a bound may be partial ("2025", "2025-07": to the end
    of that month). An article without a date is left out when a bound is given. Empty
    filters give every article."""
    sets = _sets(store)
    chosen: set[int] | None = None
    wanted_any = list(any_of)
    if wanted_any:
        chosen = set()
        for name in wanted_any:
            chosen |= _union(sets.articles, _expand(taxonomy, name))
    for name in all_of:
        having = _union(sets.articles, _expand(taxonomy, name))
        chosen = having if chosen is None else chosen & having
    if chosen is None:
        chosen = set(sets.dates)
    for name in none_of:
        chosen -= _union(sets.articles, _expand(taxonomy, name))
    if date_from or date_to:
        low, high = date_from or "", date_to or ""
        chosen = {
            a
            for a in chosen
            if (d := sets.dates.get(a)) and d >= low and (not high or d[: len(high)] <= high)
        }
    return chosen


def board_highlights(
    store: Store,
    taxonomy: Taxonomy,
    theme_ids: Iterable[str],
    article_ids: set[int] | frozenset[int] | None = None,
) -> list[BoardItem]:
    """Every highlight carrying any of ``theme_ids`` (or a descendant), across the
    library or within ``article_ids``: newest article first, then reading order."""
    sets = _sets(store)
    expanded: set[str] = set()
    for name in theme_ids:
        expanded |= _expand(taxonomy, name)
    hids = _union(sets.highlights, expanded)
    if article_ids is not None:
        within: set[int] = set()
        for aid in article_ids:
            within.update(sets.on_highlights.get(aid, ()))
        hids &= within
    if not hids:
        return []
    board, titles, dates, on_highlights = sets.board, sets.titles, sets.dates, sets.on_highlights
    missing = [h for h in hids if h not in board]
    rows = highlight_rows_by_ids(store, missing)
    for hid, uid, aid, start, end, quote, prefix, suffix, note, created, modified in rows:
        if aid in titles:  # else an article added since the sets were read
            board[hid] = BoardItem(
                Highlight(
                    hid,
                    uid,
                    aid,
                    start,
                    end,
                    quote,
                    prefix,
                    suffix,
                    note,
                    on_highlights[aid].get(hid, ()),
                    created,
                    modified,
                ),
                aid,
                titles[aid],
                dates.get(aid),
            )
    # Articles newest first (undated last, then by id), each in reading order.
    by_article: dict[int, list[BoardItem]] = {}
    for h in hids:
        item = board.get(h)
        if item is not None:
            by_article.setdefault(item.article_id, []).append(item)
    order = sorted(by_article, key=lambda a: (dates.get(a) or "", -a), reverse=True)
    items: list[BoardItem] = []
    for aid in order:
        run = by_article[aid]
        run.sort(key=_reading_position)
        items += run
    return items


@dataclass(frozen=True, slots=True)
class BoardArticle:
    """An article that carries a board theme on itself (not only on its highlights):
    the board's article-level entry. ``themes`` are all its article-level themes."""

    article_id: int
    article_title: str
    article_date: str | None
    themes: tuple[str, ...]


def board_articles(
    store: Store,
    taxonomy: Taxonomy,
    theme_ids: Iterable[str],
    article_ids: set[int] | frozenset[int] | None = None,
) -> list[BoardArticle]:
    """Articles tagged as a whole with any of ``theme_ids`` (or a descendant), across
    the library or within ``article_ids``, newest first like :func:`board_highlights`.
    With it the board shows every article :func:`filter_articles` and
    :func:`theme_counts` count, not only those with a highlight of the theme."""
    sets = _sets(store)
    expanded: set[str] = set()
    for name in theme_ids:
        expanded |= _expand(taxonomy, name)
    found = {a for a, themes in sets.on_article.items() if themes & expanded}
    if article_ids is not None:
        found &= article_ids
    order = sorted(found, key=lambda a: (sets.dates.get(a) or "", -a), reverse=True)
    return [
        BoardArticle(a, sets.titles[a], sets.dates.get(a), tuple(sorted(sets.on_article[a])))
        for a in order
    ]


def _reading_position(item: BoardItem) -> tuple[bool, int, int]:
    h = item.highlight
    return h.start is None, h.start or 0, h.id


# -- counts ------------------------------------------------------------------------------


def theme_counts(
    store: Store, taxonomy: Taxonomy, article_ids: set[int] | frozenset[int] | None = None
) -> dict[str, tuple[int, int]]:
    """theme id → (highlights, articles) carrying it or a descendant, restricted to
    ``article_ids`` when given (the current search). Ids on highlights that the taxonomy
    does not know are counted too, so the UI can show stray themes."""
    sets = _counted_sets(store)
    ids = [t.id for t in taxonomy.themes]
    ids += sorted((set(sets.articles) | set(sets.highlights)) - set(ids))
    allowed: set[int] | None = None  # highlights of the articles searched
    if article_ids is not None:
        allowed = {h for h, a in sets.highlight_article.items() if a in article_ids}
    below = _subtree_sets(taxonomy, sets.articles, sets.highlights)
    counts: dict[str, tuple[int, int]] = {}
    for theme_id in ids:
        arts, hids = below.get(theme_id) or (
            sets.articles.get(theme_id, set()),
            sets.highlights.get(theme_id, set()),
        )
        if article_ids is not None and allowed is not None:
            arts = arts & article_ids
            hids = hids & allowed
        counts[theme_id] = (len(hids), len(arts))
    return counts


def _subtree_sets(
    taxonomy: Taxonomy, articles: dict[str, set[int]], highlights: dict[str, set[int]]
) -> dict[str, tuple[set[int], set[int]]]:
    """theme id → (articles, highlights) of it and everything below it, children before
    parents, so each set is built once: a 2,000-deep chain took 6 s with a walk of the
    descendants per theme."""
    below: dict[str, tuple[set[int], set[int]]] = {}
    empty: set[int] = set()
    for theme, _ in reversed(taxonomy.ordered()):
        children = [c.id for c in taxonomy.children(theme.id) if c.id in below and c.id != theme.id]
        if not children:  # a leaf: its own sets, shared (never changed here or by callers)
            below[theme.id] = (articles.get(theme.id, empty), highlights.get(theme.id, empty))
            continue
        arts = set(articles.get(theme.id, ()))
        hids = set(highlights.get(theme.id, ()))
        for child in children:
            arts |= below[child][0]
            hids |= below[child][1]
        below[theme.id] = (arts, hids)
    return below


def count_usage(store: Store, theme_id: str) -> tuple[int, int]:
    """(highlights, articles) that carry ``theme_id`` itself (not its descendants); an
    article counts when it or one of its highlights carries it. Only for "delete will
    remove N" and "merge will move N" previews: counts shown beside a theme come from
    :func:`theme_counts`, which rolls sub-themes up, so every view agrees."""
    sets = _sets(store)
    return len(sets.highlights.get(theme_id, ())), len(sets.articles.get(theme_id, ()))


# -- edits (each one transaction; the triggers tell the index and the cache) -------------


def merge_themes(store: Store, source_id: str, target_id: str) -> int:
    """Put ``target_id`` wherever ``source_id`` is (highlights and articles; a highlight
    already carrying both keeps one) and remove ``source_id``. Returns how many
    highlights carried the source. Dismissed suggestions follow too. The taxonomy is
    the caller's to change (e.g. ``taxonomy.without(source_id)``)."""
    if source_id == target_id:
        return 0
    return sql.merge_theme_rows(store, source_id, target_id)


def remove_theme_from_highlights(store: Store, theme_id: str) -> int:
    """Take ``theme_id`` off every highlight and article (before deleting the theme);
    returns how many highlights carried it. Highlights themselves stay."""
    return sql.delete_theme_rows(store, theme_id)
