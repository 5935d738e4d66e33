""":mod:`dataclasses` at a command's start-up, without its two costs that repeat per run.

A command-line search is a new process each time, and the library and search modules it
imports define ~25 dataclasses. For each, :mod:`dataclasses` writes the source of
``__init__``, ``__repr__``, ``__eq__`` … and compiles it: ~9 ms of compiling per run,
the same text every time. And it imports :mod:`inspect` (with ``ast``, ``dis`` and
``tokenize``: ~4 ms) for one call, a signature for a class without a docstring.

:func:`install` (before anything imports :mod:`dataclasses`) gives it a stand-in for
``inspect`` that loads the real module on first use, and an ``exec`` that looks the
compiled code up by its exact source text in a cache kept beside our bytecode (as
Python keeps ``.pyc`` files: per interpreter version, rewritten when a new text was
compiled, skipped when the folder cannot be written). The code run is what compiling
that text gives (with no ``__future__`` flags inherited from here, as ``exec`` of a text
in :mod:`dataclasses` has none: annotations stay evaluated), so the classes are the same.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import types
from importlib import import_module
from pathlib import Path
from typing import Any

_CACHE = (
    Path(__file__).parent
    / "__pycache__"
    / (f"dataclass-methods.{sys.implementation.cache_tag}.marshal")
)
_LIMIT = 5000  # more texts than this: something generates classes; start again


class _Deferred(types.ModuleType):
    """A stand-in module that imports the real one at its first attribute lookup."""

    def __getattr__(self, name: str) -> Any:
        return getattr(import_module(self.__name__), name)


class _CompiledCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, types.CodeType] = {}
        self.added = False
        try:
            loaded = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(loaded, dict) and len(loaded) <= _LIMIT:
            self.codes = {
                k: v
                for k, v in loaded.items()
                if isinstance(k, str) and isinstance(v, types.CodeType)
            }

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        """``exec`` as :mod:`dataclasses` calls it (a source string), compiled once."""
        if not isinstance(source, str):
            exec(source, globals, locals)
            return
        code = self.codes.get(source)
        if code is None:
            code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            self.added = True
        exec(code, globals, locals)

    def save(self) -> None:
        """Keep what was compiled for the next process (best effort, written whole)."""
        if not self.added or sys.dont_write_bytecode or len(self.codes) > _LIMIT:
            return
        self.added = False
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(marshal.dumps(self.codes))
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)


_installed: _CompiledCache | None = None


def install() -> None:
    """Import :mod:`dataclasses` the lean way (see the module's docstring). Does nothing
    when it or :mod:`inspect` is already loaded (a test, the window): classes made
    before would not benefit, and a process that imported them cares less."""
    global _installed
    if "dataclasses" in sys.modules or "inspect" in sys.modules:
        return
    stand_in = sys.modules["inspect"] = _Deferred("inspect")
    try:
        dataclasses = import_module("dataclasses")
    finally:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]
    _installed = _CompiledCache(_CACHE)
    dataclasses.exec = _installed.exec  # type: ignore[attr-defined]  # before builtins


def save() -> None:
    """Write the compiled methods for the next process, if this one compiled new ones."""
    if _installed is not None:
        _installed.save()
