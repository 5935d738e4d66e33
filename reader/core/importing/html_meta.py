"""What a saved web page says about itself: its encoding, title, site, date, author, URL.

trafilatura extracts main text well but ignores a page's declared charset (it guesses, and
reads short Shift_JIS or cp1252 pages wrongly) and sometimes takes a headline for the site
name or keeps the ``| Site`` part of a ``<title>``. This module reads the page's own
declarations (``<meta charset>``, Open Graph, JSON-LD, ``<link rel=canonical>``) so the
parser can prefer what the publisher stated over what an extractor guessed.

lxml is imported inside functions: the CLI starts without it.
"""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.core.dates import date_line
from reader.core.importing.decode import DecodeError, decode_bytes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_INFLATED = 20 * 1024 * 1024  # as the importer's file limit: no real page is larger

# WHATWG encoding labels that differ from Python's codec names. Browsers read these
# labels as the superset encodings on the right, and so do saved pages' authors.
_LABELS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms932": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "euc-jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "utf-16": "utf_8",
    "utf-16le": "utf_8",
    "utf-16be": "utf_8",  # a meta tag cannot say UTF-16
}
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
# "| DW | 10.06.2013": a day.month.year date in the <title>, as many European sites write it
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
_DOTTED_LINE = re.compile(
    r"(\d{1,2})\.(\d{1,2})\.(\d{4}),?(?:\s*[|·-]?\s*\d{1,2}:\d{2}(?:\s*Uhr)?)?"
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
# Two to four capitalised words, no article first ("The Grayzone" is a publication)
_PERSON = re.compile(
    r"(?!(?:The|A|An|Der|Die|Das|Le|La|Les|El|Il)\b)"
    r"[A-ZÀ-Þ][\w'’.-]+(?:\s+(?:[A-ZÀ-Þ][\w'’.-]+|de|van|von|der|da|di|le|la|bin|al)){1,3}"
)
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " › ", "｜", " ｜ ", " / ")
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "report",
        "posting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
    }
)


def decode_html(data: bytes) -> str:
    """Decode a saved page as a browser would: BOM, valid UTF-8, the declared charset, a guess.

    Valid UTF-8 wins over a declaration because editors re-save pages as UTF-8 and leave
    the old ``<meta charset>`` behind; legacy-encoded text almost never validates as UTF-8.
    Raises :class:`~reader.core.importing.decode.DecodeError` for binary data.
    """
    data = _decompressed(data)
    declared = declared_codec(data[:4096])
    if declared and b"\x00" not in data and not data.startswith((codecs.BOM_UTF8,)):
        # 7-bit ISO-2022-JP also validates as UTF-8, into mojibake: its own codec first
        order = (declared, "utf_8") if declared.startswith("iso2022") else ("utf_8", declared)
        for codec in order:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return decode_bytes(data)[0]
    except DecodeError:
        if declared and b"\x00" not in data:
            return data.decode(declared, errors="replace")
        raise


def declared_codec(head: bytes) -> str | None:
    """The Python codec for the charset a page declares in its first bytes, if known."""
    match = _DECLARED.search(head)
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").strip().lower()
    codec = _LABELS.get(label, label)
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return None


def _decompressed(data: bytes) -> bytes:
    """Pages saved by download tools are sometimes the server's gzip bytes, unexpanded."""
    if data[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = inflater.decompress(data, MAX_INFLATED + 1)
        except zlib.error:
            return data
        if len(out) > MAX_INFLATED:  # a gzip bomb: 20 MB can expand to 20 GB
            raise DecodeError(f"compressed page expands beyond {MAX_INFLATED // 2**20} MB")
        return out
    return data


@dataclass(slots=True)
class PageMeta:
    """The page's own statements about itself; every field may be empty."""

    title_tag: str = ""
    h1s: list[str] = field(default_factory=list)
    h2s: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> content
    headline: str = ""  # JSON-LD
    ld_name: str = ""  # JSON-LD "name" (Wikipedia's headline is the Wikidata description)
    published: str = ""  # JSON-LD datePublished
    authors: list[str] = field(default_factory=list)  # JSON-LD
    publisher: str = ""  # JSON-LD
    ld_url: str = ""
    canonical: str = ""
    saved_from: str = ""  # the "<!-- saved from url=(NN)... -->" browsers write
    time_datetime: str = ""  # first <time datetime>
    dateline: str = ""  # ISO date of a line that is only a date, just under the <h1>
    name_by_dateline: str = ""  # a name-shaped line just before that dateline

    @property
    def headings(self) -> list[str]:
        return self.h1s + self.h2s

    @property
    def site_names(self) -> list[str]:
        names = [
            self.meta.get("og:site_name", ""),
            self.publisher,
            self.meta.get("application-name", ""),
        ]
        return [n for n in names if n]

    @property
    def url(self) -> str:
        og_url = self.meta.get("og:url", "")
        for candidate in (self.canonical, og_url, self.ld_url, self.saved_from):
            if candidate.startswith(("http://", "https://")):
                return candidate
        return ""


def read_page_meta(tree: HtmlElement, html: str) -> PageMeta:
    """Collect the page's declared metadata from its parsed ``tree`` (and raw ``html``)."""
    page = PageMeta()
    titles = tree.xpath("//head/title") or tree.xpath("//title")  # not an SVG's <title>
    page.title_tag = _squash(titles[0].text_content()) if titles else ""
    page.h1s = [t for t in (_squash(h.text_content()) for h in tree.iter("h1")) if t]
    page.h2s = [t for t in (_squash(h.text_content()) for h in tree.iter("h2")) if t]
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = _squash(meta.get("content") or "")
        if key and content:
            page.meta.setdefault(key, content)
    for link in tree.xpath("//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            page.canonical = page.canonical or link.get("href", "").strip()
    times = tree.xpath("//time/@datetime")
    page.time_datetime = str(times[0]).strip() if times else ""
    page.dateline, page.name_by_dateline = _dateline_under_headline(tree)
    if match := _SAVED_FROM.search(html[:2048]):
        page.saved_from = match.group(1)
    _read_json_ld(tree, page)
    return page


def standfirst(tree: HtmlElement, page: PageMeta) -> str:
    """The page's description when it is also printed as the deck under the headline.

    trafilatura often leaves the standfirst out (it sits outside the article container),
    yet a reader sees it as the story's opening. Only a description (Open Graph or the
    plain one: either may be cut short) that an element after the ``<h1>`` shows word for
    word counts, in that element's own typography: a summary written for search engines
    alone is not part of the text.
    """
    heads = tree.xpath("//body//h1")
    descs = {_squash(page.meta.get(k, "")) for k in ("og:description", "description")}
    wanted = {_words(d) for d in descs if len(d) >= 60 and d[-1] in '.!?…"”»'}
    if not heads or not wanted:
        return ""
    near = heads[0].xpath("following::*[self::p or self::div or self::h2 or self::span]")
    for element in near[:80]:
        shown = _squash(element.text_content())
        if _words(shown) in wanted:  # the same words; quotes and dashes may differ
            return shown
    return ""


def _words(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _dateline_under_headline(tree: HtmlElement, reach: int = 15) -> tuple[str, str]:
    """(ISO date, name) from the header block under the first ``<h1>``.

    The date is that of the first line that is only a date among the few texts right
    after the headline ("Thu, 14 May 2020 17:55 UTC", "23.10.2018"): the story's visible
    dateline, where a date before the headline is the site's (today's date in a header).
    The name is a line shaped like a person's name just before that dateline ("Max
    Blumenthal" / "The Grayzone" / "Thu, 14 May 2020"): a byline without a "By".
    """
    heads = tree.xpath("//body//h1")
    if not heads:
        return "", ""
    texts = heads[0].xpath(
        "following::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    )
    lines = [_squash(str(text)) for text in texts[:reach]]
    for index, line in enumerate(lines):
        if iso := date_line(_WEEKDAY.sub("", line)) or dotted_date(line, whole=True):
            names = [n for n in lines[max(0, index - 2) : index] if _PERSON.fullmatch(n)]
            return iso, names[0] if names else ""
    return "", ""


def _read_json_ld(tree: HtmlElement, page: PageMeta) -> None:
    """Fill headline, date, authors, publisher and URL from the first article in JSON-LD."""
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        try:
            nodes.extend(_flatten(json.loads(script.text or "", strict=False)))
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the page's other metadata still counts
    by_id = {str(n["@id"]): n for n in nodes if "@id" in n}
    article = next((n for n in nodes if _types(n) & _ARTICLE_TYPES), None)
    if article is None:
        return
    page.headline = _ld_text(article.get("headline"))
    page.ld_name = _ld_text(article.get("name"))
    page.published = str(article.get("datePublished") or article.get("dateCreated") or "")
    page.authors = _names(article.get("author") or article.get("creator"), by_id)
    page.publisher = next(iter(_names(article.get("publisher"), by_id)), "")
    main = article.get("mainEntityOfPage")
    main_url = main.get("@id") if isinstance(main, dict) else main
    page.ld_url = str(article.get("url") or main_url or "")


def _flatten(value: object) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [node for item in value for node in _flatten(item)]
    if not isinstance(value, dict):
        return []
    return [value, *_flatten(value.get("@graph"))]


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _names(value: object, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Person/organisation names from a JSON-LD value: a string, object, @id ref or list."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and str(item.get("@id")) in by_id:
            item = by_id[str(item["@id"])]
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and _squash(name) and not name.startswith("http"):
            names.append(_ld_text(name))
    return names


def title_date(page: PageMeta) -> str:
    """A date the page's title states after its headline ("… | DW | 10.06.2013"):
    the publisher's own, where the extractor would only guess from the page furniture."""
    for title in (page.title_tag, page.meta.get("og:title", "")):
        if iso := dotted_date(title):
            return iso
    return ""


def dotted_date(text: str, whole: bool = False) -> str:
    """The ISO form of a day.month.year date in ``text`` (the whole of it if ``whole``,
    a time after it allowed): the way German, Austrian, Swiss and Russian sites date."""
    match = (_DOTTED_LINE.fullmatch if whole else _DOTTED_DATE.search)(text.strip())
    if not match:
        return ""
    day, month, year = (int(g) for g in match.group(1, 2, 3))
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2100:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def strip_site(
    title: str, sites: list[str], headings: list[str], host: str = "", headline: str = ""
) -> tuple[str, str]:
    """Split ``title`` into (headline, site) when it carries a site name before or after it.

    A part is the site when it matches a declared site name or the URL's host; a part is
    the headline when it matches one of the page's headings. Otherwise the title stays whole.
    A heading that is also the page's declared ``headline`` (JSON-LD, Open Graph) is the
    headline even when it is the shorter part ("Ein Albtraum - DER SPIEGEL 52/2018").
    """
    title = _squash(title)
    matches = [
        m
        for h in headings
        if (m := _heading_split(title, h, _same(h, headline))) and not _is_site(m[0], sites, host)
    ]
    if matches:
        return max(matches, key=lambda m: len(m[0]))
    for sep in TITLE_SEPARATORS:
        head, _, tail = title.rpartition(sep)
        if head and _is_site(tail, sites, host):
            return head.strip(), tail.strip()
        head, _, tail = title.partition(sep)
        if tail and _is_site(head, sites, host):
            return tail.strip(), head.strip()
    return title, ""


def _heading_split(title: str, heading: str, declared: bool = False) -> tuple[str, str] | None:
    """(headline, site) when ``title`` is ``heading`` with another part before or after it.

    The longer part is the headline: a heading matching the short ``| Site`` part of a
    title is the page's logo, which names the site.
    """
    if _same(title, heading):
        return heading, ""
    for sep in TITLE_SEPARATORS:
        if _same(title[: len(heading)], heading) and title[len(heading) :].startswith(sep):
            rest = title[len(heading) + len(sep) :].strip()
        elif _same(title[-len(heading) :], heading) and title[: -len(heading)].endswith(sep):
            rest = title[: -len(heading) - len(sep)].strip()
        else:
            continue
        return (heading, rest) if declared or len(heading) > len(rest) else (rest, heading)
    return None


def _is_site(part: str, sites: list[str], host: str) -> bool:
    if any(_same(part, site) for site in sites):
        return True
    key = re.sub(r"\W", "", part.casefold())
    return len(key) >= 4 and key in re.sub(r"\W", "", host.casefold())


def host_of(url: str) -> str:
    """The host of ``url`` without ``www.`` (empty when there is none)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _same(a: str, b: str) -> bool:
    return bool(a) and _squash(a).casefold() == _squash(b).casefold()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _ld_text(value: object) -> str:
    """A JSON-LD string as text: some CMSs write HTML entities into it ("O&#039;Donnell")."""
    return _squash(html_lib.unescape(str(value or "")))
