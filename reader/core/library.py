"""A library is a folder: the SQLite store of record plus derived and side files.

Layout::

    LIBRARY/
      library.sqlite3   store of record (articles, highlights, notes, themes on them)
      index/            whoosh index, derived: delete it and it is rebuilt from the store
      themes.yaml       the theme taxonomy

The default library lives in the platform's user data folder; ``--library DIR`` or
``RESEARCH_READER_LIBRARY`` names another. Only the default library is seeded with the
sample articles on first use; a library named explicitly starts empty.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.assets import seed_files
from reader.core.errors import LibraryError
from reader.core.importer import CancelCheck, ProgressCallback, import_paths
from reader.core.models import ImportReport
from reader.core.store import Store

if TYPE_CHECKING:  # the search package imports whoosh: loaded on first use only
    from reader.core.search import SearchIndex, SearchResult, SearchService, SortOrder, SyncReport

ENV_VAR = "RESEARCH_READER_LIBRARY"
STORE_NAME = "library.sqlite3"
INDEX_NAME = "index"
THEMES_NAME = "themes.yaml"


def default_library_path() -> Path:
    """The platform's user data folder for the app (XDG on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("research-reader", appauthor=False) / "library"


@dataclass(frozen=True, slots=True)
class LibraryLocation:
    path: Path
    explicit: bool  # named by the user (flag or environment), so never seeded


def resolve_location(cli_value: str | os.PathLike[str] | None = None) -> LibraryLocation:
    """Where the library is: the flag, else the environment variable, else the default."""
    if cli_value:
        return LibraryLocation(Path(cli_value).expanduser().absolute(), True)
    env = os.environ.get(ENV_VAR)
    if env:
        return LibraryLocation(Path(env).expanduser().absolute(), True)
    return LibraryLocation(default_library_path(), False)


class Library:
    """One open library. Owns a :class:`Store` for the thread that opened it."""

    def __init__(self, root: Path, store: Store, index_procs: int | None = None) -> None:
        self.root = root
        self.store = store
        # Worker processes for bulk indexing (None: up to 2). A GUI passes 1: forking a
        # process that runs Qt threads can deadlock the child.
        self.index_procs = index_procs
        self._index: SearchIndex | None = None
        self._search: SearchService | None = None

    @classmethod
    def open(cls, location: LibraryLocation | Path) -> Library:
        """Open (creating if needed) a library; seed the default one when it is new."""
        if isinstance(location, Path):
            location = LibraryLocation(location, True)
        root = location.path
        if root.exists() and not root.is_dir():
            raise LibraryError(f"{root}: is a file, not a library folder; name a folder")
        is_new = not (root / STORE_NAME).exists()
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"{root}: cannot create the library folder ({exc.strerror})") from exc
        library = cls(root, Store(root / STORE_NAME))
        if is_new and not location.explicit:
            library.import_paths(seed_files())
        return library

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    @property
    def themes_path(self) -> Path:
        return self.root / THEMES_NAME

    def open_store(self) -> Store:
        """A new connection to this library's store, for use on another thread."""
        return Store(self.root / STORE_NAME)

    def close(self) -> None:
        if self._search is not None:
            self._search.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def import_paths(
        self,
        paths: Iterable[Path],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files and folders into this library, then bring the search index in
        step (incrementally, or by the bulk path for a large batch)."""
        report = import_paths(self.store, paths, progress, cancelled)
        changed = tuple(o.article_id for o in report.outcomes
                        if o.status in ("imported", "updated") and o.article_id is not None)
        if changed:
            self.update_index(progress, also=changed)
        return report

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its highlights and notes, and drop it from the index."""
        self.store.delete_article(article_id)
        self.update_index()

    # -- search (the index is derived from the store; see reader.core.search) ----------

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from reader.core.search import SearchIndex

            self._index = SearchIndex(self.index_path, procs=self.index_procs)
        return self._index

    def update_index(self, progress: ProgressCallback | None = None,
                     also: Sequence[int] = ()) -> SyncReport:
        """Apply pending store changes to the index, or rebuild it when it is missing,
        stale or of an old version. Call after any write the index should see."""
        return self.index.ensure_current(self.store, progress, also=tuple(also))

    def reindex(self, progress: ProgressCallback | None = None,
                cancelled: CancelCheck | None = None) -> int:
        """Rebuild the index from the store; return the number of articles indexed."""
        return self.index.rebuild(self.store, progress, cancelled)

    def search(self, query: str, themes: Sequence[str] = (), limit: int = 20,
               sort: SortOrder = "relevance") -> SearchResult:
        """Search the library (see docs/search.md for the query language). Brings the
        index in step first, so it reflects every committed change."""
        self.update_index()
        if self._search is None:
            from reader.core.search import SearchService

            self._search = SearchService(self.index)
        return self._search.search(query, themes=themes, limit=limit, sort=sort)

    def match_spans(self, query: str, text: str) -> list[tuple[int, int]]:
        """Where ``query`` matches in ``text`` (code-point spans), for marking hits."""
        from reader.core.search.spans import match_spans

        return match_spans(query, text)
