"""2,000 random queries never make search fail (issue 16's acceptance): whatever a
person types — unbalanced quotes and brackets, stray operators, fields, wildcards, edit
distances, control characters, other scripts, very long input — gives results or a
notice, never an internal error."""

from __future__ import annotations

import random

import pytest

from reader.core.errors import ReaderError
from reader.core.library import Library

PIECES = [
    "missile",
    "japan",
    "command",
    "deterr*",
    "a*",
    "*",
    "?",
    "missle~",
    "missle~2",
    "~",
    '"',
    '"joint force',
    '"japan exercises"',
    "(",
    ")",
    "((",
    "))",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "title:",
    "author:",
    "note:",
    "quote:",
    "theme:",
    'theme:"missile co',
    "date:",
    "date:2025",
    "date:[2025-01-01 to",
    "date:[to]",
    "colour:red",
    "[",
    "]",
    "{",
    "}",
    "^",
    "\\",
    "/",
    "http://x.test/a?b=c",
    "日本",
    "ミサイル",
    "ü",
    "ß",
    "\x00",
    "\x07",
    "\t",
    "\u202e",
    "🙂",
    "'",
    ":",
    "::",
    "~~",
    "**",
    "a" * 300,
]


def queries(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        parts = rng.choices(PIECES, k=rng.randint(1, 8))
        glue = rng.choice([" ", "", " ", "  "])
        made.append(glue.join(parts)[: rng.choice([40, 200, 2000])])
    return made


@pytest.mark.slow
def test_two_thousand_random_queries_answer_or_explain(sample_library: Library) -> None:
    failures = []
    for text in queries(2000):
        try:
            result = sample_library.search(text, limit=5)
        except ReaderError:
            continue  # a one-line message the user reads is a fine answer
        except Exception as exc:
            failures.append(f"{text!r}: {type(exc).__name__}: {exc}")
            continue
        assert result.total >= 0
    assert failures == []
