"""A run of imports skips the fsync per commit, yet every commit stands at once and all
of them are synced to disk when the run ends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.importing.importer import import_paths
from reader.core.importing.textnorm import content_hash
from reader.core.models import ArticleDraft
from reader.core.store import Store

FULL, NORMAL = 2, 1


def _sync(store: Store) -> int:
    return int(store.query("PRAGMA synchronous")[0][0])


def test_commits_stand_at_once_and_are_synced_at_the_end(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.sqlite3")
    other = sqlite3.connect(tmp_path / "library.sqlite3")
    with store.many_commits():
        assert _sync(store) == NORMAL
        for n in range(3):
            text = f"Text {n}"
            store.add_article(ArticleDraft(title=f"T{n}", text=text), content_hash(text))
            # committed: another connection sees it at once
            assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == n + 1
    assert _sync(store) == FULL
    # the log was checkpointed (so synced): nothing is left only in it
    _, logged, copied = store.query("PRAGMA wal_checkpoint(PASSIVE)")[0]
    assert copied == logged
    other.close()
    store.close()


def test_inside_a_transaction_nothing_changes(tmp_path: Path) -> None:
    store = Store(tmp_path / "library.sqlite3")
    with store.transaction(), store.many_commits():
        assert _sync(store) == FULL
    store.close()


def test_an_import_runs_without_an_fsync_per_file(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(3):
        (sources / f"a{n}.txt").write_text(f"Title {n}\n\nSome text number {n}.\n")
    store = Store(tmp_path / "library.sqlite3")
    seen: list[int] = []
    report = import_paths(store, [sources], progress=lambda *_: seen.append(_sync(store)))
    assert [o.status for o in report.outcomes] == ["imported"] * 3
    assert NORMAL in seen and _sync(store) == FULL
    store.close()
