"""Synthesis view benchmark: 10,000 articles, 50,000 highlights, a 24-theme taxonomy.

Not a test: it prints numbers. Targets (issue 14): the first draw of the synthesis view
(Ctrl+B on a freshly opened store: read, group, build both charts, lay out and paint the
view) ≤ 200 ms, and a filter change (regroup, rebuild, repaint) ≤ 100 ms. Medians of
``--runs`` runs; the store is bulk-loaded as in theme_bench.py.

    QT_QPA_PLATFORM=offscreen python benchmarks/synthesis_bench.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from theme_bench import make_store, make_taxonomy  # noqa: E402

from reader.core.annotations.highlights import set_themes  # noqa: E402
from reader.core.store import Store  # noqa: E402
from reader.core.synthesis import adopt, read_cache, synthesize  # noqa: E402
from reader.core.synthesis.cache import cache_for  # noqa: E402
from reader.core.themes import filter_articles  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median (wall clock, CPU time of this process) in ms. On a shared machine the CPU
    time is the fairer number: it leaves out the time other processes had the cores."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--highlights", type=int, default=50_000)
    parser.add_argument("--png", help="save a screenshot of the view here")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from reader.ui.look.theme_look import ThemeLook
    from reader.ui.synthesis.figures import render_chart_pngs
    from reader.ui.synthesis.view import SynthesisView

    app = QApplication.instance() or QApplication([])
    taxonomy = make_taxonomy()
    look = ThemeLook()
    look.set_themes({t.id: (t.name, t.color) for t in taxonomy.themes})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.sqlite3"
        started = time.perf_counter()
        make_store(path, args.articles, args.highlights, taxonomy).close()
        print(
            f"built {args.articles:,} articles / {args.highlights:,} highlights in "
            f"{time.perf_counter() - started:.1f} s; medians of {args.runs} runs\n"
        )
        store = Store(path)
        view = SynthesisView(look, lambda: store)
        view.resize(1400, 900)
        view.show()
        app.processEvents()

        def draw(scope: set[int] | None, checked: set[str] = set()) -> None:  # noqa: B006
            view.show_synthesis(synthesize(store, taxonomy, scope, checked), scope is not None)
            view.repaint()
            app.processEvents()

        def change(scope: set[int] | None, checked: set[str] = set()) -> None:  # noqa: B006
            """A new filter: the memo of the last answer is forgotten, as if the scope
            had not been seen (each run repeats the same scope)."""
            cache_for(store).memo = None
            draw(scope, checked)

        timings: list[float] = []
        cpu_timings: list[float] = []

        def first_draw() -> None:
            """Ctrl+B on a freshly opened store whose cache the query thread read when
            the library opened (read_cache + adopt, untimed: off the GUI thread)."""
            nonlocal store
            store.close()
            store = Store(path)
            with Store(path) as other:
                warmed = read_cache(other)
            adopt(store, warmed)
            timed_draw(None)

        def cold_draw() -> None:
            """The same with nothing read before (a library switched to and shown at once)."""
            nonlocal store
            store.close()
            store = Store(path)
            draw(None)

        rng = random.Random(14)
        filters = [
            ({"industry"}, "any of 1 parent (checked columns)"),
            ({"reactions-1"}, "any of 1 leaf"),
            ({"command", "partners"}, "any of 2 parents"),
        ]
        counter = iter(range(10**9))

        def timed_draw(scope: set[int] | None) -> None:
            started, started_cpu = time.perf_counter(), time.process_time()
            draw(scope)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - started_cpu) * 1000)

        def after_edit() -> None:
            """A card re-tagged (the write itself untimed), then the view catching up."""
            set_themes(
                store, 1 + next(counter) % args.highlights, [rng.choice(["local-1", "command-0"])]
            )
            timed_draw(None)

        cases: list[tuple[str, Callable[[], None]]] = [
            ("first draw (cache read at library open)", first_draw),
            ("first draw, nothing read before", cold_draw),
            ("redraw, all themes (same scope: the answer is kept)", lambda: draw(None)),
            ("regroup and redraw, all themes", lambda: change(None)),
            ("after one re-tag: redraw", after_edit),
        ]
        for checked, name in filters:
            cases.append(
                (
                    f"filter change: {name}",
                    lambda c=checked: change(  # type: ignore[misc]
                        filter_articles(store, taxonomy, any_of=sorted(c)), set(c)
                    ),
                )
            )
        search = set(rng.sample(range(1, args.articles + 1), 200))
        cases.append(("filter change: a 200-hit search", lambda: change(search)))
        cases.append(
            (
                "filter change: dates 2020-2021",
                lambda: change(filter_articles(store, taxonomy, date_from="2020", date_to="2021")),
            )
        )
        synthesis = synthesize(store, taxonomy)
        cases.append(
            ("export figures: both charts to PNG", lambda: render_chart_pngs(synthesis, look))
        )
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'case':48} {'wall':>9} {'CPU':>9}")
        worst_filter, first = 0.0, 0.0
        for name, fn in cases:
            timings.clear()
            cpu_timings.clear()
            wall, cpu = median_ms(fn, args.runs)
            if timings:  # the case timed itself (set-up excluded)
                wall, cpu = statistics.median(timings), statistics.median(cpu_timings)
            print(f"{name:48} {wall:6.1f} ms {cpu:6.1f} ms")
            if name.startswith("first draw ("):
                first = cpu
            elif name.startswith(("filter", "redraw", "regroup", "after")):
                worst_filter = max(worst_filter, cpu)
        if args.png:
            draw(None)
            view.grab().save(args.png)
        store.close()
    print(f"\nfirst draw: {first:.1f} ms CPU (target ≤ 200 ms)")
    print(f"slowest filter change / redraw: {worst_filter:.1f} ms CPU (target ≤ 100 ms)")
    return 0 if first <= 200 and worst_filter <= 100 else 1


if __name__ == "__main__":
    raise SystemExit(main())
