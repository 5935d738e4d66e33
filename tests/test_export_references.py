"""References for reference managers and citations by CSL: parsed back by their readers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations import highlights as hl
from reader.core.export import export, select
from reader.core.export.citations import csl_item, names, references
from reader.core.library import Library
from tests.export_helpers import Annotated, annotate


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    store = sample_library.store
    with store.transaction() as db:  # one article with everything a reference can hold
        db.execute(
            "UPDATE articles SET author = ?, source = ?, url = ? WHERE id = 3",
            ("Taro Yamada", "The Japan News", "https://japannews.example/articles/3"),
        )
    return annotate(sample_library)


def test_names() -> None:
    assert names("John Smith") == [{"family": "Smith", "given": "John"}]
    assert names("Smith, John and Jane Roe") == [
        {"family": "Smith", "given": "John"},
        {"family": "Roe", "given": "Jane"},
    ]
    assert names("US Department of Defense") == [{"literal": "US Department of Defense"}]


def test_citations_are_formatted_by_the_csl_style(annotated: Annotated) -> None:
    chosen = select(annotated.library)
    refs = references((i.article for i in chosen.articles), "chicago-author-date")
    assert refs[3].text == (
        "Yamada, Taro. 2025. “New Security Era: Japan, U.S. Deepen Cooperation Against China "
        "in Indo-Pacific Region.” The Japan News, December 10. "
        "https://japannews.example/articles/3."
    )
    assert "<i>The Japan News</i>" in refs[3].html
    apa = references((i.article for i in chosen.articles), "apa")
    assert apa[3].text.startswith("Yamada, T. (2025, December 10). New Security Era")
    # No author: the title stands first, once; never a file path.
    assert refs[1].text.count("U.S. Forces Partner") == 1
    assert all("seeds" not in r.text and ".txt" not in r.text for r in refs.values())


def test_every_prose_format_heads_articles_with_the_csl_reference(
    annotated: Annotated, tmp_path: Path
) -> None:
    import docx

    chosen = select(annotated.library)
    refs = references((i.article for i in chosen.articles), "apa")
    md = export(annotated.library, "md", tmp_path / "n.md", style="apa").paths[0]
    html = export(annotated.library, "html", tmp_path / "n.html", style="apa").paths[0]
    word = export(annotated.library, "docx", tmp_path / "n.docx", style="apa").paths[0]
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    for ref in refs.values():
        assert ref.text in md.read_text()
        assert ref.html in html.read_text()
        assert ref.text in paragraphs


def test_csl_json_bibtex_and_ris_read_back(annotated: Annotated, tmp_path: Path) -> None:
    import bibtexparser
    import rispy

    lib = annotated.library
    data = json.loads(export(lib, "csl-json", tmp_path / "r.json").paths[0].read_text())
    assert len(data) == 5  # every article of the scope, annotated or not
    third = next(i for i in data if i["id"] == "article-3")
    assert third == csl_item(lib.store.article(3))
    assert third["container-title"] == "The Japan News" and third["URL"].startswith("https://")

    parsed = bibtexparser.parse_string(
        export(lib, "bibtex", tmp_path / "r.bib").paths[0].read_text()
    )
    assert len(parsed.entries) == 5 and not parsed.failed_blocks
    entry = next(e for e in parsed.entries if e.fields_dict["title"].value.startswith("{New"))
    assert entry.entry_type == "article" and entry.key == "yamada2025new"
    assert entry.fields_dict["journal"].value == "The Japan News"
    assert entry.fields_dict["author"].value == "Yamada, Taro"
    dod = next(e for e in parsed.entries if "journal" in e.fields_dict and e.key != entry.key)
    assert dod.fields_dict["journal"].value == "US Department of Defense"

    records = rispy.loads(export(lib, "ris", tmp_path / "r.ris").paths[0].read_text())
    assert len(records) == 5
    news = next(r for r in records if r.get("authors"))
    assert news["type_of_reference"] == "NEWS" and news["authors"] == ["Yamada, Taro"]
    assert news["urls"] == ["https://japannews.example/articles/3"]
    assert news["secondary_title"] == "The Japan News" and news["date"] == "2025/12/10"


def test_cli_reference_formats(annotated: Annotated, tmp_path: Path) -> None:
    lib = str(annotated.library.root)
    out = tmp_path / "refs.bib"
    assert (
        main(["export", "--library", lib, "--format", "bibtex", "--article", "3", "-o", str(out)])
        == 0
    )
    assert out.read_text().count("@") == 1


def test_unannotated_articles_only_on_request(annotated: Annotated, tmp_path: Path) -> None:
    lib = annotated.library
    hl.set_article_note(lib.store, 4, "")  # still nothing on article 4
    default = export(lib, "md", tmp_path / "a.md").paths[0].read_text()
    every = export(lib, "md", tmp_path / "b.md", include_unannotated=True).paths[0].read_text()
    title = lib.store.article(4).title.split(",")[0]
    assert title not in default and title in every
    assert every.index("Joint Force Headquarters") < every.index(title)  # highlights first
