"""Importing web addresses, against a real server on 127.0.0.1 (tests/web_server.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations.highlights import add_highlight, find_quote, highlights_for
from reader.core.importing import fetch
from reader.core.library import Library
from reader.core.pages import page_starts
from tests.pdf_fixtures import make_report
from tests.web_server import Route, WebServer

PARAGRAPHS = [
    "Tokyo and Washington agreed on Tuesday to turn U.S. Forces Japan into a joint force "
    "headquarters, the largest change to the alliance's command in decades.",
    "The new headquarters will work beside Japan's Joint Operations Command, set up in "
    "March, so that both militaries can plan together in peacetime and in a crisis.",
    "Officials said the two countries would also expand co-production of AMRAAM missiles, "
    "easing shortages that the war in Ukraine has made worse.",
    "China's foreign ministry said it was seriously concerned and urged both countries to "
    "abandon what it called a Cold War mentality.",
]


def page(paragraphs: list[str] = PARAGRAPHS, title: str = "Allies upgrade command") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title} | Example News</title>"
        "<meta name='author' content='Kenji Sato'>"
        "<meta property='article:published_time' content='2025-07-29T08:00:00Z'>"
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


@pytest.fixture(autouse=True)
def quick_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 1.0)
    monkeypatch.setattr(fetch, "DEADLINE", 2.0)
    monkeypatch.setattr(fetch, "RETRY_PAUSE", 0.01)


def _one(library: Library, url: str) -> tuple[str, str, int | None]:
    outcome = library.import_paths([url]).outcomes[0]
    return outcome.status, outcome.reason, outcome.article_id


def test_cli_imports_a_web_address_and_stores_it(
    web: WebServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web.routes["/news/allies"] = Route(body=page(), headers={"Set-Cookie": "session=abc"})
    lib = str(tmp_path / "lib")
    url = web.url("/news/allies")
    assert main(["--library", lib, "--json", "import", url]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["imported"] == 1
    assert main(["--library", lib, "--json", "show", "1"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["title"] == "Allies upgrade command"
    assert shown["author"] == "Kenji Sato" and shown["date"] == "2025-07-29"
    assert shown["url"] == url and shown["path"] == url
    assert shown["text"].split("\n\n") == PARAGRAPHS
    # a clear User-Agent, and the cookie the server set is never sent back
    assert main(["--library", lib, "import", url]) == 0
    sent = [headers for path, headers in web.requests if path == "/news/allies"]
    assert len(sent) == 2
    assert all(h["User-Agent"].startswith("ResearchReader/") for h in sent)
    assert all("Cookie" not in h for h in sent)


def test_reimporting_a_changed_page_updates_it_in_place_with_highlights_reanchored(
    web: WebServer, empty_library: Library
) -> None:
    web.routes["/a"] = Route(body=page())
    status, _, article_id = _one(empty_library, web.url("/a"))
    assert status == "imported" and article_id is not None
    store = empty_library.store
    quote = "expand co-production of AMRAAM missiles"
    start, end = find_quote(store.article(article_id).text, quote, None)
    add_highlight(store, article_id, start, end, [], "check the numbers")
    assert _one(empty_library, web.url("/a"))[0] == "unchanged"
    changed = ["An editor's note was added at the top of this story.", *PARAGRAPHS]
    web.routes["/a"].body = page(changed)
    status, _, again = _one(empty_library, web.url("/a"))
    assert (status, again) == ("updated", article_id)
    (mark,) = highlights_for(store, article_id)
    text = store.article(article_id).text
    assert not mark.orphan and text[mark.start : mark.end] == quote


def test_redirects_are_followed_and_loops_are_stopped(
    web: WebServer, empty_library: Library
) -> None:
    web.routes["/final"] = Route(body=page())
    web.routes["/old"] = Route(status=301, headers={"Location": "/final"})
    web.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    status, _, article_id = _one(empty_library, web.url("/old"))
    assert status == "imported"
    assert empty_library.store.article(article_id or 0).url == web.url("/final")
    status, reason, _ = _one(empty_library, web.url("/loop"))
    assert status == "failed" and "redirect" in reason


def test_server_errors_are_retried_and_client_errors_are_not(
    web: WebServer, empty_library: Library
) -> None:
    web.routes["/gone"] = Route(status=404, body=b"no")
    web.routes["/down"] = Route(status=500, body=b"oops")
    status, reason, _ = _one(empty_library, web.url("/gone"))
    assert status == "failed" and reason.startswith("HTTP 404")
    assert web.routes["/gone"].hits == 1
    status, reason, _ = _one(empty_library, web.url("/down"))
    assert status == "failed" and "HTTP 500" in reason and "tried 3 times" in reason
    assert web.routes["/down"].hits == 3


def test_a_passing_server_error_is_retried_until_it_works(
    web: WebServer, empty_library: Library
) -> None:
    def flaky(handler: object, route: Route) -> bool:
        if route.hits == 1:
            handler.send_error(503, "Busy")  # type: ignore[attr-defined]
            return True
        return False

    web.routes["/flaky"] = Route(body=page(), handler=flaky)
    assert _one(empty_library, web.url("/flaky"))[0] == "imported"
    assert web.routes["/flaky"].hits == 2


def test_a_server_that_does_not_answer_times_out(web: WebServer, empty_library: Library) -> None:
    web.routes["/slow"] = Route(body=page(), delay=1.6)
    status, reason, _ = _one(empty_library, web.url("/slow"))
    assert status == "failed" and "within 1 s" in reason


def test_a_body_dripped_past_the_deadline_is_given_up(
    web: WebServer, empty_library: Library
) -> None:
    web.routes["/drip"] = Route(body=page() + b" " * 8000, drip=0.4)
    status, reason, _ = _one(empty_library, web.url("/drip"))
    assert status == "failed" and "too slow" in reason


def test_huge_bodies_are_refused_declared_or_not(
    web: WebServer, empty_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "MAX_BYTES", 50_000)
    web.routes["/declared"] = Route(body=b"x" * 60_000)

    def undeclared(handler: object, route: Route) -> bool:
        h = handler  # an http.server handler: no Content-Length, body until close
        h.send_response(200)  # type: ignore[attr-defined]
        h.send_header("Content-Type", "text/html")  # type: ignore[attr-defined]
        h.end_headers()  # type: ignore[attr-defined]
        h.wfile.write(b"<p>" + b"y" * 200_000)  # type: ignore[attr-defined]
        return True

    web.routes["/undeclared"] = Route(handler=undeclared)
    for path in ("/declared", "/undeclared"):
        status, reason, _ = _one(empty_library, web.url(path))
        assert status == "failed" and "too large" in reason, path


def test_a_wrong_content_type_is_refused(web: WebServer, empty_library: Library) -> None:
    web.routes["/logo"] = Route(body=b"\x89PNG\r\n", content_type="image/png")
    status, reason, _ = _one(empty_library, web.url("/logo"))
    assert status == "failed" and "image/png" in reason


def test_a_pdf_at_a_web_address_is_imported_with_its_pages(
    web: WebServer, empty_library: Library, tmp_path: Path
) -> None:
    truth = make_report(tmp_path / "r.pdf", pages=2)
    web.routes["/r.pdf"] = Route(
        body=(tmp_path / "r.pdf").read_bytes(), content_type="application/pdf"
    )
    status, reason, article_id = _one(empty_library, web.url("/r.pdf"))
    assert status == "imported", reason
    article = empty_library.store.article(article_id or 0)
    assert article.title == truth.title and article.url == web.url("/r.pdf")
    assert len(page_starts(empty_library.store, article.id)) == truth.pages


def test_an_unreachable_host_is_one_line(empty_library: Library) -> None:
    status, reason, _ = _one(empty_library, "http://127.0.0.1:9/nothing")
    assert status == "failed" and "\n" not in reason and reason
