"""A command's start-up: pathlib without urllib.parse, dataclasses with inspect deferred
and compiled methods kept on disk for the next process; the same classes and paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLASSES = """
import sys
import reader.lean_start as lean
lean._CACHE = sys.argv[1]
lean.install()
from pathlib import Path
assert "inspect" not in sys.modules and "urllib.parse" not in sys.modules
assert Path("/tmp/a b").as_uri() == "file:///tmp/a%20b"  # the real function, on use
import dataclasses
from dataclasses import dataclass, field, replace

@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = field(default=())

@dataclass(order=True)
class Undocumented:
    n: int

p = Point(1, tags=("a",))
assert p == Point(1, 0, ("a",)) and p != Point(2) and hash(p) == hash(Point(1, 0, ("a",)))
assert repr(p) == "Point(x=1, y=0, tags=('a',))" and replace(p, y=5).y == 5
try:
    p.x = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("not frozen")
hints = {"x": int, "y": int, "tags": tuple[str, ...], "return": None}
assert Point.__init__.__annotations__ == hints  # evaluated, as dataclasses makes them
assert Undocumented(1) < Undocumented(2)
assert Undocumented.__doc__ == "Undocumented(n: int)"  # the real inspect, loaded on use
print(len(lean._installed.codes), lean._installed.added)
lean.save()
"""


def _run(cache: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", CLASSES, str(cache)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-1]


def test_the_second_process_compiles_nothing_and_gets_the_same_classes(tmp_path: Path) -> None:
    cache = tmp_path / "methods.marshal"
    assert _run(cache) == "True"  # compiled, and saved
    assert cache.stat().st_size > 0
    assert _run(cache) == "False"  # every method text found in the cache
    cache.write_bytes(b"damaged")
    assert _run(cache) == "True"  # a damaged cache is ignored and replaced


def test_a_stand_in_looked_at_while_it_stands_in_answers_without_recursing() -> None:
    """PySide6's import hook inspects every new module (``__wrapped__``…): in the
    bundle that made a stand-in import itself until the recursion limit."""
    import inspect
    import sys

    from reader.deferred import Deferred

    stand_in = Deferred("calendar")
    saved = sys.modules.get("calendar")
    sys.modules["calendar"] = stand_in
    try:
        assert not hasattr(stand_in, "__wrapped__")
        assert not hasattr(stand_in, "monthrange")  # not loaded yet, and no loop
        inspect.unwrap(stand_in)  # what the hook calls
    finally:
        if saved is None:
            del sys.modules["calendar"]
        else:
            sys.modules["calendar"] = saved
    assert stand_in.monthrange(2024, 2) == (3, 29)  # out of sys.modules: the real one
