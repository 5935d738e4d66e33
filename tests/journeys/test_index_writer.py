"""One index writer: the window's searches never write the index; the writer's updates
reach an open search by themselves."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reader.core.search.index import SearchIndex
from reader.ui.tasks import current_runner
from tests.gui_helpers import isolate_settings, open_main_window
from tests.journeys.driving import Key, click, drag_select, type_text


def test_index_is_written_on_the_writer_thread_only_and_searches_follow_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writers: list[str] = []
    for name in ("ensure_current", "rebuild"):
        original = getattr(SearchIndex, name)

        def recording(self: SearchIndex, *args: Any, _original: Any = original, **kw: Any) -> Any:
            writers.append(current_runner() or threading.current_thread().name)
            return _original(self, *args, **kw)

        monkeypatch.setattr(SearchIndex, name, recording)
    isolate_settings(tmp_path / "config")
    win = open_main_window(qtbot, tmp_path / "library")  # seeds the library: setup
    win.writes.wait()
    writers.clear()

    with qtbot.waitSignal(win.search.results_ready, timeout=10000) as found:
        click(qtbot, win.search_field)
        type_text(qtbot, win.search_field, "zanzibarian")
    assert found.args[1].result.total == 0

    article = win.reader.article
    assert article is not None
    quote = [p for p in article.text.split("\n\n") if len(p) > 120][1][:40].rsplit(" ", 1)[0]
    drag_select(qtbot, win, quote)
    qtbot.keyClick(win.reader, Key.Key_N)
    qtbot.waitUntil(win.highlights_pane.note.hasFocus, timeout=2000)
    type_text(qtbot, win.highlights_pane.note, "a zanzibarian aside")
    # the note saves, the writer updates the index, the open search runs again
    qtbot.waitUntil(lambda: win.results_model.rowCount() == 1, timeout=10000)
    assert win.results_model.hit(0).id == article.id

    assert writers, "the index was never brought up to date"
    assert set(writers) == {"index-writes"}, "the index was written off the writer"
    win.close()


def test_an_index_of_an_older_version_is_rebuilt_by_the_writer_before_a_search_reads_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A library from an older release: the window's first search must not read the old
    index (it lacks fields); it says the index is being built, and the writer's rebuild
    brings the answer."""
    import json

    from reader.core.library import Library, LibraryLocation

    isolate_settings(tmp_path / "config")
    seeded = Library.open(LibraryLocation(tmp_path / "library", explicit=False))
    seeded.update_index()
    meta_path = next(seeded.index_path.glob("*.json"))
    data = json.loads(meta_path.read_text(encoding="utf-8"))
    data["version"] = 1  # what an older release wrote
    meta_path.write_text(json.dumps(data), encoding="utf-8")
    seeded.close()

    win = open_main_window(qtbot, tmp_path / "library", seeded=False)
    with qtbot.waitSignal(win.search.results_ready, timeout=10000):
        click(qtbot, win.search_field)
        type_text(qtbot, win.search_field, "missile")
    qtbot.waitUntil(lambda: win.results_model.rowCount() > 0, timeout=15000)
    win.close()
