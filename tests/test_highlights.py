"""Highlights in the store: create, edit, delete/restore, re-anchor on re-import, CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotations import highlights as hl
from reader.core.library import Library


def _article(library: Library, prefix: str) -> int:
    return library.store.resolve_article(prefix)


def test_add_trims_spaces_and_stores_quote_with_context(sample_library: Library) -> None:
    store = sample_library.store
    aid = _article(sample_library, "The United States and Japan are deep")
    text = store.article(aid).text
    start, end = hl.find_quote(text, "Joint Force Headquarters", occurrence=1)
    assert text[start - 1] == " "  # a selection that took the space before: trimmed
    made = hl.add_highlight(store, aid, start - 1, end, ["command-structure"], "Key change")
    assert (made.start, made.end) == (start, end) and made.quote == "Joint Force Headquarters"
    assert text[made.start : made.end] == made.quote
    assert made.suffix == text[end : end + len(made.suffix)] and 0 < len(made.suffix) <= 32
    assert made.prefix == text[start - len(made.prefix) : start] and 0 < len(made.prefix) <= 32
    assert made.themes == ("command-structure",) and made.note == "Key change"
    assert hl.highlights_for(store, aid) == [made]
    assert store.summaries(aid)[0].highlights == 1
    assert store.summaries(aid)[0].themes == ("command-structure",)


def test_edits_delete_and_restore_keep_identity(sample_library: Library) -> None:
    store = sample_library.store
    aid = _article(sample_library, "U.S. Forces Partner")
    text = store.article(aid).text
    made = hl.add_highlight(store, aid, *hl.find_quote(text, "game-changer"))
    hl.set_note(store, made.id, "Quote from officials")
    hl.set_themes(store, made.id, ["alliance", "command-structure", "alliance"])
    edited = hl.highlight(store, made.id)
    assert edited.note == "Quote from officials"
    assert edited.themes == ("alliance", "command-structure")
    old = hl.delete_highlight(store, made.id)
    assert hl.highlights_for(store, aid) == []
    back = hl.restore(store, old)
    assert back == edited


def test_bad_requests_are_refused(sample_library: Library) -> None:
    store = sample_library.store
    aid = _article(sample_library, "U.S. Forces Partner")
    text = store.article(aid).text
    with pytest.raises(hl.HighlightError):
        hl.add_highlight(store, aid, 10, 10)
    with pytest.raises(hl.HighlightError):
        hl.add_highlight(store, aid, 0, len(text) + 5)
    with pytest.raises(hl.HighlightError, match="occurs"):
        hl.find_quote(text, "the")
    with pytest.raises(hl.HighlightError, match="not in the article"):
        hl.find_quote(text, "no such passage anywhere")


def test_reimport_reanchors_and_orphans(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Alliance Upgrade Announced\n\nThe command will move to Tokyo next year. "
        "Officials praised the AMRAAM co-production deal.\n\nA third paragraph "
        "about Okinawa bases and local concerns."
    )
    aid = empty_library.import_paths([path]).outcomes[0].article_id or 0
    store = empty_library.store
    text = store.article(aid).text
    kept = hl.add_highlight(store, aid, *hl.find_quote(text, "AMRAAM co-production deal"))
    lost = hl.add_highlight(
        store, aid, *hl.find_quote(text, "Okinawa bases and local concerns"), note="Follow up"
    )
    path.write_text(
        "Alliance Upgrade Announced\n\nA new first paragraph pushes everything "
        "down.\n\nThe command will move to Tokyo next year. Officials praised the "
        "AMRAAM co-production deal."
    )
    outcome = empty_library.import_paths([path]).outcomes[0]
    assert outcome.status == "updated" and "1 highlight(s) no longer found" in outcome.reason
    new_text = store.article(aid).text
    moved = hl.highlight(store, kept.id)
    assert new_text[moved.start or 0 : moved.end or 0] == "AMRAAM co-production deal"
    orphan = hl.highlight(store, lost.id)
    assert orphan.orphan and orphan.note == "Follow up" and orphan.quote == lost.quote


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def test_cli_highlight_and_show(tmp_path: Path) -> None:
    lib = str(tmp_path / "lib")
    story = tmp_path / "s.txt"
    story.write_text(
        "Missile Deal Signed\n\nJapan will co-produce AMRAAM missiles. The AMRAAM "
        "deal follows the SM-6 talks."
    )
    _cli("--library", lib, "import", str(story))
    ambiguous = _cli("--library", lib, "highlight", "Missile", "--quote", "AMRAAM")
    assert ambiguous.returncode == 1 and "--occurrence" in ambiguous.stderr
    made = _cli(
        "--library",
        lib,
        "highlight",
        "Missile",
        "--quote",
        "AMRAAM",
        "--occurrence",
        "2",
        "--theme",
        "missile-co-production",
        "--note",
        "<script>alert(1)</script>",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    created = json.loads(made.stdout)
    shown = json.loads(_cli("--library", lib, "show", "Missile", "--json").stdout)
    (h,) = shown["highlights"]
    assert h["id"] == created["id"] and h["orphan"] is False
    assert shown["text"][h["start"] : h["end"]] == h["quote"] == "AMRAAM"
    assert h["start"] == shown["text"].index("AMRAAM", shown["text"].index("AMRAAM") + 1)
    assert h["themes"] == ["missile-co-production"] and h["note"] == "<script>alert(1)</script>"
    found = json.loads(_cli("--library", lib, "search", "note:alert", "--json").stdout)
    assert found["total"] == 1  # the note is searchable at once
