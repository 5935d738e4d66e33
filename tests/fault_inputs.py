"""Hostile inputs for the fault suite, generated deterministically (no randomness between
runs): mutated articles, YAML bombs, broken themes files and W3C annotation files.

Each generator takes a seed so a failure names the exact file that caused it.
"""

from __future__ import annotations

import copy
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HTML = sorted((ROOT / "tests" / "data" / "html").glob("*.html"))


def cli(*args: str, library: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process, on ``library``."""
    return subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=dict(os.environ),
    )


def assert_no_internal_error(result: subprocess.CompletedProcess[str]) -> None:
    assert "internal error" not in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)
"""About 600 bytes that expand to 9**9 (387 million) strings."""

FRONT_MATTER = [
    "---\ndate: 2025-13-45\n---\n",
    "---\ndate: 0000-00-00T99:99:99\ntitle: x\n---\n",
    "---\n" + ALIAS_BOMB + "\ntitle: *i\n---\n",
    "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n",
    "---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
    "---\nn: " + "9" * 5000 + "\n---\n",
    "---\ntitle: {a: 1}\nauthor: [1, 2]\nurl: javascript:alert(1)\ntags: {x: y}\n---\n",
    "---\n? [a, b]\n: c\n---\n",
    '---\ntitle: "\\0\\a\\e"\n---\n',
    "---\ntitle: <img src=file:///etc/passwd> <b>Alert</b>\n---\n",
    "---\ntitle: " + "A" * 200_000 + "\n---\n",
    "---\ndate: !!timestamp 2025-02-30\n---\n",
    "---\ndate: !!binary '@@@'\n---\n",
    "---\n- just\n- a list\n---\n",
    "---\ntitle: a\x00b\n---\n",
    "---\n\t\tbad: indent\n  : :\n---\n",
    "---\ncategories: " + ", ".join(["c"] * 5000) + "\n---\n",
    "---\nx: 1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20\n---\n",
]
HTML_SNIPPETS = [
    "<meta charset='iso-2022-jp'>",
    "<meta charset='bogus-encoding-xyz'>",
    "<div>" * 3000 + "text" + "</div>" * 3000,
    '<script type="application/ld+json">{"@type": 5, "headline": {"a": 1}, '
    '"datePublished": [1], "author": {"name": {"x": []}}}</script>',
    '<script type="application/ld+json">' + "[" * 3000 + "]" * 3000 + "</script>",
    "<time datetime='2025-13-45T99:99'>",
    "<?xml version='1.0' encoding='utf-16'?>",
    "<table>" * 400,
    "<meta property='og:title' content='" + "T" * 100_000 + "'>",
    "<title><img src=x onerror=alert(1)></title>",
    "<a href='javascript:alert(1)'>link</a>",
    "<meta name='date' content='9999-99-99'>",
    "<![CDATA[ ]]><!-- -- --!>",
    "<base href='file:///'>",
]
TEXT_SNIPPETS = [
    "Date: 2025-13-45\n",
    "December 45, 2025\n",
    "\u202eevil\u202c title\n",
    "By \x00Nobody\n",
    "Categories: " + "; ".join(["x"] * 3000) + "\n",
    "\x1b$B$3$s$K$A$O\x1b(B\n",
    "\r\r\r\n\n\x0c\x0b",
    "Sources: " + "S" * 5000 + "\n",
]
JUNK = [
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"\x1f\x8b\x08\x00",
    b"\xc3\x28",
    b"\x1b$B",
    b"\x80\x81\x82",
    b"\r",
]


def _base(rng: random.Random, kind: str) -> bytes:
    if kind == "html" and rng.random() < 0.7:
        return rng.choice(HTML).read_bytes()
    text = rng.choice(SEEDS).read_text(encoding="utf-8")
    if kind == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        return f"<html><head><title>T</title></head><body>{paragraphs}</body></html>".encode()
    if kind == "md":
        return ("---\ntitle: A title\ndate: 2025-07-17\n---\n# Heading\n\n" + text).encode()
    return text.encode()


def mutated_article(seed: int, kind: str) -> bytes:
    """One hostile ``.md``/``.html``/``.txt`` file: a real article, then 1-3 mutations."""
    rng = random.Random(seed)
    data = bytearray(_base(rng, kind))
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if op == 0:  # flip bytes
            for _ in range(rng.randint(1, 20)):
                if data:
                    data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:
            data[at:at] = rng.choice(JUNK) * rng.randint(1, 50)
        elif op == 2:
            del data[rng.randrange(len(data) + 1) :]
        elif op == 3 and data:
            start = rng.randrange(len(data))
            piece = data[start : start + rng.randint(1, 2000)]
            data[at:at] = piece * rng.randint(2, 100)
        else:
            snippets = {"md": FRONT_MATTER, "html": HTML_SNIPPETS, "txt": TEXT_SNIPPETS}[kind]
            snippet = rng.choice(snippets).encode("utf-8", "surrogatepass")
            if kind == "md" and rng.random() < 0.7:
                data[0:0] = snippet  # front matter must open the file
            else:
                data[at:at] = snippet
    return bytes(data[: 3 * 2**20])


# -- themes.yaml ---------------------------------------------------------------------------

GOOD_THEMES = "version: 1\nthemes:\n  - id: alpha\n    name: Alpha\n    key: 1\n"
BROKEN_THEMES = {
    "nul": "version: 1\nthemes:\n  - id: beta\x00\n    name: Beta\n",
    "bel": "version: 1\nthemes:\n  - id: beta\n    name: Be\x07ta\n",
    "deep": "version: 1\nthemes: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "deep-block": "version: 1\nthemes:\n" + "".join("  " * (i + 1) + "- \n" for i in range(900)),
    "bomb-name": ALIAS_BOMB + "\nversion: 1\nthemes:\n  - id: x\n    name: *i\n",
    "bomb-version": ALIAS_BOMB + "\nversion: *i\nthemes: []\n",
    "bomb-key": ALIAS_BOMB + "\nthemes:\n  - id: x\n    name: X\n    key: *i\n",
    "huge-int": "version: " + "1" * 5000 + "\nthemes: []\n",
    "not-utf8": "version: 1\nthemes:\n  - id: caf\xe9\n",  # written as latin-1
    "cycle": "themes:\n  - {id: a, name: A, parent: b}\n  - {id: b, name: B, parent: a}\n",
    "wrong-type": "themes: {a: 1}\n",
}


_THEME_TOKENS = [
    ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!int ", "!!binary ", "? ", "\n", "  ",
    "'", '"', "#", "|", ">", "%YAML 1.1\n", "---\n", "...\n", "1" * 5000, "\t", "null",
    "~", ".nan", "2025-13-45", "<<: ", "parent: ", "key: 99", "id: A B", "color: red",
]  # fmt: skip


def mutated_themes(base: str, seed: int) -> str:
    """``base`` (a good themes.yaml) with 1-6 YAML tokens, cuts or odd characters."""
    rng = random.Random(seed)
    chars = list(base)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(chars) + 1)
        op = rng.randrange(3)
        if op == 0:
            chars[at:at] = rng.choice(_THEME_TOKENS)
        elif op == 1:
            del chars[at : at + rng.randint(1, 30)]
        else:
            chars[at:at] = chr(rng.randrange(0, 0x3000))
    return "".join(chars)


def chain_themes(depth: int) -> str:
    """A taxonomy whose themes form one parent chain ``depth`` deep."""
    lines = ["version: 1", "themes:"]
    for i in range(depth):
        lines += [f"  - id: t{i}", f"    name: Theme {i}"]
        if i:
            lines.append(f"    parent: t{i - 1}")
    return "\n".join(lines) + "\n"


# -- W3C annotations -----------------------------------------------------------------------

_HOSTILE_VALUES: list[Any] = [
    5,
    -1,
    True,
    None,
    1.5e308,
    "",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x", "y")',
    {"a": {"b": {}}},
    [[[]]],
    [{"type": 5}],
    "x" * 10_000,
    "2025-13-45T99:99:99Z",
    "urn:uuid:not-a-uuid",
    "file://[::1",
    "\x00\u202e",
]


def hostile_annotations(base: dict[str, Any], seed: int) -> str:
    """A W3C file derived from ``base`` (an exported collection) with values swapped for
    hostile ones; some files are hostile as JSON itself."""
    rng = random.Random(seed)
    special = seed % 10
    if special == 0:
        return "[" * 100_000 + "]" * 100_000
    if special == 1:
        return '{"type": "Annotation", "target": {"selector": {"type": '
        '"TextPositionSelector", "start": ' + "9" * 4300 + ', "end": 1}}}'
    data = copy.deepcopy(base)
    items = data.get("first", {}).get("items", []) or [data]
    for _ in range(rng.randint(1, 6)):
        item = rng.choice(items)
        _mutate(item, rng)
    if special == 2:
        data["type"] = 5
    if special == 3:
        for item in items:
            item["motivation"] = {"x": 1}
            for body in item.get("body", []) if isinstance(item.get("body"), list) else []:
                if isinstance(body, dict):
                    body["purpose"] = {"y": [1]}
    if special == 4:
        for item in items:
            item.pop("modified", None)
            item["created"] = "=cmd|' /C calc'!A0"
    return json.dumps(data)


def _mutate(node: Any, rng: random.Random, depth: int = 0) -> None:
    """Swap one value somewhere inside ``node`` for a hostile one."""
    keys = list(node) if isinstance(node, dict) else list(range(len(node)))
    if not keys:
        return
    key = rng.choice(keys)
    if depth < 4 and isinstance(node[key], dict | list) and rng.random() < 0.6:
        _mutate(node[key], rng, depth + 1)
    else:
        node[key] = copy.deepcopy(rng.choice(_HOSTILE_VALUES))
