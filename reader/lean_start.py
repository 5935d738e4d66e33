"""A command's start-up without standard-library work it repeats on every run for nothing.

:mod:`pathlib` imports :mod:`urllib.parse` (with :mod:`ipaddress`: ~1.7 ms) for
``Path.as_uri``, which no command calls: it is imported with a stand-in that loads the
real function when called.

:mod:`dataclasses`: a command-line search is a new process each time, and the library
and search modules it imports define ~25 dataclasses. For each, :mod:`dataclasses`
writes the source of ``__init__``, ``__repr__``, ``__eq__`` … and compiles it: ~9 ms of
compiling per run, the same text every time. And it imports :mod:`inspect` (with
``ast``, ``dis`` and ``tokenize``: ~4 ms) for one call, a signature for a class without
a docstring.

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
from typing import Any

from reader.deferred import Deferred

# Not a pathlib.Path: this module is imported before pathlib (see install).
_CACHE = os.path.join(
    os.path.dirname(__file__),
    "__pycache__",
    f"dataclass-methods.{sys.implementation.cache_tag}.marshal",
)
_LIMIT = 5000  # more texts than this: something generates classes; start again


class _CompiledCache:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.codes: dict[str, types.CodeType] = {}
        self.added = False
        try:
            with open(self.path, "rb") as f:
                loaded = marshal.loads(f.read())
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
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            with open(temporary, "wb") as f:
                f.write(marshal.dumps(self.codes))
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_installed: _CompiledCache | None = None


def _quote_from_bytes(*args: Any, **kwargs: Any) -> Any:
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(*args, **kwargs)


def _import_with(stand_in: types.ModuleType, target: str) -> types.ModuleType:
    """Import ``target`` while ``stand_in`` takes its module's place in ``sys.modules``."""
    name = stand_in.__name__
    sys.modules[name] = stand_in
    try:
        return import_module(target)
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


def install() -> None:
    """Import :mod:`pathlib` and :mod:`dataclasses` the lean way (see the module's
    docstring). Each part does nothing when the modules are already loaded (a test, the
    window): classes made before would not benefit, and such a process cares less."""
    global _installed
    if "pathlib" not in sys.modules and "urllib.parse" not in sys.modules:
        parse = types.ModuleType("urllib.parse")
        parse.quote_from_bytes = _quote_from_bytes  # type: ignore[attr-defined]
        _import_with(parse, "pathlib")
    if "dataclasses" in sys.modules or "inspect" in sys.modules:
        return
    dataclasses = _import_with(Deferred("inspect"), "dataclasses")
    _installed = _CompiledCache(_CACHE)
    dataclasses.exec = _installed.exec  # type: ignore[attr-defined]  # before builtins


def save() -> None:
    """Write the compiled methods for the next process, if this one compiled new ones."""
    if _installed is not None:
        _installed.save()
