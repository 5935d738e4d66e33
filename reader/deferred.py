"""A stand-in module that imports the real one when something first uses it.

Start-up (``reader.lean_start``) and the search's imports (``core.search.lean_imports``)
put these in ``sys.modules`` while importing a module that imports one it rarely uses,
then take them out. Anything may look at a module while it is being imported — PySide6's
import hook walks every new module with :mod:`inspect`, asking for ``__wrapped__`` and
the like — so a stand-in answers dunder names itself (as a plain module does: missing)
and never asks itself again while it is still in ``sys.modules``: in a bundle with Qt,
that loop was a ``RecursionError`` on every search.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import Any


class Deferred(types.ModuleType):
    """Stands in for module ``name``; its first attribute use imports the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:  # still standing in: not loaded yet
            raise AttributeError(f"{self.__name__}.{name} (not loaded yet)")
        return getattr(import_module(self.__name__), name)
