"""The whoosh schema of the search index, and the version that names it.

The index is derived data: when this schema changes, bump :data:`INDEX_VERSION` and
every library rebuilds its index from the store on next use (see ``index.py``).
"""

from __future__ import annotations

from whoosh import columns
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from reader.core.search import field_table
from reader.core.search.article_ids import column as article_id_column
from reader.core.search.fields import TWINS, CountsText, PositionalText

#: 2: stop words keep their positions (phrases match adjacent words only); the date line
#: is searchable; frequency-only copies of the text fields for matching and ranking.
#: 3: the same as 2, bumped past indexes that development builds labelled 2 without
#: the twin fields.
#: 4: a column with what a hit shows.
#: 5: positions and character offsets packed as arrays (``packed.py``).
#: 6: a column of article ids (read all at once for a search's ids; article_ids.py).
INDEX_VERSION = 6

#: Fields an unqualified word searches, and the prefixes of fielded search (``title:``…):
#: both from the one table of search fields.
DEFAULT_FIELDS: tuple[str, ...] = field_table.DEFAULT_FIELDS
TEXT_FIELDS: dict[str, str] = field_table.PREFIXES
TITLE_BOOST = 3.0


def text_analyzer() -> Analyzer:
    """English stemming with accents folded, so "café" finds "cafe" and vice versa.

    Built by hand rather than ``StemmingAnalyzer() | CharsetFilter`` so folding happens
    before the stop list and the stemmer see the word. ``renumber=False``: a dropped stop
    word keeps its place, so "japan exercises" does not match "Japan and exercises"
    (whoosh renumbers the remaining words by default, making them adjacent). No
    ``MultiFilter`` anywhere: it raises ``StopIteration`` on an empty token stream (e.g.
    a query of only stop words).
    """
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(renumber=False)
        | StemFilter()
    )


def folding_analyzer() -> Analyzer:
    """Lower case and accent folding without stemming: the form prefix and fuzzy terms
    are compared against in the spelling field."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    """The index schema. ``chars=True`` on highlighted fields stores character offsets,
    so snippets come from the postings ("pinpoint") instead of re-tokenising the text.

    No ``spelling=True``: whoosh's separate spelling field doubled the commit time (it
    re-checks a missing length column on disk for every posting) and made ``FuzzyTerm``
    look candidates up among unstemmed words the field does not hold. Suggestions are
    made from the stemmed terms instead (``searcher.py``).
    """
    analyzer = text_analyzer()
    boosts = {"title": TITLE_BOOST}
    positional = {
        name: PositionalText(
            name, analyzer=analyzer, stored=True, chars=True, field_boost=boosts.get(name, 1.0)
        )
        for name in TWINS
    }
    twins = {
        twin: CountsText(name, analyzer, field_boost=boosts.get(name, 1.0))
        for name, twin in TWINS.items()
    }
    return Schema(
        id=ID(stored=True, unique=True),
        title=positional["title"],
        title_sort=ID(sortable=True),
        body=positional["body"],
        author=TEXT(analyzer=analyzer, stored=True),
        source=TEXT(analyzer=analyzer, stored=True),
        # ISO 'YYYY-MM-DD' (or '' when unknown): prefix and range queries on the string
        # give date:2025, date:2025-07 and date:[a to b]; sortable for "newest first".
        date=ID(stored=True, sortable=True),
        # The date as the article's date line wrote it ("July 17, 2025"): the importer
        # moves that line out of the text into ``date``, which made it unsearchable.
        # Matched but never scored (see ranking.UNSCORED_FIELDS), so ranking is as before.
        dateline=TEXT(analyzer=analyzer),
        themes=KEYWORD(stored=True, commas=True, scorable=False, lowercase=False),
        quote=positional["quote"],
        note=positional["note"],
        modified=STORED(),
        # (id, title, date, themes) per document: what a hit shows, read from a column
        # without decompressing the stored fields (the whole text) of every listed hit.
        hit=COLUMN(columns.PickleColumn(columns.VarBytesColumn())),
        aid=COLUMN(article_id_column()),
        **twins,
    )
