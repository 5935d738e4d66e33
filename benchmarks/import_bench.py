"""Import benchmark: PDF pages per second, saved HTML pages per second, and the PDF
extractor candidates compared on the same files.

Not a test: it prints numbers. Targets (issue 15): ≥ 30 PDF pages/s (a 300-page report
imported whole: extraction, layout, store), ≥ 50 saved HTML pages/s. The comparison reads
report-like PDFs (tests/pdf_fixtures.py) drawn in three content-stream orders and counts
paragraphs that come back whole and in order from each candidate's plain text, before
any layout work of ours. Run::

    python benchmarks/import_bench.py [--pages 300] [--compare]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.library import Library, LibraryLocation  # noqa: E402
from tests.pdf_fixtures import make_report  # noqa: E402


def bench_pdf(folder: Path, pages: int, runs: int) -> None:
    path = folder / "report.pdf"
    truth = make_report(path, pages=pages)
    times = []
    for run in range(runs):
        library = Library.open(LibraryLocation(folder / f"lib{run}", explicit=True))
        ticks: list[str] = []
        start = time.perf_counter()
        report = library.import_paths([path], progress=_collect(ticks))
        times.append(time.perf_counter() - start)
        assert report.imported == 1, report.outcomes
        text = library.store.article(report.outcomes[0].article_id or 0).text
        library.close()
    whole = sum(block in text for block in set(truth.blocks)) / len(set(truth.blocks))
    best = min(times)
    print(
        f"PDF   {truth.pages} pages, {path.stat().st_size / 2**20:.1f} MB: "
        f"{truth.pages / best:.0f} pages/s (best of {runs}; median "
        f"{truth.pages / statistics.median(times):.0f}); {len(ticks)} progress reports; "
        f"paragraphs whole {whole:.1%}"
    )


def _collect(into: list[str]) -> Callable[[int, int, str], None]:
    return lambda done, total, label: into.append(label)


def bench_html(folder: Path, runs: int) -> None:
    pages = sorted((ROOT / "tests" / "data" / "html").glob("*.html"))
    copies = folder / "html"
    copies.mkdir()
    for n in range(10):  # 10 copies with a distinguishing comment: no duplicate skipping
        for page in pages:
            data = page.read_bytes() + f"<!-- copy {n} -->".encode()
            (copies / f"{n}_{page.name}").write_bytes(
                data.replace(
                    b"</body>", f"<p>Copy {n} of this page, kept apart.</p></body>".encode()
                )
            )
    count = len(list(copies.iterdir()))
    times = []
    for run in range(runs):
        library = Library.open(LibraryLocation(folder / f"hlib{run}", explicit=True))
        start = time.perf_counter()
        library.import_paths([copies])
        times.append(time.perf_counter() - start)
        library.close()
    print(f"HTML  {count} saved pages: {count / min(times):.0f} pages/s (best of {runs})")


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    out = []
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        out.append(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return "\n".join(out)


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(path))


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _ours(path: Path) -> str:
    from reader.core.importing.pdf import parse_pdf

    return parse_pdf(path.read_bytes(), path).text


def compare(folder: Path, pages: int) -> None:
    """Each candidate's speed and raw reading order on the same report-like PDFs."""
    candidates: dict[str, Callable[[Path], str]] = {
        "pypdfium2 (raw text)": _pdfium,
        "pdfminer.six": _pdfminer,
        "pypdf": _pypdf,
        "ours (pdfium + layout)": _ours,
    }
    print(f"\nExtractors on {pages}-page two-column reports (paragraphs whole and in order):")
    files = {}
    for order in ("natural", "rows", "reversed"):
        path = folder / f"{order}.pdf"
        files[order] = (path, make_report(path, pages=pages, order=order))
    for name, extract in candidates.items():
        try:
            cells = []
            for order, (path, truth) in files.items():
                start = time.perf_counter()
                text = _squash(extract(path))
                rate = truth.pages / (time.perf_counter() - start)
                found = sum(_squash(b) in text for b in truth.blocks) / len(truth.blocks)
                cells.append(f"{order} {found:6.1%} {rate:5.0f} p/s")
            print(f"  {name:24} " + " | ".join(cells))
        except ImportError:
            print(f"  {name:24} not installed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="compare PDF extractors too")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        bench_pdf(folder, args.pages, args.runs)
        bench_html(folder, args.runs)
        if args.compare:
            compare(folder, 20)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
