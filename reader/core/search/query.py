"""Our query language, parsed into whoosh queries.

Grammar (case matters only for the operators ``OR``, ``AND`` and ``NOT``)::

    query   := or ;  or := and ("OR" and)* ;  and := unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | primary
    primary := "(" query [")"] | [field ":"] (word | word* | word~[N] | "phrase" | [range])

A hand-written parser rather than whoosh's ``QueryParser`` because every input must give
a query or a plain message: unbalanced quotes and brackets are closed at the end, a stray
``)`` is ignored, an unknown ``field:`` is searched as words, a prefix needs three
letters, a bad date explains the accepted forms. :func:`parse_query` never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.analysis import Analyzer

from reader.core.errors import ReaderError
from reader.core.search import field_table
from reader.core.search.ranking import FuzzyQuery, PhraseQuery, PrefixQuery, RangeQuery
from reader.core.search.schema import DEFAULT_FIELDS, TEXT_FIELDS, folding_analyzer, text_analyzer

MIN_PREFIX = 3  # letters before '*': shorter prefixes expand to too many terms
MAX_FUZZY = 2
MAX_NESTING = 32  # levels of ( … ); deeper groups are flattened with a notice
FIELD_NAMES = (*sorted(TEXT_FIELDS), "theme", "date")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_TOKEN = re.compile(r'\s+|"[^"]*"?|\(|\)|[^\s()"]+')
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.S)
_FIELD_OPEN = re.compile(r'([A-Za-z]+):(["(\[])')
_CLOSERS = {'"': '"', "[": "]"}
_FUZZY = re.compile(r"^(.*?)~(\d?)$", re.S)

ThemeResolver = Callable[[str], list[str]]


class QueryError(ReaderError):
    """Reserved for callers that want to refuse a query; :func:`parse_query` itself
    reports problems as :attr:`ParsedQuery.notices` and never raises."""


@dataclass(slots=True)
class ParsedQuery:
    """A parsed query: ``query`` is None when nothing searchable is left."""

    query: wq.Query | None
    notices: list[str] = field(default_factory=list)
    # (start, end, word) of plain unfielded words in the text, for "did you mean".
    words: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Tok:
    """A token of the query language, with its place in the query."""

    kind: str  # "word" | "phrase" | "(" | ")" | "range"
    text: str
    start: int
    end: int
    field: str | None = None


_analyzer: Analyzer | None = None
_folder: Analyzer | None = None


def analyze(text: str) -> list[str]:
    """Terms the index holds for ``text`` (stemmed, folded, stop words dropped)."""
    global _analyzer
    if _analyzer is None:
        _analyzer = text_analyzer()
    return [t.text for t in _analyzer(text, mode="query")]


def analyze_positions(text: str) -> list[tuple[str, int]]:
    """(term, word position) of ``text``: stop words leave gaps, as in the index."""
    global _analyzer
    if _analyzer is None:
        _analyzer = text_analyzer()
    return [(t.text, t.pos) for t in _analyzer(text, mode="query", positions=True)]


def fold(text: str) -> list[str]:
    """Lower-cased, accent-folded words of ``text``, not stemmed."""
    global _folder
    if _folder is None:
        _folder = folding_analyzer()
    return [t.text for t in _folder(text, mode="query")]


def parse_query(text: str, resolve_theme: ThemeResolver | None = None) -> ParsedQuery:
    """Parse the user's query; problems become notices, never exceptions."""
    toks, flattened = _limit_nesting(_tokenize(text))
    parser = _Parser(toks, resolve_theme or (lambda name: [name]))
    if flattened:
        parser.notice(f"groups nested deeper than {MAX_NESTING} levels were ignored")
    q = parser.parse()
    return ParsedQuery(q, parser.notices, parser.words)


def _limit_nesting(toks: list[_Tok]) -> tuple[list[_Tok], bool]:
    """Drop the parentheses nested deeper than :data:`MAX_NESTING` (the words inside
    stay): the parser recurses once per level, and a pasted or hostile query of
    hundreds of ``(`` must not exhaust Python's stack."""
    kept: list[_Tok] = []
    opened: list[bool] = []  # per open group: was its "(" kept?
    depth = 0
    for tok in toks:
        if tok.kind in ("(", "field("):
            keep = depth < MAX_NESTING
            opened.append(keep)
            depth += keep
            if keep:
                kept.append(tok)
        elif tok.kind == ")" and opened:
            if opened.pop():
                depth -= 1
                kept.append(tok)
        else:
            kept.append(tok)
    return kept, len(kept) < len(toks)


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos = 0
    while pos < len(text):
        fm = _FIELD_OPEN.match(text, pos)
        if fm:
            # field:"a phrase", field:[range with spaces] or field:(group)
            name, opener, start = fm.group(1).lower(), fm.group(2), pos
            pos = fm.end()
            if opener == "(":
                toks.append(_Tok("field(", "", start, pos, name))
                continue
            close = text.find(_CLOSERS[opener], pos)
            end = len(text) if close < 0 else close + 1
            kind = "range" if opener == "[" else "phrase"
            inner = text[pos:end].removesuffix(_CLOSERS[opener])
            toks.append(_Tok(kind, inner, start, end, name))
            pos = end
            continue
        m = _TOKEN.match(text, pos)
        assert m is not None  # the pattern matches any character
        chunk = m.group()
        start, pos = pos, m.end()
        if chunk.isspace():
            continue
        if chunk in "()":
            toks.append(_Tok(chunk, chunk, start, pos))
        elif chunk.startswith('"'):
            toks.append(_Tok("phrase", chunk.strip('"'), start, pos))
        else:
            toks.append(_Tok("word", chunk, start, pos))
    return toks


class _Parser:
    def __init__(self, toks: list[_Tok], resolve_theme: ThemeResolver) -> None:
        self.toks = toks
        self.i = 0
        self.resolve_theme = resolve_theme
        self.notices: list[str] = []
        self.words: list[tuple[int, int, str]] = []
        self.fields: str | None = None  # field imposed by an enclosing field:( … )
        self.depth = 0

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def is_op(self, word: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "word" and tok.text == word

    def parse(self) -> wq.Query | None:
        parts: list[wq.Query | None] = []
        while self.peek() is not None:
            parts.append(self.parse_or())
            if self.peek() is not None:  # a ')' without its '('
                self.i += 1
        return _and([p for p in parts if p is not None], [])

    def parse_or(self) -> wq.Query | None:
        branches = [self.parse_and()]
        while self.is_op("OR"):
            self.i += 1
            branches.append(self.parse_and())
        kept = [b for b in branches if b is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else wq.Or(kept)

    def parse_and(self) -> wq.Query | None:
        positive: list[wq.Query] = []
        negative: list[wq.Query] = []
        while True:
            tok = self.peek()
            if tok is None or tok.kind == ")" or self.is_op("OR"):
                break
            if self.is_op("AND"):
                self.i += 1
                continue
            negate = False
            while self.is_op("NOT") or (
                tok is not None and tok.kind == "word" and tok.text.startswith("-")
            ):
                if self.is_op("NOT"):
                    self.i += 1
                    negate = not negate
                else:
                    assert tok is not None
                    tok.text = tok.text[1:]
                    tok.start += 1
                    negate = not negate
                    if not tok.text:
                        self.i += 1
                tok = self.peek()
                if tok is None:
                    break
            seen_words = len(self.words)
            q = self.parse_primary() if tok is not None else None
            if negate:  # never suggest a spelling for a word the user excluded
                del self.words[seen_words:]
            if q is not None:
                (negative if negate else positive).append(q)
        return _and(positive, negative)

    def parse_primary(self) -> wq.Query | None:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "(" or tok.kind == "field(":
            outer = self.fields
            if tok.kind == "field(":
                if tok.field not in TEXT_FIELDS:
                    self.notice(
                        f"'{tok.field}:( … )' is not supported; use it on single "
                        "words, e.g. theme:x OR theme:y"
                    )
                self.fields = tok.field
            q = self.parse_or()
            if self.peek() is not None and self.peek().kind == ")":  # type: ignore[union-attr]
                self.i += 1
            self.fields = outer
            return q
        if tok.kind == "range":
            return self.fielded(tok.field or "", tok.text, tok, is_range=True)
        if tok.kind == "phrase":
            if tok.field:
                return self.fielded(tok.field, tok.text, tok, is_phrase=True)
            return self.text_query(self.default_fields(), tok.text, tok, is_phrase=True)
        fm = _FIELD.match(tok.text)
        if fm and fm.group(1).lower() in FIELD_NAMES:
            return self.fielded(fm.group(1).lower(), fm.group(2), tok)
        if fm and fm.group(2) and not fm.group(2).startswith("/"):
            self.notice(
                f"there is no field '{fm.group(1)}:' (fields: "
                f"{', '.join(f + ':' for f in FIELD_NAMES)}); searched for the words"
            )
        return self.text_query(self.default_fields(), tok.text, tok)

    def default_fields(self) -> tuple[str, ...]:
        if self.fields in TEXT_FIELDS:
            return (TEXT_FIELDS[self.fields or ""],)
        return DEFAULT_FIELDS

    def fielded(
        self, name: str, value: str, tok: _Tok, is_phrase: bool = False, is_range: bool = False
    ) -> wq.Query | None:
        if name not in FIELD_NAMES:
            self.notice(
                f"there is no field '{name}:' (fields: "
                f"{', '.join(f + ':' for f in FIELD_NAMES)}); searched for the words"
            )
            return self.text_query(self.default_fields(), value, tok, is_phrase=is_phrase)
        if name == "date":
            return self.date_query(value, is_range)
        if name == "theme":
            return self.theme_query(value)
        if is_range:
            self.notice(f"ranges work only with date:, not {name}:")
            return self.text_query((TEXT_FIELDS[name],), value, tok)
        return self.text_query((TEXT_FIELDS[name],), value, tok, is_phrase=is_phrase)

    def text_query(
        self, fields: tuple[str, ...], text: str, tok: _Tok, is_phrase: bool = False
    ) -> wq.Query | None:
        if not is_phrase:
            if text.endswith("*") and not text.endswith("\\*"):
                return self.prefix_query(fields, text.rstrip("*"), text)
            fm = _FUZZY.match(text)
            if fm and fm.group(1):
                return self.fuzzy_query(fields, fm.group(1), int(fm.group(2) or 1))
            if "*" in text or "?" in text:
                self.notice("'*' works only at the end of a word (prefix*)")
        placed = analyze_positions(text)
        if not placed:
            return None
        terms = [t for t, _ in placed]
        offsets = [p - placed[0][1] for _, p in placed]
        if tok.field is None and fields == DEFAULT_FIELDS and not is_phrase and len(terms) == 1:
            self.words.append((tok.start, tok.end, text))
        return _any(
            wq.Term(f, terms[0]) if len(terms) == 1 else PhraseQuery(f, terms, offsets=offsets)
            for f in fields
        )

    def prefix_query(self, fields: tuple[str, ...], stem: str, raw: str) -> wq.Query | None:
        words = fold(stem)
        if len(words) != 1 or len(words[0]) < MIN_PREFIX:
            self.notice(
                f"'{raw}': a prefix search needs at least {MIN_PREFIX} letters "
                "before '*'" + ("; searched for the word" if words else "")
            )
            if not words:
                return None
            return self.text_query(fields, " ".join(words), _Tok("word", raw, 0, 0, ""))
        prefixes = {words[0], *[t for t in analyze(words[0]) if len(t) >= MIN_PREFIX]}
        return _any(PrefixQuery(f, p) for f in _expanding(fields) for p in sorted(prefixes))

    def fuzzy_query(self, fields: tuple[str, ...], word: str, dist: int) -> wq.Query | None:
        words = fold(word)
        if len(words) != 1:
            return self.text_query(fields, word, _Tok("word", word, 0, 0, ""))
        forms = {words[0], *analyze(words[0])}
        dist = max(1, min(dist, MAX_FUZZY))
        return _any(
            FuzzyQuery(f, w, maxdist=dist, prefixlength=1)
            for f in _expanding(fields)
            for w in sorted(forms)
        )

    def theme_query(self, value: str) -> wq.Query | None:
        name = value.strip()
        if not name:
            self.notice("theme: needs a theme name or id, e.g. theme:deterrence")
            return None
        ids = self.resolve_theme(name)
        if not ids:
            self.notice(f"no theme is called '{name}'")
            return wq.NullQuery
        return _any(wq.Term("themes", t) for t in ids)

    def date_query(self, value: str, is_range: bool) -> wq.Query | None:
        help_text = (
            "dates are written date:2025, date:2025-07, date:2025-07-17 or "
            "date:[2025-01-01 to 2025-06-30]"
        )
        value = value.strip()
        if not is_range:
            if not _DATE.match(value):
                self.notice(f"'{value}' is not a date; {help_text}")
                return None
            return PrefixQuery("date", value) if len(value) < 10 else wq.Term("date", value)
        parts = re.split(r"\s+to\s+|\s*,\s*|\s+", f" {value} ", flags=re.I)
        bounds = [p for p in (s.strip() for s in parts) if p and p.lower() != "to"]
        lo = re.match(r"^\s*(\S*)", value)
        open_start = value.strip().lower().startswith("to") or (lo and lo.group(1) == "*")
        if open_start:
            bounds = [""] + [b for b in bounds if b != "*"]
        bounds = [b if b != "*" else "" for b in bounds]
        if not 1 <= len(bounds) <= 2 or not all(b == "" or _DATE.match(b) for b in bounds):
            self.notice(f"'[{value}]' is not a date range; {help_text}")
            return None
        start = bounds[0] or None
        end = bounds[1] if len(bounds) > 1 else ""
        end_full = (end + "-12-31"[len(end) - 4 :]) if end else None
        if start is None and end_full is None:
            return wq.Every()
        return RangeQuery("date", start or "0", end_full)


def _expanding(fields: tuple[str, ...]) -> tuple[str, ...]:
    """Fields an unqualified prefix or fuzzy term expands in: the texts, not quotes
    (every quote is also in the body) nor author and source (say ``author:smi*``).
    Each field expanded walks its term list and unions hundreds of postings."""
    return field_table.EXPANDING_FIELDS if fields == DEFAULT_FIELDS else fields


def _any(queries: object) -> wq.Query | None:
    qs = list(queries)  # type: ignore[call-overload]
    if not qs:
        return None
    return qs[0] if len(qs) == 1 else wq.Or(qs)


def _and(positive: list[wq.Query], negative: list[wq.Query]) -> wq.Query | None:
    if not positive and not negative:
        return None
    base: wq.Query = (
        (positive[0] if len(positive) == 1 else wq.And(positive)) if positive else wq.Every()
    )
    if not negative:
        return base
    excluded = negative[0] if len(negative) == 1 else wq.Or(negative)
    return wq.AndNot(base, excluded)
