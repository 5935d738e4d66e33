"""Highlight painting benchmark: a 200 KB article with 1,000 highlights.

Not a test: it prints numbers. Targets (issue 5): the article opens and paints in
≤ 150 ms; adding one highlight repaints in ≤ 50 ms. Run offscreen::

    QT_QPA_PLATFORM=offscreen python benchmarks/highlight_bench.py --runs 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from reader.core.models import Article, Highlight
from reader.ui.look.theme_look import ThemeLook
from reader.ui.reading.highlight_paint import HighlightPainter
from reader.ui.reading.reader_view import ReaderView

WORDS = [
    "alliance",
    "command",
    "missile",
    "deterrence",
    "okinawa",
    "headquarters",
    "joint",
    "force",
    "japan",
    "production",
    "exercise",
    "regional",
    "security",
    "china",
    "taiwan",
    "readiness",
    "partners",
]


def make_article(rng: random.Random, size: int = 200_000) -> Article:
    paragraphs, total = [], 0
    while total < size:
        paragraph = (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))).capitalize() + "."
        )
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    text = "\n\n".join(paragraphs)
    return Article(
        id=1, title="Benchmark article", text=text, content_hash="x", imported_at="", modified_at=""
    )


def make_highlights(text: str, n: int, rng: random.Random) -> list[Highlight]:
    items = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 300)
        end = start + rng.randint(20, 250)
        themes = tuple(rng.sample(["a", "b", "c", "d"], rng.randint(0, 2)))
        items.append(
            Highlight(
                id=i + 1,
                uid=str(i),
                article_id=1,
                start=start,
                end=end,
                quote=text[start:end],
                themes=themes,
                note="note" if i % 3 else "",
            )
        )
    return items


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--highlights", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rng = random.Random(3)
    article = make_article(rng)
    items = make_highlights(article.text, args.highlights, rng)
    look = ThemeLook()
    view = ReaderView()
    view.painter = HighlightPainter(look.colour_of, look.label_of)
    view.resize(900, 1000)
    view.show()
    opens, adds = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        view.show_article(article)
        view.set_highlights(items)
        view.viewport().repaint()
        opens.append(time.perf_counter() - started)
        extra = make_highlights(article.text, 1, rng)[0]
        extra = Highlight(**{**{f: getattr(extra, f) for f in extra.__slots__}, "id": 10**6})
        started = time.perf_counter()
        view.set_highlights([*items, extra], (extra.start or 0, extra.end or 0))
        view.viewport().repaint()
        adds.append(time.perf_counter() - started)
    print(f"{len(article.text) / 1000:.0f} KB article, {len(items)} highlights, {args.runs} runs")
    print(
        f"open + paint: median {statistics.median(opens) * 1000:.0f} ms "
        f"(runs: {', '.join(f'{t * 1000:.0f}' for t in opens)}); target ≤ 150 ms"
    )
    print(
        f"add one highlight + repaint: median {statistics.median(adds) * 1000:.1f} ms "
        f"(runs: {', '.join(f'{t * 1000:.1f}' for t in adds)}); target ≤ 50 ms"
    )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
