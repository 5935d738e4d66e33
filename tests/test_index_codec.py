"""The writer's codec writes byte for byte what the packed codec does (whose blocks
whoosh's own reader reads), and segments record whoosh's codec (readers never depend on
ours)."""

from __future__ import annotations

from pathlib import Path

from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from reader.core.search.codec import WriterCodec
from reader.core.search.documents import build_document
from reader.core.search.packed import PackedCodec
from reader.core.search.schema import build_schema
from reader.core.search.storage import MappedFileStorage


def _build(folder: Path, codec: object) -> tuple[dict[str, bytes], type]:
    folder.mkdir()
    ix = MappedFileStorage(str(folder)).create_index(build_schema())
    writer = SegmentWriter(ix, compound=False, codec=codec)
    for n in range(60):
        writer.add_document(
            **build_document(
                article_id=n + 1,
                title=f"Title {n} of the alliance",
                text=" ".join(f"word{(n * k) % 97} defense forces" for k in range(n + 1)),
                date=f"2024-05-0{1 + n % 9}",
                source="A source" if n % 3 else None,
                author=None,
                themes=["t1", "t2"][: n % 3],
                quotes=[f"quote {n}"] if n % 2 else [],
                notes=["a note"] if n % 5 == 0 else [],
            )
        )
    writer.commit()
    segment = ix._segments()[0]
    prefix = f"MAIN_{segment.segid}"
    files = {
        p.name.removeprefix(prefix): p.read_bytes()
        for p in folder.iterdir()
        if p.name.startswith(prefix)
    }
    return files, type(segment.codec())


def test_the_same_files_as_whoosh(tmp_path: Path) -> None:
    ours, recorded = _build(tmp_path / "ours", WriterCodec())
    theirs, _ = _build(tmp_path / "theirs", PackedCodec())
    assert recorded is W3Codec
    assert ours.keys() == theirs.keys()
    assert ".pst" in ours and ".trm" in ours
    for name in ours:
        assert ours[name] == theirs[name], name
