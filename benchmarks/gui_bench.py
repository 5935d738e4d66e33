"""GUI benchmark: start-up on a large library, sorting and scrolling it, and the longest
stall of the GUI thread while 1,000 files import in the background.

Not a test: it prints numbers. Run from the checkout (offscreen is fine)::

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_bench.py --size 10000 --runs 3

Start-up is measured twice: in-process (QApplication → window shown with the library
table filled and the first article typeset) and as a whole process (``--screenshot``,
which includes Python and Qt start-up).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import Vocabulary, write_corpus  # noqa: E402

from reader.core.library import Library  # noqa: E402


def build_library(root: Path, size: int, rng: random.Random, vocab: Vocabulary) -> float:
    corpus = root.parent / "corpus"
    write_corpus(corpus, size, vocab, rng)
    started = time.perf_counter()
    with Library.open(root) as library:
        library.import_paths([corpus])
    shutil.rmtree(corpus)
    return time.perf_counter() - started


def startup_in_process(root: Path) -> tuple[float, object]:
    from PySide6.QtCore import QSettings

    from reader.ui.app import create_application, open_window

    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root.parent / "config")
    )
    started = time.perf_counter()
    app = create_application()
    from reader.core.library import LibraryLocation

    window = open_window(LibraryLocation(root, explicit=True))
    window.show()
    app.processEvents()
    elapsed = time.perf_counter() - started
    assert window.library_model.rowCount() > 0 and window.article is not None
    return elapsed, window


def startup_process(root: Path, out: Path) -> float:
    env = dict(os.environ, HOME=str(root.parent / "home"))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(root), "--screenshot", str(out)],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    return time.perf_counter() - started


def sort_and_scroll(window: object) -> tuple[float, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    table = window.library_pane.table  # type: ignore[attr-defined]
    times = []
    for column in range(5):
        started = time.perf_counter()
        table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        QApplication.processEvents()
        times.append(time.perf_counter() - started)
    bar = table.verticalScrollBar()
    frames = []
    for step in range(100):
        started = time.perf_counter()
        bar.setValue(bar.maximum() * step // 100)
        table.viewport().repaint()
        frames.append(time.perf_counter() - started)
    return max(times), statistics.median(frames)


def import_stall(window: object, folder: Path) -> tuple[float, float]:
    """Longest gap between ticks of a 5 ms GUI timer while 1,000 files import."""
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    window.imports.quiet = True  # type: ignore[attr-defined]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    worst = [0]

    def tick() -> None:
        now = clock.elapsed()
        worst[0] = max(worst[0], now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    done: list[bool] = []
    window.imports.finished.connect(lambda _r: done.append(True))  # type: ignore[attr-defined]
    started = time.perf_counter()
    timer.start()
    window.imports.start([folder])  # type: ignore[attr-defined]
    while not done:
        QApplication.processEvents()
        time.sleep(0.001)
    timer.stop()
    return worst[0] / 1000, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = Vocabulary(rng)
    work = Path(tempfile.mkdtemp(prefix="rr-gui-bench-"))
    try:
        root = work / "library"
        build = build_library(root, args.size, rng, vocab)
        print(f"library of {args.size:,} articles built in {build:.1f} s")
        process = [startup_process(root, work / "shot.png") for _ in range(args.runs)]
        print(
            f"whole-process start-up to screenshot: median {statistics.median(process):.2f} s "
            f"(runs: {', '.join(f'{t:.2f}' for t in process)})"
        )
        elapsed, window = startup_in_process(root)
        print(f"in-process start-up (window shown, table filled, article typeset): {elapsed:.2f} s")
        sort_worst, scroll_median = sort_and_scroll(window)
        print(
            f"slowest column sort: {sort_worst * 1000:.0f} ms; scroll step + repaint: "
            f"median {scroll_median * 1000:.1f} ms"
        )
        incoming = work / "incoming"
        write_corpus(incoming, 1000, vocab, rng)
        stall, total = import_stall(window, incoming)
        print(
            f"1,000-file import in the background: {total:.1f} s; longest GUI-thread stall "
            f"{stall * 1000:.0f} ms"
        )
        window.close()  # type: ignore[attr-defined]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
