"""Issue 16 part B, items 7, 8 and 12: CSV cells, note conflicts on re-import and hostile
W3C annotation files (generated deterministically in tests/fault_inputs.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reader.core.annotations import highlights as hl
from reader.core.annotations.import_annotations import (
    AnnotationImportError,
    import_annotations,
    import_data,
)
from reader.core.export import export
from reader.core.export.csv import cell
from reader.core.library import Library
from tests.fault_inputs import assert_no_internal_error, cli, hostile_annotations

# -- item 7: CSV formula injection ---------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def test_csv_defuses_every_cell(sample_library: Library, tmp_path: Path) -> None:
    store = sample_library.store
    article_id = store.summaries()[0].id
    text = store.article(article_id).text
    made = hl.add_highlight(store, article_id, 0, 20, [], '=HYPERLINK("http://x","y")')
    with store.transaction() as db:  # as an imported annotation could have set them
        db.execute(
            "UPDATE highlights SET created_at = ?, modified_at = ? WHERE id = ?",
            ("=cmd|' /C calc'!A0", "+1+1", made.id),
        )
        db.execute(
            "UPDATE articles SET title = ?, source = ? WHERE id = ?",
            ("@SUM(A1)", "＝1+1", article_id),
        )
    assert text
    out = export(sample_library, "csv", tmp_path / "notes.csv")
    rows = list(csv.reader(io.StringIO(out.paths[0].read_text(encoding="utf-8-sig"))))
    for row in rows[1:]:
        for value in row:
            assert not value.startswith(_FORMULA_START) or value.startswith("- "), value
    assert cell("- a list item") == "- a list item"
    assert cell("- =cmd|x!A0").startswith("'")


# -- item 8: note conflicts on re-import ----------------------------------------------------


def _exported(library: Library, tmp_path: Path) -> dict[str, object]:
    out = export(library, "json", tmp_path / "notes.json")
    data: dict[str, object] = json.loads(out.paths[0].read_text(encoding="utf-8"))
    return data


def _one_annotation(library: Library, tmp_path: Path, note: str) -> tuple[int, dict[str, object]]:
    store = library.store
    article_id = store.summaries()[0].id
    made = hl.add_highlight(store, article_id, 0, 30, [], note)
    data = _exported(library, tmp_path)
    items = data["first"]["items"]  # type: ignore[index]
    return made.id, items[0]  # type: ignore[no-any-return]


def test_undated_reimport_keeps_both_notes_and_says_so(
    sample_library: Library, tmp_path: Path
) -> None:
    highlight_id, item = _one_annotation(sample_library, tmp_path, "the file's note")
    item.pop("modified", None)
    item.pop("created", None)
    hl.set_note(sample_library.store, highlight_id, "my later edit")
    report = import_data(sample_library, item)
    note = hl.highlight(sample_library.store, highlight_id).note
    assert note.startswith("my later edit") and "the file's note" in note
    assert [c.kept for c in report.conflicts] == ["both"]
    again = import_data(sample_library, item)  # nothing new the second time
    assert again.unchanged == 1 and again.conflicts == []


def test_dated_reimport_keeps_the_newer_note(sample_library: Library, tmp_path: Path) -> None:
    highlight_id, item = _one_annotation(sample_library, tmp_path, "old")
    hl.set_note(sample_library.store, highlight_id, "mine, edited after the export")
    item["modified"] = "2000-01-01T00:00:00Z"
    report = import_data(sample_library, item)
    assert hl.highlight(sample_library.store, highlight_id).note.startswith("mine")
    assert [c.kept for c in report.conflicts] == ["yours"] and report.updated == 0
    item["modified"] = "2999-01-01T00:00:00Z"
    report = import_data(sample_library, item)
    assert hl.highlight(sample_library.store, highlight_id).note == "old"
    assert [c.kept for c in report.conflicts] == ["theirs"] and report.updated == 1


# -- item 12 (part B): hostile W3C files and encodings -----------------------------------


def test_hostile_w3c_files_never_raise_past_one_annotation(
    sample_library: Library, tmp_path: Path
) -> None:
    hl.add_highlight(sample_library.store, sample_library.store.summaries()[0].id, 0, 25, [], "n")
    base = _exported(sample_library, tmp_path)
    refused = imported = 0
    for seed in range(120):
        path = tmp_path / f"hostile-{seed}.json"
        path.write_text(hostile_annotations(base, seed), encoding="utf-8")
        try:
            report = import_annotations(sample_library, path)
        except AnnotationImportError as exc:
            assert "\n" not in str(exc)
            refused += 1
            continue
        imported += 1
        for u in report.unmatched:
            assert "\n" not in u.reason and "please report" not in u.reason, u
        for h in hl.all_highlights(sample_library.store):
            assert h.created_at[:1].isdigit() and h.modified_at[:1].isdigit(), h
    assert refused >= 12 and imported >= 60


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 7])
def test_cli_import_annotations_on_hostile_files(tmp_path: Path, seed: int) -> None:
    library = tmp_path / "lib"
    Library.open(library).close()
    base = {
        "type": "AnnotationCollection",
        "first": {
            "type": "AnnotationPage",
            "items": [
                {
                    "id": "urn:uuid:7c1d6ad0-6f2c-4a0e-9e58-3f4f8a3f3c11",
                    "type": "Annotation",
                    "motivation": "commenting",
                    "body": [{"type": "TextualBody", "value": "x"}],
                    "target": {
                        "source": "urn:x",
                        "selector": [{"type": "TextQuoteSelector", "exact": "alliance"}],
                    },
                }
            ],
        },
    }
    path = tmp_path / "in.json"
    path.write_text(hostile_annotations(base, seed), encoding="utf-8")
    result = cli("import-annotations", str(path), library=library)
    assert_no_internal_error(result)
    assert len(result.stderr.strip().splitlines()) <= 3


def test_type_5_dict_motivation_and_long_integers_are_per_annotation_reasons(
    sample_library: Library,
) -> None:
    quote = sample_library.store.article(sample_library.store.summaries()[0].id).text[:30]
    good = {
        "type": "Annotation",
        "bodyValue": "kept",
        "target": {
            "source": "urn:nowhere",
            "selector": {"type": "TextQuoteSelector", "exact": quote},
        },
    }
    hostile = [
        {"type": 5, "target": "x"},
        {**good, "id": "x:2", "motivation": {"a": 1}, "body": {"purpose": {"b": 2}, "value": "v"}},
        {
            "type": "Annotation",
            "target": {
                "selector": {"type": ["TextPositionSelector", 5], "start": "9" * 4300, "end": 2}
            },
        },
        {"type": "Annotation", "target": [[{"a": {}}]], "created": {"x": 1}},
        good,
    ]
    report = import_data(sample_library, hostile)
    assert report.added == 2 and len(report.unmatched) == 3
    with pytest.raises(AnnotationImportError):
        import_data(sample_library, [[1, 2], 3])
