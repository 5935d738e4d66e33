"""REFI-QDA: the project validates against the schema and comes back whole."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations import highlights as hl
from reader.core.annotations.import_qdpx import QdaImportError, import_qdc, import_qdpx
from reader.core.export import export
from reader.core.library import Library
from tests.export_helpers import Annotated, annotate

# ../shared beside the checkout (CI); RESEARCH_READER_SHARED names it elsewhere (worktrees).
SHARED = Path(
    os.environ.get("RESEARCH_READER_SHARED", Path(__file__).resolve().parents[2] / "shared")
)
SCHEMA = SHARED / "refi-qda" / "Project-mrt2019.xsd"


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    data = annotate(sample_library)
    sample_library.store.set_article_themes(1, ["japan-defence-posture", "taiwan"])
    return data


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "fresh")  # named explicitly: no seeds, no themes
    yield library
    library.close()


@pytest.mark.skipif(not SCHEMA.is_file(), reason=f"the REFI-QDA schema is not at {SCHEMA}")
def test_project_validates_against_the_refi_qda_schema(
    annotated: Annotated, tmp_path: Path
) -> None:
    from lxml import etree

    out = export(annotated.library, "qdpx", tmp_path / "p.qdpx").paths[0]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        project = etree.fromstring(archive.read("project.qde"))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(project), schema.error_log
    assert len([n for n in names if n.startswith("Sources/")]) == 5  # every article
    ns = {"q": "urn:QDA-XML:project:1.0"}
    assert project.xpath("//q:Code[@name='Missile co-production']/../@name", namespaces=ns) == [
        "Defence industry"
    ]
    assert len(project.xpath("//q:PlainTextSelection", namespaces=ns)) == 4  # orphan left out


def test_round_trip_into_a_fresh_library(
    annotated: Annotated, empty: Library, tmp_path: Path
) -> None:
    source = annotated.library
    out = export(source, "qdpx", tmp_path / "p.qdpx").paths[0]
    report = import_qdpx(empty, out)
    assert report.sources_added == 5 and report.highlights_added == 4

    def names(library: Library, ids: tuple[str, ...]) -> set[str]:
        return {library.taxonomy.get(t).name for t in ids}  # type: ignore[union-attr]

    def marks(
        library: Library,
    ) -> set[tuple[str, str, int | None, int | None, str, frozenset[str]]]:
        found = set()
        for aid in library.store.article_ids():
            article = library.store.article(aid)
            for h in hl.highlights_for(library.store, aid):
                if not h.orphan:
                    found.add(
                        (
                            article.title,
                            h.quote,
                            h.start,
                            h.end,
                            h.note,
                            frozenset(names(library, h.themes)),
                        )
                    )
        return found

    assert marks(empty) == marks(source)
    old = {t.name: (t.color, t.description) for t, _ in source.taxonomy.ordered()}
    new = {t.name: (t.color, t.description) for t, _ in empty.taxonomy.ordered()}
    assert new == old  # the whole codebook: names, colours, descriptions
    parent = empty.taxonomy.resolve("Missile co-production")
    assert parent is not None and empty.taxonomy.get(parent.parent or "").name == "Defence industry"  # type: ignore[union-attr]
    moved = empty.store.resolve_article("U.S. Forces Partner")
    assert names(empty, hl.article_themes(empty.store, moved)) == {
        "Japan's defence posture",
        "Taiwan",
    }
    assert empty.store.article(moved).note == annotated.article_note
    assert empty.store.article(moved).date == "2025-07-17"
    again = import_qdpx(empty, out)  # nothing doubles
    assert again.highlights_added == 0 and again.sources_matched == 5


def test_codebook_alone(annotated: Annotated, empty: Library, tmp_path: Path) -> None:
    out = export(annotated.library, "qdc", tmp_path / "themes.qdc").paths[0]
    report = import_qdc(empty, out)
    assert len(report.themes_added) == len(list(annotated.library.taxonomy.ordered()))
    assert empty.store.article_count() == 0


def test_cli_and_bad_files(
    annotated: Annotated, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(annotated.library.root)
    out = tmp_path / "p.qdpx"
    assert main(["export", "--library", lib, "--format", "qdpx", "-o", str(out)]) == 0
    fresh = str(tmp_path / "fresh")
    capsys.readouterr()
    assert main(["--json", "import-annotations", "--library", fresh, str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["highlights_added"] == 4
    broken = tmp_path / "broken.qdpx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(QdaImportError, match=r"broken\.qdpx: not a \.qdpx"):
        import_qdpx(annotated.library, broken)
    assert main(["import-annotations", "--library", fresh, str(broken)]) != 0
    err = capsys.readouterr().err
    assert "broken.qdpx" in err and "Traceback" not in err


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Field notes" origin="Another QDA tool">
  <CodeBook><Codes>
    <Code guid="{0A1B2C3D-0000-4000-8000-000000000001}" name="Security" isCodable="false">
      <Code guid="{0A1B2C3D-0000-4000-8000-000000000002}" name="Deterrence" isCodable="true"
            color="#C0392B"><Description>Threats that keep the peace</Description></Code>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{0A1B2C3D-0000-4000-8000-0000000000A1}" name="Interview 1"
                plainTextPath="internal://{0A1B2C3D-0000-4000-8000-0000000000A1}.txt">
      <PlainTextSelection guid="{0A1B2C3D-0000-4000-8000-0000000000B1}" name="x"
                          startPosition="{start}" endPosition="{end}">
        <Coding guid="{0A1B2C3D-0000-4000-8000-0000000000C1}">
          <CodeRef targetGUID="{0A1B2C3D-0000-4000-8000-000000000002}"/>
        </Coding>
        <NoteRef targetGUID="{0A1B2C3D-0000-4000-8000-0000000000D1}"/>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="{0A1B2C3D-0000-4000-8000-0000000000D1}" name="memo">
      <PlainTextContent>Said twice in the interview.</PlainTextContent>
    </Note>
  </Notes>
</Project>
"""


def test_a_project_from_another_tool(empty: Library, tmp_path: Path) -> None:
    """Braced upper-case GUIDs, a category code, a project file not named project.qde,
    Windows line ends in the source (positions count them) and a linked note."""
    text = "First line of the interview.\r\n\r\nExtended deterrence is the point.\r\n"
    start = text.index("Extended deterrence")
    end = start + len("Extended deterrence")
    project = FOREIGN.replace("{start}", str(start)).replace("{end}", str(end))
    out = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Field notes.qde", project)
        archive.writestr("Sources/{0A1B2C3D-0000-4000-8000-0000000000A1}.txt", text)
    report = import_qdpx(empty, out)
    assert report.sources_added == 1 and report.highlights_added == 1 and not report.problems
    (aid,) = empty.store.article_ids()
    (mark,) = hl.highlights_for(empty.store, aid)
    article = empty.store.article(aid)
    assert mark.quote == "Extended deterrence" == article.text[mark.start : mark.end]
    assert mark.note == "Said twice in the interview." and article.title == "Interview 1"
    theme = empty.taxonomy.get(mark.themes[0])
    assert theme is not None and (theme.name, theme.color) == ("Deterrence", "#c0392b")
    parent = empty.taxonomy.get(theme.parent or "")
    assert parent is not None and parent.name == "Security"
