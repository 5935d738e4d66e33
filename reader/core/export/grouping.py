"""The two shapes of an export: by article (literature notes) and by theme (a synthesis).

Renderers only lay out what these functions decide, so every format groups and orders
the same way:

* **by article** — a citation header (title, then the reference formatted by a CSL
  style: :mod:`citations`; never the file an article was imported from), the article
  note and its themes, then the highlights in reading order (orphans last);
* **by theme** — the taxonomy's outline, depth-first, each theme with every highlight
  tagged with it (quote, note, short citation) ordered by the article's date; a
  highlight with two themes appears under both; highlights without a theme form a
  final "Unthemed" group. Themes with nothing under them (nor under a sub-theme) are
  left out, so the synthesis has no empty headings. Articles given a theme as a whole
  (article themes) are listed under it as well, by their in-text citation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reader.core.export.citations import Reference
from reader.core.export.options import GROUPINGS, GroupBy
from reader.core.export.selection import ExportArticle, ExportSet, ThemeInfo
from reader.core.models import Article, Highlight
from reader.core.pages import page_at

__all__ = ["GROUPINGS", "ArticleGroup", "Citation", "Entry", "GroupBy", "ThemeGroup"]
UNTHEMED = "Unthemed"
References = Mapping[int, Reference]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a highlight comes from, in the words of a reference list."""

    title: str
    source: str | None
    author: str | None
    date: str | None
    location: str | None  # the article's URL; never the file it was imported from
    reference: Reference | None = None  # formatted by the export's CSL style

    @classmethod
    def of(cls, article: Article, refs: References | None = None) -> Citation:
        return cls(
            article.title,
            article.source,
            article.author,
            article.date,
            article.url,
            (refs or {}).get(article.id),
        )

    @property
    def text(self) -> str:
        """The formatted reference, or the known details when none was formatted."""
        if self.reference is not None:
            return self.reference.text
        return ". ".join([self.title, *self.details(), *([self.location] if self.location else [])])

    def details(self) -> list[str]:
        """Author, source and date, those that are known."""
        return [d for d in (self.author, self.source, self.date) if d]

    def short(self) -> str:
        """The in-text citation of the export's style, "(Yamada 2025)", which the
        reference list at the end resolves; else “Title” (Source, date)."""
        if self.reference is not None and self.reference.cite:
            return self.reference.cite
        extra = ", ".join(d for d in (self.source, self.date) if d)
        return f"“{self.title}”" + (f" ({extra})" if extra else "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One highlight as exported: with its article, citation and named themes."""

    highlight: Highlight
    article: Article
    citation: Citation
    themes: tuple[ThemeInfo, ...]
    paragraph: int | None  # 1-based paragraph of the article where it starts; None: orphan
    page: int | None = None  # the page it starts on, for paged sources (PDF)

    @property
    def place(self) -> str:
        """Where the passage is, for a reader of a report: its page (PDF) and paragraph,
        "p. 12, ¶ 16" (character offsets are for tools: CSV, JSON, REFI-QDA)."""
        if self.highlight.orphan:
            return "orphan: passage not found in the current text"
        page = f"p. {self.page}, " if self.page else ""
        return f"{page}¶ {self.paragraph}"


@dataclass(frozen=True, slots=True)
class ArticleGroup:
    article: Article
    citation: Citation
    themes: tuple[ThemeInfo, ...]  # on the whole article
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """One heading of a by-theme export. ``theme`` is None for the Unthemed group."""

    theme: ThemeInfo | None
    entries: tuple[Entry, ...]
    articles: tuple[Citation, ...] = ()  # articles given this theme as a whole

    @property
    def name(self) -> str:
        return self.theme.name if self.theme else UNTHEMED

    @property
    def depth(self) -> int:
        return self.theme.depth if self.theme else 0

    @property
    def key(self) -> str:
        """A stable anchor for links and tables of contents."""
        return f"theme-{self.theme.id}" if self.theme else "theme-unthemed"


def entries_of(
    export_set: ExportSet, item: ExportArticle, refs: References | None = None
) -> tuple[Entry, ...]:
    article = item.article
    citation = Citation.of(article, refs)
    text = article.text
    return tuple(
        Entry(
            h,
            article,
            citation,
            tuple(export_set.theme(t) for t in h.themes),
            None if h.orphan else text.count("\n\n", 0, h.start) + 1,
            None if h.start is None else page_at(item.pages, h.start),
        )
        for h in item.highlights
    )


def by_article(export_set: ExportSet, refs: References | None = None) -> list[ArticleGroup]:
    return [
        ArticleGroup(
            item.article,
            Citation.of(item.article, refs),
            tuple(export_set.theme(t) for t in item.themes),
            entries_of(export_set, item, refs),
        )
        for item in export_set.articles
    ]


def by_theme(export_set: ExportSet, refs: References | None = None) -> list[ThemeGroup]:
    """Theme groups in outline order (see the module docstring)."""
    tagged: dict[str, list[Entry]] = {}
    whole: dict[str, list[Citation]] = {}
    unthemed: list[Entry] = []
    for item in export_set.articles:
        for theme in dict.fromkeys(item.themes):
            whole.setdefault(theme, []).append(Citation.of(item.article, refs))
        for entry in entries_of(export_set, item, refs):
            if not entry.themes:
                unthemed.append(entry)
            for theme in dict.fromkeys(entry.highlight.themes):
                tagged.setdefault(theme, []).append(entry)
    outline = list(export_set.outline)
    known = {t.id for t in outline}
    outline += [export_set.theme(t) for t in sorted({*tagged, *whole}) if t not in known]
    # Keep a theme if it, or a theme below it, has entries (the hierarchy stays visible).
    keep = {*tagged, *whole}
    parents = {t.id: t.parent for t in outline}
    for theme_id in list(keep):
        parent = parents.get(theme_id)
        while parent and parent not in keep:
            keep.add(parent)
            parent = parents.get(parent)
    groups = [
        ThemeGroup(t, tuple(sorted(tagged.get(t.id, ()), key=_by_date)), tuple(whole.get(t.id, ())))
        for t in outline
        if t.id in keep
    ]
    if unthemed:
        groups.append(ThemeGroup(None, tuple(sorted(unthemed, key=_by_date))))
    return groups


def _by_date(entry: Entry) -> tuple[bool, str, int, bool, int, int]:
    """Article date (undated last), then the article, then reading order."""
    a, h = entry.article, entry.highlight
    return (a.date is None, a.date or "", a.id, h.orphan, h.start or 0, h.id)
