"""Every export format, read back the way its usual program reads it: each quote and
note must come out exactly as stored, and user text must stay inert."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.core.export import export
from reader.core.export.grouping import GroupBy
from reader.core.library import Library
from tests.export_helpers import TRICKY_NOTE, Annotated, annotate, squash


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    return annotate(sample_library)


GROUPINGS: tuple[GroupBy, ...] = ("article", "theme")


def _notes(data: Annotated) -> list[str]:
    return [h.note for h in data.highlights if h.note]


def _markdown_blocks(source: str) -> tuple[str, list[str], list[str]]:
    """(paragraph texts joined by blank lines, html blocks, inline html) as a CommonMark
    parser sees them."""
    from markdown_it import MarkdownIt

    paragraphs, blocks, inline_html = [], [], []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "html_block":
            blocks.append(token.content.strip())
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type == "html_inline":
                inline_html.append(child.content)
            else:
                parts.append(child.content)
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs), blocks, inline_html


@pytest.mark.parametrize("group_by", GROUPINGS)
def test_markdown_parses_back_to_every_quote_and_note(
    annotated: Annotated, tmp_path: Path, group_by: GroupBy
) -> None:
    out = export(annotated.library, "md", tmp_path / "notes.md", group_by=group_by)
    source = out.paths[0].read_text(encoding="utf-8")
    text, blocks, inline_html = _markdown_blocks(source)
    for h in annotated.highlights:
        assert h.quote in text
        assert h.uid not in source  # no comments, no block ids: clean in any viewer
    for note in _notes(annotated):
        assert f"Note: {note}" in text  # labelled
    assert inline_html == [] and blocks == []  # no HTML comments, nothing became HTML
    assert "<!--" not in source and "characters" not in source
    assert re.search(r"¶ \d+", text)
    assert source.startswith("---\n")
    assert "Command structure, Joint exercises and readiness" in text  # names, not ids
    assert "#command-structure" not in text
    assert "Orphan" in text
    if group_by == "article":
        assert f"Article note: {annotated.article_note}" in text


@pytest.mark.parametrize("group_by", GROUPINGS)
def test_markdown_obsidian_keeps_stable_block_ids_and_tags(
    annotated: Annotated, tmp_path: Path, group_by: GroupBy
) -> None:
    out = export(annotated.library, "md", tmp_path / "vault.md", group_by=group_by, obsidian=True)
    source = out.paths[0].read_text(encoding="utf-8")
    text, blocks, inline_html = _markdown_blocks(source)
    for h in annotated.highlights:
        assert f"^hl-{h.uid}" in text  # the same uid in every export: links keep working
    assert blocks == [] and inline_html == []
    assert "#command-structure" in text
    assert "#defence-industry/missile-co-production" in text  # nested theme, nested tag
    again = export(
        annotated.library,
        "md",
        tmp_path / "vault.md",
        group_by=group_by,
        obsidian=True,
        force=True,
    )
    ids = re.findall(r"\^hl-[0-9a-f]+", again.paths[0].read_text(encoding="utf-8"))
    assert ids == re.findall(r"\^hl-[0-9a-f]+", source)


def test_markdown_front_matter_is_yaml(annotated: Annotated, tmp_path: Path) -> None:
    import yaml

    result = export(
        annotated.library, "md", tmp_path / "vault", per_article=True, include_unannotated=True
    )
    assert len(result.paths) == 5 and all(p.parent == tmp_path / "vault" for p in result.paths)
    first = result.paths[0].read_text(encoding="utf-8")
    meta = yaml.safe_load(first.split("---\n")[1])
    assert meta["title"].startswith("U.S. Forces Partner") and meta["date"] == "2025-07-17"
    assert "Command structure" in meta["themes"] or "command-structure" in str(meta["themes"])
    text, _, _ = _markdown_blocks(first)
    assert TRICKY_NOTE in text


@pytest.mark.parametrize("group_by", GROUPINGS)
def test_html_is_inert_and_holds_every_quote_and_note(
    annotated: Annotated, tmp_path: Path, group_by: GroupBy
) -> None:
    import html5lib

    out = export(annotated.library, "html", tmp_path / "notes.html", group_by=group_by)
    tree = html5lib.parse(out.paths[0].read_bytes(), namespaceHTMLElements=False)
    assert tree.findall(".//script") == []
    assert all(not k.startswith("on") for e in tree.iter() for k in e.attrib)
    for h in annotated.highlights:
        box = tree.find(f".//div[@id='hl-{h.uid}']")
        assert box is not None
        assert "".join(box.find("blockquote").itertext()) == h.quote
        note = box.find(".//span[@class='note']")
        assert ("".join(note.itertext()) if note is not None else "") == h.note
    assert tree.find(".//nav") is not None and tree.find(".//style") is not None
    assert tree.findall(".//link") == [] and tree.findall(".//img") == []  # self-contained
    if group_by == "article":
        notes = ["".join(e.itertext()) for e in tree.iter() if e.get("class") == "article-note"]
        assert notes == [annotated.article_note]
    else:
        headings = [e.text for e in tree.iter() if e.tag in ("h2", "h3") and e.text]
        assert headings.index("Defence industry") < headings.index("Missile co-production")
        assert headings[-2:] == ["Unthemed", "References"]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
@pytest.mark.parametrize("group_by", GROUPINGS)
def test_pdf_text_holds_every_quote_and_note(
    annotated: Annotated, tmp_path: Path, group_by: GroupBy, qapp: object
) -> None:
    from reader.ui.export_pdf import render_pdf

    out = export(
        annotated.library, "pdf", tmp_path / "notes.pdf", group_by=group_by, pdf_renderer=render_pdf
    )
    assert out.paths[0].read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out.paths[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = squash(text)
    for h in annotated.highlights:
        assert squash(h.quote) in flat
    for note in _notes(annotated):
        assert squash(note) in flat
    pages = text.count("\f")
    for number, page in enumerate(text.split("\f")[:pages], 1):  # every page numbered
        assert re.search(rf"{number}\s*/\s*{pages}$", squash(page))


def test_docx_reads_back_with_quotes_styled(annotated: Annotated, tmp_path: Path) -> None:
    import docx

    out = export(annotated.library, "docx", tmp_path / "notes.docx")
    document = docx.Document(str(out.paths[0]))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert sorted(quotes) == sorted(h.quote for h in annotated.highlights)
    texts = [p.text for p in document.paragraphs]
    for note in _notes(annotated):
        assert f"Note: {note}" in texts
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == 3  # only the annotated articles


def test_docx_by_theme_nests_headings(annotated: Annotated, tmp_path: Path) -> None:
    import docx

    out = export(annotated.library, "docx", tmp_path / "t.docx", group_by="theme")
    styles = {p.text: p.style.name for p in docx.Document(str(out.paths[0])).paragraphs}
    assert styles["Defence industry"] == "Heading 1"
    assert styles["Missile co-production"] == "Heading 2"
    assert styles["Unthemed"] == "Heading 1"


def test_csv_reads_back_one_row_per_highlight(annotated: Annotated, tmp_path: Path) -> None:
    out = export(annotated.library, "csv", tmp_path / "notes.csv")
    raw = out.paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == [
        "article_id",
        "title",
        "author",
        "date",
        "source",
        "url",
        "themes",
        "quote",
        "note",
        "start",
        "end",
        "created",
        "modified",
        "orphan",
        "highlight_uid",
    ]
    by_uid = {r["highlight_uid"]: r for r in rows}
    assert len(rows) == len(annotated.highlights)
    for h in annotated.highlights:
        row = by_uid[h.uid]
        assert (row["quote"], row["note"], row["article_id"]) == (
            h.quote,
            h.note,
            str(h.article_id),
        )
        assert row["start"] == ("" if h.start is None else str(h.start))
        assert row["orphan"] == ("yes" if h.orphan else "")
    assert (
        by_uid[annotated.highlights[0].uid]["themes"]
        == "Command structure; Joint exercises and readiness"
    )


def test_csv_guards_against_formulas() -> None:
    from reader.core.export.csv import cell

    assert cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert cell("@SUM(A1)") == "'@SUM(A1)" and cell("-2+3") == "'-2+3"
    assert cell("- a list item") == "- a list item" and cell("plain") == "plain"
