"""Block structure of canonical text, as the reader and exports render it."""

from __future__ import annotations

from reader.core.blocks import BlockKind, iter_blocks


def test_blocks_carry_offsets_of_visible_text() -> None:
    text = (
        "Short Heading Here\n\nA paragraph of text.\n\n- first item\n- second item\n\n"
        "Col A | Col B |\n---|---|\none | two |\n\nCourtesy of the Defense Ministry"
    )
    blocks = list(iter_blocks(text))
    assert [b.kind for b in blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST,
        BlockKind.TABLE,
        BlockKind.CAPTION,
    ]
    items = blocks[2].items
    assert [text[i.start : i.end] for i in items] == ["first item", "second item"]
    table = blocks[3]
    assert table.header_rows == 1
    assert [[text[c.start : c.end] for c in row] for row in table.rows] == [
        ["Col A", "Col B"],
        ["one", "two"],
    ]
    for block in blocks:
        assert text[block.start : block.end].strip() == text[block.start : block.end]


def test_numbered_list_is_ordered() -> None:
    (block,) = iter_blocks("1. one\n2. two")
    assert block.kind is BlockKind.LIST and block.ordered
