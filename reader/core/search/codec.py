"""whoosh's codec, writing the same files with less work per posting.

When a writer flushes a segment, whoosh asks the segment's length column for the field
length of every posting's document (to keep each block's shortest and longest), one
column read through three layers of calls per posting: a fifth of a bulk index's
flush. :class:`WriterCodec` reads each field's lengths once, into a list. The files are
byte for byte what :class:`~reader.core.search.packed.PackedCodec` writes (whose blocks
``W3Codec`` reads unchanged), and a segment records the plain ``W3Codec``, so readers
never meet this class.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3Segment

from reader.core.search.packed import PackedCodec


class _Lengths:
    """A per-document reader's field lengths, each field's read once into a list."""

    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths
        self._count = int(lengths.doc_count_all())
        self._by_field: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        table = self._by_field.get(fieldname)
        if table is None:
            read = self._lengths.doc_field_length
            table = [read(d, fieldname, default) for d in range(self._count)]
            self._by_field[fieldname] = table
        return table[docnum]


class _FieldWriter(W3FieldWriter):  # type: ignore[misc]
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        super().add_postings(schema, _Lengths(lengths) if lengths else lengths, items)


class WriterCodec(PackedCodec):
    """The codec for writers (pass it as ``codec=``): :class:`PackedCodec`'s blocks
    (pickle protocol 4, packed positions uncompressed) with the lengths read once."""

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def new_segment(self, storage: Any, indexname: str) -> W3Segment:
        plain = W3Codec(self._blocklimit, self._compression, self._inlinelimit)
        return W3Segment(plain, indexname)
