"""Journal pages, filters and full-text search; undoable deletes; drafts; on this day."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import sentinel_hits
from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.search_terms import match_spans, parse_query
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.drafts import DraftStore
from wellbeing_app.storage.journal import JournalFilter, JournalQuery
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

END = date(2026, 11, 20)


def _search(vault: Vault, text: str, **filters: object) -> list[str]:
    where = JournalFilter(query=parse_query(text), **filters)  # type: ignore[arg-type]
    return [row.id for row in JournalQuery(vault).all_matches(where)]


@pytest.fixture
def filled(vault: Vault) -> Vault:
    CheckInRepository(vault).add_many(synthetic_checkins(400, end=END, seed=5))
    return vault


def test_pages_are_newest_first_and_join_up_without_gaps(filled: Vault) -> None:
    query = JournalQuery(filled)
    seen: list[str] = []
    older_than = None
    while True:
        page = query.page(JournalFilter(), older_than=older_than, limit=37)
        if not page:
            break
        seen.extend(row.id for row in page)
        older_than = page[-1].sort_key
    expected = [c.id for c in CheckInRepository(filled).list_between()]
    assert seen == expected
    first = query.page(JournalFilter(), limit=1)[0]
    assert first.date == END


def test_rows_show_what_the_list_needs(vault: Vault) -> None:
    checkin = CheckIn(
        date=END,
        mood=2,
        shift_type=ShiftType.NIGHT,
        exposures=("sudden_death",),
        took_home="First line\nsecond line",
    )
    CheckInRepository(vault).add(checkin)
    (row,) = JournalQuery(vault).page(JournalFilter())
    assert (row.id, row.date, row.shift_type, row.mood) == (checkin.id, END, ShiftType.NIGHT, 2)
    assert row.exposures == ("sudden_death",)
    assert row.preview.startswith("First line")


def test_a_plain_list_of_matches_reads_the_listing_index_not_the_rows(filled: Vault) -> None:
    """Every match of a common word costs a page of the small index per dozen rows,
    not a decrypted page of the table per two or three."""
    query = JournalQuery(filled)
    where = JournalFilter(query=parse_query("the", prefix_last=False))
    listing = query.listing(where, limit=500)
    rows = query.all_matches(where)
    assert len(listing) == len(rows) > 100
    assert listing == [
        (r.sort_key, r.id, r.date.isoformat(), r.shift_type, r.mood, r.preview or None)
        for r in rows
    ]
    assert all(row[-1] is None for row in query.listing(where, limit=50, preview=False))
    # The plan names the index as covering: the rows themselves are never read.
    statements: list[str] = []
    filled.connection.set_trace_callback(statements.append)
    try:
        query.listing(where, limit=10)
    finally:
        filled.connection.set_trace_callback(None)
    (sql,) = [s for s in statements if "checkin_fts MATCH" in s]
    plan = " ".join(str(r[-1]) for r in filled.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "COVERING INDEX checkin_listing" in plan, plan


def test_filters_combine(filled: Vault) -> None:
    every = CheckInRepository(filled).list_between()
    first, last = END - timedelta(days=89), END
    where = JournalFilter(first=first, last=last, shift_type=ShiftType.NIGHT, exposure=None)
    got = [r.id for r in JournalQuery(filled).all_matches(where)]
    expected = [c.id for c in every if first <= c.date <= last and c.shift_type is ShiftType.NIGHT]
    assert got == expected and got
    exposed = next(c for c in every if c.exposures)
    code = exposed.exposures[0]
    where = JournalFilter(exposure=code)
    got = [r.id for r in JournalQuery(filled).all_matches(where)]
    assert got == [c.id for c in every if code in c.exposures]


def test_search_finds_words_newest_first_and_combines_with_filters(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    old = CheckIn(date=END - timedelta(days=40), mood=3, took_home="The lighthouse call again")
    new = CheckIn(date=END, mood=3, shift_type=ShiftType.LATE, took_home="A lighthouse, quietly")
    other = CheckIn(date=END - timedelta(days=1), mood=3, took_home="Nothing to see")
    repo.add_many([old, new, other])
    assert _search(vault, "lighthouse") == [new.id, old.id]
    assert _search(vault, "lighthouse", shift_type=ShiftType.LATE) == [new.id]
    assert _search(vault, "lighthouse", first=END - timedelta(days=7)) == [new.id]
    assert _search(vault, "lighthouse call") == [old.id]  # every word must match
    assert _search(vault, "zebra") == []


def test_search_folds_accents_and_matches_prefixes_while_typing(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    cafe = CheckIn(date=END, mood=3, good_thing="Coffee at the café with the team")
    repo.add(cafe)
    assert _search(vault, "cafe ") == [cafe.id]
    assert _search(vault, "CAFÉ ") == [cafe.id]
    assert _search(vault, "caf") == [cafe.id]  # still typing
    assert _search(vault, "caf ") == []  # a finished word must match whole


def test_search_covers_tags_and_several_entries_a_day(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    morning = CheckIn(
        date=END, mood=3, tags=("court",), created_at=datetime(2026, 11, 20, 8, tzinfo=UTC)
    )
    evening = CheckIn(
        date=END, mood=2, took_home="court again", created_at=datetime(2026, 11, 20, 20, tzinfo=UTC)
    )
    repo.add(morning)
    repo.add(evening)
    assert _search(vault, "court") == [evening.id, morning.id]


def test_an_edited_word_is_found_and_the_old_one_is_not(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = CheckIn(date=END, mood=3, took_home="the harbour at dawn")
    repo.add(checkin)
    repo.update(dataclasses.replace(checkin, took_home="the orchard at dusk"))
    assert _search(vault, "orchard") == [checkin.id]
    assert _search(vault, "harbour") == []


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "AND",
        "OR NOT",
        "*",
        "a*",
        "NEAR(",
        "NEAR(a b",
        "(",
        ")",
        "^",
        "-",
        "+",
        "col:word",
        "{a b}: c",
        "'",
        "\\",
        "%",
        "_",
        "\x00",
        "a\x00b",
        "\ud800",
        "🙂",
        "",
    ],
)
def test_query_syntax_in_user_text_never_raises(filled: Vault, text: str) -> None:
    JournalQuery(filled).page(JournalFilter(query=parse_query(text)))


@settings(max_examples=150)
@given(st.text())
def test_any_unicode_query_never_raises(vault: Vault, text: str) -> None:
    rows = JournalQuery(vault).page(JournalFilter(query=parse_query(text)))
    assert rows == []


def test_highlight_spans_match_words_ignoring_case_and_accents() -> None:
    query = parse_query("cafe TEAM")
    text = "Coffee at the Café with the team; teammates"
    spans = match_spans(text, query)
    assert [text[a:b] for a, b in spans] == ["Café", "team", "teammates"]
    assert match_spans(text, parse_query("cafe team ")) == spans[:2]


def test_delete_then_restore_gives_back_the_same_entry_in_the_same_place(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    day = [
        CheckIn(
            date=END, mood=m, took_home=f"entry {m}", exposures=("sudden_death",) if m == 2 else ()
        )
        for m in (1, 2, 3)
    ]
    for checkin in day:
        repo.add(checkin)
    before = repo.list_between()
    deleted = repo.take(day[1].id)
    assert deleted is not None and repo.get(day[1].id) is None
    assert _search(vault, "entry") == [day[2].id, day[0].id]
    repo.restore(deleted)
    assert repo.list_between() == before
    assert _search(vault, "entry") == [c.id for c in before]
    assert repo.take("00000000-0000-4000-8000-000000000000") is None


def test_on_this_day_finds_earlier_years_only(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    today = date(2026, 11, 24)
    last_year = CheckIn(date=date(2025, 11, 24), mood=4)
    two_years = CheckIn(date=date(2024, 11, 24), mood=2)
    repo.add_many(
        [
            last_year,
            two_years,
            CheckIn(date=today, mood=3),
            CheckIn(date=date(2025, 11, 23), mood=3),
        ]
    )
    assert [r.id for r in JournalQuery(vault).on_this_day(today)] == [last_year.id, two_years.id]
    assert JournalQuery(vault).on_this_day(date(2028, 2, 29)) == []


def test_drafts_are_saved_replaced_and_cleared(vault: Vault, data_dir: Path) -> None:
    store = DraftStore(vault)
    assert store.load() is None
    store.save({"mood": 2, "took_home": "DRAFT-SENTINEL-55 half written"})
    store.save({"mood": 3, "took_home": "DRAFT-SENTINEL-55 more"}, editing_id="abc")
    draft = store.load()
    assert draft is not None
    assert draft.record == {"mood": 3, "took_home": "DRAFT-SENTINEL-55 more"}
    assert draft.editing_id == "abc"
    assert sentinel_hits(data_dir, "DRAFT-SENTINEL-55") == []
    store.clear()
    assert store.load() is None
