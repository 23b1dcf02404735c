"""Check-ins in the vault: add, update, delete, get, list by date range, and the index."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn, InvalidCheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.errors import CheckInConflictError
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault


def _fts_ids(vault: Vault, query: str) -> set[str]:
    """Ids whose indexed text matches ``query`` (the index itself, not a LIKE scan)."""
    rows = vault.connection.execute(
        "SELECT c.id FROM checkin_fts JOIN checkin AS c ON c.sort_key = checkin_fts.rowid "
        "WHERE checkin_fts MATCH ?",
        (query,),
    ).fetchall()
    return {r[0] for r in rows}


def _full(day: date, **changes: object) -> CheckIn:
    base = CheckIn(
        date=day,
        mood=3,
        shift_type=ShiftType.NIGHT,
        hours_worked=10.0,
        overtime_hours=1.5,
        took_break=False,
        stress=4,
        energy=2,
        sleep_hours=5.5,
        sleep_quality=2,
        exposures=("sudden_death", "domestic_abuse"),
        activities=("welfare_check",),
        tags=("court", "night out"),
        took_home="A long night. Kept thinking about the café on the corner.",
        good_thing="Tea with the team 🍵",
        talked_to_someone=True,
        created_at=datetime(2026, 11, 20, 7, 5, 1, 123456, tzinfo=UTC),
        updated_at=datetime(2026, 11, 20, 7, 5, 1, 123456, tzinfo=UTC),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_add_then_get_gives_back_every_field(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = _full(date(2026, 11, 20))
    repo.add(checkin)
    assert repo.get(checkin.id) == checkin
    assert repo.get("00000000-0000-4000-8000-000000000000") is None


def test_minimal_checkin_round_trips(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = CheckIn(date=date(2026, 11, 21), mood=1)
    repo.add(checkin)
    assert repo.get(checkin.id) == checkin


def test_invalid_checkin_is_refused_before_writing(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    with pytest.raises(InvalidCheckIn, match="mood"):
        repo.add(CheckIn(date=date(2026, 11, 20), mood=9))
    assert repo.count() == 0


def test_list_between_is_newest_first_and_inclusive(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkins = synthetic_checkins(30, end=date(2026, 11, 20))
    repo.add_many(checkins)
    got = repo.list_between(date(2026, 11, 1), date(2026, 11, 10))
    assert [c.date for c in got] == [date(2026, 11, 10) - timedelta(days=i) for i in range(10)]
    assert repo.list_between(newest_first=False) == checkins
    assert repo.list_between(date(2027, 1, 1), None) == []
    assert len(repo.list_between(None, date(2026, 10, 22))) == 1


def test_several_checkins_a_day_are_kept_in_the_order_they_were_made(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    day = date(2026, 11, 20)
    first = CheckIn(date=day, mood=2, took_home="first of the day")
    second = CheckIn(date=day, mood=4, took_home="second of the day")
    repo.add(first)
    repo.add(second)
    repo.add(CheckIn(date=day + timedelta(days=1), mood=3))
    assert [c.id for c in repo.list_between(day, day)] == [second.id, first.id]
    assert repo.count() == 3


def test_update_changes_fields_and_keeps_the_id(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = _full(date(2026, 11, 20))
    repo.add(checkin)
    edited = dataclasses.replace(
        checkin,
        mood=5,
        exposures=("assaulted_on_duty",),
        tags=(),
        updated_at=checkin.updated_at + timedelta(hours=2),
    )
    repo.update(edited)
    assert repo.get(checkin.id) == edited
    assert repo.count() == 1


def test_update_to_another_date_moves_the_entry(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = _full(date(2026, 11, 20))
    repo.add(checkin)
    repo.add(CheckIn(date=date(2026, 11, 18), mood=2))
    moved = dataclasses.replace(checkin, date=date(2026, 11, 17))
    repo.update(moved)
    assert repo.get(checkin.id) == moved
    assert [c.date for c in repo.list_between()] == [date(2026, 11, 18), date(2026, 11, 17)]
    assert repo.list_between(date(2026, 11, 17), date(2026, 11, 17))[0].exposures == (
        "sudden_death",
        "domestic_abuse",
    )
    assert _fts_ids(vault, "café") == {checkin.id}


def test_update_of_a_missing_checkin_is_a_key_error(vault: Vault) -> None:
    with pytest.raises(KeyError):
        CheckInRepository(vault).update(CheckIn(date=date(2026, 11, 20), mood=3))


def test_delete_removes_the_entry_and_its_children(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = _full(date(2026, 11, 20))
    repo.add(checkin)
    assert repo.delete(checkin.id) is True
    assert repo.get(checkin.id) is None
    assert repo.delete(checkin.id) is False
    leftovers = vault.connection.execute(
        "SELECT (SELECT count(*) FROM checkin_exposure) + (SELECT count(*) FROM checkin_activity)"
    ).fetchone()[0]
    assert leftovers == 0
    assert _fts_ids(vault, "kettle OR café OR court") == set()


def test_the_search_index_follows_edits(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = CheckIn(date=date(2026, 11, 20), mood=3, took_home="the lighthouse was cold")
    repo.add(checkin)
    assert _fts_ids(vault, "lighthouse") == {checkin.id}
    repo.update(dataclasses.replace(checkin, took_home="the harbour was warm"))
    assert _fts_ids(vault, "lighthouse") == set()
    assert _fts_ids(vault, "harbour") == {checkin.id}


def test_the_index_covers_good_thing_and_tags_and_folds_accents(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    checkin = _full(date(2026, 11, 20))
    repo.add(checkin)
    assert _fts_ids(vault, "cafe") == {checkin.id}  # "café" in the text
    assert _fts_ids(vault, "tea") == {checkin.id}  # good thing
    assert _fts_ids(vault, "court") == {checkin.id}  # custom tag
    assert vault.check().ok


def test_add_many_is_all_or_nothing(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    existing = CheckIn(date=date(2026, 11, 1), mood=3)
    repo.add(existing)
    batch = [*synthetic_checkins(20, end=date(2026, 11, 20)), existing]
    with pytest.raises(CheckInConflictError):
        repo.add_many(batch)
    assert repo.count() == 1


def test_a_failure_inside_the_transaction_rolls_everything_back(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    batch = synthetic_checkins(10, end=date(2026, 11, 20))
    with pytest.raises(RuntimeError), vault.transaction() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('probe', 'x')")
        raise RuntimeError("crash mid-write")
    repo.add_many(batch)
    assert repo.count() == 10
    assert vault.connection.execute("SELECT count(*) FROM meta WHERE key = 'probe'").fetchone() == (
        0,
    )


def test_last_shift_type_is_the_most_recently_made(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    assert repo.last_shift_type() is None
    now = datetime(2026, 11, 20, 8, tzinfo=UTC)
    repo.add(CheckIn(date=date(2026, 11, 20), mood=3, shift_type=ShiftType.LATE, created_at=now))
    repo.add(
        CheckIn(
            date=date(2026, 11, 19),
            mood=3,
            shift_type=ShiftType.NIGHT,
            created_at=now + timedelta(minutes=5),
        )
    )
    assert repo.last_shift_type() is ShiftType.NIGHT


def test_many_batches_keep_each_day_in_the_order_written_and_index_every_entry(
    vault: Vault,
) -> None:
    from wellbeing_app.storage.repository import CheckInBatches

    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    spread = synthetic_checkins(2 * CheckInBatches.SIZE + 300, end=date(2026, 11, 20), seed=6)
    # One day's entries scattered across the batches, the latest written first.
    day = date(2026, 3, 3)
    same_day = [
        CheckIn(date=day, mood=2, took_home=f"heron {n}", created_at=start + timedelta(hours=n))
        for n in range(4)
    ]
    checkins = list(spread)
    for place, checkin in zip((5, 1200, 1900, 2250), reversed(same_day), strict=True):
        checkins.insert(place, checkin)
    repo = CheckInRepository(vault)
    assert repo.add_many(checkins) == len(checkins)
    expected = sorted(checkins, key=lambda c: (c.date, c.created_at))
    assert repo.list_between(newest_first=False) == expected
    herons = [c.took_home for c in repo.list_between(day, day, newest_first=False)]
    assert [t for t in herons if t and t.startswith("heron")] == [f"heron {n}" for n in range(4)]
    assert _fts_ids(vault, "heron") == {c.id for c in same_day}
    vault.connection.execute("INSERT INTO checkin_fts (checkin_fts) VALUES ('integrity-check')")


def test_each_between_reads_in_batches_what_list_between_reads_whole(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    repo.add_many(synthetic_checkins(1300, end=date(2026, 11, 20), seed=7))
    assert list(repo.each_between(batch=128)) == repo.list_between(newest_first=False)
    first, last = date(2025, 2, 1), date(2025, 7, 31)
    assert list(repo.each_between(first, last, batch=7)) == repo.list_between(
        first, last, newest_first=False
    )
    assert not vault.connection.in_transaction


def test_the_numbers_are_read_from_their_index_and_match_the_rows(vault: Vault) -> None:
    repo = CheckInRepository(vault)
    repo.add(_full(date(2026, 11, 20)))
    repo.add(_full(date(2026, 11, 21), tags=(), exposures=(), shift_type=None, took_break=None))
    whole = repo.list_between(newest_first=False)
    numbers = repo.list_between(newest_first=False, text=False)
    assert numbers == [dataclasses.replace(c, took_home=None, good_thing=None) for c in whole]
    statements: list[str] = []
    vault.connection.set_trace_callback(statements.append)
    try:
        repo.list_between(date(2026, 11, 1), date(2026, 11, 30), text=False)
    finally:
        vault.connection.set_trace_callback(None)
    (sql,) = [s for s in statements if s.startswith("SELECT") and "FROM checkin " in s]
    plan = " ".join(str(r[-1]) for r in vault.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "COVERING INDEX checkin_numbers" in plan, plan
