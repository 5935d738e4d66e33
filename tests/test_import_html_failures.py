"""The failure kinds seen on real saved pages (issue 15), each on a page shaped like the
one it was seen on (tests/data/html_failures; answers in its expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.importing.html_quality import (
    byline_in,
    clean_author,
    pick_title,
    tidy_blocks,
)
from reader.core.importing.parsers import ParseError, parse_html

DATA = Path(__file__).parent / "data" / "html_failures"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_yields_what_a_person_would_trust(name: str) -> None:
    want = EXPECTED[name]
    draft = parse_html((DATA / name).read_bytes(), DATA / name)
    assert (draft.title, draft.author, draft.date) == (want["title"], want["author"], want["date"])
    for snippet in want["with"]:
        assert snippet in draft.text
    for snippet in want["without"]:
        assert snippet not in draft.text


def test_an_index_page_is_still_not_an_article() -> None:
    page = Path(__file__).parent / "data" / "html" / "nav_only.html"
    with pytest.raises(ParseError):
        parse_html(page.read_bytes(), page)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("Nathan Willis March", "Nathan Willis"),
        ("Nathan Willis March 4, 2015", "Nathan Willis"),
        ("Ben Silverman Games Editor", "Ben Silverman"),
        ("By Jane Roe, Senior Correspondent", "Jane Roe"),
        ("Jane Roe | Staff Writer", "Jane Roe"),
        ("Kenji Sato 2025-07-29 08:00", "Kenji Sato"),
        ("Ann Lee; Bo Park Reporter", "Ann Lee; Bo Park"),
        ("Username", None),
        ("admin", None),
        ("Hamish Editorial", "Hamish Editorial"),  # a surname is not a role
    ],
)
def test_bylines_keep_only_names(byline: str, names: str | None) -> None:
    assert clean_author(byline) == names


def test_a_byline_that_is_the_site_is_no_author() -> None:
    assert clean_author("Example News", site="Example News") is None


def test_titles_go_to_the_candidate_the_sources_agree_on() -> None:
    wiki = ["Wikimedia list article", "List of X", "List of X", "List of X", "List of X"]
    assert pick_title(wiki, ["Wikipedia"]) == "List of X"
    assert (
        pick_title(
            ["", "Good Morning America", "Lost dog found", "Lost dog found"],
            ["Good Morning America"],
        )
        == "Lost dog found"
    )
    # a title still holding a separator ranks after the heading
    assert (
        pick_title(["Code | Get your code covered", "Testing a picker"], []) == "Testing a picker"
    )
    assert pick_title(["Only one"], []) == "Only one"


def test_byline_lines_are_found_with_dates_after_them() -> None:
    lines = ["Home / Blog", "Posted by Maria Lopez on 12 February 2016", "By Jo Doe"]
    assert byline_in(lines) == "Maria Lopez"
    assert byline_in(["By clicking Accept you agree"]) is None
    assert byline_in(["By Staff", "By Jo Doe"]) == "Jo Doe"


def test_edit_links_and_leading_menus_leave_the_text() -> None:
    blocks = ["Front page / This page / Previous week", "History [edit]", "Text."]
    assert tidy_blocks(blocks) == ["History", "Text."]
    assert tidy_blocks(["Red / Green / Blue are colours we like a lot."]) == [
        "Red / Green / Blue are colours we like a lot."
    ]


@pytest.mark.parametrize("name", ["Theresa May", "John March", "Sam Saturday", "Ann Sato"])
def test_surnames_that_look_like_dates_stay(name: str) -> None:
    assert clean_author(name) == name
