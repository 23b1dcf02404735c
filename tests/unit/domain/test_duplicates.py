"""Telling whether an imported check-in is one the vault already holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.duplicates import KnownCheckIns, content_key, key_of

DAY = date(2024, 6, 2)


def row(checkin: CheckIn) -> tuple[str, str, str | None, str | None, str | None]:
    shift = checkin.shift_type.value if checkin.shift_type else None
    return (checkin.id, checkin.date.isoformat(), shift, checkin.took_home, checkin.good_thing)


def test_the_same_id_is_held_whatever_it_says() -> None:
    held = CheckIn(DAY, 3, took_home="Long one")
    known = KnownCheckIns([row(held)])
    assert known.holds(replace(held, mood=1, took_home="Edited since"))


def test_the_same_date_shift_and_words_under_another_id_is_held() -> None:
    held = CheckIn(DAY, 3, shift_type=ShiftType.LATE, took_home="Court.\nAdjourned.")
    known = KnownCheckIns([row(held)])
    assert known.holds(
        CheckIn(DAY, 5, shift_type=ShiftType.LATE, took_home="Court.\r\nAdjourned. ")
    )
    assert not known.holds(CheckIn(DAY, 3, shift_type=ShiftType.NIGHT, took_home=held.took_home))
    assert not known.holds(
        CheckIn(date(2024, 6, 3), 3, shift_type=ShiftType.LATE, took_home=held.took_home)
    )
    assert not known.holds(CheckIn(DAY, 3, shift_type=ShiftType.LATE, took_home="Court."))


def test_two_check_ins_with_no_words_are_never_the_same_by_content() -> None:
    held = CheckIn(DAY, 3)
    known = KnownCheckIns([row(held)])
    assert content_key(DAY, None, None, "  ") is None
    assert key_of(held) is None
    assert not known.holds(CheckIn(DAY, 3))


def test_good_thing_counts_as_words_too() -> None:
    held = CheckIn(DAY, 3, good_thing="Tea with the team")
    known = KnownCheckIns([row(held)])
    assert known.holds(CheckIn(DAY, 4, good_thing="Tea with the team"))
    assert not known.holds(CheckIn(DAY, 4, took_home="Tea with the team"))


def test_an_empty_vault_holds_nothing_and_counts_nothing() -> None:
    known = KnownCheckIns()
    assert not known
    assert known.count_held([CheckIn(DAY, 3, took_home="x")]) == 0
    held = CheckIn(DAY, 3, took_home="x")
    assert KnownCheckIns([row(held)]).count_held([held, CheckIn(DAY, 3)]) == 1
