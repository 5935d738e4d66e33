"""The one table of search fields: what a person can search and how each field behaves.

Every list of fields derives from :data:`FIELDS` — the words an unqualified query
searches, the ``name:`` prefixes the query language accepts, which fields have a
frequency-only twin (``fields.py``), where snippets come from and in what order, where
hits are marked in the reader, and what a prefix expands in. Adding a searchable field
is one entry here plus its text in ``documents.py`` (and a bump of ``INDEX_VERSION``).
A test keeps the README's query table naming every prefix.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchField:
    """One searchable field: its index name, how a query names it, what reads it."""

    name: str  # the index field
    prefixes: tuple[str, ...] = ()  # what a person types before ":" (none: not fielded)
    unqualified: bool = True  # a word without a prefix searches it
    twin: bool = False  # matching and ranking read a frequency-only twin (positions kept)
    snippet_rank: int | None = None  # where snippets come from, lowest first (None: never)
    marked: bool = False  # its matches can be marked in the article's text
    expands: bool = False  # an unqualified prefix or fuzzy term expands in it
    help: str = ""


FIELDS: tuple[SearchField, ...] = (
    SearchField(
        "title",
        ("title",),
        twin=True,
        snippet_rank=3,
        marked=True,
        expands=True,
        help="the title (weighted most)",
    ),
    SearchField(
        "body",
        ("text",),
        twin=True,
        snippet_rank=0,
        marked=True,
        expands=True,
        help="the article's text",
    ),
    SearchField(
        "quote",
        ("quote",),
        twin=True,
        snippet_rank=1,
        marked=True,
        help="highlighted passages (every quote is also in the text)",
    ),
    SearchField(
        "note",
        ("note",),
        twin=True,
        snippet_rank=2,
        expands=True,
        help="your notes on highlights and articles",
    ),
    SearchField("author", ("author",), help="the author"),
    SearchField("source", ("source",), help="where it was published"),
    SearchField("dateline", help="the date line, as written (matched, never scored)"),
)

BY_NAME = {f.name: f for f in FIELDS}
#: Fields an unqualified word searches, in the table's order.
DEFAULT_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.unqualified)
#: ``prefix`` → index field, for ``title:``, ``text:``, ``note:``…
PREFIXES: dict[str, str] = {p: f.name for f in FIELDS for p in (f.name, *f.prefixes) if f.prefixes}
#: positional field → its frequency-only twin
TWINS: dict[str, str] = {f.name: f"{f.name}_f" for f in FIELDS if f.twin}
#: Where snippets come from, in order.
SNIPPET_FIELDS: tuple[str, ...] = tuple(
    f.name
    for f in sorted(
        (f for f in FIELDS if f.snippet_rank is not None), key=lambda f: f.snippet_rank or 0
    )
)
#: Fields whose words can stand in the article's text (a note: match cannot be marked).
MARKED_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.marked)
#: What an unqualified prefix or fuzzy term expands in (each walks a term list).
EXPANDING_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.expands)
