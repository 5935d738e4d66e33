"""Index files read through memory maps.

whoosh offers two ways to read a segment, both slow here. Packed in one compound file
(its default), every part opened is copied into a ``BytesIO`` (50-100 ms and 100+ MB per
searcher at 10k articles: a CLI command paid that each run). As separate files (what we
write: ``compound=False``), every read is a ``seek`` and a ``read`` system call. This
storage maps each file and serves reads as slices of the map: no copy at open, no
system call per read.
"""

from __future__ import annotations

import io
import mmap
import os
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile


class _MappedFile(StructFile):  # type: ignore[misc]
    """A read-only StructFile over an ``mmap`` (which has read/seek/tell of its own)."""

    def get(self, position: int, length: int) -> bytes:
        return bytes(self.file[position : position + length])


class MappedFileStorage(FileStorage):  # type: ignore[misc]
    """A whoosh ``FileStorage`` whose opened files are memory-mapped."""

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        with open(self._fpath(name), "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:  # mmap refuses empty files
                return StructFile(io.BytesIO(b""), name=name, **kwargs)
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return _MappedFile(mapped, name=name, **kwargs)
