"""The theme sets of :mod:`reader.core.themes.ops`, kept on disk between processes.

Reading which articles and highlights carry each theme from the store costs ~40 ms of
CPU at 10,000 articles (the article rows are wide: their text is stored inline), and a
command-line search or filtered list pays it on every run, since each is a new process.
So the sets are also written to the library's ``cache/`` folder, stamped with the
store change number they reflect; a new process loads them (a few ms) and reads only
the articles changed since, exactly as the in-memory cache catches up within one
process.

Derived data, like the search index: a missing, damaged, foreign or newer-than-the-store
file is ignored and replaced; a restore deletes it. The file is ``marshal`` data (only
dicts, sets, tuples, strings and numbers), behind a magic line, a format version and a
CRC of the payload, so a torn or damaged file is refused before it is decoded. Each
field is its own ``marshal`` blob, with its size, so a reader decodes only the fields it
uses: a command-line search's theme counts need 3 of the 8 (a third of the data).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import zlib
from pathlib import Path
from typing import Any

from reader.core.files import atomic_write

CACHE_FOLDER = "cache"  # the library's folder of derived files (see library.py)
_MAGIC = b"research-reader theme sets\n"
_VERSION = 2  # 2: a blob per field
_HEADER = len(_MAGIC) + 1 + 4  # magic, version byte, CRC-32 of the payload


def cache_path(store_path: Path) -> Path:
    """Where the sets of the store at ``store_path`` are kept."""
    return store_path.parent / CACHE_FOLDER / f"{store_path.name}.theme-sets"


def read_sets(
    store_path: Path, fields: tuple[str, ...], wanted: tuple[str, ...] | None = None
) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The saved ``fields`` (``seq`` among them) as (values, sizes), or None when there
    is no usable file. ``wanted``: decode only these; ``sizes`` has every field's
    ``len`` (0 for a number) either way."""
    try:
        data = cache_path(store_path).read_bytes()
    except OSError:
        return None
    head, payload = data[:_HEADER], data[_HEADER:]
    if head[: len(_MAGIC)] != _MAGIC or head[len(_MAGIC)] != _VERSION:
        return None
    if int.from_bytes(head[len(_MAGIC) + 1 :], "big") != zlib.crc32(payload):
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new sets and dicts, no cycles: -30 % CPU
    try:
        blobs = marshal.loads(payload)
        if not isinstance(blobs, tuple) or len(blobs) != len(fields):
            return None
        values = {
            name: marshal.loads(blob)
            for name, (_, blob) in zip(fields, blobs, strict=True)
            if wanted is None or name in wanted
        }
        sizes = {name: size for name, (size, _) in zip(fields, blobs, strict=True)}
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    return values, sizes


def write_sets(store_path: Path, values: tuple[Any, ...]) -> None:
    """Save ``values`` (the fields in ``read_sets``'s order), atomically; a folder that
    cannot be written only means the next process reads the store again."""
    target = cache_path(store_path)
    payload = marshal.dumps(
        tuple((len(v) if hasattr(v, "__len__") else 0, marshal.dumps(v)) for v in values)
    )
    head = _MAGIC + bytes([_VERSION]) + zlib.crc32(payload).to_bytes(4, "big")
    with contextlib.suppress(OSError):
        target.parent.mkdir(exist_ok=True)
        atomic_write(target, head + payload)


def drop_sets(store_path: Path) -> None:
    """Forget the saved sets (the store was replaced)."""
    with contextlib.suppress(OSError):
        cache_path(store_path).unlink()
