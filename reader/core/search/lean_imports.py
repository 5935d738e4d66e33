"""Import whoosh without the standard-library modules it never uses here.

``whoosh.compat`` imports ``urllib.request`` (and so ``http.client``, ``email`` and
``ssl``) for one helper that downloads files, the ``cached_property`` package imports
``asyncio`` to support coroutines, and ``whoosh.query`` imports ``whoosh.lang.morph_en``
(hundreds of regular expressions) for a ``Variations`` query we never build; together
about 30 ms of the CLI's start-up, for a search that touches none of them. And
``whoosh.filedb.filetables`` hashes terms with ``hashlib.md5``: importing ``hashlib``
loads OpenSSL (~2.5 ms), where the built-in ``_md5`` gives the same digests. While those
are imported, stand-ins are put in ``sys.modules`` and taken out again right after, so
anything that imports the real modules later still gets them. The stand-ins only ever
do what whoosh asks of them: ``urlretrieve`` and ``variations`` import the real ones
when called; ``iscoroutinefunction`` answers from the code flags, as ``asyncio`` does
for plain functions.
"""

from __future__ import annotations

import sys
import types
from typing import Any

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


def _with_stand_in(name: str, attrs: dict[str, Any], target: str) -> None:
    if target in sys.modules or name in sys.modules:
        return
    stand_in = types.ModuleType(name)
    stand_in.__dict__.update(attrs)
    sys.modules[name] = stand_in
    try:
        __import__(target)
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


def import_whoosh_lean() -> None:
    _with_stand_in("urllib.request", {"urlretrieve": _urlretrieve}, "whoosh.compat")
    if _md5 is not None:  # not in every build of Python
        _with_stand_in("hashlib", {"md5": _md5.md5}, "whoosh.filedb.filetables")
    _with_stand_in("asyncio", {"iscoroutinefunction": _iscoroutinefunction}, "cached_property")
    _with_stand_in("whoosh.lang.morph_en", {"variations": _variations}, "whoosh.query")


import_whoosh_lean()
