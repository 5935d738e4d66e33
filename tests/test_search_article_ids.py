"""The index's article-id column: every document's id read at once, as the ``hit``
column gives them one by one, over several segments with deleted documents."""

from __future__ import annotations

from pathlib import Path

from reader.core.library import Library
from reader.core.search.article_ids import article_ids


def test_ids_read_at_once_are_those_of_each_document(
    tmp_path: Path, empty_library: Library
) -> None:
    pages = []
    for n in range(6):  # one import each: a segment each, until whoosh merges them
        page = tmp_path / f"page{n}.txt"
        page.write_text(f"Page {n}\n\nThe harbour, entry {n}.\n", encoding="utf-8")
        empty_library.import_paths([page])
        empty_library.search("harbour")  # brings the index in step
        pages.append(page)
    pages[2].write_text("Page 2\n\nThe airfield, changed.\n", encoding="utf-8")
    empty_library.import_paths([pages[2]])  # its old document is deleted, a new one added
    first = empty_library.store.summaries()[0].id
    empty_library.delete_article(first)
    result = empty_library.search("harbour OR airfield", with_ids=True, limit=0)
    searcher = empty_library.index.open().searcher()
    try:
        reader = searcher.reader()
        assert len(list(reader.leaf_readers())) > 1
        ids = article_ids(reader)
        hit = reader.column_reader("hit")
        live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
        assert len(ids) == reader.doc_count_all()
        assert [ids[d] for d in live] == [hit[d][0] for d in live]
        assert result.article_ids == frozenset(ids[d] for d in live)
        assert first not in result.article_ids and len(result.article_ids) == 5
    finally:
        searcher.close()
