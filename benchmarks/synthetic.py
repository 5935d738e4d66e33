"""A synthetic corpus for the benchmarks: realistic sizes, a Zipfian vocabulary, themes.

Shared by ``search_bench.py`` and ``gui_bench.py`` so both measure the same kind of
library. Articles are 1-10 KB (log-uniform) of pseudo-words whose top ranks are English
function words; every article gets 1-3 of 12 themes and a third get highlights with notes.
"""

from __future__ import annotations

import calendar
import itertools
import random
from collections.abc import Callable
from pathlib import Path

from reader.core.library import Library

THEMES = [f"theme-{n:02d}" for n in range(12)]


# The most frequent words of English are function words; ours are whoosh's stop list
# (which our analyzer drops and FTS5 indexes), followed by pseudo-words.
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "is",
    "that",
    "for",
    "it",
    "as",
    "with",
    "be",
    "on",
    "not",
    "this",
    "by",
    "are",
    "at",
    "from",
    "or",
    "an",
    "will",
    "can",
    "have",
    "we",
    "us",
    "if",
    "may",
    "when",
    "you",
    "your",
    "yet",
]


class Vocabulary:
    """Function words, then pseudo-words; Zipfian frequencies (s ≈ 1.07, like English)."""

    def __init__(self, rng: random.Random, size: int = 40000) -> None:
        onsets = [
            "b",
            "br",
            "c",
            "ch",
            "d",
            "f",
            "g",
            "gr",
            "h",
            "k",
            "l",
            "m",
            "n",
            "p",
            "pr",
            "r",
            "s",
            "st",
            "t",
            "tr",
            "v",
            "w",
            "z",
        ]
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
        words: set[str] = set()
        while len(words) < size:
            n = rng.choice((1, 2, 2, 3, 3, 4))
            words.add(
                "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(n))
                + rng.choice(("", "", "n", "r", "s", "t", "ng"))
            )
        pseudo = sorted(words - set(FUNCTION_WORDS), key=lambda w: (len(w), w))
        rng.shuffle(pseudo)
        self.words = (FUNCTION_WORDS + pseudo)[:size]
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** 1.07 for r in range(size)))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def rank(self, lo: int, hi: int, rng: random.Random) -> str:
        """A word of content-word rank lo..hi (function words are not searched for)."""
        return self.words[len(FUNCTION_WORDS) + rng.randrange(lo, hi)]


def article_text(vocab: Vocabulary, rng: random.Random) -> str:
    target = int(1000 * 10 ** rng.random())  # log-uniform 1-10 KB
    paragraphs: list[str] = []
    size = 0
    while size < target:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = vocab.sample(rng, rng.randint(8, 22))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def write_corpus(folder: Path, n: int, vocab: Vocabulary, rng: random.Random) -> None:
    write_articles(
        folder,
        n,
        rng,
        lambda: " ".join(vocab.sample(rng, rng.randint(4, 9))).title(),
        lambda: article_text(vocab, rng),
    )


def write_articles(
    folder: Path, n: int, rng: random.Random, title: Callable[[], str], text: Callable[[], str]
) -> None:
    """``n`` .txt articles: a title, a date line (which the importer moves into the
    article's date), then the text; ``realistic.py`` writes its corpus with this too."""
    folder.mkdir(parents=True)
    for i in range(n):
        heading = title()
        year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        body = text()
        (folder / f"a{i:06d}.txt").write_text(
            f"{heading}\n\n{calendar.month_name[month]} {day}, {year}\n\n{body}\n",
            encoding="utf-8",
        )


def annotate(library: Library, vocab: Vocabulary, rng: random.Random) -> None:
    """Themes on every article, highlights (with notes, some themed) on a third."""
    store = library.store
    with store.transaction() as db:
        for aid, text in store.query("SELECT id, text FROM articles"):
            for theme in rng.sample(THEMES, rng.randint(1, 3)):
                db.execute("INSERT INTO article_themes VALUES (?, ?)", (aid, theme))
            if rng.random() < 1 / 3:
                for h in range(rng.randint(1, 3)):
                    start = rng.randrange(0, max(1, len(text) - 200))
                    end = start + rng.randint(30, 200)
                    note = " ".join(vocab.sample(rng, rng.randint(5, 25)))
                    cur = db.execute(
                        'INSERT INTO highlights (uid, article_id, start, "end", quote, note,'
                        " created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'x')",
                        (f"{aid}-{h}", aid, start, end, text[start:end], note),
                    )
                    if rng.random() < 0.5:
                        db.execute(
                            "INSERT INTO highlight_themes VALUES (?, ?, 0)",
                            (cur.lastrowid, rng.choice(THEMES)),
                        )
