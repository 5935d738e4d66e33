"""Re-anchoring benchmark: highlights in a ~200 KB article after the article is edited.

Not a test: it prints numbers. Run from the checkout::

    python benchmarks/anchor_bench.py [--size 200000] [--highlights 200] [--seed 5]

The article is drawn from a Zipfian vocabulary of pseudo-words in paragraphs. Highlights of
3-25 words are spread over it; then, as a re-import of an edited file would, the text is
edited all at once: every highlight gets one edit of a random kind —

- ``near``: words inserted, deleted or replaced just before or after the quote (its context
  changes, its words do not) — correct means exactly the same words;
- ``inside``: a typo, a word changed, words inserted or deleted inside the quote — correct
  means a span overlapping the edited passage (and "tight" if it covers it exactly);
- ``deleted``: the quoted passage (sometimes its whole paragraph) is removed — correct means
  an orphan (``None``);

plus background edits elsewhere that shift every offset. Mis-anchored means a span on other
text: the one outcome that must never happen.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.annotations.anchoring import describe, reanchor  # noqa: E402

Token = tuple[int, str, str, int]  # (id, word, separator after it, owner highlight or -1)


def vocabulary(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    words = sorted(
        {
            "".join(rng.choice("abcdefghiklmnoprstuwy") for _ in range(rng.randint(1, 11)))
            for _ in range(size)
        }
    )
    rng.shuffle(words)
    return words, [1.0 / (rank + 1) for rank in range(len(words))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=200_000, help="article size in characters")
    parser.add_argument("--highlights", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words, weights = vocabulary(rng)
    ids = itertools.count()

    def new_words(n: int, owner: int = -1) -> list[Token]:
        return [(next(ids), w, " ", owner) for w in rng.choices(words, weights, k=n)]

    tokens: list[Token] = []
    size = 0
    while size < args.size:
        paragraph = new_words(rng.randint(30, 150))
        for i, (tid, word, _, owner) in enumerate(paragraph):
            sep = "\n\n" if i == len(paragraph) - 1 else rng.choice([" "] * 12 + [", ", ". "])
            tokens.append((tid, word, sep, owner))
            size += len(word) + len(sep)

    def render(toks: list[Token]) -> tuple[str, dict[int, int]]:
        starts, parts, at = {}, [], 0
        for tid, word, sep, _ in toks:
            starts[tid] = at
            parts.append(word + sep)
            at += len(word) + len(sep)
        return "".join(parts), starts

    # Highlights in slots of 100 words, so their edits never touch each other's context.
    slots = sorted(rng.sample(range(len(tokens) // 100), args.highlights))
    spans = []
    for slot in slots:
        first = slot * 100 + rng.randint(40, 50)
        spans.append((first, first + rng.randint(3, 25) - 1))
    text, starts = render(tokens)
    highlights = []
    for first, last in spans:
        start = starts[tokens[first][0]]
        end = starts[tokens[last][0]] + len(tokens[last][1])
        highlights.append(
            (describe(text, start, end), start, end, {tokens[i][0] for i in range(first, last + 1)})
        )
    kinds = [rng.choice(["near", "inside", "inside", "deleted"]) for _ in spans]

    # Apply edits from the end so earlier token indices stay valid.
    edited = list(tokens)
    for h in reversed(range(len(spans))):
        first, last = spans[h]
        background = first - rng.randint(25, 35)  # somewhere well outside any context
        op = rng.choice(["insert", "delete", "replace"])
        cut = 0 if op == "insert" else rng.randint(1, 5)
        added = [] if op == "delete" else new_words(rng.randint(1, 8))
        edited[background : background + cut] = added
        first, last = first + len(added) - cut, last + len(added) - cut
        if kinds[h] == "near":
            at = rng.choice([first - rng.randint(0, 3), last + 1 + rng.randint(0, 3)])
            op = rng.choice(["insert", "delete", "replace"])
            cut = 0 if op == "insert" else rng.randint(1, 3)
            if at <= first:
                at = min(at, first - cut)
            edited[at : at + cut] = [] if op == "delete" else new_words(rng.randint(1, 4))
        elif kinds[h] == "inside":
            op = rng.choice(["typo", "word", "insert", "delete"])
            i = rng.randint(first, last)
            tid, word, sep, _ = edited[i]
            if op == "typo":
                j = rng.randrange(len(word))
                edited[i] = (next(ids), word[:j] + rng.choice("aeiou") + word[j + 1 :], sep, h)
            elif op == "word":
                edited[i] = (next(ids), rng.choice(words), sep, h)
            elif op == "insert":
                edited[i:i] = new_words(rng.randint(1, 2), owner=h)
            elif last > first:
                del edited[i]
        else:  # deleted: the quote alone, or its whole paragraph
            lo, hi = first, last + 1
            if rng.random() < 0.5:  # up to the paragraph's ends, sparing the neighbours
                floor = spans[h - 1][1] + 10 if h else 0
                while lo > floor and edited[lo - 1][2] != "\n\n":
                    lo -= 1
                while hi < last + 20 and edited[hi - 1][2] != "\n\n":
                    hi += 1
            del edited[lo:hi]
    new_text, new_starts = render(edited)
    owners: dict[int, list[int]] = {}
    for tid, _, _, owner in edited:
        if owner >= 0:
            owners.setdefault(owner, []).append(tid)

    outcome: Counter[str] = Counter()
    tight = 0
    results, seconds = [], Counter[str]()
    for (quote, start, end, _), kind in zip(highlights, kinds, strict=True):
        t0 = time.perf_counter()
        results.append(reanchor(new_text, quote, start, end))
        seconds[kind] += time.perf_counter() - t0
    elapsed = sum(seconds.values())
    lengths = {tid: len(word) for tid, word, _, _ in edited}
    for h, ((_, _, _, quote_ids), span) in enumerate(zip(highlights, results, strict=True)):
        kind = kinds[h]
        alive = [tid for tid in quote_ids if tid in new_starts] + owners.get(h, [])
        if not alive or kind == "deleted":
            outcome[f"{kind}: " + ("correct (orphan)" if span is None else "MIS-ANCHORED")] += 1
            continue
        lo = min(new_starts[t] for t in alive)
        hi = max(new_starts[t] + lengths[t] for t in alive)
        if span is None:
            outcome[f"{kind}: orphaned"] += 1
        elif kind == "near" and span == (lo, hi):
            outcome[f"{kind}: correct"] += 1
        elif kind != "near" and span[0] < hi and lo < span[1]:
            outcome[f"{kind}: correct"] += 1
            tight += span == (lo, hi)
        else:
            outcome[f"{kind}: MIS-ANCHORED"] += 1
    print(
        f"article {len(text):,} chars -> {len(new_text):,} after edits; "
        f"{len(highlights)} highlights: {Counter(kinds)}"
    )
    for key in sorted(outcome):
        print(f"  {key:28} {outcome[key]:4}")
    total = Counter(k.split(": ")[1].split(" ")[0] for k in outcome.elements())
    print(
        f"  total: correct {total['correct']}, orphaned {total['orphaned']}, "
        f"mis-anchored {total['MIS-ANCHORED']}; inside edits with exact bounds: {tight}"
    )
    print(
        f"  re-anchoring time: {elapsed * 1000:.1f} ms total, "
        f"{elapsed * 1000 / len(highlights):.2f} ms per highlight ("
        + ", ".join(f"{k} {seconds[k] * 1000:.1f} ms" for k in sorted(seconds))
        + ")"
    )


if __name__ == "__main__":
    main()
