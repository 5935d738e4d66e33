"""Search benchmark: our whoosh index side by side with SQLite FTS5 on the same corpus.

Not a test: it prints numbers. Run from the checkout::

    python benchmarks/search_bench.py                 # 10,000 realistic articles, minutes
    python benchmarks/search_bench.py --size 1000
    python benchmarks/search_bench.py --huge          # 100,000 articles, a long time
    python benchmarks/search_bench.py --corpus synthetic   # pseudo-words (synthetic.py)
    python benchmarks/search_bench.py --keep DIR      # build in DIR and keep it; a later
                                                      # run with --keep DIR reuses it

The corpus (``realistic.py``, the default): articles of 1-10 KB in the sample articles'
words with Zipfian frequencies, a date line each, 1-3 of 12 themes per article and
highlights with notes on a third. Files are imported through the real importer.

The queries: 6 each of common word, rare word, two words (AND), phrase, OR, prefix and
NOT (42). Each answer is the top 20 with snippets, the exact total and the theme
counts; FTS5 does the same, fairly (``fts_baseline.py``: top 20 first, then snippets for
those). Engines are interleaved per query, the order alternating; every query runs
``--runs`` times after a warm-up and its median counts. Reported: build time, import +
index rate, a change made visible, in-process p50/p95 (all and per kind), the window's
live search (its limit of results), whole-process CLI p50/p95, index size, peak memory.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import realistic  # noqa: E402
import synthetic  # noqa: E402
from fts_baseline import build_fts, fts_search  # noqa: E402

from reader.core.filtering import LibraryFilter, answer  # noqa: E402
from reader.core.importing.importer import import_paths  # noqa: E402
from reader.core.importing.textnorm import content_hash  # noqa: E402
from reader.core.library import Library  # noqa: E402
from reader.core.models import ArticleDraft  # noqa: E402
from reader.core.search import SearchService  # noqa: E402
from reader.core.search.index import BULK_AT  # noqa: E402

KINDS = ("common word", "rare word", "two words", "phrase", "OR", "prefix", "NOT")
# What the window's live search asks for (reader/ui/controllers/search.py): 200 hits,
# snippets for the first 20.
WINDOW_LIMIT, WINDOW_SNIPPETS = 200, 20


@dataclass(frozen=True)
class Query:
    kind: str
    ours: str
    fts: str


# -- corpus and queries -------------------------------------------------------------------


def words_by_rank(corpus: str, seed: int) -> tuple[Callable[[int, int], list[str]], object]:
    """(content words of frequency rank lo..hi, the vocabulary) for the corpus kind."""
    if corpus == "realistic":
        vocab = realistic.SeedVocabulary()
        return vocab.content_words, vocab
    svocab = synthetic.Vocabulary(random.Random(seed))
    skip = len(synthetic.FUNCTION_WORDS)
    return (lambda lo, hi: svocab.words[skip + lo : skip + hi]), svocab


def write_corpus(corpus: str, folder: Path, size: int, vocab: object, seed: int) -> None:
    rng = random.Random(seed)
    if corpus == "realistic":
        realistic.write_corpus(folder, size, vocab, rng)  # type: ignore[arg-type]
    else:
        synthetic.write_corpus(folder, size, vocab, rng)  # type: ignore[arg-type]


def make_queries(
    ranked: Callable[[int, int], list[str]], texts: list[str], seed: int, per_kind: int
) -> list[Query]:
    rng = random.Random(seed + 1)
    common, mid, rare = ranked(5, 60), ranked(20, 400), ranked(400, 5000)
    stop = set(synthetic.FUNCTION_WORDS)
    out: list[Query] = []
    for _ in range(per_kind):
        w = rng.choice(common)
        out.append(Query("common word", w, w))
        w = rng.choice(rare)
        out.append(Query("rare word", w, w))
        a, b = rng.sample(mid, 2)
        out.append(Query("two words", f"{a} {b}", f"{a} {b}"))
        while True:
            words = rng.choice(texts).lower().replace(".", " ").split()
            pairs = [
                (x, y)
                for x, y in itertools.pairwise(words)
                if x.isalpha()
                and y.isalpha()
                and x not in stop
                and y not in stop
                and len(x) > 2
                and len(y) > 2
            ]
            if pairs:
                break
        x, y = rng.choice(pairs)
        out.append(Query("phrase", f'"{x} {y}"', f'"{x} {y}"'))
        a, b = rng.sample(mid, 2)
        out.append(Query("OR", f"{a} OR {b}", f"{a} OR {b}"))
        w = rng.choice([m for m in mid if len(m) >= 6] or mid)
        out.append(Query("prefix", f"{w[:4]}*", f"{w[:4]}*"))
        a, b = rng.choice(common), rng.choice(mid)
        out.append(Query("NOT", f"{a} -{b}", f"{a} NOT {b}"))
    return out


# -- measuring ----------------------------------------------------------------------------


def timed(fn: Callable[..., object], *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - started


def cpu_used() -> float:
    """CPU seconds of this process and its finished children: unlike the wall clock,
    barely affected by other work on a shared machine."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_both(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), cpu_used()
    fn(*args, **kwargs)
    return time.perf_counter() - wall, cpu_used() - cpu


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build(work: Path, corpus: str, size: int, seed: int, vocab: object) -> dict[str, float]:
    files = work / "corpus"
    t = time.perf_counter()
    write_corpus(corpus, files, size, vocab, seed)
    print(
        f"corpus ({corpus}): {size} articles, {folder_size(files) / 2**20:.1f} MB of text "
        f"(written in {time.perf_counter() - t:.1f} s)",
        flush=True,
    )
    library = Library.open(work / "lib")
    # The store import, then the index (Library.import_paths does both; split here so
    # themes and highlights are added in between, as in a library that has been worked in).
    t_import, c_import = timed_both(import_paths, library.store, [files], procs=library.index.procs)
    synthetic.annotate(library, synthetic.Vocabulary(random.Random(seed)), random.Random(seed))
    t_index, c_index = timed_both(library.update_index)
    n = library.store.article_count()
    t_fts = build_fts(work / "fts.sqlite3", library.store)
    library.close()
    return {
        "import_s": t_import,
        "index_s": t_index,
        "rate": n / (t_import + t_index),
        "import_cpu_s": c_import,
        "index_cpu_s": c_index,
        # What the rate would be with both cores to ourselves: the import runs in one
        # process, the index in two worker processes at once.
        "rate_cpu": n / (c_import + c_index / (library.index.procs if n >= BULK_AT else 1)),
        "fts_build_s": t_fts,
        # Peak resident memory of the build: this process, and its largest child (the
        # bulk-index workers; the FTS5 build runs in this process).
        "build_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "build_peak_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def incremental(library: Library, service: SearchService, rng: random.Random) -> list[float]:
    """Change an article's text, make it searchable, find it: the latency a person sees."""
    ids = library.store.article_ids()
    latencies = []
    for i in range(10):
        aid = rng.choice(ids)
        old = library.store.article(aid)
        marker = f"zzmarker{i}q{time.time_ns()}"
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
    return latencies


def interleaved(
    queries: list[Query], engines: dict[str, Callable[[Query], object]], runs: int
) -> dict[str, list[float]]:
    """Per engine, each query's median over ``runs`` (after one warm-up), the engines'
    order alternating from query to query so neither gets the warmer cache."""
    names = list(engines)
    for q in queries:
        for name in names:
            engines[name](q)
    times: dict[str, list[list[float]]] = {n: [[] for _ in queries] for n in names}
    cpu: dict[str, list[list[float]]] = {n: [[] for _ in queries] for n in names}
    for run in range(runs):
        for i, q in enumerate(queries):
            order = names if (i + run) % 2 == 0 else names[::-1]
            for name in order:
                wall, used = timed_both(engines[name], q)
                times[name][i].append(wall)
                cpu[name][i].append(used)
    out = {n: [statistics.median(ts) for ts in per_query] for n, per_query in times.items()}
    out.update(
        {f"{n} cpu": [statistics.median(ts) for ts in per_query] for n, per_query in cpu.items()}
    )
    return out


def cli_times(
    argv_for: Callable[[Query], list[str]], queries: list[Query], runs: int
) -> tuple[list[float], list[float]]:
    """Whole-process (wall, CPU) times, each query's median over ``runs`` after a warm-up. Python
    may write bytecode (an installed app has it; PYTHONDONTWRITEBYTECODE in a developer's
    shell would make every run compile our modules again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out, cpu_out = [], []
    for q in queries:
        subprocess.run(argv_for(q), cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
        per = []
        for _ in range(runs):
            wall, used = timed_both(
                subprocess.run,
                argv_for(q),
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            per.append((wall, used))
        out.append(statistics.median(w for w, _ in per))
        cpu_out.append(statistics.median(c for _, c in per))
    return out, cpu_out


# -- the run ------------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> dict[str, float]:
    ranked, vocab = words_by_rank(args.corpus, args.seed)
    marker = work / "bench.json"
    wanted = {"corpus": args.corpus, "size": args.size, "seed": args.seed}
    results: dict[str, float] = {}
    if marker.exists() and json.loads(marker.read_text()).get("corpus") == wanted:
        print(f"reusing the library and FTS5 database in {work}")
    else:
        for name in ("corpus", "lib"):
            shutil.rmtree(work / name, ignore_errors=True)
        (work / "fts.sqlite3").unlink(missing_ok=True)
        built = build(work, args.corpus, args.size, args.seed, vocab)
        results.update(built)
        marker.write_text(json.dumps({"corpus": wanted, "build": built}))
    built = json.loads(marker.read_text())["build"]
    results.update(built)
    print(
        f"build: import {built['import_s']:.1f} s + index {built['index_s']:.1f} s → "
        f"{built['rate']:.0f} articles/s; FTS5 {built['fts_build_s']:.1f} s "
        f"(ours {built['index_s'] / built['fts_build_s']:.1f}x)\n"
        f"build CPU: import {built['import_cpu_s']:.1f} s + index {built['index_cpu_s']:.1f} s"
        f" (two worker processes from {BULK_AT} articles) → {built['rate_cpu']:.0f} "
        "articles/s with both cores to "
        "ourselves (goal ≥ 400)",
        flush=True,
    )
    if "build_peak_child_mb" in built:  # (not recorded by older runs)
        print(
            f"build peak memory: {built['build_peak_mb']:.0f} MB, largest worker "
            f"{built['build_peak_child_mb']:.0f} MB (goal ≤ 600 MB)",
            flush=True,
        )

    library = Library.open(work / "lib")
    service = SearchService(library.index)
    t = time.perf_counter()
    library.update_index()
    service.search("warmup")
    print(f"index opened (and brought up to date) in {time.perf_counter() - t:.1f} s", flush=True)
    texts = [r[0] for r in library.store.query("SELECT text FROM articles ORDER BY id LIMIT 300")]
    queries = make_queries(ranked, texts, args.seed, args.per_kind)
    db = sqlite3.connect(work / "fts.sqlite3")

    engines: dict[str, Callable[[Query], object]] = {
        "ours": lambda q: service.search(q.ours, limit=20),
        "fts": lambda q: fts_search(db, q.fts),
        # What the window asks while a person types: the one filter answer (hits, the
        # exact total, every match's id and theme counts over all of them).
        "window": lambda q: answer(
            library,
            LibraryFilter(q.ours),
            limit=WINDOW_LIMIT,
            snippets=WINDOW_SNIPPETS,
            sync=False,
        ),
    }
    got = interleaved(queries, engines, args.runs)
    report(queries, got, results)

    updates = incremental(library, service, random.Random(args.seed + 2))
    results.update(update_median=statistics.median(updates), update_max=max(updates))
    service.close()
    library.close()
    db.close()

    cli_queries = [q for q in queries if q.kind in ("common word", "two words", "prefix")][:6]
    ours_cli, ours_cli_cpu = cli_times(
        lambda q: [
            sys.executable,
            "-m",
            "reader",
            "--library",
            str(work / "lib"),
            "search",
            q.ours,
            "--json",
        ],
        cli_queries,
        args.runs,
    )
    fts_cli, fts_cli_cpu = cli_times(
        lambda q: [
            sys.executable,
            str(ROOT / "benchmarks" / "fts_baseline.py"),
            str(work / "fts.sqlite3"),
            q.fts,
        ],
        cli_queries,
        args.runs,
    )
    results.update(
        cli_p50=statistics.median(ours_cli),
        cli_p95=pct(ours_cli, 95),
        fts_cli_p50=statistics.median(fts_cli),
        fts_cli_p95=pct(fts_cli, 95),
        cli_cpu_p50=statistics.median(ours_cli_cpu),
        fts_cli_cpu_p50=statistics.median(fts_cli_cpu),
        index_mb=folder_size(work / "lib" / "index") / 2**20,
        fts_mb=(work / "fts.sqlite3").stat().st_size / 2**20,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_children_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    )
    r = results
    print(
        f"whole-process CLI p50 / p95: ours {ms(r['cli_p50'])} / {ms(r['cli_p95'])}, "
        f"FTS5 {ms(r['fts_cli_p50'])} / {ms(r['fts_cli_p95'])} "
        f"(ratio {r['cli_p50'] / r['fts_cli_p50']:.1f}x at p50); CPU p50 ours "
        f"{ms(r['cli_cpu_p50'])}, FTS5 {ms(r['fts_cli_cpu_p50'])} (goal: ≤ 100 ms)\n"
        f"a change → found by a search: median {ms(r['update_median'])}, "
        f"max {ms(r['update_max'])}\n"
        f"index size: ours {r['index_mb']:.1f} MB, FTS5 {r['fts_mb']:.1f} MB\n"
        f"peak memory: this process {r['peak_mb']:.0f} MB, largest child process "
        f"{r['peak_children_mb']:.0f} MB (bulk-index workers, CLI runs)"
    )
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def report(queries: list[Query], got: dict[str, list[float]], results: dict[str, float]) -> None:
    ours, fts, window = got["ours"], got["fts"], got["window"]
    for label, suffix in (("wall time", ""), ("CPU time", " cpu")):
        print(
            f"\n{label}: {'kind':12} {'ours p50':>10} {'ours p95':>10} {'FTS5 p50':>10}"
            f" {'FTS5 p95':>10} {'x p50':>6} {'x p95':>6}"
        )
        for kind in (*KINDS, "all"):
            idx = [i for i, q in enumerate(queries) if kind in ("all", q.kind)]
            o = [got["ours" + suffix][i] for i in idx]
            f = [got["fts" + suffix][i] for i in idx]
            o50, o95, f50, f95 = statistics.median(o), pct(o, 95), statistics.median(f), pct(f, 95)
            print(
                f"{'':{len(label) + 2}}{kind:12} {o50 * 1000:10.1f} {o95 * 1000:10.1f} "
                f"{f50 * 1000:10.1f} {f95 * 1000:10.1f} {o50 / f50:6.1f} {o95 / f95:6.1f}"
            )
    results.update(
        q_p50=statistics.median(ours),
        q_p95=pct(ours, 95),
        fts_p50=statistics.median(fts),
        fts_p95=pct(fts, 95),
        window_p50=statistics.median(window),
        window_p95=pct(window, 95),
    )
    oc, fc, wc = got["ours cpu"], got["fts cpu"], got["window cpu"]
    results.update(
        q_cpu_p50=statistics.median(oc),
        q_cpu_p95=pct(oc, 95),
        fts_cpu_p50=statistics.median(fc),
        fts_cpu_p95=pct(fc, 95),
        window_cpu_p95=pct(wc, 95),
    )
    r = results
    print(
        f"CPU time (less disturbed by other work on the machine) p50 / p95: ours "
        f"{ms(r['q_cpu_p50'])} / {ms(r['q_cpu_p95'])}, FTS5 {ms(r['fts_cpu_p50'])} / "
        f"{ms(r['fts_cpu_p95'])}: ratio {r['q_cpu_p50'] / r['fts_cpu_p50']:.1f}x / "
        f"{r['q_cpu_p95'] / r['fts_cpu_p95']:.1f}x; window p95 {ms(r['window_cpu_p95'])}"
    )
    print(
        f"in-process p50 / p95: ours {ms(r['q_p50'])} / {ms(r['q_p95'])}, FTS5 "
        f"{ms(r['fts_p50'])} / {ms(r['fts_p95'])}: ratio {r['q_p50'] / r['fts_p50']:.1f}x "
        f"(goal ≤ 2x) / {r['q_p95'] / r['fts_p95']:.1f}x (goal ≤ 3x)\n"
        f"window live search ({WINDOW_LIMIT} hits, {WINDOW_SNIPPETS} with snippets): "
        f"p50 {ms(r['window_p50'])}, "
        f"p95 {ms(r['window_p95'])} (goal ≤ 40 ms)",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--huge", action="store_true", help="100,000 articles (slow)")
    parser.add_argument("--corpus", choices=("realistic", "synthetic"), default="realistic")
    parser.add_argument("--per-kind", type=int, default=6, help="queries of each kind")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", metavar="DIR", type=Path, help="build in DIR and keep it; reused when it matches"
    )
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args()
    if args.huge:
        args.size = 100_000
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"search benchmark: {args.size} articles, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}, work folder {work}",
        flush=True,
    )
    try:
        results = run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps({k: round(v, 5) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
