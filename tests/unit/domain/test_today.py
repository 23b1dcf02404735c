"""The Today page's last 7 days at a glance: one value a day and one calm sentence."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.domain.today import NO_CHECKINS, WEEK_DAYS, week_at_a_glance

TODAY = date(2026, 11, 26)  # a Thursday


def checkin(days_ago: int, *, mood: int = 3, minute: int = 0, **fields: Any) -> CheckIn:
    day = TODAY - timedelta(days=days_ago)
    written = datetime.combine(day, time(19, 0), tzinfo=UTC) + timedelta(minutes=minute)
    return CheckIn(date=day, mood=mood, created_at=written, updated_at=written, **fields)


def test_seven_days_oldest_first_ending_today_with_gaps_as_none() -> None:
    week = week_at_a_glance([checkin(0, mood=4, sleep_hours=7.0), checkin(3, mood=2)], TODAY)
    assert WEEK_DAYS == 7
    assert [d.date for d in week.days] == [TODAY - timedelta(days=6 - n) for n in range(7)]
    assert [d.mood for d in week.days] == [None, None, None, 2, None, None, 4]
    assert [d.sleep_hours for d in week.days] == [None] * 6 + [7.0]
    assert week.checkins == 2
    assert week.today == TODAY


def test_checkins_outside_the_week_are_left_out() -> None:
    week = week_at_a_glance([checkin(7, mood=1), checkin(-1, mood=1)], TODAY)
    assert all(d.mood is None for d in week.days)
    assert week.checkins == 0
    assert week.summary == NO_CHECKINS


def test_several_checkins_on_one_day_show_the_last_written() -> None:
    later = checkin(1, mood=4, minute=30, sleep_hours=None)
    earlier = checkin(1, mood=2, minute=0, sleep_hours=5.5)
    week = week_at_a_glance([later, earlier], TODAY)
    yesterday = week.days[-2]
    assert yesterday.mood == 4
    assert yesterday.sleep_hours == 5.5  # the last written that recorded sleep
    assert yesterday.checkins == 2
    assert week.summary.startswith("Over the last 7 days you checked in twice;")


def test_the_example_sentence() -> None:
    history = [checkin(n, mood=3, sleep_hours=6.0) for n in range(4)] + [
        checkin(5, mood=4, sleep_hours=6.0)
    ]
    assert week_at_a_glance(history, TODAY).summary == (
        "Over the last 7 days you checked in 5 times; your mood was mostly okay "
        "and you slept about 6 hours a night."
    )


@pytest.mark.parametrize(
    ("moods", "words"),
    [
        ((3,), "your mood was okay"),
        ((4, 4, 4), "your mood was good each day you checked in"),
        ((2, 3, 3), "your mood was mostly okay"),
        ((2, 2, 4, 4), "your mood was between low and good"),  # a tie: no "mostly"
        ((1, 3, 5), "your mood was between very low and very good"),
    ],
)
def test_the_mood_is_described_never_judged(moods: tuple[int, ...], words: str) -> None:
    history = [checkin(n, mood=mood) for n, mood in enumerate(moods)]
    summary = week_at_a_glance(history, TODAY).summary
    assert f"; {words}." in summary


@pytest.mark.parametrize(
    ("nights", "words"),
    [
        ((6.0, 6.0), "you slept about 6 hours a night"),
        ((6.0, 7.0), "you slept about 6 and a half hours a night"),
        ((6.2, 6.3), "you slept about 6 and a half hours a night"),  # 6.25 rounds up
        ((1.5, 1.5), "you slept about an hour and a half a night"),
        ((7.0,), "you recorded one night's sleep, about 7 hours"),
    ],
)
def test_sleep_is_rounded_to_the_half_hour_in_words(nights: tuple[float, ...], words: str) -> None:
    history = [checkin(n, sleep_hours=hours) for n, hours in enumerate(nights)]
    assert week_at_a_glance(history, TODAY).summary.endswith(f" and {words}.")


def test_sleep_on_only_some_days_says_so_and_none_says_nothing() -> None:
    some = [checkin(0, sleep_hours=5.0), checkin(1, sleep_hours=7.0), checkin(2)]
    assert week_at_a_glance(some, TODAY).summary.endswith(
        "you slept about 6 hours a night on the nights you recorded."
    )
    none = week_at_a_glance([checkin(0, mood=4), checkin(1, mood=4)], TODAY)
    assert none.summary == (
        "Over the last 7 days you checked in twice; your mood was good each day you checked in."
    )


def test_one_checkin_reads_once() -> None:
    summary = week_at_a_glance([checkin(2, mood=2, sleep_hours=4.5)], TODAY).summary
    assert summary == (
        "Over the last 7 days you checked in once; your mood was low "
        "and you recorded one night's sleep, about 4 and a half hours."
    )


BANNED = ("risk", "diagnos", "disorder", "depress", "score", "not enough", "should", "!")


@pytest.mark.parametrize("seed", range(12))
def test_every_summary_is_one_calm_sentence(seed: int) -> None:
    history = synthetic_checkins(30, end=TODAY, seed=seed)
    for end in (TODAY - timedelta(days=n) for n in range(0, 28, 3)):
        sparse = [c for c in history if c.date.toordinal() % (seed % 3 + 1) == 0]
        for checkins in (history, sparse):
            summary = week_at_a_glance(checkins, end).summary
            assert summary.endswith(".") and summary.count(".") == 1, summary
            assert summary[0].isupper()
            assert not any(word in summary.lower() for word in BANNED), summary
            assert "  " not in summary
            assert re.search(r"\b1 hours\b|\b0 hours\b", summary) is None
