"""HTML metadata accuracy: titles, authors, dates and text on pages with known answers.

Not a test (tests/test_import_html_failures.py and tests/test_real_pages.py hold the same
pages to their answers): it prints the rates, and every miss, for any folder with an
``expected.json`` manifest. Run::

    python benchmarks/html_meta_bench.py [--show-held-out] [FOLDER ...]

Default: tests/data/real_pages (real saved pages from other extractors' public test sets)
and tests/data/html_failures (pages shaped after the failure kinds seen in issue 15).

Manifest: file -> {title, author, date, with, without, reference?, held_out?}.
- ``title``/``author``/``date`` is the answer, or a list of answers a careful reader would
  all accept (``null`` among them: "no author" is right too). Authors compare as a set of
  names, whatever joins them (``;``, ``,``, ``and``); typographic quotes compare as plain.
- ``with``/``without``: snippets the extracted body must / must not contain.
- ``reference``: a reference extraction (a text file beside the manifest); text recall is
  the share of its words, counted with multiplicity, that the extracted body has too.
- ``held_out``: a page nobody looked at while fixing the extractor; reported separately.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.errors import ReaderError  # noqa: E402
from reader.core.importing.parsers import parse_html  # noqa: E402

FIELDS = ("title", "author", "date")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "′": "'"})
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@dataclass
class Score:
    """Hits per field over ``pages``; recall summed over the pages with a reference."""

    pages: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    recall_sum: float = 0.0
    recall_pages: int = 0
    misses: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        out = {k: self.hits[k] / self.pages for k in (*FIELDS, "text", "imported")}
        if self.recall_pages:
            out["recall"] = self.recall_sum / self.recall_pages
        return out


def _norm(value: str | None) -> str:
    return " ".join((value or "").translate(_QUOTES).split()).casefold()


def _names(value: str | None) -> frozenset[str]:
    parts = re.split(r"\s*(?:;|,|&|\band\b)\s*", _norm(value))
    return frozenset(p for p in parts if p)


def matches(key: str, got: str | None, want: object) -> bool:
    """Whether ``got`` is one of the accepted answers for field ``key``."""
    answers = want if isinstance(want, list) else [want]
    for answer in answers:
        if key == "author" and _names(got) == _names(answer):
            return True
        if key != "author" and _norm(got) == _norm(answer):
            return True
    return False


def _tokens(text: str) -> list[str]:
    """Words, and each CJK/Thai character as its own token (those scripts have no spaces)."""
    out: list[str] = []
    for word in _WORD.findall(text.casefold()):
        out.extend(_CJK.findall(word) or [word]) if _CJK.search(word) else out.append(word)
    return out


def recall(got: str, reference: str) -> float:
    """Share of the reference's tokens (with multiplicity) that ``got`` contains."""
    want = Counter(_tokens(reference))
    have = Counter(_tokens(got))
    total = sum(want.values())
    return sum(min(n, have[w]) for w, n in want.items()) / total if total else 1.0


def evaluate(folder: Path, held_out: bool | None = None, verbose: bool = True) -> Score:
    """Score the pages of ``folder`` (only held-out ones, only others, or all for None)."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    score = Score()
    for name, want in expected.items():
        if held_out is not None and bool(want.get("held_out")) != held_out:
            continue
        score.pages += 1
        path = folder / name
        try:
            draft = parse_html(path.read_bytes(), path)
        except ReaderError as exc:
            score.misses.append(f"REJECTED {name}: {exc}")
            continue
        score.hits["imported"] += 1
        got = {"title": draft.title, "author": draft.author, "date": draft.date}
        for key in FIELDS:
            if matches(key, got[key], want[key]):
                score.hits[key] += 1
            else:
                score.misses.append(f"{key:6} {name}: got {got[key]!r}, want {want[key]!r}")
        missing = [s for s in want.get("with", []) if s not in draft.text]
        kept = [s for s in want.get("without", []) if s in draft.text]
        if missing or kept:
            score.misses.append(f"text   {name}: missing {missing}, unwanted {kept}")
        else:
            score.hits["text"] += 1
        if ref := want.get("reference"):
            score.recall_pages += 1
            score.recall_sum += recall(draft.text, (folder / ref).read_text(encoding="utf-8"))
    if verbose:
        for miss in score.misses:
            print("  " + miss)
    return score


def _line(label: str, score: Score) -> str:
    rates = ", ".join(f"{k} {v:.1%}" for k, v in score.rates().items())
    return f"  {label} ({score.pages} pages): {rates}"


def main() -> None:
    flags = [a for a in sys.argv[1:] if a.startswith("--")]
    folders = [Path(a) for a in sys.argv[1:] if not a.startswith("--")] or [
        ROOT / "tests" / "data" / "real_pages",
        ROOT / "tests" / "data" / "html_failures",
    ]
    for folder in folders:
        print(folder)
        seen = evaluate(folder, held_out=False)
        # held-out misses stay hidden unless asked for: fixing against them would overfit
        held = evaluate(folder, held_out=True, verbose="--show-held-out" in flags)
        print(_line("worked on", seen))
        if held.pages:
            print(_line("held out", held))


if __name__ == "__main__":
    main()
