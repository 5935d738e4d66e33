"""Feeds against a local server: new entries once, changes in place, dead feeds reported."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations.highlights import add_highlight, find_quote, highlights_for
from reader.core.feeds import accept_theme_suggestion, dismiss_theme_suggestion, theme_suggestions
from reader.core.importing import fetch
from reader.core.library import Library, LibraryLocation
from tests.test_import_web import PARAGRAPHS, page
from tests.web_server import Route, WebServer


def rss(
    server: WebServer, items: list[tuple[str, str, str]], title: str = "Alliance Wire"
) -> bytes:
    entries = "".join(
        f"<item><title>{path}</title><link>{server.url(path)}</link>"
        f"<guid isPermaLink='false'>{guid}</guid><pubDate>{stamp}</pubDate></item>"
        for path, guid, stamp in items
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>{server.url('/')}</link>{entries}</channel></rss>"
    ).encode()


def conditional(etag: str) -> object:
    """An answer that honours If-None-Match for the route's current ETag."""

    def answer(handler: BaseHTTPRequestHandler, route: Route) -> bool:
        if handler.headers.get("If-None-Match") == route.headers.get("ETag"):
            handler.send_response(304)
            handler.end_headers()
            return True
        return False

    return answer


@pytest.fixture(autouse=True)
def quick_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 1.0)
    monkeypatch.setattr(fetch, "RETRY_PAUSE", 0.01)


def run(lib: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, object]:
    capsys.readouterr()
    code = main(["--library", str(lib), "--json", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


STAMP1 = "Tue, 29 Jul 2025 08:00:00 GMT"
STAMP2 = "Wed, 30 Jul 2025 09:30:00 GMT"


def test_update_imports_new_entries_once_and_changed_ones_in_place(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    first = [
        "A second story about the alliance, with enough words to be an article.",
        *PARAGRAPHS[1:],
    ]
    web.routes["/a"] = Route(body=page())
    web.routes["/b"] = Route(body=page(first, "Second story"))
    feed = Route(
        body=rss(web, [("/a", "guid-a", STAMP1), ("/b", "guid-b", STAMP1)]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"'},
    )
    feed.handler = conditional('"v1"')  # type: ignore[assignment]
    web.routes["/feed.xml"] = feed
    code, added = run(
        lib, "feeds", "add", web.url("/feed.xml"), "--theme", "alliance", capsys=capsys
    )
    assert code == 0 and added["title"] == "Alliance Wire"  # type: ignore[index]

    code, result = run(lib, "feeds", "update", "--all", capsys=capsys)
    assert code == 0
    assert (result[0]["imported"], result[0]["updated"]) == (2, 0)  # type: ignore[index]

    # a re-run asks conditionally, gets 304, imports nothing
    code, result = run(lib, "feeds", "update", "--all", capsys=capsys)
    assert code == 0 and result[0]["not_modified"] and result[0]["imported"] == 0  # type: ignore[index]
    assert web.requests[-1][1].get("If-None-Match") == '"v1"'

    # highlight the first article, then the feed changes: /a is edited, /c is new
    library = Library.open(LibraryLocation(lib, explicit=True))
    (a_id,) = [s.id for s in library.store.summaries() if s.url == web.url("/a")]
    quote = "expand co-production of AMRAAM missiles"
    start, end = find_quote(library.store.article(a_id).text, quote, None)
    add_highlight(library.store, a_id, start, end, [], "")
    library.close()
    web.routes["/a"].body = page(
        ["Correction: an earlier version misdated the talks.", *PARAGRAPHS]
    )
    web.routes["/c"] = Route(
        body=page(
            ["A third story entirely, long enough to count as prose.", *PARAGRAPHS[2:]], "Third"
        )
    )
    feed.body = rss(
        web, [("/a", "guid-a", STAMP2), ("/b", "guid-b", STAMP1), ("/c", "guid-c", STAMP2)]
    )
    feed.headers["ETag"] = '"v2"'
    code, result = run(lib, "feeds", "update", "1", capsys=capsys)
    assert code == 0
    assert (result[0]["imported"], result[0]["updated"]) == (1, 1)  # type: ignore[index]
    assert web.routes["/b"].hits == 1  # an unchanged entry's page is not fetched again

    library = Library.open(LibraryLocation(lib, explicit=True))
    (mark,) = highlights_for(library.store, a_id)
    assert library.store.article(a_id).text[mark.start : mark.end] == quote
    assert library.store.article_count() == 3
    # the feed's theme is a suggestion on its articles, never a silent tag
    assert theme_suggestions(library.store, a_id) == [("alliance", "feed:1")]
    assert next(s for s in library.store.summaries() if s.id == a_id).themes == ()
    accept_theme_suggestion(library.store, a_id, "alliance")
    assert next(s for s in library.store.summaries() if s.id == a_id).themes == ("alliance",)
    assert theme_suggestions(library.store, a_id) == []
    library.close()

    code, listed = run(lib, "feeds", "list", capsys=capsys)
    assert listed[0]["entries"] == 3 and listed[0]["articles"] == 3  # type: ignore[index]


def test_without_validators_seen_guids_still_import_nothing_twice(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    web.routes["/a"] = Route(body=page())
    web.routes["/one.xml"] = Route(body=rss(web, [("/a", "g1", STAMP1)]), content_type="text/xml")
    web.routes["/two.xml"] = Route(
        body=rss(web, [("/a", "other", STAMP1)], "Other"), content_type="text/xml"
    )
    assert run(lib, "feeds", "add", web.url("/one.xml"), capsys=capsys)[0] == 0
    assert run(lib, "feeds", "add", web.url("/two.xml"), capsys=capsys)[0] == 0
    for _ in range(2):
        assert run(lib, "feeds", "update", "--all", capsys=capsys)[0] == 0
    assert web.routes["/a"].hits == 1  # the same page through two feeds: imported once
    library = Library.open(LibraryLocation(lib, explicit=True))
    assert library.store.article_count() == 1
    library.close()


def test_a_dead_feed_is_reported_and_the_others_still_update(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    web.routes["/a"] = Route(body=page())
    web.routes["/live.xml"] = Route(
        body=rss(web, [("/a", "g1", STAMP1)]), content_type="application/rss+xml"
    )
    web.routes["/dying.xml"] = Route(body=rss(web, [], "Dying"), content_type="application/rss+xml")
    assert run(lib, "feeds", "add", web.url("/dying.xml"), capsys=capsys)[0] == 0
    assert run(lib, "feeds", "add", web.url("/live.xml"), capsys=capsys)[0] == 0
    web.routes["/dying.xml"].status = 500
    code, result = run(lib, "feeds", "update", "--all", capsys=capsys)
    assert code == 1
    dead, live = result  # type: ignore[misc]
    assert "HTTP 500" in dead["error"] and live["imported"] == 1
    code, listed = run(lib, "feeds", "list", capsys=capsys)
    assert "HTTP 500" in listed[0]["error"] and listed[1]["error"] is None  # type: ignore[index]
    del web.routes["/dying.xml"]
    code, result = run(lib, "feeds", "update", "Dying", capsys=capsys)
    assert code == 1 and "HTTP 404" in result[0]["error"]  # type: ignore[index]


def test_adding_something_that_is_not_a_feed_fails_in_one_line(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web.routes["/page"] = Route(body=page())
    code = main(["--library", str(tmp_path / "lib"), "feeds", "add", web.url("/page")])
    err = capsys.readouterr().err
    assert code == 1 and "not an RSS or Atom feed" in err and err.count("\n") == 1


def test_update_needs_feeds_or_all_and_remove_keeps_articles(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    web.routes["/a"] = Route(body=page())
    web.routes["/f.xml"] = Route(
        body=rss(web, [("/a", "g", STAMP1)]), content_type="application/rss+xml"
    )
    assert main(["--library", str(lib), "feeds", "update"]) == 2
    assert run(lib, "feeds", "add", web.url("/f.xml"), capsys=capsys)[0] == 0
    assert run(lib, "feeds", "update", "--all", capsys=capsys)[0] == 0
    assert run(lib, "feeds", "remove", "1", capsys=capsys)[0] == 0
    assert run(lib, "feeds", "list", capsys=capsys)[1] == []
    library = Library.open(LibraryLocation(lib, explicit=True))
    assert library.store.article_count() == 1
    library.close()


def test_a_dismissed_theme_suggestion_stays_dismissed(sample_library: Library) -> None:
    store = sample_library.store
    article_id = store.article_ids()[0]
    with store.transaction() as db:
        db.execute(
            "INSERT INTO article_theme_suggestions (article_id, theme_id, source) VALUES (?, ?, ?)",
            (article_id, "taiwan", "feed:1"),
        )
    dismiss_theme_suggestion(store, article_id, "taiwan")
    assert theme_suggestions(store, article_id) == []
