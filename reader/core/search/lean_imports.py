"""Import whoosh without the standard-library modules it never uses here.

``whoosh.compat`` imports ``urllib.request`` (and so ``http.client``, ``email`` and
``ssl``) for one helper that downloads files, the ``cached_property`` package imports
``asyncio`` to support coroutines, and ``whoosh.query`` imports ``whoosh.lang.morph_en``
(hundreds of regular expressions) for a ``Variations`` query we never build; together
about 30 ms of the CLI's start-up, for a search that touches none of them. And
``whoosh.filedb.filetables`` hashes terms with ``hashlib.md5``: importing ``hashlib``
loads OpenSSL (~2.5 ms), where the built-in ``_md5`` gives the same digests. And
``whoosh.compat`` imports ``queue`` and ``html`` (its entity table) and
``whoosh.util.times`` ``calendar``, each for functions a search never calls (~2 ms
together). While those are imported, stand-ins are put in ``sys.modules`` and taken
out again right after, so anything that imports the real modules later still gets
them. The stand-ins only ever do what whoosh asks of them: ``urlretrieve``,
``variations`` and ``escape`` import the real ones when called; ``queue`` and
``calendar`` at their first attribute lookup; ``iscoroutinefunction`` answers from the
code flags, as ``asyncio`` does for plain functions.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from reader.deferred import Deferred

try:
    import _md5
except ImportError:  # pragma: no cover - a build without it: the real hashlib loads
    _md5 = None

_CO_COROUTINE = 0x80


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _variations(word: str) -> Any:
    from whoosh.lang.morph_en import variations

    return variations(word)


def _iscoroutinefunction(func: Any) -> bool:
    code = getattr(func, "__code__", None)
    return bool(code is not None and code.co_flags & _CO_COROUTINE)


def _escape(*args: Any, **kwargs: Any) -> Any:
    from html import escape

    return escape(*args, **kwargs)


#: A stand-in that defers the whole module (``import calendar``, used later).
DEFERRED: dict[str, Any] = {}


def _with_stand_in(name: str, attrs: dict[str, Any], target: str) -> None:
    _with_stand_ins({name: attrs}, target)


def _with_stand_ins(stand_ins: dict[str, dict[str, Any]], target: str) -> None:
    if target in sys.modules or any(name in sys.modules for name in stand_ins):
        return
    placed: dict[str, types.ModuleType] = {}
    for name, attrs in stand_ins.items():
        stand_in = Deferred(name) if attrs is DEFERRED else types.ModuleType(name)
        stand_in.__dict__.update(attrs)
        placed[name] = sys.modules[name] = stand_in
    try:
        __import__(target)
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def import_whoosh_lean() -> None:
    _with_stand_ins(
        {
            "urllib.request": {"urlretrieve": _urlretrieve},
            "queue": DEFERRED,
            "html": {"escape": _escape},
        },
        "whoosh.compat",
    )
    _with_stand_in("calendar", DEFERRED, "whoosh.util.times")
    if _md5 is not None:  # not in every build of Python
        _with_stand_in("hashlib", {"md5": _md5.md5}, "whoosh.filedb.filetables")
    _with_stand_in("asyncio", {"iscoroutinefunction": _iscoroutinefunction}, "cached_property")
    _with_stand_in("whoosh.lang.morph_en", {"variations": _variations}, "whoosh.query")


import_whoosh_lean()
