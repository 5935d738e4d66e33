"""A realistic corpus for the search benchmark: English words as the sample articles use them.

``synthetic.py`` builds pseudo-words from a few syllables, which makes prefixes expand to
hundreds of terms and phrases of adjacent words rare; neither is how English reads. Here
the vocabulary is every word of the sample articles (``seeds/``), ranked by how often
they occur there and drawn with Zipfian frequencies (s = 1.07, as in English), and half
the next words follow a word that followed the current one in the samples, so phrases
such as "self-defense forces" recur the way they would in a corpus on one subject.

Deterministic for a seed: ``tests/test_search_regression.py`` builds its fixed corpus
with it and records totals and rankings, so a change here means re-recording those.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d+")
FOLLOW = 0.5  # the chance that the next word follows the current one as in the samples


class SeedVocabulary:
    """The sample articles' words by frequency, with their observed successors."""

    def __init__(self, seeds: Path = ROOT / "seeds") -> None:
        tokens: list[str] = []
        for path in sorted(seeds.glob("*.txt")):
            tokens += _WORD.findall(path.read_text(encoding="utf-8"))
        counts = Counter(t.lower() for t in tokens)
        self.words = sorted(counts, key=lambda w: (-counts[w], w))
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(len(self.words))))
        self.after: dict[str, list[str]] = {}
        for a, b in itertools.pairwise(t.lower() for t in tokens):
            self.after.setdefault(a, []).append(b)

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def sentence(self, rng: random.Random, n: int) -> list[str]:
        words = self.sample(rng, 1)
        drawn = iter(self.sample(rng, n))
        while len(words) < n:
            follow = self.after.get(words[-1])
            words.append(rng.choice(follow) if follow and rng.random() < FOLLOW else next(drawn))
        return words

    def content_words(self, lo: int, hi: int) -> list[str]:
        """Plain alphabetic words of frequency rank lo..hi, three letters or more (what
        people type into a search box; the benchmark's queries are drawn from them)."""
        return [w for w in self.words[lo:hi] if w.isalpha() and len(w) >= 3]


def article_text(vocab: SeedVocabulary, rng: random.Random) -> str:
    target = int(1000 * 10 ** rng.random())  # log-uniform 1-10 KB, as synthetic.py
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = [
            " ".join(vocab.sentence(rng, rng.randint(8, 24))).capitalize() + "."
            for _ in range(rng.randint(2, 5))
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def write_corpus(folder: Path, n: int, vocab: SeedVocabulary, rng: random.Random) -> None:
    """``n`` .txt articles: a title, a date line, then the text."""
    from synthetic import write_articles

    write_articles(
        folder,
        n,
        rng,
        lambda: " ".join(vocab.sentence(rng, rng.randint(4, 10))).title(),
        lambda: article_text(vocab, rng),
    )
