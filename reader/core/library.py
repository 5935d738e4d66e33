"""A library is a folder: the SQLite store of record plus derived and side files.

Layout::

    LIBRARY/
      library.sqlite3   store of record (articles, highlights, notes, themes on them)
      index/            whoosh index, derived: delete it and it is rebuilt from the store
      themes.yaml       the theme taxonomy
      backups/          daily rotating copies of the store (see reader.core.backup)
      cache/            derived, rebuilt when missing: themes.yaml as parsed, and which
                        articles carry each theme (so a new process need not read them)

The default library lives in the platform's user data folder; ``--library DIR`` or
``RESEARCH_READER_LIBRARY`` names another. Only the default library is seeded with the
sample articles and the default taxonomy on first use; a library named explicitly
starts empty, with a commented example in its ``themes.yaml``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.assets import seed_files
from reader.core.errors import LibraryError, ReaderError
from reader.core.models import ImportReport
from reader.core.progress import CancelCheck, ProgressCallback
from reader.core.store import Store
from reader.core.themes.taxonomy import Problem, Taxonomy, TaxonomyError

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
    """Where a library is, and whether the user chose it."""

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
        # Worker processes for bulk indexing and for parsing a large import (None: up
        # to 2). A GUI passes 1: forking a process that runs Qt threads can deadlock the
        # child.
        self.index_procs = index_procs
        self._index: SearchIndex | None = None
        self._search: SearchService | None = None
        self._taxonomy = Taxonomy()
        self._taxonomy_stamp: tuple[int, int, int] | bool | None = False  # False: never read
        #: Why ``themes.yaml`` cannot be used now (empty when it is fine). While it is
        #: broken, :attr:`taxonomy` is the last good one read (empty if none was).
        self.taxonomy_problems: list[Problem] = []
        #: Doubts about a usable file (an unknown key, a missing name).
        self.taxonomy_warnings: list[Problem] = []
        #: Told (one line) when the index could not follow a committed write; the write
        #: stands and the index catches up on the next run. The CLI warns on stderr.
        self.index_lagging: Callable[[str], None] | None = None

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
            raise LibraryError(
                f"{root}: cannot create the library folder ({exc.strerror})"
            ) from exc
        library = cls(root, Store(root / STORE_NAME))
        if not is_new and not library.store.damage:
            from reader.core.backup import auto_backup

            auto_backup(library.store, root)
        if is_new and not library.themes_path.exists():
            library._write_first_taxonomy(sample=not location.explicit)
        if is_new and not location.explicit:
            library.import_paths(seed_files())
        return library

    def _write_first_taxonomy(self, sample: bool) -> None:
        from reader.core.files import atomic_write
        from reader.core.themes.file import NEW_LIBRARY_TEMPLATE, default_taxonomy_file

        text = (
            default_taxonomy_file().read_text(encoding="utf-8") if sample else NEW_LIBRARY_TEMPLATE
        )
        try:
            atomic_write(self.themes_path, text)
        except OSError as exc:
            raise LibraryError(f"{self.themes_path}: cannot write ({exc.strerror})") from exc

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    @property
    def themes_path(self) -> Path:
        return self.root / THEMES_NAME

    # -- themes (themes.yaml is the user's file: read when it changed, never repaired) ----

    @property
    def taxonomy(self) -> Taxonomy:
        """The current taxonomy, re-read whenever ``themes.yaml`` changed on disk (so an
        edit in another program shows up). A missing file is an empty taxonomy; a broken
        one leaves the last good taxonomy in place and sets :attr:`taxonomy_problems`."""
        stamp = _stamp(self.themes_path)
        if stamp != self._taxonomy_stamp:
            from reader.core.themes.file import keep_last_good, load_last_good
            from reader.core.themes.file_cache import load_taxonomy_cached

            try:
                self._taxonomy, self.taxonomy_warnings = load_taxonomy_cached(self.themes_path)
                self.taxonomy_problems = []
                keep_last_good(self.themes_path)
            except TaxonomyError as exc:
                self.taxonomy_problems = list(exc.problems)
                if self._taxonomy_stamp is False:  # a fresh start: the copy kept on disk
                    self._taxonomy = load_last_good(self.themes_path)
            self._taxonomy_stamp = stamp
        return self._taxonomy

    def save_taxonomy(self, taxonomy: Taxonomy, force: bool = False) -> None:
        """Write ``taxonomy`` to ``themes.yaml`` atomically and make it current.

        Refuses (:class:`TaxonomyError`) while the file on disk is broken, so the user's
        hand edit is never overwritten; ``force=True`` first keeps the broken file as
        ``themes.yaml.broken`` and then writes."""
        from reader.core.themes.file import keep_last_good, save_taxonomy

        _ = self.taxonomy  # notice an edit made since the last look
        if self.taxonomy_problems:
            if not force:
                raise TaxonomyError(self.taxonomy_problems)
            backup = self.themes_path.with_name(THEMES_NAME + ".broken")
            self.themes_path.replace(backup)
        save_taxonomy(self.themes_path, taxonomy)
        keep_last_good(self.themes_path)
        self._taxonomy, self.taxonomy_problems, self.taxonomy_warnings = taxonomy, [], []
        self._taxonomy_stamp = _stamp(self.themes_path)

    def theme_labels(self) -> dict[str, str]:
        """``{theme id: name}`` of the current taxonomy."""
        return {t.id: t.name for t in self.taxonomy.themes}

    def resolve_theme(self, name: str) -> list[str]:
        """Theme ids that ``theme:NAME`` means: the theme named or with that id, and every
        theme below it (empty when the taxonomy has no such theme)."""
        taxonomy = self.taxonomy
        theme = taxonomy.resolve(name)
        return sorted(taxonomy.descendants(theme.id)) if theme is not None else []

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
        paths: Iterable[Path | str],
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files, folders and web addresses into this library, then bring the search index in
        step (incrementally, or by the bulk path for a large batch)."""
        # Imported here: the parsers' chain costs ~40 ms that a search never needs.
        from reader.core.importing.importer import import_paths

        report = import_paths(self.store, paths, progress, cancelled, procs=self.index.procs)
        changed = tuple(
            o.article_id
            for o in report.outcomes
            if o.status in ("imported", "updated") and o.article_id is not None
        )
        if changed:
            self.after_write(progress, also=changed)
        return report

    def delete_article(self, article_id: int) -> None:
        """Delete an article with its highlights and notes, and drop it from the index."""
        self.store.delete_article(article_id)
        self.after_write()

    # -- search (the index is derived from the store; see reader.core.search) ----------

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from reader.core.search import SearchIndex

            self._index = SearchIndex(self.index_path, procs=self.index_procs)
        return self._index

    def update_index(
        self, progress: ProgressCallback | None = None, also: Sequence[int] = ()
    ) -> SyncReport:
        """Apply pending store changes to the index, or rebuild it when it is missing,
        stale or of an old version. Call after any write the index should see."""
        return self.index.ensure_current(self.store, progress, also=tuple(also))

    def after_write(
        self, progress: ProgressCallback | None = None, also: Sequence[int] = ()
    ) -> SyncReport | None:
        """:meth:`update_index` after a committed write, which must then count as done:
        index trouble (busy, read-only, disk full, damaged beyond a rebuild) is told to
        :attr:`index_lagging` instead of raised, and None returned. The next run's sync
        applies what is pending (the store records every change)."""
        try:
            return self.update_index(progress, also)
        except Exception as exc:  # the write is committed: never report it as failed
            if self.index_lagging is not None:
                self.index_lagging(_reason(exc))
            return None

    def reindex(
        self, progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None
    ) -> int:
        """Rebuild the index from the store; return the number of articles indexed."""
        return self.index.rebuild(self.store, progress, cancelled)

    def search(
        self,
        query: str,
        themes: Sequence[str] = (),
        limit: int = 20,
        sort: SortOrder = "relevance",
        any_themes: Sequence[str] = (),
        not_themes: Sequence[str] = (),
        exact: bool = False,
        snippets: bool | int = True,
        sync: bool = True,
        within: Collection[int] | None = None,
        with_ids: bool = False,
        facets: bool = True,
    ) -> SearchResult:
        """Search the library (see docs/search.md for the query language). With ``sync``
        (the command line) it brings the index in step first, so it reflects every
        committed change; the window passes ``sync=False`` and searches the index as its
        one writer left it, so a search never waits behind (or does) index writing.

        Theme filters take names or ids, and a theme includes its sub-themes: the hits
        carry every theme of ``themes``, at least one of ``any_themes`` (when given) and
        none of ``not_themes``. ``exact``: count every expansion of a prefix (or fuzzy
        term) rather than estimate a total ("about N") past the most frequent ones.
        ``snippets``: a number marks snippets for that many first hits only.
        ``facets=False``: no theme counts (the one filter answer counts from the store).

        An empty library answers "no matches" without an index. An index that cannot be
        updated (busy, read-only) is searched as it is, with a notice; one that fails
        while searching (a damaged segment) is rebuilt and the search run again."""
        from reader.core.search import SearchResult, SearchService

        if self.store.article_count() == 0:
            return SearchResult(query, 0, (), notices=("the library has no articles yet",))
        lag = ""
        if not sync and not self._index_usable():  # the writer has not (re)built it yet
            return SearchResult(query, 0, (), notices=("the search index is being built",))
        try:
            if sync:
                self.update_index()
        except Exception as exc:  # an index behind the store still answers
            if self.index.meta() is None:
                raise
            lag = f"the index may miss the latest changes ({_reason(exc)})"
        if self._search is None:
            self._search = SearchService(
                self.index, theme_labels=self.theme_labels, resolve_theme=self.resolve_theme
            )

        def run() -> SearchResult:
            assert self._search is not None
            return self._search.search(
                query,
                themes=themes,
                limit=limit,
                sort=sort,
                any_themes=any_themes,
                not_themes=not_themes,
                exact=exact,
                snippets=snippets,
                within=within,
                with_ids=with_ids,
                facets=facets,
            )

        try:
            result = run()
        except (ReaderError, RecursionError, MemoryError):
            raise
        except Exception as exc:  # a damaged segment: rebuild as if the index were missing
            from reader.core.search.lifecycle import not_damage

            if not_damage(exc) or not sync:  # a reader leaves the rebuild to the writer
                raise
            self.reindex()
            result = run()
        if lag:
            result = replace(result, notices=(*result.notices, lag))
        return result

    def _index_usable(self) -> bool:
        """Whether a reader may search the index as it is: built, and of this version
        (an index from an older release lacks fields the searcher reads)."""
        from reader.core.search.schema import INDEX_VERSION

        meta = self.index.meta()
        return meta is not None and meta.version == INDEX_VERSION

    def match_spans(self, query: str, text: str) -> list[tuple[int, int]]:
        """Where ``query`` matches in ``text`` (code-point spans), for marking hits."""
        from reader.core.search.spans import match_spans

        return match_spans(query, text)


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ReaderError) else f"{type(exc).__name__}: {exc}"


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a changed file: modification time, size and inode (an atomic save by
    another program replaces the inode even within one timestamp tick)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino
