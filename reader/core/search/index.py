"""The library's whoosh index: open it, keep it in step with the store, rebuild it.

The index is derived data. A small JSON file beside whoosh's own files records the
schema version (:data:`INDEX_VERSION`) and the store change number the index reflects
(:meth:`Store.change_seq`, maintained by SQLite triggers). :meth:`SearchIndex.ensure_current`
compares both with the store and then either applies the pending changes article by
article or, when the index is missing, of an old version, unreadable, out of step or
behind by a large fraction of the library, rebuilds it from the store into a new folder
and swaps it in, so a failed rebuild never leaves less than there was.

Writes are serialised: one lock per index in this process, and whoosh's lock file
(waited on, with a timeout) against another process such as the CLI next to the GUI.
Every method that writes must run on one thread at a time per store connection; the
GUI runs them on its single index worker.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from reader.core.errors import LibraryError
from reader.core.files import atomic_write, replace_folder
from reader.core.progress import CancelCheck, Cancelled, ProgressCallback
from reader.core.search import lifecycle
from reader.core.search.codec import WriterCodec, lean_pool
from reader.core.search.documents import iter_documents
from reader.core.search.schema import INDEX_VERSION, build_schema
from reader.core.search.storage import MappedFileStorage
from reader.core.store import Store

if TYPE_CHECKING:  # whoosh.writing loads with the first writer, not on a search's start-up
    from whoosh.writing import IndexWriter

META_NAME = "reader-index.json"
WRITER_TIMEOUT_S = 30.0
#: Beyond this many pending articles (and half the library) a rebuild is cheaper.
REBUILD_AT = 1000
#: From this many documents on, the bulk path (several processes, one segment each).
BULK_AT = 2000
#: Posting pool per bulk worker before it spills sorted runs to disk and merges them:
#: at 256 MB a 10k rebuild spilled and took 37 % more CPU than with 1 GB (466 MB peak
#: per worker measured: 10k fits in 512 MB); 512 MB keeps a 100k rebuild's workers
#: bounded on a machine with a few GB.
BULK_LIMIT_MB = 512

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(str(path.resolve()), threading.Lock())


def _doc_count(ix: Index) -> int:
    """Live documents, from the table of contents: ``Index.doc_count()`` opens a reader
    on every segment (50 ms at 10k articles) just to add up numbers the TOC holds."""
    try:
        return sum(seg.doc_count() for seg in ix._segments())
    except AttributeError:  # not a file index
        return int(ix.doc_count())


class IndexCancelled(Cancelled):
    """A rebuild was cancelled; the previous index (if any) is left as it was."""


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """The index folder's record of what it holds (``reader-index.json``)."""

    version: int
    seq: int  # the store change number the index reflects
    build_id: str  # changes on every rebuild, so open searchers know to reopen
    articles: int


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What :meth:`SearchIndex.ensure_current` did."""

    rebuilt: bool
    reason: str  # why it rebuilt ("" when it did not)
    updated: int  # articles re-indexed or dropped incrementally


class SearchIndex:
    """The index folder of one library. Cheap to create; opens whoosh lazily."""

    def __init__(self, path: Path, procs: int | None = None) -> None:
        self.path = path
        # None: as many as the machine has cores, at most 2 (the bulk path's sweet spot
        # here; more processes mean more segments to merge). A GUI that must not fork
        # passes 1.
        self.procs = procs if procs is not None else max(1, min(2, os.cpu_count() or 1))
        self._lock = _lock_for(path)
        self._ix: Index | None = None
        self._ix_build: str | None = None
        self._swept = False  # leftovers of killed commands removed (once per instance)

    # -- state -------------------------------------------------------------------------

    def meta(self) -> IndexMeta | None:
        """The recorded state, or None when the index is missing or its record unreadable."""
        try:
            data = json.loads((self.path / META_NAME).read_text(encoding="utf-8"))
            return IndexMeta(
                int(data["version"]), int(data["seq"]), str(data["build_id"]), int(data["articles"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_meta(self, folder: Path, meta: IndexMeta) -> None:
        """Atomically: a crash leaves the old record, and the next sync redoes the work."""
        data = {
            "version": meta.version,
            "seq": meta.seq,
            "build_id": meta.build_id,
            "articles": meta.articles,
        }
        atomic_write(folder / META_NAME, json.dumps(data))

    def stale_reason(self, store: Store) -> str | None:
        """Why the index must be rebuilt rather than updated, or None if it can be used."""
        meta = self.meta()
        if meta is None:
            return "missing" if not self.path.exists() else "no readable version record"
        if meta.version != INDEX_VERSION:
            return f"made for index version {meta.version}, this app uses {INDEX_VERSION}"
        if store.change_seq() < meta.seq:
            return "the store was replaced (it is older than the index)"
        try:
            self.open()
        except Exception as exc:  # whoosh raises many kinds on a damaged index
            return f"unreadable ({type(exc).__name__})"
        return None

    def open(self) -> Index:
        """The whoosh index, reopened when another rebuild swapped the folder."""
        meta = self.meta()
        build = meta.build_id if meta else None
        if self._ix is None or build != self._ix_build:
            self._ix = MappedFileStorage(str(self.path)).open_index()
            self._ix_build = build
        return self._ix

    # -- keeping in step ---------------------------------------------------------------

    def ensure_current(
        self,
        store: Store,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
        also: tuple[int, ...] = (),
    ) -> SyncReport:
        """Bring the index in step with ``store``: rebuild it or apply pending changes.

        ``also`` names articles to re-index even if the store recorded no change for them.
        """
        with self._lock:
            self._sweep()
            reason = self.stale_reason(store)
            if reason is None:
                meta = self.meta()
                assert meta is not None
                changes = store.changes_since(meta.seq)
                if len(changes) > REBUILD_AT and len(changes) * 2 > store.article_count():
                    reason = f"{len(changes)} articles changed"
                else:
                    try:
                        updated = self._apply(store, meta, changes, also)
                    except (LibraryError, IndexCancelled):
                        raise
                    except Exception as exc:  # a damaged segment: rebuild, as when missing
                        if lifecycle.not_damage(exc):  # a full disk: a rebuild fails too
                            raise
                        if (now := self.meta()) is not None and now.build_id != meta.build_id:
                            raise LibraryError(  # not damage: the next sync applies it
                                f"{self.path}: another Research Reader swapped in a new "
                                "index meanwhile"
                            ) from exc
                        self._ix = None
                        reason = f"damaged ({type(exc).__name__})"
                        self._rebuild(store, progress, cancelled)
                        return SyncReport(True, reason, 0)
                    # Counting the index's documents reads its table of contents: only
                    # after a change; otherwise the recorded count is compared.
                    count = _doc_count(self.open()) if updated else meta.articles
                    if count == store.article_count():
                        return SyncReport(False, "", updated)
                    reason = "out of step with the store"
            self._rebuild(store, progress, cancelled)
            return SyncReport(True, reason, 0)

    def rebuild(
        self,
        store: Store,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> int:
        """Rebuild from the store unconditionally; return the number of articles indexed."""
        with self._lock:
            self._sweep()
            return self._rebuild(store, progress, cancelled)

    def _sweep(self) -> None:
        """Remove what killed commands left (once per instance; see lifecycle)."""
        if not self._swept:
            lifecycle.remove_leftovers(self.path)
            self._swept = True

    def update_article(self, store: Store, article_id: int) -> None:
        """Make one article's current state (text, highlights, notes, themes, or its
        deletion) searchable; pending changes to others are applied too. Call it after
        the store write has committed."""
        self.ensure_current(store, also=(article_id,))

    def _apply(
        self, store: Store, meta: IndexMeta, changes: list[tuple[int, int]], also: tuple[int, ...]
    ) -> int:
        ids = {aid for aid, _ in changes} | set(also)
        if not ids:
            return 0
        ix = self.open()
        bulk = len(ids) >= BULK_AT and self.procs > 1
        writer = self._writer(ix, bulk, self.path)
        try:
            docs = {int(d["id"]): d for d in iter_documents(store, ids)}
            for aid in sorted(ids):
                doc = docs.get(aid)
                if doc is None:
                    writer.delete_by_term("id", str(aid))
                else:
                    writer.update_document(**doc)
        except BaseException:
            writer.cancel()
            lifecycle.clear_holder(self.path)
            raise
        writer.commit()
        lifecycle.clear_holder(self.path)
        seq = max([s for _, s in changes], default=meta.seq)
        self._write_meta(self.path, IndexMeta(INDEX_VERSION, seq, meta.build_id, _doc_count(ix)))
        return len(ids)

    def _writer(self, ix: Index, bulk: bool, live: Path | None = None) -> IndexWriter:
        """A writer on ``ix``; ``live`` is the folder of the index in use, whose lock other
        processes contend for: a stale lock there is broken first, and the holder noted."""
        # compound=False: whoosh reads a segment packed in one compound file through a
        # BytesIO over its mmap, which copies every opened part into memory (50-100 ms
        # and 100+ MB at 10k articles for each searcher a CLI command opens).
        args: dict[str, Any] = {
            "timeout": WRITER_TIMEOUT_S,
            "delay": 0.05,
            "compound": False,
            "codec": WriterCodec(),  # packed blocks, less work per posting (codec.py)
        }
        if bulk:  # worker processes that die with this one (see lifecycle)
            args.update(limitmb=BULK_LIMIT_MB, multisegment=True)
        if live is not None:
            lifecycle.break_stale_lock(live)
        try:
            if bulk:  # multiprocessing loads here only, never on a search's start-up
                from reader.core.search.workers import GuardedMpWriter

                writer: IndexWriter = GuardedMpWriter(ix, procs=self.procs, **args)
            else:
                writer = ix.writer(**args)
                lean_pool(writer)
        except whoosh_index.LockError as exc:
            raise LibraryError(
                f"{self.path}: the search index is busy (another Research Reader is "
                "writing it); try again when it has finished"
            ) from exc
        if live is not None:
            lifecycle.record_holder(live)
        return writer

    def _rebuild(
        self, store: Store, progress: ProgressCallback | None, cancelled: CancelCheck | None
    ) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        seq = store.change_seq()  # read first: later changes are caught by the next sync
        total = store.article_count()
        fresh = lifecycle.new_folder(self.path)
        try:
            ix = MappedFileStorage(str(fresh)).create_index(build_schema())
            writer = self._writer(ix, total >= BULK_AT and self.procs > 1)
            done = 0
            try:
                for doc in iter_documents(store):
                    if cancelled is not None and cancelled():
                        raise IndexCancelled
                    writer.add_document(**doc)
                    done += 1
                    if progress is not None and done % 50 == 0:
                        progress(done, total, "indexing")
                if progress is not None:
                    progress(done, total, "writing")
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            ix.close()
            import uuid  # not on a search's start-up path

            self._write_meta(fresh, IndexMeta(INDEX_VERSION, seq, uuid.uuid4().hex, done))
            self._swap_in(fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        if progress is not None:
            progress(done, total, "done")
        return done

    def _swap_in(self, fresh: Path) -> None:
        """Replace the index folder by ``fresh``; readers of the old one keep their files
        open (POSIX) until they notice the new build id and reopen."""
        replace_folder(self.path, fresh)
        self._ix = None
