"""What an export holds: which articles, with which highlights, and the theme outline.

Every format renders from one :class:`ExportSet`, so "what is exported" is decided once:
all articles, given article ids, or what a search query and a theme filter select —
and of those only the annotated ones (a highlight, an article note or an article theme)
unless ``include_unannotated``: a brief is about what was marked, and in a large library
the empty articles used to push the highlights pages back. Articles come in a stable
order (annotated first, then by date, undated last, then id) so that exporting twice
gives the same file; highlights in reading order with orphans last, flagged by
``Highlight.orphan``, never dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.annotations.highlights import all_highlights, highlights_for
from reader.core.filtering import LibraryFilter, answer
from reader.core.library import Library
from reader.core.models import Article, Highlight
from reader.core.pages import page_starts
from reader.core.store import utc_now
from reader.core.store_articles import themes_of_articles


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    """A theme as exports show it: its place in the taxonomy's outline.

    ``known`` is False for a theme id found on a highlight but missing from the
    taxonomy (deleted, or from another library): it is shown by its id.
    """

    id: str
    name: str
    color: str | None = None
    depth: int = 0
    parent: str | None = None
    known: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class ExportArticle:
    """One article with the highlights being exported, in reading order (orphans last)."""

    article: Article
    highlights: tuple[Highlight, ...]
    themes: tuple[str, ...] = ()  # theme ids put on the whole article
    pages: tuple[int, ...] = ()  # where each page starts (PDF articles; reader.core.pages)

    @property
    def annotated(self) -> bool:
        return bool(self.highlights or self.themes or self.article.note.strip())


@dataclass(frozen=True, slots=True)
class ExportSet:
    """The articles and highlights one export renders, plus the theme outline."""

    articles: tuple[ExportArticle, ...]
    outline: tuple[ThemeInfo, ...] = ()  # taxonomy order, depth-first
    scope: str = "all articles"
    created: str = field(default_factory=utc_now)
    _by_id: dict[str, ThemeInfo] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.outline})

    @property
    def highlight_count(self) -> int:
        return sum(len(item.highlights) for item in self.articles)

    def theme(self, theme_id: str) -> ThemeInfo:
        """The outline entry of ``theme_id``, or a stand-in named by the id."""
        return self._by_id.get(theme_id) or ThemeInfo(theme_id, theme_id, known=False)

    def theme_names(self, ids: Iterable[str]) -> list[str]:
        return [self.theme(t).name for t in ids]


def theme_outline(library: Library) -> tuple[ThemeInfo, ...]:
    """The library's taxonomy as an outline, depth-first in display order."""
    return tuple(
        ThemeInfo(theme.id, theme.name, theme.color, depth, theme.parent, True, theme.description)
        for theme, depth in library.taxonomy.ordered()
    )


def select(
    library: Library,
    article_ids: Sequence[int] | None = None,
    query: str | None = None,
    themes: Sequence[str] = (),
    include_unannotated: bool = False,
) -> ExportSet:
    """Build the export set.

    * ``article_ids``: exactly these articles (the GUI's selection), else all articles;
    * ``query``: narrowed to the articles the search finds (same query language);
    * ``themes`` (ids or names): narrowed to articles carrying at least one of them (on
      the article or on one of its highlights, sub-themes included), and each article's
      highlights to those tagged with one of them — exporting "theme X" means X's notes.
      "Any of" as in ``research-reader search --theme``;
    * ``include_unannotated``: keep articles with nothing marked (after the others).
    """
    store = library.store
    outline = theme_outline(library)
    wanted = _expand_themes(library, themes)
    ids = list(dict.fromkeys(article_ids)) if article_ids is not None else store.article_ids()
    scope = "selected articles" if article_ids is not None else "all articles"
    if (query and query.strip()) or wanted:
        flt = LibraryFilter(query=(query or "").strip(), any_of=tuple(t.strip() for t in themes))
        chosen = answer(library, flt, limit=0, snippets=False, counts=False).article_ids
        ids = [i for i in ids if chosen is None or i in chosen]
        if query and query.strip():
            scope = f"search “{query.strip()}”"
    article_themes = _article_themes(library, ids)
    marks = _highlights(library, ids)
    items = []
    for aid in ids:
        theirs = tuple(marks.get(aid, ()))
        if wanted:
            every = set().union(*wanted)
            theirs = tuple(h for h in theirs if every & set(h.themes))
        items.append(
            ExportArticle(
                store.article(aid),
                theirs,
                tuple(article_themes.get(aid, ())),
                page_starts(store, aid),
            )
        )
    if wanted:
        scope += " · themes " + ", ".join(themes)
    if not include_unannotated:
        items = [item for item in items if item.annotated]
    items.sort(
        key=lambda item: (
            not item.annotated,
            item.article.date is None,
            item.article.date or "",
            item.article.id,
        )
    )
    return ExportSet(tuple(items), outline, scope)


def _expand_themes(library: Library, themes: Sequence[str]) -> list[set[str]]:
    """Per requested theme (id or name), the ids that count as it: itself and its
    sub-themes; a theme the taxonomy lacks still means the id given."""
    return [set(library.resolve_theme(ref)) or {ref.strip()} for ref in themes]


def _article_themes(library: Library, ids: list[int]) -> dict[int, list[str]]:
    """The themes on each whole article of ``ids``, in tagging order."""
    found: dict[int, list[str]] = {}
    if not ids:
        return found
    for aid, theme in themes_of_articles(library.store, ids):
        found.setdefault(aid, []).append(theme)
    return found


def _highlights(library: Library, ids: list[int]) -> dict[int, list[Highlight]]:
    """Highlights by article: one query for a large selection, one per article else."""
    by_article: dict[int, list[Highlight]] = {}
    if len(ids) > 50:
        wanted = set(ids)
        for h in all_highlights(library.store):
            if h.article_id in wanted:
                by_article.setdefault(h.article_id, []).append(h)
        for items in by_article.values():  # all_highlights puts orphans last, by id
            items.sort(key=lambda h: (h.orphan, h.start or 0, h.end or 0, h.id))
    else:
        for aid in ids:
            by_article[aid] = highlights_for(library.store, aid)
    return by_article
