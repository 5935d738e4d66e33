"""The query language: what each construct becomes, and that no input breaks it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as wq

from reader.core.library import Library, LibraryLocation
from reader.core.search import SearchService, parse_query
from reader.core.search.ranking import FuzzyQuery, PhraseQuery, PrefixQuery, RangeQuery


def leaves(q: wq.Query | None) -> list[wq.Query]:
    if q is None:
        return []
    if isinstance(q, wq.AndNot):
        return leaves(q.a) + leaves(q.b)
    if isinstance(q, wq.CompoundQuery):
        return [leaf for sub in q.subqueries for leaf in leaves(sub)]
    return [q]


def fields(q: wq.Query | None) -> set[str]:
    return {getattr(leaf, "fieldname", "") for leaf in leaves(q)}


def test_words_are_stemmed_folded_and_searched_in_the_default_fields() -> None:
    parsed = parse_query("Missiles café")
    assert isinstance(parsed.query, wq.And)
    assert {leaf.text for leaf in leaves(parsed.query)} == {"missil", "cafe"}
    assert fields(parsed.query) == {
        "title",
        "body",
        "quote",
        "note",
        "author",
        "source",
        "dateline",
    }
    assert parsed.words == [(0, 8, "Missiles"), (9, 13, "café")]
    assert parsed.notices == []


def test_operators() -> None:
    assert isinstance(parse_query("japan OR china").query, wq.Or)
    for text in ("japan -china", "japan NOT china"):
        q = parse_query(text).query
        assert isinstance(q, wq.AndNot)
        assert {leaf.text for leaf in leaves(q.b)} == {"china"}
    lone_not = parse_query("-china").query
    assert isinstance(lone_not, wq.AndNot) and isinstance(lone_not.a, wq.Every)
    # Lower-case 'or' is a word (a stop word, dropped), not the operator.
    assert isinstance(parse_query("japan or china").query, wq.And)


def test_phrases_prefixes_and_fuzzy_terms() -> None:
    phrase = parse_query('"Joint Force Headquarters"').query
    assert all(isinstance(leaf, PhraseQuery) for leaf in leaves(phrase))
    assert leaves(phrase)[0].words == ["joint", "forc", "headquart"]
    prefix = parse_query("deterr*").query
    assert all(isinstance(leaf, PrefixQuery) for leaf in leaves(prefix))
    assert fields(prefix) == {"title", "body", "note"}  # quotes are in the body already
    fuzzy = parse_query("missle~").query
    assert {leaf.text for leaf in leaves(fuzzy) if isinstance(leaf, FuzzyQuery)} == {
        "missle",
        "missl",
    }
    assert {leaf.maxdist for leaf in leaves(parse_query("missle~2").query)} == {2}
    assert {leaf.maxdist for leaf in leaves(parse_query("missle~9").query)} == {2}


@pytest.mark.parametrize("text", ["de*", "*", "a*"])
def test_short_prefixes_are_refused_with_a_reason(text: str) -> None:
    parsed = parse_query(text)
    assert not any(isinstance(leaf, PrefixQuery) for leaf in leaves(parsed.query))
    assert any("3 letters" in n for n in parsed.notices)


def test_fields_and_quoted_theme_names() -> None:
    assert fields(parse_query("title:japan").query) == {"title"}
    assert fields(parse_query("text:japan").query) == {"body"}
    assert fields(parse_query('note:"ask later"').query) == {"note"}
    assert fields(parse_query("quote:(japan OR china)").query) == {"quote"}
    resolved: list[str] = []

    def resolve(name: str) -> list[str]:
        resolved.append(name)
        return ["t-1"] if name == "Command Structure" else []

    q = parse_query('theme:"Command Structure" japan', resolve).query
    assert wq.Term("themes", "t-1") in leaves(q)
    assert resolved == ["Command Structure"]
    missing = parse_query("theme:nothing", resolve)
    assert missing.query is wq.NullQuery and missing.notices


def test_dates() -> None:
    assert parse_query("date:2025").query == PrefixQuery("date", "2025")
    assert parse_query("date:2025-07").query == PrefixQuery("date", "2025-07")
    assert parse_query("date:2025-07-17").query == wq.Term("date", "2025-07-17")
    assert parse_query("date:[2025-01-01 to 2025-06-30]").query == RangeQuery(
        "date", "2025-01-01", "2025-06-30"
    )
    assert parse_query("date:[2025-01 TO 2025-06]").query == RangeQuery(
        "date", "2025-01", "2025-06-31"
    )
    assert parse_query("date:[to 2024]").query == RangeQuery("date", "0", "2024-12-31")
    for bad in ("date:soon", "date:[2025 to later]", "date:20255"):
        parsed = parse_query(bad)
        assert parsed.query is None and "date:2025-07" in parsed.notices[0], bad


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "(",
        ")",
        "((japan",
        "japan))",
        '"',
        '"unclosed phrase',
        "-",
        "--",
        "NOT",
        "OR",
        "AND",
        "OR OR",
        "japan OR",
        "*",
        "**",
        "~",
        "~~",
        "japan~~",
        ":",
        "title:",
        "title:(",
        'title:"',
        "date:[",
        "date:]",
        "theme:",
        "foo:bar",
        "\x00",
        "日本 防衛",
        "a b c",
        "the of and",
        "\\",
        "[",
        "]",
        "{",
        "^2",
        "+japan",
        "japan^",
        'A:"',
        "x:(y",
        "x:[1 to 2]",
        "theme:(a OR b)",
        "date:(2025)",
    ],
)
def test_awkward_input_gives_a_query_or_a_message(text: str) -> None:
    parse_query(text)  # must not raise


def test_an_unknown_field_is_searched_as_words_with_a_notice() -> None:
    parsed = parse_query("colour:red")
    assert {leaf.words[0] for leaf in leaves(parsed.query)} == {"colour"}
    assert "colour:" in parsed.notices[0]
    # A URL is not a field.
    assert parse_query("https://example.org").notices == []


@given(st.text(max_size=60))
@settings(max_examples=400, deadline=None)
def test_parsing_never_raises(text: str) -> None:
    parsed = parse_query(text, lambda name: [name])
    assert parsed.query is None or isinstance(parsed.query, wq.Query)


QUERY_ALPHABET = st.sampled_from(
    [
        *'abcdejmnoprstu ()"*~-:[]',
        "OR ",
        "NOT ",
        "AND ",
        "title:",
        "theme:",
        "date:",
        "note:",
        "quote:",
        "2025",
        "-07",
        " to ",
        "japan ",
        "missile",
        "deterr",
        "é",
        "日",
    ]
)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchService]:
    root: Path = tmp_path_factory.mktemp("fuzz") / "lib"
    library = Library.open(LibraryLocation(root, explicit=False))
    library.update_index()
    svc = SearchService(library.index)
    yield svc
    svc.close()
    library.close()


@given(
    st.one_of(st.text(max_size=40), st.lists(QUERY_ALPHABET, max_size=12).map("".join)),
    st.sampled_from(["relevance", "date", "title"]),
)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_searching_never_raises(service: SearchService, text: str, sort: str) -> None:
    result = service.search(text, limit=5, sort=sort)  # type: ignore[arg-type]
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for snippet in hit.snippets:
            assert snippet.count("<mark>") == snippet.count("</mark>")


def test_every_search_field_prefix_is_documented_and_parsed() -> None:
    """The field table is the one list: each prefix it names reaches its index field,
    and the README's query table names it (issue 12: the fields were listed in five
    places)."""
    from pathlib import Path

    from reader.core.search.field_table import FIELDS, PREFIXES

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    searching = readme[readme.index("## Searching") :]
    for field in FIELDS:
        for prefix in field.prefixes:
            assert f"`{prefix}:`" in searching, f"README does not name {prefix}:"
            parsed = parse_query(f"{prefix}:alliance")
            assert {leaf.fieldname for leaf in leaves(parsed.query)} <= {
                PREFIXES[prefix],
                f"{PREFIXES[prefix]}_f",
            }
