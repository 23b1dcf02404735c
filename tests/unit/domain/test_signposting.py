"""Contextual signposting: which suggestions check-ins bring, why, and in what order."""

from __future__ import annotations

import dataclasses
import random
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from wellbeing_app.domain.catalogue import EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.signposting import (
    FIRST_FOLLOW_UP_WINDOW,
    MONTH_FOLLOW_UP_WINDOW,
    THRESHOLDS,
    URGENT_OPENING,
    Suggestion,
    SuggestionKind,
    due_today,
    signpost_for,
    suggestion_details,
    time_ago,
    words_read,
)
from wellbeing_app.domain.support import URGENT_HELP_IDS
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.support import load_catalogue

TODAY = date(2026, 11, 26)  # a Thursday
WORK = ShiftType.EARLY
REST = ShiftType.REST_DAY


def checkin(days_ago: int, *, mood: int = 4, minute: int = 0, **fields: Any) -> CheckIn:
    """A check-in dated ``days_ago`` before TODAY, written that evening (plus ``minute``)."""
    day = TODAY - timedelta(days=days_ago)
    written = datetime.combine(day, time(21, 0), tzinfo=UTC) + timedelta(minutes=minute)
    fields.setdefault("created_at", written)
    fields.setdefault("updated_at", fields["created_at"])
    return CheckIn(date=day, mood=mood, **fields)


def of_kind(suggestions: list[Suggestion], kind: SuggestionKind) -> list[Suggestion]:
    return [s for s in suggestions if s.kind is kind]


def only(suggestions: list[Suggestion], kind: SuggestionKind) -> Suggestion:
    [found] = of_kind(suggestions, kind)
    return found


def kinds(suggestions: list[Suggestion]) -> list[SuggestionKind]:
    return [s.kind for s in suggestions]


# ---------------------------------------------------------------------------
# Nothing to say


def test_no_checkins_no_suggestions() -> None:
    assert signpost_for([], today=TODAY) == []


def test_a_good_fortnight_brings_nothing() -> None:
    history = [
        checkin(n, mood=4, sleep_hours=7.0, shift_type=REST if n % 4 == 0 else WORK)
        for n in range(14)
    ]
    assert signpost_for(history, today=TODAY) == []


@pytest.mark.parametrize("seed", [1, 2, 3, 7, 11])
def test_the_demo_data_never_shows_urgent_help(seed: int) -> None:
    history = synthetic_checkins(120, end=TODAY, seed=seed)
    assert of_kind(signpost_for(history, today=TODAY), SuggestionKind.URGENT_HELP) == []


def test_the_thresholds_are_the_agreed_ones() -> None:
    t = THRESHOLDS
    assert (t.low_mood_max, t.low_mood_count, t.low_mood_window) == (2, 3, 5)
    assert (t.short_sleep_hours, t.short_sleep_days, t.short_sleep_min_nights) == (5.0, 7, 3)
    assert (t.no_rest_days, t.trim_first_days, t.trim_follow_up_days) == (12, 3, 30)
    assert t.exposure_recent_days == 30
    assert t.first_follow_up_window == FIRST_FOLLOW_UP_WINDOW == (2, 5)
    assert t.month_follow_up_window == MONTH_FOLLOW_UP_WINDOW == (25, 40)


# ---------------------------------------------------------------------------
# TRiM


def test_an_exposure_brings_trim_information_with_a_reason() -> None:
    tuesday = checkin(2, exposures=("sudden_death",))
    trim = only(signpost_for([tuesday], today=TODAY), SuggestionKind.TRIM)
    assert trim.reason == "Because you logged a sudden death 2 days ago, on Tuesday."
    assert trim.key == f"trim:{tuesday.id}"
    assert trim.service_ids == ("trim",)
    assert trim.checkin_id == tuesday.id
    details = suggestion_details(trim, load_catalogue())
    for fact in ("not therapy", "72 hours", "a month later", "your own force"):
        assert details.count(fact) == 1, fact


def _shingles(text: str, size: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.parametrize("kind", [SuggestionKind.TRIM, SuggestionKind.OPERATION_HAMPSHIRE])
def test_a_card_and_its_service_never_say_the_same_thing_twice(kind: SuggestionKind) -> None:
    # The card shows the body, then the catalogue's description of a service
    # without a number (TRiM, Operation Hampshire): they must not overlap.
    suggestion = only(
        signpost_for([checkin(2, exposures=("assaulted_on_duty",))], today=TODAY), kind
    )
    catalogue = load_catalogue()
    for service_id in suggestion.service_ids:
        what = catalogue.by_id(service_id).what
        assert not _shingles(suggestion.body) & _shingles(what), (suggestion.body, what)
        for sentence in re.split(r"(?<=[.!?])\s+", what):
            assert sentence not in suggestion.body
    for line in (suggestion.title, suggestion.reason):
        assert "\n" not in line and len(line) <= 90


@pytest.mark.parametrize(
    ("days_ago", "when"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago, on Tuesday"),
        (6, "6 days ago, on Friday"),
        (7, "7 days ago, on 19 November"),
        (24, "about 3 weeks ago, on 2 November"),
        (30, "about a month ago, on 27 October"),
    ],
)
def test_the_reason_says_when_as_people_do(days_ago: int, when: str) -> None:
    history = [checkin(days_ago, exposures=("sudden_death",))]
    trim = only(signpost_for(history, today=TODAY), SuggestionKind.TRIM)
    assert trim.reason == f"Because you logged a sudden death {when}."


def test_a_date_in_another_year_says_the_year() -> None:
    exposure = CheckIn(date=date(2026, 12, 20), mood=4, exposures=("domestic_abuse",))
    trim = only(signpost_for([exposure], today=date(2027, 1, 5)), SuggestionKind.TRIM)
    assert trim.reason == (
        "Because you logged domestic abuse about 2 weeks ago, on 20 December 2026."
    )


@pytest.mark.parametrize(
    ("codes", "words"),
    [
        (("sudden_death",), "a sudden death"),
        (("assaulted_on_duty",), "being assaulted on duty"),
        (("domestic_abuse",), "domestic abuse"),
        (("other_distressing",), "something else distressing"),
        (("sudden_death", "mental_health_crisis"), "a sudden death and a mental health crisis"),
        (
            ("serious_violence", "firearms_or_weapons", "threat_to_life"),
            "serious violence, firearms or weapons and a threat to life",
        ),
    ],
)
def test_exposures_read_as_plain_english(codes: tuple[str, ...], words: str) -> None:
    trim = only(signpost_for([checkin(2, exposures=codes)], today=TODAY), SuggestionKind.TRIM)
    assert trim.reason == f"Because you logged {words} 2 days ago, on Tuesday."


@pytest.mark.parametrize("code", sorted(EXPOSURES))
def test_every_exposure_tag_brings_trim_and_a_tidy_reason(code: str) -> None:
    trim = only(signpost_for([checkin(2, exposures=(code,))], today=TODAY), SuggestionKind.TRIM)
    assert trim.reason.startswith("Because you logged ")
    assert trim.reason.endswith(" on Tuesday.")
    assert EXPOSURES[code].lower() in trim.reason
    assert "  " not in trim.reason


@pytest.mark.parametrize(("days_ago", "shown"), [(29, True), (30, True), (31, False)])
def test_trim_information_is_for_recent_exposures(days_ago: int, shown: bool) -> None:
    history = [checkin(days_ago, exposures=("sudden_death",))]
    assert bool(of_kind(signpost_for(history, today=TODAY), SuggestionKind.TRIM)) is shown


def test_no_exposure_no_trim() -> None:
    history = [checkin(n, tags=("court",), activities=("welfare_check",)) for n in range(5)]
    assert of_kind(signpost_for(history, today=TODAY), SuggestionKind.TRIM) == []


def test_trim_is_for_the_newest_exposure_and_a_dismissed_one_does_not_return() -> None:
    older = checkin(9, exposures=("fatal_or_serious_rtc",))
    newer = checkin(2, exposures=("sudden_death",))
    trim = only(signpost_for([older, newer], today=TODAY), SuggestionKind.TRIM)
    assert trim.key == f"trim:{newer.id}"
    after = signpost_for([older, newer], today=TODAY, dismissed={trim.key})
    assert of_kind(after, SuggestionKind.TRIM) == []
    # A day later, still dismissed.
    assert (
        of_kind(
            signpost_for([older, newer], today=TODAY + timedelta(days=1), dismissed={trim.key}),
            SuggestionKind.TRIM,
        )
        == []
    )


def test_a_new_exposure_after_a_dismissal_brings_a_new_card() -> None:
    first = checkin(5, exposures=("sudden_death",))
    dismissed = {f"trim:{first.id}"}
    second = checkin(0, exposures=("child_at_risk_or_harmed",))
    trim = only(
        signpost_for([first, second], today=TODAY, dismissed=dismissed), SuggestionKind.TRIM
    )
    assert trim.key == f"trim:{second.id}"
    assert trim.key not in dismissed
    assert trim.reason == "Because you logged a child at risk or harmed today."


def test_unknown_exposure_codes_are_ignored() -> None:
    history = [checkin(1, exposures=("not_a_code",))]
    assert signpost_for(history, today=TODAY) == []


# ---------------------------------------------------------------------------
# Operation Hampshire


def test_an_assault_on_duty_brings_operation_hampshire_and_trim() -> None:
    assault = checkin(1, exposures=("assaulted_on_duty", "serious_violence"))
    found = signpost_for([assault], today=TODAY)
    hampshire = only(found, SuggestionKind.OPERATION_HAMPSHIRE)
    assert hampshire.reason == "Because you logged being assaulted on duty yesterday."
    assert hampshire.key == f"op_hampshire:{assault.id}"
    assert hampshire.service_ids == ("operation_hampshire",)
    details = suggestion_details(hampshire, load_catalogue())
    for fact in ("victim", "single point of contact", "not a helpline"):
        assert details.count(fact) == 1, fact
    trim = only(found, SuggestionKind.TRIM)
    assert trim.reason == (
        "Because you logged being assaulted on duty and serious violence yesterday."
    )


def test_other_exposures_do_not_bring_operation_hampshire() -> None:
    history = [checkin(1, exposures=("serious_violence", "threat_to_life"))]
    assert of_kind(signpost_for(history, today=TODAY), SuggestionKind.OPERATION_HAMPSHIRE) == []


@pytest.mark.parametrize(("days_ago", "shown"), [(30, True), (31, False)])
def test_operation_hampshire_is_for_recent_assaults(days_ago: int, shown: bool) -> None:
    history = [checkin(days_ago, exposures=("assaulted_on_duty",))]
    found = of_kind(signpost_for(history, today=TODAY), SuggestionKind.OPERATION_HAMPSHIRE)
    assert bool(found) is shown


def test_dismissing_operation_hampshire_keeps_trim() -> None:
    assault = checkin(1, exposures=("assaulted_on_duty",))
    found = signpost_for([assault], today=TODAY, dismissed={f"op_hampshire:{assault.id}"})
    assert SuggestionKind.OPERATION_HAMPSHIRE not in kinds(found)
    assert SuggestionKind.TRIM in kinds(found)


# ---------------------------------------------------------------------------
# Follow-up check-ins


def follow_ups(history: list[CheckIn], today: date = TODAY, **kw: Any) -> list[Suggestion]:
    return of_kind(signpost_for(history, today=today, **kw), SuggestionKind.FOLLOW_UP_CHECK_IN)


def test_an_exposure_offers_a_follow_up_about_three_days_on_saying_how_long_ago() -> None:
    exposure = checkin(2, exposures=("sudden_death",))
    [offer] = follow_ups([exposure])
    assert offer.due == date(2026, 11, 27)
    assert offer.key == f"follow_up:first:{exposure.id}"
    assert offer.checkin_id == exposure.id
    assert offer.title == "A follow-up check-in, about 3 days on"
    assert "72 hours" in offer.body
    assert "If you would like to, now is a good time." in offer.body
    assert offer.reason == "Because you logged a sudden death 2 days ago, on Tuesday."


def test_no_follow_up_on_the_day_of_the_incident_or_the_day_after() -> None:
    assert follow_ups([checkin(0, exposures=("sudden_death",))]) == []
    assert follow_ups([checkin(1, exposures=("sudden_death",))]) == []


@pytest.mark.parametrize(
    ("days_ago", "shown"), [(1, False), (2, True), (3, True), (5, True), (6, False), (10, False)]
)
def test_the_first_follow_up_is_offered_only_in_its_window(days_ago: int, shown: bool) -> None:
    # 10 days on, "about 3 days on ... now is a good time" would not be true.
    offers = follow_ups([checkin(days_ago, exposures=("sudden_death",))])
    assert [o.key.split(":")[1] for o in offers] == (["first"] if shown else [])
    for offer in offers:
        assert "around" not in offer.body
        assert f"{days_ago} days ago" in offer.reason


@pytest.mark.parametrize(
    ("days_ago", "shown"), [(24, False), (25, True), (30, True), (40, True), (41, False)]
)
def test_the_month_follow_up_is_offered_only_in_its_window(days_ago: int, shown: bool) -> None:
    exposure = checkin(days_ago, exposures=("sudden_death",))
    offers = [o for o in follow_ups([exposure]) if o.key.startswith("follow_up:month:")]
    assert bool(offers) is shown
    if shown:
        assert offers[0].due == exposure.date + timedelta(days=30)
        assert offers[0].title == "A follow-up check-in, about a month on"
        assert offers[0].reason.startswith("Because you logged a sudden death about ")


def test_a_checkin_inside_the_window_is_the_follow_up() -> None:
    exposure = checkin(4, exposures=("sudden_death",))
    assert follow_ups([exposure, checkin(3)])  # the day after: too soon to count
    assert follow_ups([exposure, checkin(2)]) == []  # two days on: done
    assert follow_ups([exposure, checkin(0)]) == []  # checked in today: done
    month = checkin(30, exposures=("sudden_death",))
    assert follow_ups([month, checkin(20)])  # before the month window: still offered
    assert follow_ups([month, checkin(4)]) == []


def test_several_tagged_checkins_on_one_day_are_one_incident() -> None:
    first = checkin(3, exposures=("sudden_death",), minute=0)
    second = checkin(3, exposures=("missing_person", "sudden_death"), minute=30)
    [offer] = follow_ups([second, first])
    assert offer.key == f"follow_up:first:{first.id}"  # the first written: stable
    assert offer.reason == (
        "Because you logged a sudden death and a missing person 3 days ago, on Monday."
    )
    # A dismissal stored against either check-in hides it.
    assert follow_ups([first, second], dismissed={f"follow_up:first:{second.id}"}) == []


def test_each_follow_up_is_dismissed_on_its_own() -> None:
    exposure = checkin(4, exposures=("sudden_death",))
    later = TODAY + timedelta(days=24)  # exposure + 28 days: the month offer is open
    first_key = f"follow_up:first:{exposure.id}"
    assert [o.key for o in follow_ups([exposure])] == [first_key]
    assert follow_ups([exposure], dismissed={first_key}) == []
    [month] = follow_ups([exposure], today=later, dismissed={first_key})
    assert month.key == f"follow_up:month:{exposure.id}"
    assert month.reason == "Because you logged a sudden death about a month ago, on 22 November."


def test_every_open_follow_up_is_offered_in_due_order() -> None:
    older = checkin(5, exposures=("sudden_death",))
    newer = checkin(4, exposures=("missing_person",))
    month = checkin(26, exposures=("domestic_abuse",))
    offers = follow_ups([month, newer, older])
    assert [o.checkin_id for o in offers] == [older.id, newer.id, month.id]
    assert [o.due for o in offers] == [date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 30)]


def test_a_checkin_dated_ahead_counts_from_its_own_date() -> None:
    night = checkin(-1, exposures=("sudden_death",))  # a night shift dated tomorrow
    assert follow_ups([night]) == []
    [offer] = follow_ups([night], today=TODAY + timedelta(days=3))
    assert offer.due == TODAY + timedelta(days=4)
    assert offer.reason == "Because you logged a sudden death 2 days ago, on Friday."


@pytest.mark.parametrize(
    ("days_ago", "words"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (13, "13 days ago"),
        (14, "about 2 weeks ago"),
        (18, "about 3 weeks ago"),
        (25, "about a month ago"),
        (45, "about a month ago"),
        (46, "about 2 months ago"),
        (100, "about 3 months ago"),
        (400, "about a year ago"),
        (800, "about 2 years ago"),
        (-1, "on 27 November"),
    ],
)
def test_how_long_ago_reads_plainly(days_ago: int, words: str) -> None:
    assert time_ago(TODAY - timedelta(days=days_ago), today=TODAY) == words


# ---------------------------------------------------------------------------
# What the Today page lists as due


def test_due_today_is_every_suggestion_but_urgent_help() -> None:
    history = everything()
    everything_now = signpost_for(history, today=TODAY)
    due = due_today(history, today=TODAY)
    assert due == [s for s in everything_now if s.kind is not SuggestionKind.URGENT_HELP]
    # Every kind but urgent help, and a self-check offer (that needs self-checks chosen).
    assert {s.kind for s in due} == set(SuggestionKind) - {
        SuggestionKind.URGENT_HELP,
        SuggestionKind.SELF_CHECK_DUE,
    }
    assert len({s.key for s in due}) == len(due)
    for item in due:
        assert item.title and "\n" not in item.title
        assert item.reason.startswith("Because ") and item.reason.endswith(".")


def test_due_today_leaves_out_what_was_dismissed() -> None:
    history = everything()
    first, *rest = due_today(history, today=TODAY)
    assert due_today(history, today=TODAY, dismissed={first.key}) == rest


def test_details_add_each_service_once_after_the_body() -> None:
    catalogue = load_catalogue()
    talk_card = only(due_today(everything(), today=TODAY), SuggestionKind.TALK_TO_SOMEONE)
    details = suggestion_details(talk_card, catalogue).split("\n")
    assert details[0] == talk_card.body
    assert details[1:] == [
        "Samaritans: call 116 123.",
        "Police Care UK: call 0300 012 0030.",
        "Shout for emergency services: Text BLUELIGHT to 85258.",
    ]


# ---------------------------------------------------------------------------
# Talk to someone: low mood


def talk(history: list[CheckIn], today: date = TODAY, **kw: Any) -> Suggestion | None:
    found = of_kind(signpost_for(history, today=today, **kw), SuggestionKind.TALK_TO_SOMEONE)
    assert len(found) <= 1
    return found[0] if found else None


def moods(*values: int, newest_days_ago: int = 0) -> list[CheckIn]:
    """Check-ins with these moods, oldest first, one a day, the last ``newest_days_ago``."""
    count = len(values)
    return [checkin(newest_days_ago + count - 1 - i, mood=mood) for i, mood in enumerate(values)]


def test_two_low_moods_in_five_is_not_enough() -> None:
    assert talk(moods(1, 4, 2, 4, 4)) is None


def test_three_low_moods_in_five_bring_a_quiet_suggestion() -> None:
    history = moods(2, 4, 1, 4, 2)
    suggestion = talk(history)
    assert suggestion is not None
    assert suggestion.key == f"talk:low_mood:{history[-1].date.isoformat()}"
    assert suggestion.reason == "Because your mood has been low in several recent check-ins."
    assert suggestion.title == "It might help to talk to someone"
    assert suggestion.own_contacts_first
    assert "your own contacts" in suggestion.body


def test_a_mood_of_three_is_not_low() -> None:
    assert talk(moods(3, 3, 3, 3, 3)) is None
    assert talk(moods(2, 2, 2, 3, 3)) is not None


def test_only_the_five_most_recent_checkins_count() -> None:
    assert talk(moods(1, 1, 1, 4, 4, 4, 4, 4)) is None
    assert talk(moods(1, 1, 1, 4, 4)) is not None


def test_fewer_than_three_checkins_never_bring_it() -> None:
    assert talk(moods(1)) is None
    assert talk(moods(1, 1)) is None
    assert talk(moods(1, 1, 1)) is not None


@pytest.mark.parametrize(("later_is_low", "shown"), [(True, True), (False, False)])
def test_the_order_given_does_not_matter_and_same_day_checkins_go_by_time_written(
    later_is_low: bool, shown: bool
) -> None:
    # Six check-ins; the two on the oldest day straddle the edge of the five.
    history = [
        checkin(4, mood=4 if later_is_low else 1, minute=0),
        checkin(4, mood=1 if later_is_low else 4, minute=30),  # written later: in the five
        checkin(3, mood=1),
        checkin(2, mood=1),
        checkin(1, mood=4),
        checkin(0, mood=4),
    ]
    for seed in range(5):
        shuffled = history[:]
        random.Random(seed).shuffle(shuffled)
        assert (talk(shuffled) is not None) is shown


@pytest.mark.parametrize(("newest_days_ago", "shown"), [(14, True), (15, False)])
def test_old_low_moods_do_not_raise_it_after_a_break(newest_days_ago: int, shown: bool) -> None:
    history = moods(1, 1, 1, newest_days_ago=newest_days_ago)
    assert (talk(history) is not None) is shown


def test_a_dismissed_low_mood_run_stays_dismissed_while_it_lasts() -> None:
    history = moods(4, 4, 1, 1, 1, newest_days_ago=2)
    first = talk(history, today=TODAY - timedelta(days=2))
    assert first is not None
    dismissed = {first.key}
    # Two more days, still low: the same reason, so nothing.
    history += [checkin(1, mood=2), checkin(0, mood=4)]
    assert talk(history, dismissed=dismissed) is None


def test_a_new_low_mood_run_after_recovery_brings_a_new_card() -> None:
    history = moods(1, 1, 1, newest_days_ago=12)
    first = talk(history, today=TODAY - timedelta(days=12))
    assert first is not None
    history += [checkin(n, mood=4) for n in (11, 10, 9, 8, 7)]  # recovered
    history += [checkin(n, mood=1) for n in (2, 1, 0)]  # low again
    again = talk(history, dismissed={first.key})
    assert again is not None
    assert again.key == f"talk:low_mood:{TODAY.isoformat()}"
    assert again.key != first.key


# ---------------------------------------------------------------------------
# Talk to someone: short sleep


def sleeps(*hours: float, newest_days_ago: int = 0) -> list[CheckIn]:
    count = len(hours)
    return [checkin(newest_days_ago + count - 1 - i, sleep_hours=h) for i, h in enumerate(hours)]


def test_an_average_of_exactly_five_hours_is_not_short() -> None:
    assert talk(sleeps(5.0, 5.0, 5.0)) is None
    assert talk(sleeps(4.0, 6.0, 5.0, 5.0)) is None


def test_an_average_just_under_five_hours_is_short() -> None:
    history = sleeps(4.9, 4.9, 4.9)
    suggestion = talk(history)
    assert suggestion is not None
    assert suggestion.reason == "Because your sleep has been short this past week."
    assert suggestion.key.startswith("talk:short_sleep:")
    assert talk(sleeps(4.0, 5.0, 5.7)) is not None  # averages 4.9


def test_one_or_two_short_nights_never_bring_it() -> None:
    assert talk(sleeps(2.0)) is None
    assert talk(sleeps(2.0, 3.0)) is None
    assert talk(sleeps(2.0, 3.0, 4.0)) is not None


def test_only_the_last_seven_days_count() -> None:
    # Six and seven days ago: only the first is inside the week.
    inside = [checkin(6, sleep_hours=3.0), checkin(1, sleep_hours=4.0), checkin(0, sleep_hours=4.0)]
    assert talk(inside) is not None
    outside = [
        checkin(7, sleep_hours=3.0),
        checkin(1, sleep_hours=4.0),
        checkin(0, sleep_hours=4.0),
    ]
    assert talk(outside) is None


def test_checkins_without_sleep_do_not_count_as_nights() -> None:
    history = sleeps(4.0, 4.0) + [checkin(0, mood=4)]
    assert talk(history) is None


def test_two_checkins_on_one_date_are_one_night() -> None:
    history = [
        checkin(1, sleep_hours=3.0),
        checkin(0, sleep_hours=3.0, minute=0),
        checkin(0, sleep_hours=3.0, minute=10),
    ]
    assert talk(history) is None


def test_for_one_date_the_last_written_sleep_counts() -> None:
    history = [
        checkin(2, sleep_hours=4.0),
        checkin(1, sleep_hours=4.0),
        checkin(0, sleep_hours=9.0, minute=0),
        checkin(0, sleep_hours=4.0, minute=10),  # a correction written later
    ]
    assert talk(history) is not None
    history[2], history[3] = (
        checkin(0, sleep_hours=4.0, minute=0),
        checkin(0, sleep_hours=9.0, minute=10),
    )
    assert talk(history) is None


def test_a_short_sleep_week_keeps_its_key_from_day_to_day() -> None:
    history = sleeps(4.0, 4.0, 4.0, newest_days_ago=1)
    first = talk(history, today=TODAY - timedelta(days=1))
    assert first is not None
    history.append(checkin(0, sleep_hours=4.5))
    second = talk(history)
    assert second is not None and second.key == first.key
    assert talk(history, dismissed={first.key}) is None


# ---------------------------------------------------------------------------
# Talk to someone: no rest day


def rota(
    working_days: int, *, rest_before: bool = True, gaps: tuple[int, ...] = ()
) -> list[CheckIn]:
    """``working_days`` working days ending today, after a rest day if ``rest_before``."""
    history = [checkin(n, shift_type=WORK) for n in range(working_days) if n not in gaps]
    if rest_before:
        history.append(checkin(working_days, shift_type=REST))
        history.append(checkin(working_days + 1, shift_type=WORK))
    return history


def test_eleven_days_without_rest_is_not_enough() -> None:
    assert talk(rota(11)) is None


def test_twelve_days_without_rest_brings_a_quiet_suggestion() -> None:
    suggestion = talk(rota(12))
    assert suggestion is not None
    assert suggestion.reason == "Because you have not logged a rest day since 14 November."
    assert suggestion.key == "talk:no_rest:2026-11-15"


def test_a_new_user_is_not_told_they_have_had_no_rest_day() -> None:
    assert talk(rota(11, rest_before=False)) is None  # history starts 10 days ago
    suggestion = talk(rota(12, rest_before=False))  # history covers all 12 days
    assert suggestion is not None
    assert suggestion.reason == "Because you have not logged a rest day in your recent check-ins."


def test_someone_who_logs_few_days_is_not_told_they_have_had_no_rest_day() -> None:
    assert talk(rota(12, gaps=(1, 3, 5, 7, 9))) is None  # 7 working days logged
    assert talk(rota(12, gaps=(1, 3, 5, 7))) is not None  # 8 working days logged


def test_checkins_without_a_shift_type_are_not_counted_as_working() -> None:
    history = rota(12, gaps=(1, 3, 5, 7, 9)) + [checkin(n) for n in (1, 3, 5, 7, 9)]
    assert talk(history) is None


# ---------------------------------------------------------------------------
# Talk to someone: several reasons at once


def test_several_reasons_make_one_card_and_dismissing_it_dismisses_each() -> None:
    then = TODAY - timedelta(days=11)
    history = [checkin(n, mood=1, sleep_hours=4.0, shift_type=WORK) for n in (13, 12, 11)]
    suggestion = talk(history, today=then)
    assert suggestion is not None
    assert suggestion.reason == (
        "Because your mood has been low in several recent check-ins "
        "and your sleep has been short this past week."
    )
    assert suggestion.key.split("|") == [
        f"talk:low_mood:{then.isoformat()}",
        f"talk:short_sleep:{then.isoformat()}",
    ]
    assert talk(history, today=then, dismissed={suggestion.key}) is None
    # Eleven more hard days: the same two reasons stay dismissed, and the new
    # one (no rest day) brings a card of its own.
    history += [checkin(n, mood=1, sleep_hours=4.0, shift_type=WORK) for n in range(11)]
    later = talk(history, dismissed={suggestion.key})
    assert later is not None
    assert later.key == f"talk:no_rest:{(TODAY - timedelta(days=13)).isoformat()}"
    assert later.reason == "Because you have not logged a rest day in your recent check-ins."


def test_dismissing_one_reason_leaves_the_other() -> None:
    history = [checkin(n, mood=1, sleep_hours=4.0) for n in range(3)]
    low_key = f"talk:low_mood:{TODAY.isoformat()}"
    suggestion = talk(history, dismissed={low_key})
    assert suggestion is not None
    assert suggestion.reason == "Because your sleep has been short this past week."


# ---------------------------------------------------------------------------
# Urgent help


def test_crisis_words_show_urgent_help_first_and_kindly() -> None:
    history = [
        checkin(n, mood=1, sleep_hours=4.0, exposures=("sudden_death",)) for n in range(1, 5)
    ] + [checkin(0, mood=1, took_home="Long night. I want to end it all.")]
    found = signpost_for(history, today=TODAY)
    assert kinds(found)[0] is SuggestionKind.URGENT_HELP
    urgent = found[0]
    assert urgent.title == "You don't have to face this alone"
    assert urgent.body.startswith(URGENT_OPENING)
    assert urgent.service_ids == ("emergency", "oscar_kilo_crisis_line", "samaritans", "shout")
    assert urgent.reason == "Because of something you wrote in your check-in today."
    assert urgent.checkin_id == history[-1].id
    assert kinds(found) == sorted(kinds(found), key=list(SuggestionKind).index)


@pytest.mark.parametrize(
    "fields",
    [
        {"took_home": "I can\u2019t go on like this"},
        {"good_thing": "Nothing. I want to die."},
        {"tags": ("want to die",)},
    ],
)
def test_every_text_field_is_read(fields: dict[str, Any]) -> None:
    found = signpost_for([checkin(0, **fields)], today=TODAY)
    assert kinds(found) == [SuggestionKind.URGENT_HELP]


def test_a_third_person_report_does_not_show_urgent_help() -> None:
    history = [
        checkin(
            0,
            took_home="A suicidal male was detained. He threatened to end it all.",
            exposures=("mental_health_crisis",),
        )
    ]
    assert SuggestionKind.URGENT_HELP not in kinds(signpost_for(history, today=TODAY))


def test_a_back_dated_checkin_written_now_is_read() -> None:
    newest = checkin(0, took_home="Fine shift.")
    now = newest.created_at + timedelta(hours=1)
    back_dated = checkin(3, took_home="I want to kill myself", created_at=now)
    found = signpost_for([newest, back_dated], today=TODAY)
    assert only(found, SuggestionKind.URGENT_HELP).checkin_id == back_dated.id
    assert only(found, SuggestionKind.URGENT_HELP).reason == (
        "Because of something you wrote in your check-in on Monday."
    )


def test_an_old_checkin_edited_today_is_read() -> None:
    written = datetime.combine(TODAY, time(8, 0), tzinfo=UTC)
    edited = checkin(40, took_home="Thinking about ending it all", updated_at=written)
    history = [edited, checkin(0, took_home="Fine.")]
    urgent = only(signpost_for(history, today=TODAY), SuggestionKind.URGENT_HELP)
    assert urgent.reason == "Because of something you wrote in your check-in on 17 October."


def test_the_newest_checkin_is_read_however_old() -> None:
    history = [checkin(20, took_home="I'm suicidal")]
    assert kinds(signpost_for(history, today=TODAY)) == [SuggestionKind.URGENT_HELP]


def test_old_words_followed_by_newer_checkins_do_not_show_urgent_help() -> None:
    history = [checkin(60, took_home="I'm suicidal")] + [checkin(n) for n in range(10)]
    assert SuggestionKind.URGENT_HELP not in kinds(signpost_for(history, today=TODAY))


def test_urgent_help_can_be_dismissed_and_new_words_bring_it_back() -> None:
    first = checkin(0, took_home="I want to die")
    urgent = only(signpost_for([first], today=TODAY), SuggestionKind.URGENT_HELP)
    dismissed = {urgent.key}
    assert signpost_for([first], today=TODAY, dismissed=dismissed) == []
    # The same check-in, edited again later, is a new reason.
    edited = CheckIn(
        date=first.date,
        mood=first.mood,
        took_home="I want to die. I can't go on.",
        id=first.id,
        created_at=first.created_at,
        updated_at=first.updated_at + timedelta(minutes=5),
    )
    again = only(
        signpost_for([edited], today=TODAY, dismissed=dismissed), SuggestionKind.URGENT_HELP
    )
    assert again.key != urgent.key
    # So is a new check-in.
    later = checkin(-1, took_home="Still want to die")
    found = signpost_for([first, later], today=TODAY, dismissed=dismissed)
    assert only(found, SuggestionKind.URGENT_HELP).checkin_id == later.id


def test_only_one_urgent_card_for_the_most_recent_words() -> None:
    history = [checkin(n, took_home="I want to die") for n in range(4)]
    urgent = only(signpost_for(history, today=TODAY), SuggestionKind.URGENT_HELP)
    assert urgent.checkin_id == history[0].id  # dated today, written last
    # Dismissing it does not bring back the older ones.
    assert (
        of_kind(
            signpost_for(history, today=TODAY, dismissed={urgent.key}), SuggestionKind.URGENT_HELP
        )
        == []
    )


def test_police_care_uk_is_never_urgent_help() -> None:
    history = [checkin(0, took_home="I want to kill myself")]
    urgent = only(signpost_for(history, today=TODAY), SuggestionKind.URGENT_HELP)
    assert "police_care_uk" not in urgent.service_ids
    assert urgent.service_ids == URGENT_HELP_IDS
    for text in (urgent.title, urgent.body, urgent.reason):
        assert "Police Care" not in text
    catalogue = load_catalogue()
    assert all(catalogue.by_id(sid).urgent for sid in urgent.service_ids)


# ---------------------------------------------------------------------------
# Everything together: ids, dismissal, order and wording


def everything() -> list[CheckIn]:
    """A hard fortnight that brings every kind of suggestion.

    The last check-in was two days ago (two that day), so the follow-ups for
    the incidents of two and three days ago are still open.
    """
    history = [
        checkin(n, mood=1, sleep_hours=4.0, shift_type=WORK, exposures=(code,))
        for n, code in zip(range(2, 15), sorted(EXPOSURES), strict=False)
    ]
    history.append(checkin(15, shift_type=REST))
    history.append(
        checkin(
            2,
            minute=30,
            mood=1,
            sleep_hours=3.5,
            shift_type=WORK,
            exposures=("assaulted_on_duty", "child_at_risk_or_harmed"),
            took_home="I can't go on",
        )
    )
    return history


def test_a_hard_fortnight_brings_every_kind_in_order() -> None:
    found = signpost_for(everything(), today=TODAY)
    assert kinds(found)[:4] == [
        SuggestionKind.URGENT_HELP,
        SuggestionKind.TALK_TO_SOMEONE,
        SuggestionKind.TRIM,
        SuggestionKind.OPERATION_HAMPSHIRE,
    ]
    assert set(kinds(found)[4:]) == {SuggestionKind.FOLLOW_UP_CHECK_IN}
    dues = [s.due for s in found[4:] if s.due is not None]
    assert len(dues) == len(found) - 4
    assert dues == sorted(dues)
    assert len({s.key for s in found}) == len(found)


def test_every_service_id_is_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    for suggestion in signpost_for(everything(), today=TODAY):
        for service_id in suggestion.service_ids:
            catalogue.by_id(service_id)


def test_dismissing_everything_leaves_nothing_and_nothing_returns_next_day() -> None:
    history = everything()
    keys = {s.key for s in signpost_for(history, today=TODAY)}
    assert signpost_for(history, today=TODAY, dismissed=keys) == []
    next_day = TODAY + timedelta(days=1)
    assert signpost_for(history, today=next_day, dismissed=keys) == []


BANNED = ("at risk", "diagnos", "disorder", "you are depressed", "score", "!")


def test_the_wording_never_diagnoses_alarms_or_scores() -> None:
    found = signpost_for(everything(), today=TODAY)
    for suggestion in found:
        for text in (suggestion.title, suggestion.body, suggestion.reason):
            # The NHS sentence ("If your life is at risk right now...") and the
            # person's own exposure labels ("child at risk or harmed") are allowed.
            plain = text.replace(URGENT_OPENING, "")
            for label in EXPOSURES.values():
                plain = plain.replace(label.lower(), "")
            for banned in BANNED:
                assert banned not in plain.lower(), (banned, text)


def test_talk_reasons_never_show_a_count() -> None:
    history = [checkin(n, mood=1, sleep_hours=4.0) for n in range(5)]
    suggestion = talk(history)
    assert suggestion is not None
    assert re.search(r"\d", suggestion.reason) is None
    assert re.search(r"\d", suggestion.title + suggestion.body) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_only_the_words_of_the_check_ins_words_read_names_are_read(seed: int) -> None:
    """The suggestions read reflections only from ``words_read``'s check-ins (the
    rest may come without their text), so blanking every other one changes nothing."""
    rng = random.Random(seed)
    history = synthetic_checkins(60, end=TODAY, seed=seed)
    words = ["I want to die", "I'm suicidal", "A quiet night", "I can't go on."]
    history = [
        dataclasses.replace(c, took_home=rng.choice(words), good_thing=rng.choice(words))
        for c in history
    ]
    read = words_read(history, today=TODAY)
    assert 0 < len(read) < len(history)
    blanked = [
        c if c.id in read else dataclasses.replace(c, took_home=None, good_thing=None)
        for c in history
    ]
    assert signpost_for(blanked, today=TODAY) == signpost_for(history, today=TODAY)
    # An old check-in edited today is read again.
    old = dataclasses.replace(history[0], updated_at=datetime.combine(TODAY, time(9), UTC))
    assert old.id in words_read([old, *history[1:]], today=TODAY)
