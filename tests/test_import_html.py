"""HTML import on saved news pages (tests/data/html, described in its README.md).

Each page is imported through the real importer into a real store, then checked for
its title (without the ``| Site`` part), metadata, key sentences, and the absence of
the page furniture around the article: menus, cookie banners, comments, footers.
"""

from __future__ import annotations

import gzip
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reader.core.html_meta import declared_codec
from reader.core.importer import import_paths
from reader.core.models import Article, ImportReport
from reader.core.store import Store

DATA = Path(__file__).parent / "data" / "html"

# Furniture any page may carry; none of it may reach an article's text.
COMMON_ABSENT = (
    "cookie",
    "Cookie",
    "Subscribe",
    "Sign up",
    "Privacy Policy",
    "All rights reserved",
    "Leave a Reply",
    "Share this",
    "Related",
    "Advertisement",
    "Terms of",
)


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    date: str
    present: tuple[str, ...]
    absent: tuple[str, ...] = ()
    author: str | None = None
    source: str | None = None
    url: str | None = None
    first: str = ""  # how the text starts: no headline, dateline or byline before it
    blocks: tuple[str, ...] = field(default_factory=tuple)  # exact multi-line blocks


PAGES = (
    Page(
        "wordpress_blog.html",
        title="What the Typhon deployment to Iwakuni tells us about the alliance",
        date="2025-09-16",
        author="Maya Ellison",
        source="Pacific Defense Notes",
        url="https://pacificdefensenotes.com/2025/09/16/typhon-iwakuni-exercise/",
        first="For eleven days in September",
        present=(
            "It fired nothing.",
            "Why the short stay still matters",
            "Joint exercises in which a U.S. launcher plugs into a Japanese targeting picture",
            "whether those seams are being closed.",
        ),
        absent=(
            "Skip to content",
            "Recent Posts",
            "Archives",
            "Proudly powered by",
            "Great analysis, but you underrate",
            "thoughts on",
            "Like this",
            "Loading",
            "Click to share",
            "Categorized as",
            "Post Comment",
            "Email Address",
            "Alliance politics, hardware",
        ),
    ),
    Page(
        "newspaper_article.html",
        title="U.S. and Japan to upgrade command ties as Tokyo launches joint headquarters",
        date="2025-03-24",
        author="Hiroko Tanabe; David Mercer",
        source="The Harbor Times",
        url="https://www.harbortimes.com/world/asia/2025/03/24/us-japan-joint-command-upgrade/",
        present=(
            "The United States will begin turning its military headquarters in Japan",
            "“This puts decision-makers in the same room, or at least in the same time zone,”",
            "A joint force headquarters without the forces, or without clear authority over "
            "them, is a nameplate.",
            "when they meet in Tokyo later this spring.",
        ),
        absent=(
            "We value your privacy",
            "842 partners",
            "BREAKING",
            "Nikkei slides",
            "Story continues below",
            "Morning Briefing",
            "Most Read",
            "Kyoto’s crowds",
            "Comments (132)",
            "Site Map",
            "Share full article",
            "Gift this article",
            "Log in",
        ),
    ),
    Page(
        "wire_service.html",
        title="Japan, U.S. agree to co-produce air-to-air missiles to ease shortages",
        date="2025-07-30",
        author="Kenji Morita, Laura Chen",
        source="Pacific Wire",
        url="https://www.pacificwire.com/world/asia-pacific/"
        "japan-us-agree-co-produce-air-to-air-missiles-2025-07-30/",
        first="TOKYO, July 30 (Pacific Wire) - Japan and the United States agreed",
        present=(
            "The first covers PAC-3 interceptor missiles",
            "Qualifying suppliers for rocket motors and seekers",
            "Officials did not disclose the value of the missile agreement",
        ),
        absent=(
            "Scroll to continue",
            "Read Next",
            "Sponsored",
            "Retire in Portugal",
            "Purchase Licensing Rights",
            "Search Pacific Wire",
            "Investigations",
            "All quotes delayed",
            "Trust Principles",
            "Updated 3 hours ago",
        ),
    ),
    Page(
        "budget_table.html",
        title="Japan’s record defence budget request, line by line",
        date="2025-08-29",
        author="Sophie Lindqvist",
        source="Defense Ledger",
        url="https://defenseledger.net/analysis/japan-fy2026-budget-request",
        first="Japan’s Ministry of Defense on Friday asked for 8.8 trillion yen",
        present=(
            "Where the money goes",
            "procurement staff and industrial capacity, not funding, have become the binding "
            "constraint.",
        ),
        blocks=(
            "| Category | FY2025 budget (¥ billion) | FY2026 request (¥ billion) | Change |\n"
            "|---|---|---|---|\n"
            "| Stand-off defence capabilities | 940 | 1,080 | +15% |\n"
            "| Integrated air and missile defence | 530 | 610 | +15% |\n"
            "| Unmanned assets | 103 | 180 | +75% |\n"
            "| Sustainability and resiliency | 2,800 | 3,150 | +13% |\n"
            "| Cross-domain operations | 1,320 | 1,390 | +5% |",
        ),
        absent=(
            "Ledger Weekly",
            "Latest from the Ledger",
            "Become a member",
            "6 min read",
            "Tags:",
            "Reader-supported",
            "OK, got it",
        ),
    ),
    Page(
        "takeaways_list.html",
        title="Five takeaways from the U.S.–Japan ‘2+2’ talks",
        date="2025-01-10",
        author="Daniel Okafor",
        source="Asia Security Monitor",
        url="https://asiasecuritymonitor.org/2025/01/five-takeaways-us-japan-2-2/",
        first="The foreign and defense ministers of the United States and Japan met",
        present=(
            "1. Command ties are moving, slowly",
            "5. What was left out",
            "The hard bargaining, especially over money, lies ahead.",
        ),
        blocks=(
            "- which operational responsibilities move from Hawaii to Japan, and when;\n"
            "- how many additional staff officers U.S. Forces Japan will receive;\n"
            "- how the two headquarters will share intelligence and targeting data in real time.",
            "- host-nation support payments, which expire next year and will need to be "
            "renegotiated;\n"
            "- extended nuclear deterrence, beyond a single sentence;\n"
            "- any response to recent tariff threats that could spill over into the security "
            "relationship.",
        ),
        absent=(
            "Latest:",
            "Philippines, Japan ratify",
            "Get the Monitor",
            "weekly newsletter",
            "Host-nation support, explained",
            "Donate",
            "nonpartisan",
        ),
    ),
    Page(
        "amp_article.html",
        title="U.S. Navy destroyers to get overhauls at Japanese shipyards under pilot",
        date="2025-05-19",
        author="Grace Whitfield",
        source="Seapower Daily",
        url="https://www.seapowerdaily.com/navy/2025/05/19/us-navy-japanese-shipyards-pilot/",
        first="The U.S. Navy will send two guided-missile destroyers",
        present=(
            '"Every day a ship spends in transit',
            "Yokohama and Sasebo",
            "agreements on missile co-production announced over the past year.",
        ),
        absent=(
            "Menu",
            "Marine Corps\n",
            "Newsletters",
            "More from Seapower Daily",
            "Fleet readiness report",
            "non-AMP",
            "Accept",
            "Decline",
        ),
    ),
    Page(
        "no_title_h1.html",
        title="Okinawa governor presses Washington on Marine relocation timetable",
        date="2025-03-03",
        author="Aiko Shimabukuro",
        first="NAHA — Okinawa's governor asked U.S. officials",
        present=(
            "sympathetic words but no dates.",
            "less than 1 percent of Japan's land area was unfair.",
        ),
        absent=(
            "MENU",
            "Base Issues",
            "Recent articles",
            "PFAS found",
            "Tweet",
            "LINE",
            "resort hotel",
            "No reproduction",
        ),
    ),
    Page(
        "broken_minimal.html",
        title="Coast guards of Japan and U.S. drill together off Yokosuka",
        date="2025-06-12",
        first="The Japan Coast Guard and the U.S. Coast Guard held a joint",
        present=(
            "About 200 personnel took part",
            "Officials said they planned to hold the drill every year, rotating its "
            "location among Japanese ports.",
        ),
        absent=("home", "archive"),
    ),
    Page(
        "cp1252_curly.html",
        title="‘Deterrence is a team sport’: Pentagon chief’s Tokyo visit in review",
        date="2025-04-07",
        author="Thomas O’Reilly",
        source="The Strait Observer",
        first="The U.S. defense secretary’s first visit to Tokyo",
        present=(
            "the “cornerstone” of peace in the Indo-Pacific",
            "some real changes — and a few awkward moments",
            "The “team sport” line was, for once, not just a slogan.",
        ),
        absent=(
            "Archive",
            "Taiwan",
            "Subscribe by e-mail",
            "Printer-friendly",
            "Discuss this article",
            "Independent commentary",
            "2004–2025",
            "|",
        ),
    ),
    Page(
        "ja_shift_jis.html",
        title="日米、南西諸島で共同統合演習 過去最大規模に",
        date="2025-10-21",
        source="東洋防衛新聞",
        url="https://www.toyo-boei.example.jp/articles/20251021-001.html",
        first="防衛省は２１日、自衛隊と米軍による共同統合演習「キーン・ソード」",
        present=(
            "参加人員は日米合わせて約５万人で、過去最大規模となる。",
            "中国外務省の報道官は２１日の記者会見で「地域の緊張をあおるものだ」と批判した。",
        ),
        absent=(
            "クッキー",
            "ランキング",
            "会員登録",
            "速報",
            "関連記事",
            "コメント",
            "メールマガジン",
            "利用規約",
            "Copyright",
            "ポスト",
        ),
    ),
    Page(
        "ja_euc_jp.html",
        title="米軍と自衛隊、指揮統制の連携強化で合意",
        date="2025-11-05",
        source="北洋タイムス",
        first="日米両政府は５日、外務・防衛担当閣僚による協議を東京都内で開き",
        present=(
            "米韓のような連合司令部は設けない方針を改めて確認した。",
            "政府は今回の合意を踏まえ、来年度予算案に関連経費を計上する方針だ。",
        ),
        absent=(
            "ホーム",
            "おくやみ",
            "関連ニュース",
            "アクセスランキング",
            "札幌で初雪",
            "プライバシーポリシー",
            "ページの先頭へ",
            "シェア",
            "18時30分",
        ),
    ),
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportReport, dict[str, Article]]:
    """Import the fixture pages as one folder; map file name -> stored article.

    The pages are copied to a folder of their own: DATA also holds a README.md, which
    the importer would rightly take for an article.
    """
    tmp = tmp_path_factory.mktemp("html")
    folder = tmp / "saved pages"
    folder.mkdir()
    for page in DATA.glob("*.html"):
        shutil.copy(page, folder)
    store = Store(tmp / "s.sqlite3")
    report = import_paths(store, [folder])
    articles = {}
    for outcome in report.outcomes:
        if outcome.article_id is not None:
            articles[Path(outcome.path).name] = store.article(outcome.article_id)
    store.close()
    return report, articles


def test_folder_imports_every_article_page_and_nothing_crashes(
    imported: tuple[ImportReport, dict[str, Article]],
) -> None:
    report, articles = imported
    assert sorted(articles) == sorted(p.file for p in PAGES)
    assert report.imported == len(PAGES)
    assert [Path(o.path).name for o in report.outcomes if o.status == "failed"] == ["nav_only.html"]


def test_navigation_only_page_is_skipped_with_a_reason(
    imported: tuple[ImportReport, dict[str, Article]],
) -> None:
    report, _ = imported
    (outcome,) = [o for o in report.outcomes if o.path.endswith("nav_only.html")]
    assert outcome.status == "failed"
    assert "no article" in outcome.reason
    assert "\n" not in outcome.reason


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_title_has_no_site_name(
    page: Page,
    imported: tuple[ImportReport, dict[str, Article]],
) -> None:
    assert imported[1][page.file].title == page.title


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_metadata(page: Page, imported: tuple[ImportReport, dict[str, Article]]) -> None:
    article = imported[1][page.file]
    assert article.date == page.date
    if page.author is not None:
        assert article.author == page.author
    if page.source is not None:
        assert article.source == page.source
    if page.url is not None:
        assert article.url == page.url


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_text_is_the_article_and_only_the_article(
    page: Page,
    imported: tuple[ImportReport, dict[str, Article]],
) -> None:
    text = imported[1][page.file].text
    for sentence in page.present:
        assert sentence in text
    for block in page.blocks:
        assert block in text.split("\n\n")
    for furniture in (*COMMON_ABSENT, *page.absent):
        assert furniture not in text, furniture
    if page.first:
        assert text.startswith(page.first)
    assert not text.startswith(page.title)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_text_is_canonical(page: Page, imported: tuple[ImportReport, dict[str, Article]]) -> None:
    """Blocks separated by one blank line, no stray whitespace: offsets index into this."""
    text = imported[1][page.file].text
    assert "\n\n\n" not in text
    assert text == text.strip()
    assert all(line == line.strip() for line in text.split("\n"))
    assert all(block for block in text.split("\n\n"))
    assert "\r" not in text and "\ufffd" not in text


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


def test_reimport_of_unchanged_pages_is_stable(tmp_path: Path) -> None:
    """Same bytes, same canonical text: a second import reports every page unchanged."""
    folder = tmp_path / "pages"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.md"))
    store = Store(tmp_path / "s.sqlite3")
    first = import_paths(store, [folder])
    second = import_paths(store, [folder])
    assert first.imported == len(PAGES)
    assert second.count("unchanged") == len(PAGES)


LEAD = (
    "<p>{}</p><p>The two governments said the change would take effect in stages, with the "
    "first steps due before the end of the year and more to follow once funding is "
    "approved by lawmakers in Washington.</p>"
)


def _parse(html: str) -> tuple[str, str]:
    from reader.core.parsers import parse_html

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
