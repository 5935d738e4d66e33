"""Turn one file's bytes into an :class:`ArticleDraft`, by format.

Each parser raises :class:`ParseError` with a one-line reason the import summary shows;
none writes anything, so a failure can never half-import a file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.dates import date_line, find_date
from reader.core.errors import ReaderError
from reader.core.importing.decode import decode_bytes
from reader.core.importing.html_meta import (
    PageMeta,
    decode_html,
    dotted_date,
    host_of,
    read_page_meta,
    standfirst,
    strip_site,
    title_date,
)
from reader.core.importing.html_quality import (
    byline_in,
    clean_author,
    drop_link_paragraphs,
    is_long_plain_article,
    names_in,
    only_in_comments,
    pick_title,
    tidy_blocks,
    unwrap_lines,
)
from reader.core.importing.metadata import extract_metadata, title_from_text
from reader.core.importing.textnorm import (
    canonical_text,
    is_furniture,
    is_list_item,
    is_table_row,
    normalize_newlines,
)
from reader.core.models import ArticleDraft
from reader.core.safe_yaml import YamlProblem, load_bounded

if TYPE_CHECKING:
    from lxml.html import HtmlElement


FRONT_MATTER_MAX = 64 * 1024  # characters; real front matter is a few hundred


class ParseError(ReaderError):
    """This file cannot become an article; the message says why, in one line."""


def parse_text(data: bytes, path: Path) -> ArticleDraft:
    """A plain-text article: metadata lines read from the text itself."""
    text, _ = decode_bytes(data)
    return _draft_from_text(text, path)


def parse_markdown(data: bytes, path: Path) -> ArticleDraft:
    """Markdown: optional YAML front matter, ``#`` headings, otherwise as plain text."""
    text, _ = decode_bytes(data)
    text = normalize_newlines(text).lstrip("\ufeff")
    front: dict[str, Any] = {}
    if match := re.match(r"^---\n(.*?)\n(?:---|\.\.\.)\n", text, re.S):
        loaded = _front_matter(match.group(1))
        if isinstance(loaded, dict):
            front = {str(k).lower(): v for k, v in loaded.items()}
            text = text[match.end() :]
    text = re.sub(r"(?m)^#{1,6}\s+(.*?)\s*#*\s*$", r"\1", text)
    draft = _draft_from_text(text, path)
    date = _front_date(front.get("date"))
    return ArticleDraft(
        title=_str(front.get("title")) or draft.title,
        text=draft.text,
        date=date or draft.date,
        source=_str(front.get("source") or front.get("site")) or draft.source,
        author=_str(front.get("author")) or draft.author,
        url=_str(front.get("url") or front.get("link")) or draft.url,
        categories=tuple(_list(front.get("categories") or front.get("tags"))) or draft.categories,
        path=draft.path,
    )


def _front_matter(text: str) -> object:
    """The front matter's data through the bounded loader: no aliases, no deep nesting,
    at most :data:`FRONT_MATTER_MAX` characters; a problem names its line in the file."""
    try:
        return load_bounded(text, FRONT_MATTER_MAX)[0]
    except YamlProblem as exc:
        where = f"line {exc.line + 1}: " if exc.line is not None else ""
        advice = "" if ";" in exc.message else "; fix or remove it"
        raise ParseError(f"{where}front matter: {exc.message}{advice}") from exc


def parse_html(data: bytes, path: Path) -> ArticleDraft:
    """A saved web page: main text by trafilatura, metadata as the page itself declares it.

    Raises :class:`ParseError` for binary data and for pages without an article (an
    index, a section front, a page of menus): importing those would only add junk.
    """
    html = _decode_page(data)
    tree = _parse_tree(html)
    page = read_page_meta(tree, html)
    _unwrap_layout_tables(tree)
    drop_link_paragraphs(tree)
    deck = standfirst(tree, page)  # before trafilatura, which may prune the tree
    found = _extract(tree)
    title, site = _page_title(page, found)
    author = (
        _page_author(page, found, site, tree)
        or byline_in(_short_lines(tree))
        or clean_author(page.name_by_dateline, site)
    )
    blocks = tidy_blocks(_body_blocks(str(found.get("text") or ""), title, author))
    if deck and not any(deck[:60] in " ".join(b.split()) for b in blocks):
        blocks.insert(0, deck)
    if _prose_chars(blocks) < MIN_PROSE_CHARS and not is_long_plain_article(
        blocks, _link_share(tree)
    ):
        raise ParseError(
            "no article in this web page: only menus, links or short snippets "
            "(an index or section page?)"
        )
    url = page.url or _str(found.get("url")) or ""
    return ArticleDraft(
        title=title or title_from_text(blocks),
        text="\n\n".join(blocks),
        date=_page_date(page, found, blocks),
        source=site or host_of(url) or None,
        author=author,
        url=url or None,
        categories=tuple(_list(found.get("categories"))),
        path=str(path),
    )


def _draft_from_text(text: str, path: Path) -> ArticleDraft:
    canonical = canonical_text(_drop_furniture(text))
    if not canonical:
        raise ParseError("empty file: no article text")
    meta = extract_metadata(canonical.split("\n\n"))
    body = "\n\n".join(meta.blocks)
    if not body:
        raise ParseError("no article text besides a title or metadata")
    return ArticleDraft(
        title=meta.title,
        text=body,
        date=meta.date,
        source=meta.source,
        author=meta.author,
        categories=tuple(meta.categories),
        path=str(path),
    )


def _drop_furniture(text: str) -> str:
    return "\n".join(
        line for line in normalize_newlines(text).split("\n") if not is_furniture(line)
    )


def _front_date(value: object) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    # "2019-06-17T18:28:00+0200": find_date wants a word boundary after the day
    if stamp := _ISO_STAMP.match(str(value)):
        return _front_date(stamp.group(1))
    found = find_date(str(value))
    return found[0] if found else None


def _str(value: object) -> str | None:
    """A one-line field from a scalar; None for nothing, a mapping or a list (front
    matter such as ``title: {a: 1}`` is not a title)."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


# -- HTML -------------------------------------------------------------------------------

_ISO_STAMP = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[T ]\d")
_CELL_GAP = re.compile(r"(?<=[^\s|])\s{2,}(?=[^\s|])")
MIN_PROSE_CHARS = 150  # an article has at least a paragraph or two of sentences
_SENTENCE_PUNCT = re.compile(r"[.!?。！？][”\"’')\]」』）]*(\s|$)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_BYLINE_LEAD = re.compile(
    r"^(by|written by|posted by|words by|von|par|(author|autor|auteur)[ei]?s?:)\s*\S", re.I
)
_META_WORDS = re.compile(
    r"(?i)\b(by|posted|published|updated|on|at|am|pm|a\.m\.|p\.m\.|utc|gmt|jst|edt|est"
    r"|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d{1,2}:\d{2}|\d{1,2}時(\d{1,2}分)?|[\s,·|•/–—:()-]+"
)
_AD_PHRASES = frozenset(
    {
        "advertisement",
        "advertising",
        "ad",
        "sponsored",
        "sponsored content",
        "pr",
        "scroll to continue",
        "scroll to continue with content",
        "story continues below",
        "story continues below advertisement",
        "article continues below",
        "article continues below advertisement",
        "continue reading below",
        "continue reading the main story",
        "skip advertisement",
        "広告",
        "スポンサーリンク",
    }
)


def _decode_page(data: bytes) -> str:
    try:
        return decode_html(data)
    except ReaderError as exc:
        raise ParseError(str(exc)) from exc


def _parse_tree(html: str) -> HtmlElement:
    """Parse like trafilatura does (comments dropped), always as a whole document."""
    from lxml import etree
    from lxml.html import HTMLParser, document_fromstring

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str with an XML declaration
    parser = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        return document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError("no article text: the page is empty or not HTML") from exc


def _unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn tables used for page layout into divs, so a nav column is not read as table data.

    Old sites lay out whole pages in tables; trafilatura would render them as pipe tables
    with the menu in the first column. A table is layout when it nests tables, is marked
    presentational, or holds headings, forms or several paragraphs in one cell.
    """
    layout = (
        "./descendant::table"
        " or ./descendant::td[.//h1 or .//h2 or .//h3 or .//form or count(.//p) > 1]"
    )
    for table in reversed(list(tree.iter("table"))):
        if table.get("role") in ("presentation", "none") or table.xpath(layout):
            for element in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                # only this table's own rows and cells: a data table inside it stays
                if element is table or next(element.iterancestors("table"), None) is table:
                    element.tag = "div"


def _extract(tree: HtmlElement) -> dict[str, Any]:
    """trafilatura's main text and metadata; recall mode only when the default finds no article.

    The default mode keeps share bars, "related" lists and comment forms out (measured on
    tests/data/html); favor_recall rescues pages whose article markup it does not know.
    """
    import trafilatura  # import-only dependency: loaded on first HTML import

    found: dict[str, Any] = {}
    for recall in (False, True):
        try:
            doc = trafilatura.bare_extraction(
                tree,
                with_metadata=True,
                include_tables=True,
                include_comments=False,
                include_images=False,
                include_links=False,
                favor_recall=recall,
                deduplicate=False,
            )
        except Exception:  # trafilatura raises a wide variety on broken markup
            continue
        if doc is not None:  # a Document, or a dict with older trafilatura versions
            found = doc if isinstance(doc, dict) else doc.as_dict()
        text = str(found.get("text") or "")
        if _prose_chars(_body_blocks(text, "", None)) >= MIN_PROSE_CHARS:
            break
    return found


def _page_title(page: PageMeta, found: dict[str, Any]) -> tuple[str, str]:
    """(headline, site name): the publisher's stated headline first, ``| Site`` removed."""
    host = host_of(page.url)
    sites = page.site_names
    declared = page.headline or page.meta.get("og:title", "")
    tag_title, tag_site = strip_site(page.title_tag, sites, page.headings, host, declared)
    site = sites[0] if sites else tag_site
    found_site = _str(found.get("sitename"))
    if not site and found_site and found_site not in (found.get("title"), page.title_tag):
        site = found_site
    candidates = [
        page.headline,
        page.ld_name,
        page.meta.get("og:title", ""),
        page.meta.get("twitter:title", ""),
        tag_title,
        *page.h1s[:1],
    ]
    # trafilatura reads the same tags: its title is a vote only when it found another one
    guessed = str(found.get("title") or "")
    if not any(_same_text(guessed, c) for c in candidates):
        candidates.append(guessed)
    stripped = [strip_site(c, [*sites, site, tag_site], [], host)[0] for c in candidates]
    return pick_title(stripped, [*sites, site, tag_site]), site


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _page_author(page: PageMeta, found: dict[str, Any], site: str, tree: HtmlElement) -> str | None:
    """JSON-LD authors, else the author meta tags, else trafilatura's byline guess.

    A declared author that is an organisation (the site, a name with a web address)
    gives way to the next source, and trafilatura's guess is dropped when the name
    only appears in the comments (it reads a commenter's name as the byline).
    """
    declared = ["; ".join(page.authors)] if page.authors else []
    for key in ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"):
        value = page.meta.get(key, "")
        if value and not value.startswith(("http://", "https://")):
            declared.append(value)
    for value in declared:
        if name := clean_author(value, site):
            return name
    guess = clean_author(_str(found.get("author")), site)
    if guess and any(names_in(guess, value) for value in declared):
        return None  # the organisation just rejected, its address cut off by the extractor
    if guess and only_in_comments(tree, guess):
        return None
    return guess


def _page_date(page: PageMeta, found: dict[str, Any], blocks: list[str]) -> str | None:
    """What the publisher states first (declared metadata, a date in the title, a
    ``<time datetime>``, a dateline opening the text or under the headline), then
    trafilatura's (htmldate) guess,
    which also reads scripts and page furniture (a "modifiedDate", today's date in a header).
    """
    declared = (
        page.published,
        page.meta.get("article:published_time", ""),
        page.meta.get("datepublished", ""),
    )
    # a line that is only a date, not a date inside a sentence
    datelines = [date_line(b) or dotted_date(b, whole=True) for b in blocks[:3]]
    stated = (*declared, title_date(page), page.time_datetime, *datelines, page.dateline)
    for value in (*stated, found.get("date")):
        if value and (iso := _front_date(value)):
            return iso
    return None


def _body_blocks(text: str, title: str, author: str | None) -> list[str]:
    """trafilatura's text as canonical blocks, without furniture or a repeated title/byline.

    trafilatura puts one element per line; every line becomes its own block except runs of
    list items or table rows, so short paragraphs are never mistaken for hard-wrapped ones.
    """
    lines = unwrap_lines(normalize_newlines(text).split("\n"))
    lines = [ln for ln in lines if not is_furniture(ln) and not _is_ad_label(ln)]
    # a <br> inside a table cell comes out as a run of spaces ("Nombre  d'articles")
    lines = [_CELL_GAP.sub(" ", ln) if ln.startswith("|") else ln for ln in lines]
    parts: list[str] = []
    for line in lines:
        grouped = is_list_item(line) or is_table_row(line) or line.startswith("|")
        if parts and grouped and _last_line_grouped(parts[-1]):
            parts[-1] += "\n" + line
        else:
            parts.append(line)
    blocks = canonical_text("\n\n".join(parts)).split("\n\n") if parts else []
    return _drop_head_metadata([b for b in blocks if b], title, author)


def _last_line_grouped(block: str) -> bool:
    last = block.rsplit("\n", 1)[-1]
    return is_list_item(last) or is_table_row(last) or last.startswith("|")


def _drop_head_metadata(blocks: list[str], title: str, author: str | None) -> list[str]:
    """Drop the headline, dateline and byline that open a page's text: they are fields."""
    names = [n for n in re.split(r";\s*", author or "") if n]
    kept = list(blocks)
    for block in blocks[:4]:
        if not _is_head_metadata(block, title, names):
            break
        kept.remove(block)
    return kept


def _is_head_metadata(block: str, title: str, names: list[str]) -> bool:
    if "\n" in block or len(block) > 160:
        return False
    if title and " ".join(block.split()).casefold() == " ".join(title.split()).casefold():
        return True
    if date_line(block) or (_BYLINE_LEAD.match(block) and not _SENTENCE_PUNCT.search(block)):
        return True
    rest = block
    if found := find_date(block):
        rest = block[: found[1]] + block[found[2] :]
    for name in names:
        rest = rest.replace(name, "")
    return rest != block and not _META_WORDS.sub("", rest).strip()


def _is_ad_label(line: str) -> bool:
    """ "Advertisement", "Advertisement · Scroll to continue" and the like."""
    pieces = [p.strip().casefold() for p in re.split(r"\s+[·|•–—-]\s+", line.strip())]
    return len(line) <= 80 and all(p in _AD_PHRASES for p in pieces)


def _short_lines(tree: HtmlElement, limit: int = 300) -> list[str]:
    """Short texts of the page's leaf-ish elements, in order: where a byline hides when
    the extractor left it out with the other page furniture."""
    out: list[str] = []
    for element in tree.iter("p", "div", "span", "address", "li"):  # li: "Author Jane Roe" lists
        if len(element) > 4:  # a container, not a line: its text is read in its children
            continue
        text = " ".join(element.text_content().split())
        if 4 < len(text) < 120:
            out.append(text)
            if len(out) >= limit:
                break
    return out


def _link_share(tree: HtmlElement) -> float:
    """How much of the page's body text is link text (an index page is mostly links)."""
    visible = "[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    total = len("".join(tree.xpath(f"//body//text(){visible}")).split())
    links = len("".join(tree.xpath(f"//body//a//text(){visible}")).split())
    return links / total if total else 1.0


def _prose_chars(blocks: list[str]) -> int:
    """Characters in blocks that read as sentences (not list, table, heading or link text).

    A CJK character counts three times: it carries about as much as a short English word.
    """
    return sum(
        len(b) + 2 * len(_CJK.findall(b))
        for b in blocks
        if len(b) + 2 * len(_CJK.findall(b)) >= 40
        and not is_list_item(b)
        and not is_table_row(b)
        and _SENTENCE_PUNCT.search(b)
    )
