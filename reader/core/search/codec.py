"""whoosh's codec, writing the same files with less work per posting.

When a writer flushes a segment, whoosh asks the segment's length column for the field
length of every posting's document (to keep each block's shortest and longest), one
column read through three layers of calls per posting: a fifth of a bulk index's
flush. :class:`WriterCodec` reads each field's lengths once, into a list. Its flush
loop is whoosh's less what costs per posting without changing a byte: the order
checks (the postings come from the writer's sorted pool), a method call through
``add`` and the type assertions of ``add_posting`` (together a third of the flush of a
10k bulk index, whose workers spent 40 % of their CPU flushing). The files are
byte for byte what :class:`~reader.core.search.packed.PackedCodec` writes (whose blocks
``W3Codec`` reads unchanged), and a segment records the plain ``W3Codec``, so readers
never meet this class.
"""

from __future__ import annotations

import functools
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PostingsWriter, W3Segment

from reader.core.search.packed import PackedCodec, _Protocol4PostingsWriter


class _Lengths:
    """A per-document reader's field lengths, each field's read once into a list."""

    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths
        self._count = int(lengths.doc_count_all())
        self._by_field: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        return self.table(fieldname, default)[docnum]

    def table(self, fieldname: str, default: int = 0) -> list[Any]:
        """Every document's length of ``fieldname``, by document number."""
        table = self._by_field.get(fieldname)
        if table is None:
            read = self._lengths.doc_field_length
            table = [read(d, fieldname, default) for d in range(self._count)]
            self._by_field[fieldname] = table
        return table


class _FieldWriter(W3FieldWriter):  # type: ignore[misc]
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        """whoosh's ``FieldWriter.add_postings`` (sorted ``(fieldname, btext, docnum,
        weight, value)`` postings to fields, terms and blocks), lean per posting."""
        fw: Any = self  # whoosh's attributes, untyped
        lengths = _Lengths(lengths) if lengths else None
        lastfn: str | None = None
        lasttext: bytes | None = None
        table: list[Any] = []
        add: Any = None
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                lastfn, lasttext = fieldname, None
                table = lengths.table(fieldname) if lengths is not None else []
                add = fw._postwriter.add_posting
            if docnum == -1:  # whoosh's spelling-word marker; our schema has none
                continue
            if btext != lasttext:
                if lasttext is not None:
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            add(docnum, weight, b"" if value is None else value, table[docnum] if table else 0)
        if lasttext is not None:
            self.finish_term()
        # What whoosh's loop leaves behind: a fresh posting writer for the field.
        self._postwriter = self._codec.postings_writer(self._postfile)


class _LeanPostingsWriter(_Protocol4PostingsWriter):
    def add_posting(
        self, id_: int, weight: float, vbytes: bytes, length: int | None = None
    ) -> None:
        """``W3PostingsWriter.add_posting`` less its type assertions."""
        w: Any = self  # whoosh's attributes, untyped
        if len(w._ids) >= w._blocklimit:
            w._write_block()
        w._ids.append(id_)
        w._weights.append(weight)
        if weight > w._maxweight:
            w._maxweight = weight
        if vbytes:
            w._values.append(vbytes)
        if length:
            if w._minlength is None or length < w._minlength:
                w._minlength = length
            if length > w._maxlength:
                w._maxlength = length


def lean_pool(writer: Any) -> None:
    """Give a fresh whoosh ``SegmentWriter`` the lean posting pool (whoosh builds its
    pool itself and takes no pool class)."""
    lean = _lean_pool_class()
    if type(writer.pool) is lean.__base__ and not writer.pool.current:
        writer.pool.__class__ = lean


@functools.cache
def _lean_pool_class() -> Any:
    # whoosh.writing loads with the first writer, not on a search's start-up.
    from whoosh.writing import PostingPool

    class LeanPool(PostingPool):  # type: ignore[misc]
        def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
            """``PostingPool.add`` less its type assertions, with the same size
            estimate (so it spills when whoosh's would): one call per posting."""
            fieldname, text, _, _, value = item
            self.fieldnames.add(fieldname)
            self.currentsize += 150 + len(fieldname) + 2 * len(text) + len(value or b"")
            if self.currentsize > self.limit:
                self.save()
            self.current.append(item)

    return LeanPool


class WriterCodec(PackedCodec):
    """The codec for writers (pass it as ``codec=``): :class:`PackedCodec`'s blocks
    (pickle protocol 4, packed positions uncompressed) with the lengths read once."""

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        if byteids:  # ids that are not document numbers: whoosh's checked path
            return super().postings_writer(dbfile, byteids)
        return _LeanPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def new_segment(self, storage: Any, indexname: str) -> W3Segment:
        plain = W3Codec(self._blocklimit, self._compression, self._inlinelimit)
        return W3Segment(plain, indexname)
