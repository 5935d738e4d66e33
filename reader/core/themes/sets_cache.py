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
dicts, sets, tuples, strings and numbers): a magic line, a format version, the length
of a table of contents, the table (per field: its size, its blob's length and CRC-32),
then a blob per field. A reader checks and decodes only the fields it uses (a
command-line search's theme counts need 3 of the 8, a tenth of the bytes), and a torn
or damaged blob is refused before it is decoded.
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
_HEADER = len(_MAGIC) + 1 + 4  # magic, version byte, length of the table of contents


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
        data = memoryview(cache_path(store_path).read_bytes())
    except OSError:
        return None
    if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC)] != _VERSION:
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new sets and dicts, no cycles: -30 % CPU
    try:
        start = _HEADER + int.from_bytes(data[_HEADER - 4 : _HEADER], "big")
        table = marshal.loads(data[_HEADER:start])
        if not isinstance(table, tuple) or len(table) != len(fields):
            return None
        values: dict[str, Any] = {}
        sizes: dict[str, int] = {}
        for name, (size, length, crc) in zip(fields, table, strict=True):
            blob, start = data[start : start + length], start + length
            sizes[name] = size
            if wanted is None or name in wanted:
                if len(blob) != length or zlib.crc32(blob) != crc:
                    return None
                values[name] = marshal.loads(blob)
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
    blobs = [marshal.dumps(v) for v in values]
    table = marshal.dumps(
        tuple(
            (len(v) if hasattr(v, "__len__") else 0, len(b), zlib.crc32(b))
            for v, b in zip(values, blobs, strict=True)
        )
    )
    head = _MAGIC + bytes([_VERSION]) + len(table).to_bytes(4, "big")
    with contextlib.suppress(OSError):
        target.parent.mkdir(exist_ok=True)
        atomic_write(target, b"".join([head, table, *blobs]))


def drop_sets(store_path: Path) -> None:
    """Forget the saved sets (the store was replaced)."""
    with contextlib.suppress(OSError):
        cache_path(store_path).unlink()
