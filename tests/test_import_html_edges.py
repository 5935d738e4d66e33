"""HTML import at the edges: legacy encodings, broken or odd files, title heuristics.

The page-by-page checks of the saved-page fixtures are in ``test_import_html.py``.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.core.importing.html_meta import declared_codec
from reader.core.importing.importer import import_paths
from reader.core.store import Store

DATA = Path(__file__).parent / "data" / "html"


def test_legacy_encodings_are_really_legacy() -> None:
    """Guard the fixtures: the Japanese and cp1252 pages must not be UTF-8 files."""
    for name, codec in (
        ("ja_shift_jis.html", "cp932"),
        ("ja_euc_jp.html", "euc_jp"),
        ("cp1252_curly.html", "cp1252"),
    ):
        data = (DATA / name).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert declared_codec(data[:1024]) == codec


def test_declared_charset_wins_over_a_guess(tmp_path: Path) -> None:
    """A short Shift_JIS page: too little text to guess from, but it says what it is."""
    body = (
        "<p>日米防衛相会談、統合司令部の連携を確認。</p>"
        "<p>防衛相は記者団に対し、同盟の抑止力を強化すると述べた。米側も歓迎した。</p>"
    )
    head = '<meta charset="shift_jis"><title>日米会談</title>'
    page = f"<html><head>{head}</head><body>{body}</body></html>"
    (tmp_path / "short.html").write_bytes(page.encode("shift_jis"))
    store = Store(tmp_path / "s.sqlite3")
    report = import_paths(store, [tmp_path / "short.html"])
    (outcome,) = report.outcomes
    assert outcome.status == "imported", outcome.reason
    article = store.article(outcome.article_id or 0)
    assert article.title == "日米会談"
    assert "統合司令部の連携を確認" in article.text


def test_utf8_page_with_a_stale_latin1_declaration(tmp_path: Path) -> None:
    """Re-saved as UTF-8 with the old ``charset=iso-8859-1`` left in: UTF-8 wins."""
    text = (
        "<p>The minister’s visit to Tokyo — the first in a year — ended on Sunday with a "
        "statement on command ties and co-production of missiles by both countries.</p>"
    )
    page = f'<html><head><meta charset="iso-8859-1"><title>Visit</title></head><body>{text * 2}'
    (tmp_path / "stale.html").write_text(page, encoding="utf-8")
    store = Store(tmp_path / "s.sqlite3")
    (outcome,) = import_paths(store, [tmp_path / "stale.html"]).outcomes
    assert outcome.status == "imported", outcome.reason
    assert "minister’s visit to Tokyo — the first" in store.article(outcome.article_id or 0).text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.html", b""),
        ("blank.html", b"  \n\t\n"),
        ("binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        ("noise.html", bytes((i * 37 + 11) % 256 for i in range(3000)).replace(b"\x00", b"")),
        ("tags_only.html", b"<html><head><title>x</title></head><body><div></div></body></html>"),
    ],
)
def test_bad_html_files_fail_with_a_one_line_reason(
    tmp_path: Path,
    name: str,
    content: bytes,
) -> None:
    (tmp_path / name).write_bytes(content)
    store = Store(tmp_path / "s.sqlite3")
    report = import_paths(store, [tmp_path / name])
    (outcome,) = report.outcomes
    assert outcome.status == "failed"
    assert outcome.reason and "\n" not in outcome.reason
    assert store.article_count() == 0


def test_truncated_page_imports_what_it_has(tmp_path: Path) -> None:
    """A download cut off mid-article (and mid-tag) still yields its first paragraphs."""
    data = (DATA / "newspaper_article.html").read_bytes()
    cut = data.index(b"The upgrade will be phased.") - 30
    (tmp_path / "cut.html").write_bytes(data[:cut])
    store = Store(tmp_path / "s.sqlite3")
    (outcome,) = import_paths(store, [tmp_path / "cut.html"]).outcomes
    assert outcome.status == "imported", outcome.reason
    article = store.article(outcome.article_id or 0)
    assert article.title.startswith("U.S. and Japan to upgrade command ties")
    assert "Japan’s new Joint Operations Command" in article.text


def test_gzipped_page_saved_by_a_download_tool(tmp_path: Path) -> None:
    data = gzip.compress((DATA / "wire_service.html").read_bytes())
    (tmp_path / "wire.html").write_bytes(data)
    store = Store(tmp_path / "s.sqlite3")
    (outcome,) = import_paths(store, [tmp_path / "wire.html"]).outcomes
    assert outcome.status == "imported", outcome.reason
    assert outcome.title == "Japan, U.S. agree to co-produce air-to-air missiles to ease shortages"


LEAD = (
    "<p>{}</p><p>The two governments said the change would take effect in stages, with the "
    "first steps due before the end of the year and more to follow once funding is "
    "approved by lawmakers in Washington.</p>"
)


def _parse(html: str) -> tuple[str, str]:
    from reader.core.importing.parsers import parse_html

    draft = parse_html(html.encode("utf-8"), Path("page.html"))
    return draft.title, draft.text


def test_logo_heading_is_not_taken_for_the_headline() -> None:
    html = (
        "<html><head><title>Allies agree on command ties - Ryukyu Current</title></head>"
        "<body><h1>Ryukyu Current</h1><div>"
        + LEAD.format("Officials met on Monday.")
        + "</div></body></html>"
    )
    assert _parse(html)[0] == "Allies agree on command ties"


def test_site_name_as_og_title_is_ignored() -> None:
    html = (
        '<html><head><meta property="og:title" content="The Harbor Times">'
        '<meta property="og:site_name" content="The Harbor Times">'
        "<title>Allies agree on command ties | The Harbor Times</title></head><body>"
        "<article><h1>Allies agree on command ties</h1>"
        + LEAD.format("Officials met.")
        + "</article></body></html>"
    )
    assert _parse(html)[0] == "Allies agree on command ties"


def test_a_lead_paragraph_with_a_date_is_text_not_a_dateline() -> None:
    lead = "On March 3, 2025, the allies agreed to upgrade their command ties."
    html = (
        "<html><head><title>Allies agree</title></head><body><article><h1>Allies agree</h1>"
        + LEAD.format(lead)
        + "</article></body></html>"
    )
    assert _parse(html)[1].startswith(lead)
