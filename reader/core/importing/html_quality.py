"""Second opinions on what a web page yields: the title, the byline, the body's edges.

Each function fixes one kind of failure seen on real saved pages (issue 15):

- titles that are the site, the section or the show ("Good Morning America", "Wikimedia
  list article", "Code | Get your … Covered"): the headline is the candidate the page's
  own sources agree on (JSON-LD, Open Graph, ``<title>``, ``<h1>``), not the first one;
- bylines with a date or a job title glued on ("Nathan Willis March", "Ben Silverman
  Games Editor") or a CMS placeholder ("Username");
- "[edit]" after wiki headings, and a breadcrumb or section menu opening the text
  ("Front page / This page / Previous week");
- long pages with little markup (a weekly update made of lists, a post in ``<br>`` lines)
  taken for index pages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.core.importing.textnorm import is_list_item, is_table_row

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:»›-]\s+|\s+::\s+")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
)
# "Nathan Willis March": a month left over from a cut-off date. Only taken off when two
# names stay, so "Theresa May" keeps her surname.
_TRAILING_MONTH = re.compile(rf"(?i)\s+(?:{_MONTHS})\b\.?$")
_TRAILING_DATE = re.compile(
    rf"(?i)[\s,|·–—-]+(?:(?:on|updated|published|posted)\s+)?"
    rf"(?:(?:{_WEEKDAYS})\b\.?,?\s+)?"
    rf"(?:(?:{_MONTHS})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|,?\s+\d{{4}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"
    rf"(?:[\s,]+\d{{1,2}}:\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\s*$"
)
_ROLE_WORDS = (
    "editor|reporter|writer|correspondent|columnist|contributor|producer|analyst"
    "|journalist|critic|author|staff|host|anchor|photographer|intern|fellow|director"
    "|manager|chief|bureau|desk|team"
)
_TRAILING_ROLE = re.compile(
    rf"(?i)(?:[\s,|·–—-]+(?:senior|chief|associate|deputy|executive|managing|contributing"
    rf"|staff|special|national|foreign|political|business|games|tech(?:nology)?|science"
    rf"|health|sports?|news|global|white house)?\s*(?:{_ROLE_WORDS})s?\b"
    rf"(?:\s+(?:at|for|of)\s+.*)?)+\s*$"
)
_PLACEHOLDER_AUTHORS = frozenset(
    {
        "username",
        "user",
        "admin",
        "administrator",
        "author",
        "editor",
        "guest",
        "anonymous",
        "unknown",
        "staff",
        "webmaster",
        "root",
        "null",
        "none",
        "by",
        # CMS labels left where a name should be ("Submitted on Mon, 2019-01-21")
        "submitted",
        "posted",
        "published",
        "updated",
    }
)
# Share buttons whose labels run into the name ("Michael Hingstonfacebooktwitter…")
_GLUED_SHARE = re.compile(
    r"(?i)(?<=[a-z])(?:facebook|twitter|flipboard|whatsapp|e-?mail|linkedin|pinterest|reddit"
    r"|instagram|print|share|copy ?link){2,}$"
)
# "(eg)", "(LTV Ziņu dienesta redaktore)": editor's initials or a role in brackets
_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
# A wire service or broadcaster closing a list of names ("…, and Tom Watkins, CNN")
_ORG_TAIL = re.compile(r"^[A-Z]{2,5}$")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|le|la|bin|al)$")
_QUALIFIERS = frozenset(
    [
        "senior",
        "chief",
        "associate",
        "deputy",
        "executive",
        "managing",
        "contributing",
        "staff",
        "special",
        "national",
        "foreign",
        "political",
        "business",
        "games",
        "tech",
        "technology",
        "science",
        "health",
        "sport",
        "sports",
        "news",
        "global",
    ]
)
_BYLINE = re.compile(
    r"(?i)^(?:(?:posted |written |words |story |text )?by\s+|von\s+|par\s+|por\s+"
    r"|(?:author|autor|autori|auteur)s?:?\s+)"
    r"(?P<name>(?-i:[A-Z][\w.'’-]*)(?:\s+(?:(?-i:[A-Z][\w.'’-]*)|de|van|von|and|&)){0,4})"
    r"(?:\s*(?:,|\||·|–|—|-|\(|\bon\b|\bat\b|$).*)?$"
)
# "d-161500790", "article_12345": a CMS identifier in a name field, never a headline
_ID_LIKE = re.compile(r"^(?=\S*\d)[\w-]*[-_][\w-]*$")
_SENTENCE_END = re.compile(r"[.!?…:\"”»)]$")
_EDIT_LINK = re.compile(r"\s*\[\s*(?:edit|edit source|bearbeiten|modifier)\s*\]\s*$", re.I)
_CRUMB_SEPARATORS = re.compile(r"\s+(?:/|\||»|›|>|·|•)\s+")


def pick_title(candidates: list[str], sites: list[str]) -> str:
    """The headline most of the page's sources agree on (``candidates`` in priority
    order, site suffixes already removed); ties go to the earlier candidate.

    A candidate that is a site name gets no say. A ``<title>`` still holding a separator
    ("Code | Get your … Covered") is a section and a tagline, so it ranks after a heading.
    """
    names = {_key(s) for s in sites if s}
    candidates = [c for c in candidates if not _ID_LIKE.match(c.strip())]
    options = [
        c for c in dict.fromkeys(c.strip() for c in candidates) if c and _key(c) not in names
    ]
    if not options:
        return ""
    voters = [c for c in candidates if c and _key(c) not in names]

    def support(option: str) -> int:
        return sum(1 for c in voters if _extends(c, option))

    def rank(item: tuple[int, str]) -> tuple[int, int, int]:
        index, option = item
        split = bool(_TITLE_SEPARATORS.search(option)) and len(options) > 1
        return (-support(option), int(split), index)

    return min(enumerate(options), key=rank)[1]


def _extends(candidate: str, option: str) -> bool:
    """Whether ``candidate`` backs ``option``: the same title, or ``option`` with a part
    added after a separator or in brackets ("Story - Section", "Story [Site]"). A
    candidate that only goes on in words ("Aldi Beef Maker Test") is the fuller title,
    not support for a cut one."""
    mine, theirs = _key(option), _key(candidate)
    if theirs == mine:
        return True
    if len(mine) < 0.6 * len(theirs) or mine not in theirs:
        return False
    flat = " ".join(candidate.casefold().split())
    head = " ".join(option.casefold().split())
    at = flat.find(head)
    if at < 0:
        return True  # punctuation differs: keep the old, lenient reading
    before, after = flat[:at], flat[at + len(head) :]
    return bool(
        (not before or _TITLE_SEPARATORS.search(before + " ") or before.endswith(": "))
        and (not after or re.match(r"\s*[|–—·:»›/(\[-]", after))
    )


def clean_author(author: str | None, site: str = "") -> str | None:
    """A byline as names only: dates, job titles and placeholders removed.

    Several authors stay separated by "; ". A byline that is the site's name is no author.
    """
    if not author:
        return None
    names = []
    for part in re.split(r"\s*;\s*", author):
        if _is_organisation(re.sub(r"\S+@\S+", "", part), site):
            continue
        for name in _split_list(_clean_name(part)):
            if name.casefold() not in _PLACEHOLDER_AUTHORS and not name.isdigit():
                names.append(name)
    names = [n for n in names if not _is_organisation(n, site)]
    joined = "; ".join(dict.fromkeys(names))
    return joined or None


def _clean_name(part: str) -> str:
    name = re.sub(
        r"(?i)^(?:by|written by|posted by|von|par|(?:author|autor|auteur)s?:?)\s+", "", part.strip()
    )
    name = re.sub(r"\S+@\S+", "", name)  # an e-mail address
    name = _GLUED_SHARE.sub("", name)
    for _ in range(3):
        trimmed = _TRAILING_ROLE.sub("", _TRAILING_DATE.sub("", name)).strip(" ,|·–—-")
        trimmed = _TRAILING_PAREN.sub("", trimmed)
        if trimmed.casefold() in _QUALIFIERS:  # "National Desk" is a desk, not "National"
            trimmed = name
        bare = _TRAILING_MONTH.sub("", trimmed)
        if bare != trimmed and len(bare.split()) >= 2:
            trimmed = bare
        if trimmed == name:
            break
        name = trimmed
    return name


def _split_list(name: str) -> list[str]:
    """A list of names without the agency closing it ("A, B, and C, CNN" -> "A, B, and C"),
    kept as written; "Smith, John" (one-word pieces) and single names stay whole."""
    pieces = [p for p in _LIST_SPLIT.split(name) if p]
    if len(pieces) >= 2 and _ORG_TAIL.match(pieces[-1]):
        people = pieces[:-1]
        if all(
            2 <= len(p.split()) <= 4 and all(_NAME_WORD.match(w) for w in p.split()) for p in people
        ):
            return [re.sub(r"\s*,\s*[A-Z]{2,5}\s*$", "", name)]
    return [name] if name else []


def _is_organisation(name: str, site: str) -> bool:
    """The site itself ("SPIEGEL ONLINE, Hamburg, Germany" too), a social handle
    ("@NatGeoUK"), or a name carrying a web address ("Deutsche Welle (www.dw.com)")."""
    if site and _key(name.split(",")[0]) == _key(site):
        return True
    if name.strip().startswith("@"):
        return True
    return bool(re.search(r"(?i)\bwww\.|\b\w+\.(?:com|org|net|de|co\.uk|fr|info)\b", name))


def names_in(name: str, text: str) -> bool:
    """Whether ``name`` is inside ``text``, punctuation and case aside."""
    return _key(name) in _key(text)


def only_in_comments(tree: HtmlElement, name: str) -> bool:
    """Whether every mention of ``name`` on the page is inside a comments section."""
    comments = '[contains(@class,"comment") or contains(@id,"comment")]'
    inside = "".join(tree.xpath(f"//body//*{comments}//text()"))
    everywhere = "".join(tree.xpath("//body//text()"))
    return 0 < inside.count(name) == everywhere.count(name)


def byline_in(lines: list[str]) -> str | None:
    """The author named by a byline line near the top ("Posted by Maria Lopez on 12
    February 2016", "By Jane Roe | Staff Writer"), for pages that declare none."""
    for line in lines:
        if (m := _BYLINE.match(line.strip())) and (name := clean_author(m["name"])):
            return name
    return None


def tidy_blocks(blocks: list[str]) -> list[str]:
    """Blocks without wiki "[edit]" links and without a menu or breadcrumb at the top."""
    out = [_EDIT_LINK.sub("", b) if "\n" not in b else b for b in blocks]
    while out and _is_crumb_line(out[0]) and len(out) > 1:
        out.pop(0)
    return [b for b in out if b]


def unwrap_lines(raw: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph. trafilatura strips each element's text
    but keeps the source's line breaks inside a text node, with the single space around
    them: a break with one space beside it, mid-sentence, is such a wrap, not an element
    boundary, a ``<br>`` or a blank line (those have no space, or stand alone), nor
    preformatted code (indented further). Without this a page written that way reads as
    one-line fragments and is rejected as having no prose."""
    out: list[str] = []
    wrapped = False
    for line in raw:
        stripped = line.strip()
        if not stripped:
            out.append("")  # a paragraph break: nothing joins across it
            wrapped = False
            continue
        grouped = is_list_item(stripped) or is_table_row(stripped) or stripped[0] == "|"
        lead = len(line) - len(line.lstrip())
        mid_sentence = bool(out and out[-1]) and not _SENTENCE_END.search(out[-1])
        if mid_sentence and not grouped and (wrapped or lead == 1):
            out[-1] += " " + stripped
        else:
            out.append(stripped)
        wrapped = len(line) - len(line.rstrip()) == 1 and not grouped
    return [line for line in out if line]


def is_long_plain_article(blocks: list[str], link_share: float) -> bool:
    """A page whose text is long but not in sentences (a weekly update of lists, a post
    in short lines) is still an article when little of it is link text; an index or a
    section front is mostly links."""
    text = sum(len(b) for b in blocks)
    lines = [ln for b in blocks for ln in b.split("\n")]
    wordy = sum(1 for ln in lines if len(ln.split()) >= 6)
    return text >= 800 and wordy >= 6 and link_share < 0.35


def _is_crumb_line(block: str) -> bool:
    if "\n" in block or is_list_item(block) or is_table_row(block) or len(block) > 120:
        return False
    parts = _CRUMB_SEPARATORS.split(block)
    return (
        len(parts) >= 3
        and all(0 < len(p.split()) <= 4 for p in parts)
        and not re.search(r"[.!?]$", block)
    )


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def drop_link_paragraphs(tree: HtmlElement) -> None:
    """Remove paragraphs that are only links ("E-mail this | Print | Comments (4)"), and
    navigation boxes laid out as tables.

    trafilatura keeps such a ``<p>`` when it sits inside the article container; a paragraph
    of two or more links with almost no other text is never article prose.
    """
    for para in list(tree.iter("p")):
        if _link_only(para, 2, 0.1):
            para.drop_tree()
    # A navigation box laid out as a table (Wikipedia's "Machine learning and data
    # mining" sidebar): one or two cells a row, nearly all links. A data table has more
    # columns, so a table of linked names with their figures stays.
    for table in list(tree.iter("table")):
        narrow = all(len(row.xpath("./th|./td")) <= 2 for row in table.iter("tr"))
        if narrow and _link_only(table, 10, 0.25):
            table.drop_tree()


def _link_only(element: HtmlElement, min_links: int, other_share: float) -> bool:
    """Whether ``element`` holds at least ``min_links`` links and, besides their text,
    at most ``other_share`` as many word characters."""
    links = element.xpath(".//a")
    if len(links) < min_links or element.getparent() is None:
        return False
    link_text = sum(len(a.text_content().strip()) for a in links)
    other = len(re.sub(r"[\W_]", "", element.text_content())) - len(
        re.sub(r"[\W_]", "", "".join(a.text_content() for a in links))
    )
    return bool(link_text) and other <= other_share * link_text
