"""Issue 16 items 3 and 6 in the window: hostile links and markup stay text, and a
broken themes.yaml still opens on the last good themes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui.models.library_model import Column
from reader.ui.window.main_window import MainWindow
from tests.fault_inputs import BROKEN_THEMES, GOOD_THEMES
from tests.gui_helpers import isolate_settings, open_main_window

BODY = (
    "Tokyo and Washington agreed on Thursday to upgrade the alliance's command structure.\n\n"
    "The plan gives the joint headquarters new authority over exercises and logistics."
)
HOSTILE_TITLE = "<img src='file:///etc/hosts'><b style='color:red'>WARNING</b> Fake"


@pytest.fixture
def opened(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the desktop was asked to open (nothing is really opened)."""
    isolate_settings(tmp_path / "config")
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()))
    return urls


def _window_with(qtbot: QtBot, tmp_path: Path, files: dict[str, str]) -> MainWindow:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Library.open(tmp_path / "library") as library:
        report = library.import_paths(sorted(folder.iterdir()))
    assert all(o.status == "imported" for o in report.outcomes), report.outcomes
    return open_main_window(qtbot, tmp_path / "library", seeded=False)


def _open(window: MainWindow, title_start: str) -> None:
    for row in window.library.store.summaries():
        if row.title.startswith(title_start):
            window.open_article(row.id)
            return
    raise AssertionError(title_start)


def _click_link(qtbot: QtBot, label: QLabel) -> None:
    """Click at the start of a label's text, where its link (if any) begins."""
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(4, label.height() // 2))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///usr/bin/xcalc"])
def test_a_hostile_url_and_title_are_shown_as_text(
    qtbot: QtBot, tmp_path: Path, opened: list[str], url: str
) -> None:
    window = _window_with(
        qtbot, tmp_path, {"a.md": f'---\ntitle: "{HOSTILE_TITLE}"\nurl: {url}\n---\n{BODY}'}
    )
    _open(window, "<img")
    details = window.details
    assert details.title.textFormat() == Qt.TextFormat.PlainText
    assert details.title.text() == HOSTILE_TITLE  # shown as written, not rendered
    field = details.fields["url"]  # the address is an editable field: text, never a link
    assert field.text() == url
    assert details.open_link.isHidden()  # no "Open in browser" for a non-web address
    _click_link(qtbot, field)
    assert opened == []
    path_label = details.values["path"]
    assert "<a" not in path_label.text()
    _click_link(qtbot, path_label)
    assert opened == []
    row = next(
        r
        for r in range(window.library_model.rowCount())
        if window.library_model.index(r, 0).data().startswith("<img")
    )
    tip = window.library_model.index(row, Column.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip  # escaped inside forced rich text
    window.close()


def test_an_https_link_opens_through_the_safe_handler(
    qtbot: QtBot, tmp_path: Path, opened: list[str]
) -> None:
    window = _window_with(
        qtbot, tmp_path, {"b.md": f"---\ntitle: Safe Link\nurl: https://example.org/a\n---\n{BODY}"}
    )
    _open(window, "Safe Link")
    window.side.setCurrentWidget(window.details)
    button = window.details.open_link
    assert not button.isHidden()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl("https://example.org/a").toString()]
    window.close()


@pytest.mark.parametrize("broken", ["nul", "bel", "deep"])
def test_window_opens_on_the_last_good_themes(
    qtbot: QtBot, tmp_path: Path, opened: list[str], broken: str
) -> None:
    library = tmp_path / "library"
    first = open_main_window(qtbot, library, seeded=False)
    (library / "themes.yaml").write_text(GOOD_THEMES, encoding="utf-8")
    assert [t.id for t in first.library.taxonomy.themes] == ["alpha"]  # read: kept
    first.close()
    (library / "themes.yaml").write_text(BROKEN_THEMES[broken], encoding="utf-8")
    window = open_main_window(qtbot, library, seeded=False)  # a new window, as on restart
    assert [t.id for t in window.themes.taxonomy.themes] == ["alpha"]
    banner = window.library_pane.themes.problem
    assert banner.isVisible() and "themes.yaml:" in banner.text()
    window.close()


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://example.org", True),
        ("mailto:someone@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("file:///usr/bin/xcalc", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("http:/no-host", False),
        ("//example.org/no-scheme", False),
        ("https://example.org\\@evil.test", False),
        ("https://exa\nmple.org", False),
        ("", False),
    ],
)
def test_only_web_and_mail_links_are_made(url: str, safe: bool) -> None:
    from reader.ui.look.plain import is_safe_link, link_html

    assert is_safe_link(url) is safe
    assert ("<a " in link_html(url)) is safe


def test_plain_html_shows_markup_as_text() -> None:
    from reader.ui.look.plain import plain_html

    assert plain_html("") == ""
    shown = plain_html("<img src=x>\n& more")
    assert "<img" not in shown and "&lt;img src=x&gt;\n&amp; more" in shown
