"""Export benchmark: 5,000 highlights over 250 articles, to every format.

Not a test: it prints numbers. Target (issue 7): exporting 5,000 highlights to any text
format (Markdown, HTML, CSV, JSON; DOCX and PDF reported too) takes ≤ 2 s, selection,
grouping, rendering and the atomic write included. Run::

    python benchmarks/export_bench.py --runs 3 [--pdf]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.annotations.highlights import insert_highlight
from reader.core.export import export
from reader.core.library import Library
from reader.core.models import ArticleDraft, Highlight
from reader.core.themes import load_taxonomy

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
    "“quoted”",
    "<tag>",
    "a&b",
    "*stars*",
]
NOTE = '<script>alert(1)</script> "quotes", commas,\nnewlines'


def build(root: Path, articles: int, per_article: int, rng: random.Random) -> Library:
    library = Library.open(root)
    from reader.core.themes import default_taxonomy_file

    taxonomy, _ = load_taxonomy(default_taxonomy_file())
    library.save_taxonomy(taxonomy)
    theme_ids = [t.id for t in taxonomy.themes]
    store = library.store
    with store.transaction():
        for n in range(articles):
            text = "\n\n".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 140))) for _ in range(12)
            )
            draft = ArticleDraft(
                title=f"Article {n}: {rng.choice(WORDS)} report",
                text=text,
                date=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                source="Bench Wire",
                author="A. Writer",
                url=f"https://example.org/{n}",
            )
            aid = store.add_article(draft, hashlib.sha256(text.encode()).hexdigest())
            for _ in range(per_article):
                start = rng.randrange(0, len(text) - 300)
                end = start + rng.randint(30, 250)
                themes = tuple(rng.sample(theme_ids, rng.randint(0, 2)))
                insert_highlight(
                    store,
                    Highlight(
                        0,
                        f"{rng.getrandbits(128):032x}",
                        aid,
                        start,
                        end,
                        text[start:end],
                        text[max(0, start - 32) : start],
                        text[end : end + 32],
                        NOTE if rng.random() < 0.5 else "",
                        themes,
                        "2025-01-01T00:00:00Z",
                        "2025-01-01T00:00:00Z",
                    ),
                )
    return library


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=250)
    parser.add_argument("--per-article", type=int, default=20)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF (needs Qt)")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        library = build(Path(tmp) / "lib", args.articles, args.per_article, rng)
        total = args.articles * args.per_article
        print(f"{total} highlights over {args.articles} articles; median of {args.runs} runs")
        cases: list[tuple[str, str, dict[str, object]]] = [
            ("md", "article", {}),
            ("md", "theme", {}),
            ("md", "article", {"per_article": True}),
            ("html", "article", {}),
            ("html", "theme", {}),
            ("csv", "article", {}),
            ("json", "article", {}),
            ("docx", "article", {}),
            ("docx", "theme", {}),
            ("csl-json", "article", {}),
            ("bibtex", "article", {}),
            ("ris", "article", {}),
            ("qdpx", "article", {}),
        ]
        if args.pdf:
            from reader.ui.export_pdf import render_pdf

            cases.append(("pdf", "article", {"pdf_renderer": render_pdf}))
        for n, (fmt, group_by, extra) in enumerate(cases):
            times, size = [], 0
            for run in range(args.runs):
                dest = (
                    Path(tmp)
                    / f"out-{n}-{run}"
                    / ("" if extra.get("per_article") else f"export.{fmt}")
                )
                dest.parent.mkdir(parents=True, exist_ok=True)
                started = time.perf_counter()
                result = export(
                    library,
                    fmt,
                    dest,
                    group_by=group_by,  # type: ignore[arg-type]
                    **extra,
                )  # type: ignore[arg-type]
                times.append(time.perf_counter() - started)
                size = sum(p.stat().st_size for p in result.paths)
            label = f"{fmt}{' per article' if extra.get('per_article') else ''} by {group_by}"
            print(f"  {label:28} {statistics.median(times):6.2f} s   {size / 1e6:6.1f} MB")
        library.close()


if __name__ == "__main__":
    main()
