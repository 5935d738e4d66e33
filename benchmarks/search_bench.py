"""Search benchmark: our whoosh index against SQLite FTS5 on the same synthetic corpus.

Not a test: it prints numbers. Run from the checkout::

    python benchmarks/search_bench.py --size 1000
    python benchmarks/search_bench.py --size 10000        # minutes
    python benchmarks/search_bench.py --huge              # 100k articles, a long time

The corpus: N articles of 1-10 KB drawn from a Zipfian vocabulary of pseudo-words,
1-3 of 12 themes per article, highlights with notes (some themed) on a third of them,
dates over ten years. Files are written as .txt and imported through the real importer.

Measured: bulk import + index rate, incremental update latency (an article's text
changes → a search finds the new word), query latency (median, p95) over a fixed mix
(single word, two words, phrase, prefix, fuzzy, theme filter + word, date range) with
snippets for the top 20, the cost of those snippets, index size, peak memory, and the
whole-process time of a CLI ``search``. FTS5 gets the same corpus and queries (fuzzy
becomes the exact word: FTS5 has none; the date range becomes plain SQL).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.importing.importer import import_paths  # noqa: E402
from reader.core.importing.textnorm import content_hash  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.models import ArticleDraft  # noqa: E402
from reader.core.search import SearchService  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import (  # noqa: E402
    FUNCTION_WORDS,
    THEMES,
    Vocabulary,
    annotate,
    write_corpus,
)

KINDS = ("word", "two words", "phrase", "prefix", "fuzzy", "theme+word", "date range")


# -- queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    kind: str
    ours: str
    fts: str  # FTS5 MATCH expression ('' for the date range, done in SQL)
    theme: str | None = None
    dates: tuple[str, str] | None = None


def make_queries(
    vocab: Vocabulary, texts: list[str], rng: random.Random, per_kind: int
) -> list[Query]:
    out: list[Query] = []
    for _ in range(per_kind):
        w = vocab.rank(20, 3000, rng)
        out.append(Query("word", w, w))
        a, b = vocab.rank(10, 2000, rng), vocab.rank(10, 2000, rng)
        out.append(Query("two words", f"{a} {b}", f"{a} {b}"))
        words = [x.strip(".,").lower() for x in rng.choice(texts).split()]
        pairs = [
            (a, b)
            for a, b in itertools.pairwise(words)
            if a not in FUNCTION_WORDS and b not in FUNCTION_WORDS
        ]
        phrase = " ".join(rng.choice(pairs))
        out.append(Query("phrase", f'"{phrase}"', f'"{phrase}"'))
        p = vocab.rank(50, 2000, rng)[:4]
        p = p if len(p) >= 3 else vocab.rank(0, 50, rng)[:3]
        out.append(Query("prefix", f"{p}*", f"{p}*"))
        w = vocab.rank(50, 3000, rng)
        k = rng.randrange(1, len(w))
        typo = w[:k] + w[k + 1 :] if len(w) > 4 else w + "e"
        out.append(Query("fuzzy", f"{typo}~", w))
        t, w = rng.choice(THEMES), vocab.rank(20, 3000, rng)
        out.append(Query("theme+word", w, w, theme=t))
        y = rng.randint(2015, 2024)
        m = rng.randint(1, 6)
        lo, hi = f"{y}-{m:02d}-01", f"{y}-{m + 5:02d}-28"
        out.append(Query("date range", f"date:[{lo} to {hi}]", "", dates=(lo, hi)))
    return out


# -- FTS5 ---------------------------------------------------------------------------------


def build_fts(db_path: Path, library: Library) -> float:
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.executescript(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, author, source, quote, note,"
        " tokenize='porter unicode61 remove_diacritics 2');"
        "CREATE TABLE meta (id INTEGER PRIMARY KEY, date TEXT);"
        "CREATE INDEX meta_date ON meta(date);"
        "CREATE TABLE doc_themes (doc INTEGER, theme TEXT);"
        "CREATE INDEX doc_themes_theme ON doc_themes(theme, doc);"
    )
    store = library.store
    with db:
        for r in store.query("SELECT id, title, text, author, source, note, date FROM articles"):
            hl = store.query("SELECT quote, note FROM highlights WHERE article_id = ?", (r[0],))
            db.execute(
                "INSERT INTO fts (rowid, title, body, author, source, quote, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    r[0],
                    r[1],
                    r[2],
                    r[3] or "",
                    r[4] or "",
                    "\n\n".join(h[0] for h in hl),
                    "\n\n".join([r[5]] + [h[1] for h in hl if h[1]]),
                ),
            )
            db.execute("INSERT INTO meta VALUES (?, ?)", (r[0], r[6]))
        db.executemany(
            "INSERT INTO doc_themes VALUES (?, ?)",
            store.query(
                "SELECT article_id, theme_id FROM article_themes UNION SELECT h.article_id,"
                " t.theme_id FROM highlights h JOIN highlight_themes t ON t.highlight_id = h.id"
            ),
        )
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return time.perf_counter() - started


def fts_query(db: sqlite3.Connection, q: Query) -> None:
    """Top 20 with bm25 (title weighted 3) and one snippet each, total, theme counts."""
    if q.dates:
        where, args = "SELECT id FROM meta WHERE date BETWEEN ? AND ?", list(q.dates)
        rows = db.execute(
            f"SELECT id FROM meta WHERE id IN ({where}) ORDER BY date DESC LIMIT 20", args
        ).fetchall()
    else:
        where, args = "SELECT rowid FROM fts WHERE fts MATCH ?", [q.fts]
        if q.theme:
            where += " AND rowid IN (SELECT doc FROM doc_themes WHERE theme = ?)"
            args.append(q.theme)
        rows = db.execute(
            "SELECT rowid, title, bm25(fts, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0) AS score,"
            " snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts WHERE fts MATCH ?"
            + (" AND rowid IN (SELECT doc FROM doc_themes WHERE theme = ?)" if q.theme else "")
            + " ORDER BY score LIMIT 20",
            args,
        ).fetchall()
    db.execute(f"SELECT count(*) FROM ({where})", args).fetchone()
    db.execute(
        f"SELECT theme, count(*) FROM doc_themes WHERE doc IN ({where}) GROUP BY theme", args
    ).fetchall()
    del rows


# -- measuring ----------------------------------------------------------------------------


def timed(fn, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - started


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def run(size: int, work: Path, seed: int, per_kind: int) -> dict[str, float]:
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    files = work / "corpus"
    t = time.perf_counter()
    write_corpus(files, size, vocab, rng)
    print(
        f"corpus: {size} articles, {folder_size(files) / 2**20:.1f} MB of text "
        f"(written in {time.perf_counter() - t:.1f} s)"
    )
    library = Library.open(work / "lib")
    results: dict[str, float] = {}

    # Bulk: the store import, then the index. (Library.import_paths does both; they are
    # split here so the themes/highlights can be added between them, as a library that
    # has been worked in would have them.)
    t_import = timed(import_paths, library.store, [files])
    annotate(library, vocab, rng)
    t_index = timed(library.update_index)
    n = library.store.article_count()
    index_mb = folder_size(library.index_path) / 2**20
    results.update(
        import_s=t_import, index_s=t_index, rate=n / (t_import + t_index), index_mb=index_mb
    )
    print(
        f"bulk: import {t_import:.1f} s ({n / t_import:.0f}/s), index {t_index:.1f} s "
        f"({n / t_index:.0f}/s) → import+index {results['rate']:.0f} articles/s; "
        f"index {index_mb:.1f} MB"
    )

    service = SearchService(library.index)
    texts = [
        r[0] for r in library.store.query("SELECT text FROM articles ORDER BY random() LIMIT 200")
    ]
    queries = make_queries(vocab, texts, rng, per_kind)

    # Incremental: change one article's text, make the change visible, search for it.
    ids = library.store.article_ids()
    latencies = []
    for i in range(10):
        aid = rng.choice(ids)
        old = library.store.article(aid)
        marker = f"zzmarker{i}q"
        started = time.perf_counter()
        library.store.replace_article_content(
            aid,
            ArticleDraft(
                title=old.title, text=old.text + f"\n\n{marker}", date=old.date, path=old.path
            ),
            content_hash(old.text + marker),
        )
        library.index.update_article(library.store, aid)
        found = service.search(marker, limit=5)
        latencies.append(time.perf_counter() - started)
        assert found.total == 1 and found.hits[0].id == aid, (marker, found)
    results.update(update_median=statistics.median(latencies), update_max=max(latencies))
    print(
        f"incremental update → visible: median {ms(results['update_median'])}, "
        f"max {ms(results['update_max'])}"
    )

    # Queries: one warm-up pass, then two measured passes.
    def ours(q: Query, snippets: bool = True) -> None:
        service.search(q.ours, themes=[q.theme] if q.theme else [], limit=20, snippets=snippets)

    for q in queries:
        ours(q)
    by_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    plain: list[float] = []
    snippet_cost: list[float] = []
    for _ in range(2):
        for q in queries:
            with_snippets, without = timed(ours, q), timed(ours, q, False)
            by_kind[q.kind].append(with_snippets)
            plain.append(without)
            snippet_cost.append(with_snippets - without)
    all_ours = [v for vs in by_kind.values() for v in vs]

    fts_path = work / "fts.sqlite3"
    t_fts = timed(build_fts, fts_path, library)
    db = sqlite3.connect(fts_path)
    for q in queries:
        fts_query(db, q)
    fts_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    for _ in range(2):
        for q in queries:
            fts_kind[q.kind].append(timed(fts_query, db, q))
    all_fts = [v for vs in fts_kind.values() for v in vs]
    db.close()
    fts_mb = fts_path.stat().st_size / 2**20

    results.update(
        q_median=statistics.median(all_ours),
        q_p95=pct(all_ours, 95),
        q_median_nosnip=statistics.median(plain),
        q_p95_nosnip=pct(plain, 95),
        snippet_median=statistics.median(snippet_cost),
        snippet_p95=pct(snippet_cost, 95),
        fts_median=statistics.median(all_fts),
        fts_p95=pct(all_fts, 95),
        fts_build=t_fts,
        fts_mb=fts_mb,
    )
    print(
        f"\n{'query kind':12} {'ours median':>12} {'ours p95':>11} {'FTS5 median':>12} "
        f"{'FTS5 p95':>11} {'ratio p95':>9}"
    )
    for kind in KINDS:
        o, f = by_kind[kind], fts_kind[kind]
        print(
            f"{kind:12} {ms(statistics.median(o)):>12} {ms(pct(o, 95)):>11} "
            f"{ms(statistics.median(f)):>12} {ms(pct(f, 95)):>11} "
            f"{pct(o, 95) / max(pct(f, 95), 1e-6):8.1f}x"
        )
    print(
        f"{'all':12} {ms(results['q_median']):>12} {ms(results['q_p95']):>11} "
        f"{ms(results['fts_median']):>12} {ms(results['fts_p95']):>11} "
        f"{results['q_p95'] / results['fts_p95']:8.1f}x"
    )
    print(
        f"snippets for the top 20 (same query with - without): median "
        f"{ms(results['snippet_median'])}, p95 {ms(results['snippet_p95'])}; "
        f"queries without snippets: median {ms(results['q_median_nosnip'])}, "
        f"p95 {ms(results['q_p95_nosnip'])}"
    )
    print(
        f"build: ours {t_index:.1f} s vs FTS5 {t_fts:.1f} s "
        f"({t_index / t_fts:.1f}x); size: ours {index_mb:.1f} MB vs FTS5 {fts_mb:.1f} MB"
    )

    service.close()
    library.close()
    # A whole CLI process, as a user runs it.
    cli = []
    for q in ("alpha", queries[0].ours, queries[3].ours):
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "reader",
                    "--library",
                    str(work / "lib"),
                    "search",
                    q,
                    "--json",
                ],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            cli.append(time.perf_counter() - started)
    results["cli_median"] = statistics.median(cli)
    print(f"CLI search, whole process: median {ms(results['cli_median'])}, max {ms(max(cli))}")
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    results.update(peak_mb=self_kb / 1024, peak_children_mb=kids_kb / 1024)
    print(
        f"peak memory: this process {self_kb / 1024:.0f} MB, largest child "
        f"{kids_kb / 1024:.0f} MB (index worker processes, CLI runs)"
    )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="articles (1000, 10000)")
    parser.add_argument("--huge", action="store_true", help="100,000 articles (slow)")
    parser.add_argument("--queries-per-kind", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep",
        metavar="DIR",
        type=Path,
        help="build in DIR and keep it (default: a temporary folder)",
    )
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args()
    size = 100_000 if args.huge else args.size
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"search benchmark: {size} articles, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}, work folder {work}"
    )
    try:
        results = run(size, work, args.seed, args.queries_per_kind)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({k: round(v, 5) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
