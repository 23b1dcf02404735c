"""What a search box means: words, prefixes while typing, and phrases in quotes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wellbeing_app.domain.search_terms import MAX_TERMS, match_spans, parse_query


def _marked(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in match_spans(text, parse_query(query))]


def test_words_in_quotes_are_one_phrase_and_the_rest_are_words() -> None:
    query = parse_query('kestrel "cold tea" ring', prefix_last=False)
    assert query.groups == (("kestrel",), ("cold", "tea"), ("ring",))
    assert query.terms == ("kestrel", "cold", "tea", "ring")
    assert query.fts5() == '"kestrel" "cold tea" "ring"'


def test_without_quotes_two_words_are_two_words() -> None:
    assert parse_query("cold tea", prefix_last=False).fts5() == '"cold" "tea"'


def test_a_closed_phrase_is_complete_and_an_open_one_is_still_being_typed() -> None:
    assert parse_query('"cold tea"').fts5() == '"cold tea"'
    assert parse_query('"cold te').fts5() == '"cold te"*'
    assert parse_query('"cold tea ').fts5() == '"cold tea"'
    assert parse_query("cold te").fts5() == '"cold" "te"*'


def test_curly_quotes_make_a_phrase_too() -> None:
    assert parse_query("\u201ccold tea\u201d", prefix_last=False).groups == (("cold", "tea"),)


def test_quotes_with_nothing_inside_and_query_syntax_stay_text() -> None:
    assert parse_query('""').is_empty
    assert parse_query('"').is_empty
    query = parse_query('NEAR( "AND* zebra', prefix_last=False)
    assert query.fts5() == '"NEAR" "AND zebra"'


def test_a_word_or_phrase_given_twice_counts_once() -> None:
    assert parse_query('tea "tea" TEA "cold tea" "Cold Tea"').groups == (
        ("tea",),
        ("cold", "tea"),
    )


def test_no_more_than_the_most_terms_even_inside_a_phrase() -> None:
    words = " ".join(f"w{n}" for n in range(30))
    assert len(parse_query(f'"{words}"').terms) == MAX_TERMS
    assert len(parse_query(words).terms) == MAX_TERMS


def test_the_highlight_marks_a_phrase_as_one_and_only_where_its_words_are_together() -> None:
    text = "Cold coffee, then tea. Later a cold, tea-stained mug; cold tea again"
    assert _marked(text, '"cold tea"') == ["cold, tea", "cold tea"]
    assert _marked(text, "cold tea") == ["Cold", "tea", "cold", "tea", "cold", "tea"]


def test_the_highlight_of_a_phrase_ignores_case_and_accents_and_can_be_a_prefix() -> None:
    text = "A CAFÉ crème at dawn, then café creme brûlée"
    assert _marked(text, '"cafe creme"') == ["CAFÉ crème", "café creme"]
    assert _marked(text, '"cafe cre') == ["CAFÉ crème", "café creme"]


def test_a_phrase_wins_over_one_of_its_words_where_both_would_match() -> None:
    text = "tea then cold tea"
    assert _marked(text, 'tea "cold tea"') == ["tea", "cold tea"]


@given(st.text())
def test_any_text_gives_a_safe_query_and_ordered_spans(text: str) -> None:
    query = parse_query(text)
    expression = query.fts5()
    # Every word or phrase is one quoted string: no user text is read as syntax.
    assert expression.count('"') == 2 * len(query.groups)
    spans = match_spans(text + " " + text, query)
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False))
