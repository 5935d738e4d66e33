"""Find publication dates written in article text and turn them into ISO ``YYYY-MM-DD``.

The formats are the ones news text uses: ``July 17, 2025``, ``Dec. 10, 2025``,
``17 July 2025``, ``2025-07-17``, ``2025/07/17`` and Japanese ``2025年7月17日``.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b"),
    re.compile(r"(?P<year>\d{4})年\s*(?P<month>\d{1,2})月\s*(?P<day>\d{1,2})日"),
)
_DATE_LINE_EXTRAS = re.compile(
    r"^(published|posted|updated|date|on)?:?\s*"
    r"((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?",
    re.I,
)


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as ``(iso, start, end)``; None when there is none."""
    found: list[tuple[int, int, str]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso:
                found.append((match.start(), match.end(), iso))
                break
    if not found:
        return None
    start, end, iso = min(found)
    return iso, start, end


def date_line(line: str) -> str | None:
    """The ISO date when the whole line is a dateline (``July 17, 2025``), else None."""
    found = find_date(line)
    if found is None:
        return None
    iso, start, end = found
    head = _DATE_LINE_EXTRAS.sub("", line[:start]).strip(" ,|·—–-")
    tail = re.sub(
        r"^[\s,]*(\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?)?(\s*[A-Z]{2,4})?\s*$", "", line[end:], flags=re.I
    )
    return iso if not head and not tail.strip() else None


def _iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text[:3], 0)
    try:
        value = date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value.isoformat()
