"""W3C Web Annotation JSON: valid against the annotation-model test suite's MUST
assertions, and lossless when imported into a fresh library with the same articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.annotations import highlights as hl
from reader.core.annotations.import_annotations import (
    AnnotationImportError,
    import_annotations,
    import_data,
)
from reader.core.export import export
from reader.core.library import Library, LibraryLocation
from tests.export_helpers import W3C_TESTS, Annotated, annotate


@pytest.fixture
def annotated(sample_library: Library) -> Annotated:
    return annotate(sample_library)


@pytest.fixture
def fresh_library(tmp_path: Path) -> Iterator[Library]:
    """Another library holding the same sample articles, but no highlights."""
    library = Library.open(LibraryLocation(tmp_path / "fresh", explicit=False))
    yield library
    library.close()


needs_suite = pytest.mark.skipif(
    not (W3C_TESTS / "definitions").is_dir(),
    reason=f"the W3C annotation-model tests are not at {W3C_TESTS} (../shared/)",
)


def _exported(data: Annotated, tmp_path: Path) -> dict[str, Any]:
    out = export(data.library, "json", tmp_path / "notes.json")
    result: dict[str, Any] = json.loads(out.paths[0].read_text(encoding="utf-8"))
    return result


def _musts(test_file: str) -> list[tuple[str, dict[str, Any]]]:
    """The assertion schemas a ``.test`` file lists (all of them are MUSTs)."""
    listing = json.loads((W3C_TESTS / test_file).read_text(encoding="utf-8"))
    return [
        (name, json.loads((W3C_TESTS / name).read_text(encoding="utf-8")))
        for name in listing["assertions"]
    ]


def _failures(instance: object, test_file: str) -> list[str]:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in sorted((W3C_TESTS / "definitions").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, DRAFT4)))
    registry: Registry[Any] = Registry().with_resources(resources)
    failed = []
    for name, schema in _musts(test_file):
        assert schema.get("assertionType", "must") == "must", name
        validator = jsonschema.Draft4Validator(
            schema, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
        )
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(f"{name}: {schema.get('errorMessage', '')}")
    return failed


@needs_suite
def test_collection_page_and_annotations_pass_the_must_assertions(
    annotated: Annotated, tmp_path: Path
) -> None:
    import jsonschema

    assert "uri" in jsonschema.Draft4Validator.FORMAT_CHECKER.checkers  # rfc3987 installed
    assert "date-time" in jsonschema.Draft4Validator.FORMAT_CHECKER.checkers
    data = _exported(annotated, tmp_path)
    assert _failures(data, "collections/collectionMusts.test") == []
    # The page musts take "an Annotation Collection with an embedded Page".
    assert _failures(data, "collections/pages/pageMusts.test") == []
    items = data["first"]["items"]
    assert len(items) == len(annotated.highlights) + 1  # + the article note
    for item in items:
        assert _failures(item, "annotations/annotationMusts.test") == [], item["id"]


@needs_suite
def test_the_suite_catches_a_broken_annotation() -> None:
    """The validation really validates: a wrong @context and a bad id fail."""
    broken = {
        "@context": "http://example.org/ctx",
        "id": "not a uri",
        "type": "Annotation",
        "target": "http://example.org/a",
    }
    failed = _failures(broken, "annotations/annotationMusts.test")
    assert any("Context" in f for f in failed) and any("IdValidated" in f for f in failed)


def test_mapping(annotated: Annotated, tmp_path: Path) -> None:
    data = _exported(annotated, tmp_path)
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 6
    by_id = {item["id"]: item for item in data["first"]["items"]}
    first = annotated.highlights[0]
    item = by_id[
        f"urn:uuid:{first.uid[:8]}-{first.uid[8:12]}-{first.uid[12:16]}-"
        f"{first.uid[16:20]}-{first.uid[20:]}"
    ]
    article = annotated.library.store.article(first.article_id)
    assert item["target"]["source"] == f"urn:sha256:{article.content_hash}"
    quote, position = item["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": first.quote,
        "prefix": first.prefix,
        "suffix": first.suffix,
    }
    assert position == {"type": "TextPositionSelector", "start": first.start, "end": first.end}
    assert article.text[position["start"] : position["end"]] == quote["exact"]
    bodies = item["body"]
    assert bodies[0] == {
        "type": "TextualBody",
        "purpose": "commenting",
        "value": first.note,
        "format": "text/plain",
    }
    assert [(b["purpose"], b.get("value") or b["source"]) for b in bodies[1:]] == [
        ("tagging", "Command structure"),
        ("tagging", "Joint exercises and readiness"),
        ("classifying", "urn:research-reader:theme:command-structure"),
        ("classifying", "urn:research-reader:theme:joint-exercises-readiness"),
    ]
    assert item["created"] == first.created_at and item["modified"] == first.modified_at
    orphan = annotated.highlights[-1]
    orphan_item = next(
        i
        for i in by_id.values()
        if i.get("target", {}).get("selector")
        and i["target"]["selector"][0]["exact"] == orphan.quote
        and len(i["target"]["selector"]) == 1
    )
    assert orphan_item["body"][0]["value"] == "orphaned note"


def _snapshot(library: Library) -> dict[str, tuple[object, ...]]:
    return {
        h.uid: (
            library.store.article(h.article_id).content_hash,
            h.start,
            h.end,
            h.quote,
            h.prefix,
            h.suffix,
            h.note,
            h.themes,
            h.created_at,
            h.modified_at,
        )
        for h in hl.all_highlights(library.store)
    }


def test_round_trip_into_a_fresh_library_is_lossless(
    annotated: Annotated, tmp_path: Path, fresh_library: Library
) -> None:
    path = export(annotated.library, "json", tmp_path / "notes.json").paths[0]
    report = import_annotations(fresh_library, path)
    assert (report.added, report.orphaned, report.article_notes) == (5, 1, 1)
    assert report.unmatched == [] and report.themes_added == []
    assert _snapshot(fresh_library) == _snapshot(annotated.library)
    article = annotated.highlights[0].article_id
    assert fresh_library.store.article(article).note == annotated.article_note
    again = import_annotations(fresh_library, path)  # idempotent
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert _snapshot(fresh_library) == _snapshot(annotated.library)


def test_themes_missing_from_the_taxonomy_are_added(
    annotated: Annotated, tmp_path: Path, empty_library: Library
) -> None:
    from reader.core.assets import seed_files

    empty_library.import_paths(seed_files())
    path = export(annotated.library, "json", tmp_path / "notes.json").paths[0]
    report = import_annotations(empty_library, path)
    assert report.added == 5 and report.unmatched == []
    assert set(report.themes_added) == {
        "command-structure",
        "joint-exercises-readiness",
        "china",
        "missile-co-production",
        "regional-reactions",
    }
    taxonomy = empty_library.taxonomy
    assert taxonomy.get("china") is not None and taxonomy.get("china").name == "China"
    assert _snapshot(empty_library) == _snapshot(annotated.library)


def test_foreign_annotations_match_by_quote_and_report_unknown_articles(
    sample_library: Library,
) -> None:
    text = sample_library.store.article(1).text
    start = text.index("Self-Defense Forces")
    data = [
        {  # another tool: unknown source URL, a single selector object, bodyValue, a tag
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "https://example.org/anno/1",
            "type": "Annotation",
            "bodyValue": "from elsewhere",
            "target": {
                "source": "https://example.org/page",
                "selector": {
                    "type": "TextQuoteSelector",
                    "exact": "Self-Defense Forces",
                    "prefix": text[start - 10 : start],
                },
            },
        },
        {
            "type": "Annotation",
            "id": "https://example.org/anno/2",
            "body": {"type": "TextualBody", "purpose": "tagging", "value": "China"},
            "target": {
                "source": "https://example.org/other",
                "selector": [{"type": "TextQuoteSelector", "exact": "not in any article"}],
            },
        },
        {"type": "Annotation", "id": "https://example.org/anno/3", "target": []},
    ]
    report = import_data(sample_library, {"type": "AnnotationPage", "items": data})
    assert report.added == 1
    assert [u.id for u in report.unmatched] == [
        "https://example.org/anno/3",
        "https://example.org/anno/2",
    ]
    made = hl.highlights_for(sample_library.store, 1)[0]
    assert (made.start, made.quote, made.note) == (start, "Self-Defense Forces", "from elsewhere")
    assert import_data(sample_library, data).unchanged == 1  # stable uid from the id


def test_unanchorable_annotation_is_kept_as_an_orphan(sample_library: Library) -> None:
    article = sample_library.store.article(2)
    data = {
        "type": "Annotation",
        "id": "urn:uuid:12345678-1234-5678-1234-567812345678",
        "body": [{"type": "TextualBody", "value": "kept"}],
        "target": {
            "source": f"urn:sha256:{article.content_hash}",
            "selector": [
                {"type": "TextQuoteSelector", "exact": "a passage since deleted from the article"}
            ],
        },
    }
    report = import_data(sample_library, data)
    assert (report.added, report.orphaned) == (1, 1)
    (made,) = hl.highlights_for(sample_library.store, 2)
    assert made.orphan and made.note == "kept" and made.uid == "12345678123456781234567812345678"


def test_not_annotation_json_is_refused(sample_library: Library, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(AnnotationImportError):
        import_annotations(sample_library, bad)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(AnnotationImportError):
        import_annotations(sample_library, bad)


def test_target_is_the_url_when_known_with_the_hash_kept(
    annotated: Annotated, tmp_path: Path
) -> None:
    store = annotated.library.store
    with store.transaction() as db:
        db.execute("UPDATE articles SET url = ? WHERE id = 1", ("https://example.org/a1",))
    article = store.article(1)
    items = _exported(annotated, tmp_path)["first"]["items"]
    on_first = [i for i in items if i["target"]["source"] == "https://example.org/a1"]
    assert len(on_first) == 3  # the article note and two highlights
    for item in on_first:
        assert item["target"]["state"]["cached"] == f"urn:sha256:{article.content_hash}"
        if (W3C_TESTS / "definitions").is_dir():
            assert _failures(item, "annotations/annotationMusts.test") == [], item["id"]
    assert not any(
        i["target"]["source"].startswith("urn:sha256:" + article.content_hash) for i in items
    )
