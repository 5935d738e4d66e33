"""Import + index benchmark: only the build, with a timeline of who works when.

Not a test: it prints numbers. Run from the checkout::

    python benchmarks/build_bench.py --corpus DIR             # every file in DIR (10k)
    python benchmarks/build_bench.py --corpus DIR --size 3000  # the first 3,000 files

It imports the corpus into a fresh library (in a temporary folder, removed afterwards),
annotates it as ``search_bench.py`` does (themes, highlights with notes; not timed) and
builds the index, printing wall and CPU seconds of both phases, the index phase's
cores-busy ratio (CPU / wall, counting the bulk-index worker processes) and peak memory.
``--timeline`` also samples every process's CPU time (``/proc``, Linux) and prints, per
process, when it started and stopped working and how busy it was in each second.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


import synthetic  # noqa: E402

from reader.core.importing.importer import import_paths  # noqa: E402
from reader.core.library import Library  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_used() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _proc_cpu(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a live process, from /proc/PID/stat."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


class Sampler:
    """CPU seconds of this process and its children, every ``interval`` seconds."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.samples: dict[int, list[tuple[float, float]]] = {}
        self.marks: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.t0 = time.perf_counter()

    def mark(self, label: str) -> None:
        self.marks.append((time.perf_counter() - self.t0, label))

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            now = time.perf_counter() - self.t0
            self.samples.setdefault(0, []).append((now, _machine_cpu()))
            for entry in os.scandir("/proc"):
                if not entry.name.isdigit():
                    continue
                pid = int(entry.name)
                got = _proc_cpu(pid)
                if got is not None and (pid == me or got[0] == me):
                    self.samples.setdefault(pid, []).append((now, got[1]))

    def report(self) -> None:
        me = os.getpid()
        print("timeline (s since start):", "  ".join(f"{t:.1f} {m}" for t, m in self.marks))
        for pid, series in sorted(self.samples.items(), key=lambda kv: kv[1][0][0]):
            name = "parent" if pid == me else "machine" if pid == 0 else f"child {pid}"
            busy = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in itertools.pairwise(series)]
            working = [s[0] for s, u in zip(series[1:], busy, strict=False) if u > 0.3]
            span = f"{working[0]:.1f}-{working[-1]:.1f}" if working else "idle"
            print(
                f"  {name:>12}: seen {series[0][0]:.1f}-{series[-1][0]:.1f}, works {span}, "
                f"CPU {series[-1][1] - series[0][1]:.1f} s"
            )
            per_s: dict[int, list[float]] = {}
            for (t, _), u in zip(series[1:], busy, strict=False):
                per_s.setdefault(int(t), []).append(u)
            line = "".join(_bar(sum(v) / len(v)) for _, v in sorted(per_s.items()))
            print(f"  {'':>12}  {line}")


def _machine_cpu() -> float:
    """CPU seconds all processes of the machine used (every core), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    idle = int(fields[3]) + int(fields[4])  # idle, iowait
    return (sum(int(f) for f in fields[:8]) - idle) / TICK


def _bar(busy: float) -> str:
    """One character per second: blank idle, @ one core (9 for two or more)."""
    return (
        " .:-=+*#%@"[min(9, max(0, round(busy * 9)))]
        if busy <= 1.05
        else str(min(9, round(busy * 4.5)))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of article files")
    parser.add_argument("--size", type=int, default=0, help="only the first N files")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeline", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="build-bench-", dir=args.corpus.parent))
    try:
        source = args.corpus
        if args.size:
            source = work / "corpus"
            source.mkdir()
            for f in sorted(args.corpus.iterdir())[: args.size]:
                os.link(f, source / f.name)
        sampler = Sampler()
        if args.timeline:
            sampler.start()
        library = Library.open(work / "lib")
        sampler.mark("import")
        wall, cpu = time.perf_counter(), cpu_used()
        if "procs" in inspect.signature(import_paths).parameters:  # not before i13-index2
            import_paths(library.store, [source], procs=library.index.procs)
        else:
            import_paths(library.store, [source])
        t_import, c_import = time.perf_counter() - wall, cpu_used() - cpu
        sampler.mark("annotate")
        synthetic.annotate(
            library, synthetic.Vocabulary(random.Random(args.seed)), random.Random(args.seed)
        )
        sampler.mark("index")
        wall, cpu = time.perf_counter(), cpu_used()
        library.update_index()
        t_index, c_index = time.perf_counter() - wall, cpu_used() - cpu
        sampler.mark("done")
        n = library.store.article_count()
        library.close()
        if args.timeline:
            sampler.stop()
            sampler.report()
        result = {
            "articles": n,
            "import_s": t_import,
            "import_cpu_s": c_import,
            "index_s": t_index,
            "index_cpu_s": c_index,
            "index_busy": c_index / t_index,
            "rate": n / (t_import + t_index),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
        print(
            f"{n} articles: import {t_import:.1f} s ({c_import:.1f} s CPU) + index "
            f"{t_index:.1f} s ({c_index:.1f} s CPU, {c_index / t_index:.2f} cores busy) → "
            f"{result['rate']:.0f} articles/s; peak {result['peak_mb']:.0f} MB, largest "
            f"child {result['peak_child_mb']:.0f} MB",
            flush=True,
        )
        if args.json:
            print(json.dumps(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
