"""HTML import on saved news pages (tests/data/html, described in its README.md).

Each page is imported through the real importer into a real store, then checked for
its title (without the ``| Site`` part), metadata, key sentences, and the absence of
the page furniture around the article: menus, cookie banners, comments, footers.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reader.core.importing.importer import import_paths
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


def test_reimport_of_unchanged_pages_is_stable(tmp_path: Path) -> None:
    """Same bytes, same canonical text: a second import reports every page unchanged."""
    folder = tmp_path / "pages"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.md"))
    store = Store(tmp_path / "s.sqlite3")
    first = import_paths(store, [folder])
    second = import_paths(store, [folder])
    assert first.imported == len(PAGES)
    assert second.count("unchanged") == len(PAGES)
