"""HTML metadata accuracy: titles, authors, dates and text on pages with known answers.

Not a test (tests/test_import_html_failures.py holds the same pages to their answers):
it prints the rates, and every miss, for any folder with an ``expected.json`` manifest
(file -> title, author, date, with/without text snippets). Run::

    python benchmarks/html_meta_bench.py [FOLDER ...]

Default: tests/data/html_failures (pages shaped after the failure kinds seen on real saved
pages in issue 15).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.errors import ReaderError  # noqa: E402
from reader.core.importing.parsers import parse_html  # noqa: E402


def evaluate(folder: Path) -> dict[str, float]:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    hits = {"title": 0, "author": 0, "date": 0, "text": 0, "imported": 0}
    for name, want in expected.items():
        path = folder / name
        try:
            draft = parse_html(path.read_bytes(), path)
        except ReaderError as exc:
            print(f"  REJECTED {name}: {exc}")
            continue
        hits["imported"] += 1
        got = {"title": draft.title, "author": draft.author, "date": draft.date}
        for key in ("title", "author", "date"):
            same = (got[key] or "").casefold() == (want[key] or "").casefold()
            hits[key] += same
            if not same:
                print(f"  {key:6} {name}: got {got[key]!r}, want {want[key]!r}")
        text_ok = all(s in draft.text for s in want.get("with", [])) and not any(
            s in draft.text for s in want.get("without", [])
        )
        hits["text"] += text_ok
        if not text_ok:
            print(f"  text   {name}: a 'with' snippet is missing or a 'without' one is there")
    return {k: v / len(expected) for k, v in hits.items()}


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "data" / "html_failures"]
    for folder in folders:
        print(folder)
        rates = evaluate(folder)
        print("  " + ", ".join(f"{k} {v:.0%}" for k, v in rates.items()))


if __name__ == "__main__":
    main()
