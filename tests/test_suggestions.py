"""Theme suggestions: keyword and query matches per sentence, skipping done and dismissed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.core.annotations.highlights import add_highlight
from reader.core.library import Library
from reader.core.models import Article, ArticleDraft
from reader.core.store import Store
from reader.core.themes import Taxonomy, Theme
from reader.core.themes.suggestions import (
    Suggestion,
    accept_suggestion,
    dismiss_suggestion,
    dismissed_for,
    sentence_spans,
    suggest,
    suggestions_for,
    undismiss_suggestion,
)


def _article(text: str) -> Article:
    return Article(id=1, title="T", text=text, content_hash="", imported_at="", modified_at="")


def _missile_article(library: Library) -> int:
    return library.store.resolve_article("The United States and Japan are deepening")


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "The U.S. and Japan met on Dec. 10 in Tokyo. They agreed.\n\nA heading\n- item one"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == [
        "The U.S. and Japan met on Dec. 10 in Tokyo.",
        "They agreed.",
        "A heading",
        "- item one",
    ]


def test_the_missile_article_gets_amraam_and_sm6_passages(sample_library: Library) -> None:
    article_id = _missile_article(sample_library)
    found = suggestions_for(sample_library.store, sample_library.taxonomy, article_id)
    missile = [s for s in found if s.theme_id == "missile-co-production"]
    quotes = " ".join(s.quote for s in missile)
    assert "AMRAAM" in quotes and "SM-6" in quotes
    amraam = next(s for s in missile if "Advanced Medium-Range" in s.quote)
    assert 'keyword "AMRAAM"' in amraam.reason or '"AMRAAM"' in amraam.reason
    text = sample_library.store.article(article_id).text
    assert all(text[s.start : s.end] == s.quote for s in found)
    assert all(s.start <= a and b <= s.end for s in found for a, b in s.hits)
    assert any(text[a:b] == "AMRAAM" for a, b in amraam.hits)


def test_keywords_match_whole_words_and_phrases_case_insensitively() -> None:
    taxonomy = Taxonomy((Theme("m", "M", keywords=("SM-6", "joint force headquarters")),))
    text = (
        "The SM-60 is different. The sm-6 is not. A Joint  Force\nHeadquarters line. "
        "Joint Force Headquarters are here."
    )
    found = suggest(_article(text), taxonomy, [], set())
    assert [s.quote for s in found] == ["The sm-6 is not.", "Joint Force Headquarters are here."]
    assert found[0].reason == 'keyword "SM-6"'


def test_a_query_is_evaluated_per_sentence() -> None:
    taxonomy = Taxonomy((Theme("m", "M", query="missile AND produc* NOT Patriot"),))
    text = (
        "Missiles are expensive. Production rose. Missile production rose. "
        "Patriot missile production too."
    )
    found = suggest(_article(text), taxonomy, [], set())
    assert [s.quote for s in found] == ["Missile production rose."]
    assert found[0].reason == 'query "missile AND produc* NOT Patriot"'


def test_highlighted_and_dismissed_passages_are_skipped() -> None:
    taxonomy = Taxonomy(
        (
            Theme("parent", "P", keywords=("alpha",)),
            Theme("child", "C", parent="parent", keywords=("beta",)),
        )
    )
    text = "Alpha one here. Alpha beta two. Beta three. Alpha four."
    article = _article(text)
    from reader.core.models import Highlight

    marked = Highlight(
        id=1, uid="u", article_id=1, start=0, end=5, quote="Alpha", themes=("child",)
    )
    found = suggest(article, taxonomy, [marked], {("parent", "Alpha   four.")})
    pairs = [(s.theme_id, s.quote) for s in found]
    # "Alpha one here." is marked with a sub-theme (covers the parent); "Alpha four." is
    # dismissed (compared with white space collapsed).
    assert pairs == [
        ("parent", "Alpha beta two."),
        ("child", "Alpha beta two."),
        ("child", "Beta three."),
    ]
    by_span = suggest(article, taxonomy, [], {("child", found[1].start, found[1].end)})
    assert ("child", "Alpha beta two.") not in [(s.theme_id, s.quote) for s in by_span]


def test_dismissals_are_remembered_and_survive_reimport(
    sample_library: Library, tmp_path: Path
) -> None:
    store, taxonomy = sample_library.store, sample_library.taxonomy
    article_id = _missile_article(sample_library)
    first = next(
        s
        for s in suggestions_for(store, taxonomy, article_id)
        if s.theme_id == "missile-co-production"
    )
    dismiss_suggestion(store, article_id, first.theme_id, first.quote)
    dismiss_suggestion(store, article_id, first.theme_id, first.quote)  # idempotent
    assert dismissed_for(store, article_id) == {(first.theme_id, " ".join(first.quote.split()))}
    again = suggestions_for(store, taxonomy, article_id)
    assert (first.theme_id, first.quote) not in [(s.theme_id, s.quote) for s in again]

    # The file changes (a paragraph added at the top) and is imported again: same article,
    # the passage moved, the dismissal still holds.
    path = Path(store.article(article_id).path or "")
    copy = tmp_path / "copy" / path.name
    copy.parent.mkdir()
    copy.write_text(
        "An added opening paragraph.\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    store.query("UPDATE articles SET path = ? WHERE id = ?", (str(copy), article_id))
    sample_library.import_paths([copy])
    assert store.article(article_id).text.startswith("An added opening paragraph.")
    moved = suggestions_for(store, taxonomy, article_id)
    assert (first.theme_id, first.quote) not in [(s.theme_id, s.quote) for s in moved]

    undismiss_suggestion(store, article_id, first.theme_id, first.quote)
    assert (first.theme_id, first.quote) in [
        (s.theme_id, s.quote) for s in suggestions_for(store, taxonomy, article_id)
    ]


def test_accepting_highlights_the_passage_and_it_is_no_longer_suggested(
    sample_library: Library,
) -> None:
    store, taxonomy = sample_library.store, sample_library.taxonomy
    article_id = _missile_article(sample_library)
    first = next(
        s
        for s in suggestions_for(store, taxonomy, article_id)
        if s.theme_id == "missile-co-production"
    )
    made = accept_suggestion(store, article_id, first)
    assert made.quote == first.quote and made.themes == ("missile-co-production",)
    assert first not in suggestions_for(store, taxonomy, article_id)


def test_dismissals_go_with_the_article(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite3") as store:
        text = "Alpha one."
        aid = store.add_article(ArticleDraft("T", text), hashlib.sha256(text.encode()).hexdigest())
        dismiss_suggestion(store, aid, "x", text)
        add_highlight(store, aid, 0, 5)
        store.delete_article(aid)
        assert store.query("SELECT count(*) FROM suggestion_dismissals")[0][0] == 0


def test_no_themes_no_suggestions() -> None:
    assert suggest(_article("Alpha one."), Taxonomy(), [], set()) == []
    assert suggest(_article(""), Taxonomy((Theme("a", "A", keywords=("x",)),)), [], set()) == []
    assert Suggestion("a", 0, 1, "x", "r").hits == ()


def test_headings_and_photo_credits_are_not_suggested() -> None:
    from reader.core.themes.suggestions import sentence_spans

    text = (
        "Missile Co-Production Plans\n\nCourtesy of the Missile Defense Agency\n\n"
        "Japan will co-produce the missile. Officials agreed."
    )
    found = [text[s:e] for s, e in sentence_spans(text)]
    assert found == ["Japan will co-produce the missile.", "Officials agreed."]
