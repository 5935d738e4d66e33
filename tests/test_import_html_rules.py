"""The general rules behind the real-page fixes (issue 15), each on the smallest input
that shows it; tests/test_real_pages.py measures them on whole pages."""

from __future__ import annotations

from reader.core.importing.html_meta import PageMeta, dotted_date, read_page_meta, title_date
from reader.core.importing.html_quality import byline_in, clean_author, pick_title, unwrap_lines
from reader.core.importing.parsers import _front_date


def test_bylines_lose_organisations_agency_tails_and_share_labels() -> None:
    assert clean_author("Deutsche Welle (www.dw.com)", "DW.COM") is None
    assert clean_author("SPIEGEL ONLINE, Hamburg, Germany", "SPIEGEL ONLINE") is None
    assert clean_author("@NatGeoUK") is None
    assert clean_author("Submitted") is None
    assert clean_author("Jane Roe jane@example.com") == "Jane Roe"
    assert clean_author("Michael Hingstonfacebooktwitterflipboardwhatsapp") == "Michael Hingston"
    assert clean_author("Ann Lee, and Tom Watkins, CNN", "CNN") == "Ann Lee, and Tom Watkins"
    assert clean_author("Anna Ūdre (LTV Ziņu dienesta redaktore)") == "Anna Ūdre"
    assert clean_author("National Desk") == "National Desk"
    assert clean_author("Smith, John") == "Smith, John"


def test_bylines_in_other_words_and_languages_are_read() -> None:
    assert byline_in(["Author: Julia Hitz (eg)"]) == "Julia Hitz"
    assert byline_in(["Von Markus Balser, Berlin"]) == "Markus Balser"
    assert byline_in(["Von Berlin aus fährt der Zug weiter."]) is None


def test_a_title_cut_short_does_not_outvote_the_full_one() -> None:
    candidates = ["Aldi Beef Maker", "Aldi Beef Maker Test", "Aldi Beef Maker Test", "Beef Maker"]
    assert pick_title(candidates, ["CHIP"]) == "Aldi Beef Maker Test"
    assert pick_title(["Who wrote 4.0 [LWN.net]", "Who wrote 4.0"], []) == "Who wrote 4.0"
    assert pick_title(["d-161500790", "Ein Albtraum"], []) == "Ein Albtraum"


def test_stated_dates_in_their_usual_forms() -> None:
    assert _front_date("2019-06-17T18:28:00+0200") == "2019-06-17"
    assert dotted_date("23.10.2018", whole=True) == "2018-10-23"
    assert dotted_date("19.03.2019 11:45", whole=True) == "2019-03-19"
    assert dotted_date("Version 1.2.2018 notes", whole=True) == ""
    assert title_date(PageMeta(title_tag="Uncork the mystery | DW | 10.06.2013")) == "2013-06-10"


def test_hard_wrapped_lines_join_but_code_and_paragraphs_stay() -> None:
    wrapped = ["show Nigerian actress, looking stunning in new ", "make-up photos.", "Caption"]
    assert unwrap_lines(wrapped) == [
        "show Nigerian actress, looking stunning in new make-up photos.",
        "Caption",
    ]
    assert unwrap_lines(["who won the", " award for best actress."]) == [
        "who won the award for best actress."
    ]
    code = ["class QunitTests(TestCase):", "    @classmethod", "    def setUpClass(cls):"]
    assert unwrap_lines(code) == [line.strip() for line in code]
    paragraphs = ["  First paragraph ends here", " ", "   Second one starts"]
    assert unwrap_lines(paragraphs) == ["First paragraph ends here", "Second one starts"]
    poem = ["we left vienna after ten", "the sleeper car was older"]
    assert unwrap_lines(poem) == poem


def test_the_dateline_under_the_headline_beats_the_one_in_the_site_header() -> None:
    from lxml.html import document_fromstring

    html = (
        "<html><body><p>Mon, 25 Dec 2023</p><h1>Story</h1><div>Max Blumenthal<br>"
        "The Grayzone<br>Thu, 14 May 2020 17:55 UTC</div><p>Body text.</p></body></html>"
    )
    page = read_page_meta(document_fromstring(html), html)
    assert (page.dateline, page.name_by_dateline) == ("2020-05-14", "Max Blumenthal")
    html = html.replace("Max Blumenthal<br>", "")  # "The Grayzone" is no person
    assert read_page_meta(document_fromstring(html), html).name_by_dateline == ""


def test_a_line_break_inside_a_table_cell_is_one_space() -> None:
    from pathlib import Path

    from reader.core.importing.parsers import parse_html

    html = (
        "<html><body><h1>Results</h1><p>" + "A long enough paragraph of prose. " * 8 + "</p>"
        "<table><tr><th>Nombre<br>d'articles</th><th>Taux</th></tr>"
        "<tr><td>316</td><td>2.9</td></tr></table></body></html>"
    )
    text = parse_html(html.encode(), Path("cells.html")).text
    assert "| Nombre d'articles | Taux |" in text


def test_the_deck_under_the_headline_opens_the_text() -> None:
    from pathlib import Path

    from reader.core.importing.parsers import parse_html

    deck = "A new strain of ransomware is spreading to phones through forum links."
    html = (
        f'<html><head><meta name="description" content="{deck}"></head><body>'
        f'<header><h1>Ransomware spreads</h1><p class="deck">{deck}</p></header>'
        "<article><p>" + "The malware asks for a payment in Bitcoin and locks files. " * 5 + "</p>"
        "<p>Autori: Anna Roe (editor)</p></article></body></html>"
    )
    text = parse_html(html.encode(), Path("deck.html")).text
    assert text.startswith(deck)
    assert text.count(deck) == 1


def test_a_navigation_box_table_goes_but_a_table_of_linked_names_stays() -> None:
    from pathlib import Path

    from reader.core.importing.parsers import parse_html

    nav_links = "".join(f'<li><a href="/wiki/T{i}">Topic number {i}</a></li>' for i in range(12))
    rows = "".join(
        f'<tr><td><a href="/m{i}">Model {i} Deluxe</a></td><td>{300 + i} €</td><td>ja</td></tr>'
        for i in range(12)
    )
    html = (
        "<html><body><h1>t-SNE</h1>"
        f'<table class="vertical-navbox"><tr><th>Machine learning</th></tr>'
        f"<tr><td><ul>{nav_links}</ul></td></tr></table>"
        "<p>" + "The method embeds points in two dimensions for plotting. " * 6 + "</p>"
        f"<table><tr><th>Model</th><th>Price</th><th>Isofix</th></tr>{rows}</table>"
        "</body></html>"
    )
    text = parse_html(html.encode(), Path("nav.html")).text
    assert "Machine learning" not in text
    assert "| Model 3 Deluxe | 303 € | ja |" in text
