"""While the window's own writer works (an import of thousands of files), the once-a-
second look at the store does not reload the library table on the GUI thread: that
reload, fighting the import for Python's lock every second, froze the window for 2-3 s
(benchmarks/gui_bench.py). What changed shows once the writer is done."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.models.library_model import Column
from reader.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _title_shown(window: MainWindow, article_id: int) -> str:
    row = window.library_model.row_of(article_id)
    assert row is not None
    return str(window.library_model.index(row, Column.TITLE).data())


def test_the_table_waits_for_the_writer_and_then_shows_the_change(
    qtbot: QtBot, window: MainWindow
) -> None:
    article_id = window.library.store.article_ids()[0]
    before = _title_shown(window, article_id)
    resets: list[bool] = []
    window.library_model.modelReset.connect(lambda: resets.append(True))
    release = threading.Event()
    window.workspace.writes.submit(lambda _task: release.wait(30))  # a long import
    try:
        subprocess.run(
            [
                *(sys.executable, "-m", "reader", "--library", str(window.library.root)),
                *("edit", str(article_id), "--title", "Renamed while importing"),
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        qtbot.wait(2500)  # two looks at the store go by
        assert resets == [] and _title_shown(window, article_id) == before
    finally:
        release.set()
    qtbot.waitUntil(
        lambda: _title_shown(window, article_id) == "Renamed while importing", timeout=5000
    )
