"""Domain values. Frozen dataclasses: cheap to pass between threads, safe to cache.

Offsets anywhere in the domain are in code points of :attr:`Article.text`, the article's
canonical plain text (conversion to Qt's UTF-16 units happens only in ``reader.ui``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as an importer produced it, before the store gives it an id."""

    title: str
    text: str
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None
    author: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    path: str | None = None  # absolute path of the imported file
    page_starts: tuple[int, ...] = ()  # paged sources (PDF): where each page begins in text


@dataclass(frozen=True, slots=True)
class Article:
    """An article in the library (the store of record holds it)."""

    id: int
    title: str
    text: str
    content_hash: str
    imported_at: str  # ISO 8601 UTC
    modified_at: str
    date: str | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    path: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What a library listing shows of an article: metadata and counts, no text."""

    id: int
    title: str
    date: str | None
    source: str | None
    author: str | None
    url: str | None
    path: str | None
    themes: tuple[str, ...] = ()
    highlights: int = 0
    modified_at: str = ""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A highlighted passage of an article, with its note and themes.

    ``start``/``end`` index the article's canonical text (code points); both are None for
    an orphan, a highlight whose passage could not be found after the text changed. The
    quote, prefix and suffix (W3C TextQuoteSelector) are kept so it can be found again.
    """

    id: int
    uid: str
    article_id: int
    start: int | None
    end: int | None
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    themes: tuple[str, ...] = ()  # theme ids; the first gives the colour
    created_at: str = ""
    modified_at: str = ""

    @property
    def orphan(self) -> bool:
        return self.start is None or self.end is None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file of an import batch."""

    path: str
    status: str  # "imported" | "updated" | "unchanged" | "duplicate" | "failed"
    reason: str = ""
    article_id: int | None = None
    title: str | None = None


@dataclass(slots=True)
class ImportReport:
    """The summary of an import batch; counts derive from :attr:`outcomes`."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False
    #: Why the batch stopped early with files left (the disk is full, the store is
    #: damaged); empty when every file was tried. What was imported before stays.
    stopped: str = ""

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def updated(self) -> int:
        return self.count("updated")

    @property
    def skipped(self) -> int:
        """Files not added or changed: duplicates, unchanged re-imports and failures."""
        return len(self.outcomes) - self.imported - self.updated

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def all_failed(self) -> bool:
        return bool(self.outcomes) and self.failed == len(self.outcomes)
