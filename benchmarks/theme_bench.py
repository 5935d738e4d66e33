"""Theme filtering benchmark: 10,000 articles, 50,000 highlights, a 24-theme taxonomy.

Not a test: it prints numbers. Target (issue 6): filtering the library by themes and
filling the theme board take ≤ 50 ms. Reports the median of ``--runs`` runs of each:

* cold: the first filter on a freshly opened store (reads every theme row);
* after edit: one highlight re-themed, then a filter (reads only that article again);
* filters (warm): any / all / none, with parent themes that expand to their children,
  and with a date range;
* counts for the themes panel, over the library and over a 2,000-article search;
* board: every highlight of one leaf theme, and of a parent theme (with its children);
  the first board of a theme reads its highlights from the store, later ones (another
  filter, a re-sort) reuse them until their article changes.

    python benchmarks/theme_bench.py --runs 7
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.annotations.highlights import set_themes
from reader.core.store import Store
from reader.core.themes import (
    Taxonomy,
    Theme,
    board_highlights,
    filter_articles,
    theme_counts,
)
from reader.core.themes import ops as theme_ops

PARENTS = ["command", "industry", "reactions", "deterrence", "partners", "local"]


def make_taxonomy() -> Taxonomy:
    themes = []
    for parent in PARENTS:
        themes.append(Theme(parent, parent.title()))
        themes += [Theme(f"{parent}-{i}", f"{parent.title()} {i}", parent=parent) for i in range(3)]
    return Taxonomy(tuple(themes))


def make_store(path: Path, articles: int, highlights: int, taxonomy: Taxonomy) -> Store:
    """Bulk-load a store directly (the import path is benchmarked elsewhere)."""
    rng = random.Random(6)
    leaves = [t.id for t in taxonomy.themes if t.parent]
    store = Store(path)
    text = "Alliance command missile deterrence. " * 40
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO articles (id, title, text, content_hash, imported_at, modified_at, date)"
            " VALUES (?, ?, ?, ?, '', '', ?)",
            [
                (
                    i,
                    f"Article {i}",
                    text,
                    f"h{i}",
                    None
                    if i % 17 == 0
                    else f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
                )
                for i in range(1, articles + 1)
            ],
        )
        rows, themes = [], []
        for hid in range(1, highlights + 1):
            start = rng.randrange(0, len(text) - 60)
            rows.append(
                (
                    hid,
                    uuid.uuid4().hex,
                    rng.randint(1, articles),
                    start,
                    start + 40,
                    text[start : start + 40],
                    "",
                    "",
                )
            )
            for n, theme in enumerate(rng.sample(leaves, rng.choice((0, 1, 1, 1, 2)))):
                themes.append((hid, theme, n))
        db.executemany(
            'INSERT INTO highlights (id, uid, article_id, start, "end", quote, note, created_at,'
            " modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')",
            rows,
        )
        db.executemany("INSERT INTO highlight_themes VALUES (?, ?, ?)", themes)
        db.executemany(
            "INSERT OR IGNORE INTO article_themes VALUES (?, ?)",
            [(rng.randint(1, articles), rng.choice(PARENTS)) for _ in range(800)],
        )
    return store


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--highlights", type=int, default=50_000)
    args = parser.parse_args()
    taxonomy = make_taxonomy()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.sqlite3"
        started = time.perf_counter()
        make_store(path, args.articles, args.highlights, taxonomy).close()
        print(
            f"built {args.articles:,} articles / {args.highlights:,} highlights in "
            f"{time.perf_counter() - started:.1f} s; medians of {args.runs} runs\n"
        )

        def cold() -> set[int]:
            with Store(path) as fresh:
                return filter_articles(fresh, taxonomy, any_of=["industry-0"])

        store = Store(path)
        search = set(random.Random(1).sample(range(1, args.articles + 1), 2_000))
        counter = iter(range(10**9))

        def after_edit() -> set[int]:
            set_themes(store, 1 + next(counter) % args.highlights, ["command-1"])
            return filter_articles(store, taxonomy, any_of=["command"])

        cases: list[tuple[str, Callable[[], object]]] = [
            ("cold: first filter, fresh store", cold),
            ("after one edit: filter", after_edit),
            (
                "any of 1 leaf theme",
                lambda: filter_articles(store, taxonomy, any_of=["industry-0"]),
            ),
            (
                "any of 2 parents (8 themes)",
                lambda: filter_articles(store, taxonomy, any_of=["industry", "reactions"]),
            ),
            (
                "all of 2 parents",
                lambda: filter_articles(store, taxonomy, all_of=["industry", "reactions"]),
            ),
            ("none of 1 parent", lambda: filter_articles(store, taxonomy, none_of=["command"])),
            (
                "any + all + none + dates",
                lambda: filter_articles(
                    store,
                    taxonomy,
                    any_of=["industry", "partners"],
                    all_of=["deterrence"],
                    none_of=["local-1"],
                    date_from="2018-01-01",
                    date_to="2023-06",
                ),
            ),
            ("counts, whole library", lambda: theme_counts(store, taxonomy)),
            ("counts, 2,000-article search", lambda: theme_counts(store, taxonomy, search)),
            (
                "board: parent, first time (uncached)",
                lambda: (
                    theme_ops._CACHE[store].board.clear(),
                    board_highlights(store, taxonomy, ["industry"]),
                )[1],
            ),
            ("board: 1 leaf theme", lambda: board_highlights(store, taxonomy, ["industry-0"])),
            ("board: 1 parent (4 themes)", lambda: board_highlights(store, taxonomy, ["industry"])),
            (
                "board: parent within a filter",
                lambda: board_highlights(
                    store,
                    taxonomy,
                    ["industry"],
                    filter_articles(store, taxonomy, any_of=["reactions"]),
                ),
            ),
        ]
        print(f"{'case':36} {'median':>9} {'result':>8}")
        worst = 0.0
        for name, fn in cases:
            ms, result = median_ms(fn, args.runs)
            size = len(result) if isinstance(result, set | list | dict) else 0
            print(f"{name:36} {ms:7.1f} ms {size:>8,}")
            if not name.startswith("cold"):
                worst = max(worst, ms)
        store.close()
    print(f"\nslowest interactive case: {worst:.1f} ms (target ≤ 50 ms)")
    return 0 if worst <= 50 else 1


if __name__ == "__main__":
    raise SystemExit(main())
