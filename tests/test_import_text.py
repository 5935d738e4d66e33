"""Importing plain-text and Markdown articles: metadata, encodings, bad input, re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.importing.importer import MAX_FILE_BYTES, import_paths
from reader.core.importing.textnorm import canonical_text
from reader.core.library import Library

JAPANESE = (
    "日米同盟の指揮統制を強化する。防衛省は統合作戦司令部を新設した。\n\n"
    "在日米軍は統合軍司令部へ移行する。"
)


def _titles(library: Library) -> dict[str, str]:
    return {Path(s.path or "").name[:3]: s.title for s in library.store.summaries()}


def test_seeds_import_with_titles_and_dates(sample_library: Library) -> None:
    rows = {Path(s.path or "").name[:3]: s for s in sample_library.store.summaries()}
    assert sorted(rows) == ["000", "001", "002", "003", "004"]
    assert rows["000"].title == (
        "U.S. Forces Partner with Japan's Self-Defense Forces to Enhance Crisis Readiness"
    )
    assert rows["000"].date == "2025-07-17"
    # Seed 001 has no title line: derive one from the first sentence, not blank.
    assert rows["001"].title == (
        "The United States and Japan are deepening their defense "
        "partnership as regional security concerns intensify"
    )
    assert rows["001"].source == "US Department of Defense"
    assert rows["002"].title.startswith("New Security Era: Japan, U.S. Deepen Cooperation")
    assert rows["002"].date == "2025-12-10"  # "Dec. 10, 2025" in the photo caption
    assert rows["003"].date is None and rows["004"].date is None
    assert all(r.title and len(r.title) <= 111 for r in rows.values())


def test_seed_metadata_lines_leave_the_text(sample_library: Library) -> None:
    store = sample_library.store
    first = store.article(store.resolve_article("U.S. Forces Partner"))
    assert first.categories == ("Defence & Security",)
    assert "Categories" not in first.text and "July 17, 2025" not in first.text
    assert first.text.startswith("The United States military has begun")
    missile = store.article(store.resolve_article("The United States and Japan are deepening"))
    assert "Sources:" not in missile.text


def test_lone_bullet_markers_join_the_next_line(sample_library: Library) -> None:
    store = sample_library.store
    text = store.article(store.resolve_article("The United States and Japan are deep")).text
    assert (
        "- Stronger crisis response – The headquarters will improve coordination "
        "between U.S. and Japanese forces in real time."
    ) in text
    assert "\n-\n" not in text and "\n\n-\n" not in text


def test_pipe_table_rows_stay_together(sample_library: Library) -> None:
    store = sample_library.store
    text = store.article(store.resolve_article("The United States and Japan are deep")).text
    assert (
        "Development | Security Benefits |\n---|---|\nAMRAAM missile production | "
        "Enhances air defense and interception capabilities |"
    ) in text


def test_page_furniture_is_dropped(sample_library: Library) -> None:
    store = sample_library.store
    last = store.article(store.resolve_article("Recent high-level security talks"))
    assert "Leave a Reply" not in last.text
    assert last.text.endswith("prosperity in the Asia-Pacific region.")


def test_canonical_text_is_idempotent_and_keeps_paragraphs() -> None:
    raw = "Title line here\r\n\r\nFirst para.\r\nSecond para.\r\n\r\n\r\nThird.\n"
    once = canonical_text(raw)
    assert once == "Title line here\n\nFirst para.\n\nSecond para.\n\nThird."
    assert canonical_text(once) == once


def test_hard_wrapped_paragraphs_are_unwrapped() -> None:
    line = "Japan and the United States agreed on Tuesday to upgrade the command"
    raw = "\n".join([line, line, line + ".", "", line, line + "."])
    paragraphs = canonical_text(raw).split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0] == " ".join([line, line, line + "."])


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("shift_jis", JAPANESE),
        ("euc_jp", JAPANESE),
        (
            "cp1252",
            "The minister’s “deterrence” remarks — café, naïve, 5 €.\n\nA second paragraph.",
        ),
        ("utf-16", "Alliance “command and control” upgrade.\n\nSecond paragraph — with a dash."),
        ("utf-16-le", "Alliance “command and control” upgrade, without a byte-order mark."),
        ("utf-8-sig", "UTF-8 with a BOM: 防衛協力 and “quotes”."),
        ("utf-8", "Plain UTF-8: 防衛協力 and “quotes”."),
    ],
)
def test_encodings_are_detected(
    empty_library: Library, tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    report = empty_library.import_paths([path])
    assert report.imported == 1, report.outcomes
    article = empty_library.store.article(report.outcomes[0].article_id or 0)
    whole = (
        (article.title + "\n\n" + article.text)
        if article.title not in article.text
        else article.text
    )
    assert canonical_text(text) in (article.text, whole)
    assert "\ufeff" not in article.text


def test_bad_files_are_skipped_with_reasons_and_never_stop_the_batch(
    empty_library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("A Real Headline Here\n\nThe body of a real article.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "huge.txt").write_bytes(b"")
    with open(folder / "huge.txt", "r+b") as handle:  # sparse: no 20 MB written to disk
        handle.truncate(MAX_FILE_BYTES + 1)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # other types in a folder: passed over
    report = empty_library.import_paths([folder, tmp_path / "missing.txt"])
    reasons = {Path(o.path).name: o.reason for o in report.outcomes if o.status == "failed"}
    assert report.imported == 1
    assert set(reasons) == {"empty.txt", "blank.md", "binary.txt", "huge.txt", "missing.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert all("\n" not in r for r in reasons.values())
    assert empty_library.store.article_count() == 1


def test_undecodable_file_is_reported(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([0x81, 0xFF, 0xFE, 0x80, 0x9F]) * 3)
    report = empty_library.import_paths([path])
    assert report.all_failed
    assert report.outcomes[0].reason


def test_unreadable_file_is_reported(
    empty_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, which chmod cannot stop: make the read itself fail.
    path = tmp_path / "secret.txt"
    path.write_text("Headline of a secret\n\nBody text.")
    real_read = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    report = empty_library.import_paths([path])
    assert report.outcomes[0].status == "failed"
    assert report.outcomes[0].reason == "cannot read: Permission denied"


def test_duplicate_content_is_skipped_and_reported(empty_library: Library, tmp_path: Path) -> None:
    body = "Alliance Upgrade Announced\n\nTokyo and Washington agreed to upgrade the command."
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.txt").write_text(body.replace("\n", "\r\n"))  # same text, other newlines
    report = empty_library.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert [o.status for o in report.outcomes] == ["imported", "duplicate"]
    assert "same text as article" in report.outcomes[1].reason
    assert empty_library.store.article_count() == 1


def test_changed_file_updates_the_article_in_place(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Alliance Upgrade Announced\n\nFirst version of the story.")
    first = empty_library.import_paths([path]).outcomes[0]
    again = empty_library.import_paths([path]).outcomes[0]
    path.write_text("Alliance Upgrade Announced\n\nSecond, corrected version of the story.")
    changed = empty_library.import_paths([path]).outcomes[0]
    assert (first.status, again.status, changed.status) == ("imported", "unchanged", "updated")
    assert first.article_id == again.article_id == changed.article_id
    article = empty_library.store.article(first.article_id or 0)
    assert "Second, corrected" in article.text
    assert empty_library.store.article_count() == 1


def test_markdown_front_matter_and_headings(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Command Upgrade Explained\ndate: 2025-03-04\nauthor: A. Analyst\n"
        "url: https://example.org/a\ntags: [command, alliance]\n---\n"
        "# Command Upgrade Explained\n\nThe upgrade changes the **command** chain.\n\n"
        "## Why it matters\n\n- Faster decisions\n- Closer liaison\n"
    )
    article = empty_library.store.article(
        empty_library.import_paths([path]).outcomes[0].article_id or 0
    )
    assert (article.title, article.date, article.author, article.url) == (
        "Command Upgrade Explained",
        "2025-03-04",
        "A. Analyst",
        "https://example.org/a",
    )
    assert article.categories == ("command", "alliance")
    assert "#" not in article.text
    assert "- Faster decisions\n- Closer liaison" in article.text


def test_bad_front_matter_names_the_line(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: ok\ndate: [unclosed\n---\nBody of the note here.\n")
    report = empty_library.import_paths([path])
    assert report.all_failed
    assert "line" in report.outcomes[0].reason and "YAML" in report.outcomes[0].reason


def test_import_reports_progress_and_can_be_cancelled(
    empty_library: Library, tmp_path: Path
) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Headline number {i} here\n\nBody {i} of the article.")
    seen: list[tuple[int, int]] = []
    report = import_paths(
        empty_library.store,
        [tmp_path],
        progress=lambda d, t, _: seen.append((d, t)),
        cancelled=lambda: len(seen) >= 3,
    )
    assert report.cancelled and report.imported == 3
    assert seen[:3] == [(0, 5), (1, 5), (2, 5)]
