"""Contextual signposting: pure rules that turn recent check-ins into gentle suggestions.

``signpost_for(checkins, today=...)`` looks at a person's own check-ins and
returns what to offer, urgent help first, each with a reason they can read
("Because you logged a sudden death on Tuesday."). It never diagnoses, never
says "you are at risk" and never shows a count as a verdict. Suggestions carry
support catalogue ids, not phone numbers: the UI renders the numbers from the
catalogue, so each number lives in one place. Police Care UK (office hours)
is never part of urgent help.

Each suggestion has a ``key`` naming its reason. The UI stores the keys of
dismissed suggestions and passes them back; a dismissed reason never comes
back, while a new reason (a new exposure, a new run of low mood) gives a new
key. A "talk to someone" suggestion can have several reasons; its key joins
their keys with ``|`` and dismissing it dismisses each of them.

What each rule decides at its edges (all numbers are in ``Thresholds``):

- **Urgent help**: crisis language (``crisis_words``) in "what I took home",
  "one good thing" or a custom tag of the newest check-in, the most recently
  written one (so a back-dated or edited check-in counts), or any check-in
  dated in the last week. One card, for the most recently written of them;
  its key includes the time of that edit, so new words written later show it
  again. Nothing here can block a save: the caller saves first.
- **Low mood**: mood at or below 2 in at least 3 of the 5 most recent
  check-ins (ordered by date, then time written). Fewer than 3 check-ins can
  never trigger it, and the newest must be from the last 14 days, so old
  entries do not raise it for someone coming back after a break.
- **Short sleep**: check-ins dated in the last 7 calendar days (today
  included) with sleep recorded, one night per date (the latest written);
  at least 3 nights, so one short night never triggers it; average strictly
  under 5 hours (exactly 5.0 does not).
- **No rest day**: the last 12 calendar days (today included) hold no rest
  day check-in, at least 8 of those days have a check-in with a working
  shift type, and the person's first check-in is on or before the first day
  of the window. A new user, or one who does not log most days, is not told
  they have had no rest day.
- **TRiM information** and **Operation Hampshire** (after
  ``assaulted_on_duty``): for the newest check-in with such a tag dated no
  more than 30 days ago; older tagged check-ins do not bring a dismissed
  card back.
- **Follow-up check-ins**: for every date with a tagged check-in, one
  about 72 hours on and one about a month on, each offered only inside its
  window, counted in whole days since the incident's date:
  ``FIRST_FOLLOW_UP_WINDOW`` (2 to 5 days) and ``MONTH_FOLLOW_UP_WINDOW``
  (25 to 40 days). A check-in dated inside the window is the follow-up, so
  once there is one the offer goes. Several tagged check-ins on one date are
  one incident: one offer, keyed by the first written of them.

The words say how long ago an incident was ("3 days ago, on Monday"), never
"now is a good time" for something long past. ``due_today`` is what the Today
page lists: everything above except urgent help, which has its own path and
never waits for a page to be opened.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from wellbeing_app.domain.catalogue import EXPOSURES, ShiftType
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.crisis_words import find_crisis_language
from wellbeing_app.domain.dates import MONTH_NAMES, WEEKDAY_NAMES
from wellbeing_app.domain.support import URGENT_HELP_IDS, SupportCatalogue

if TYPE_CHECKING:
    from wellbeing_app.domain.selfchecks import SelfCheck

# Days since a tagged incident (its date is day 0) in which each follow-up is
# offered, inclusive. TRiM meets about 72 hours after an incident and again
# about a month later; a little either side of each keeps the offer honest
# without nagging about something long past.
FIRST_FOLLOW_UP_WINDOW: Final = (2, 5)
MONTH_FOLLOW_UP_WINDOW: Final = (25, 40)


@dataclass(frozen=True)
class Thresholds:
    """Every number the signposting rules use, in one place."""

    low_mood_max: int = 2  # a mood at or below this counts as low
    low_mood_count: int = 3  # ... in at least this many
    low_mood_window: int = 5  # ... of the most recent this many check-ins
    talk_recent_days: int = 14  # the newest of those must be at most this old
    short_sleep_hours: float = 5.0  # average strictly below this
    short_sleep_days: int = 7  # ... over this many calendar days, today included
    short_sleep_min_nights: int = 3  # ... with at least this many nights recorded
    no_rest_days: int = 12  # no rest day in this many calendar days, today included
    no_rest_min_working_days: int = 8  # ... with a working shift logged on this many
    exposure_recent_days: int = 30  # TRiM and Op Hampshire cards for exposures this recent
    trim_first_days: int = 3  # TRiM meets about 72 hours after an incident
    trim_follow_up_days: int = 30  # ... and again about a month later
    first_follow_up_window: tuple[int, int] = FIRST_FOLLOW_UP_WINDOW  # days since, inclusive
    month_follow_up_window: tuple[int, int] = MONTH_FOLLOW_UP_WINDOW  # days since, inclusive
    crisis_recent_days: int = 7  # check-ins dated or written this recently are read for crisis
    # A self-check total from which talking it through is suggested: the PHQ-9's and GAD-7's
    # "moderate" range starts at 10; the PCL-5's published cut-off range starts at 31.
    selfcheck_talk_from: tuple[tuple[str, int], ...] = (("phq9", 10), ("gad7", 10), ("pcl5", 31))
    selfcheck_recent_days: int = 30  # ... for a self-check done this recently


THRESHOLDS: Final = Thresholds()


class SuggestionKind(StrEnum):
    URGENT_HELP = "urgent_help"
    TALK_TO_SOMEONE = "talk_to_someone"
    TRIM = "trim"
    OPERATION_HAMPSHIRE = "operation_hampshire"
    FOLLOW_UP_CHECK_IN = "follow_up_check_in"
    SELF_CHECK_DUE = "self_check_due"


# Shown in this order: urgent help always first.
_ORDER: Final = {kind: rank for rank, kind in enumerate(SuggestionKind)}


@dataclass(frozen=True)
class Suggestion:
    """Something to offer, why, and which support services to show with it.

    ``service_ids`` are ids in the support catalogue. ``own_contacts_first``
    asks the UI to list the person's own contacts before those services.
    ``due`` is set on follow-up check-ins; ``checkin_id`` names the check-in
    that prompted the suggestion, when one did.

    ``title`` is one short line and ``reason`` one sentence, so a list (the
    Today page) can show each suggestion as "title: reason" on one line, with
    ``key`` for its Dismiss button and ``body`` as the details.
    """

    kind: SuggestionKind
    key: str
    title: str
    body: str
    reason: str
    service_ids: tuple[str, ...] = ()
    due: date | None = None
    checkin_id: str | None = None
    own_contacts_first: bool = False


KEY_SEPARATOR: Final = "|"

# The NHS, Samaritans and Shout convention, word for word.
URGENT_OPENING: Final = "If your life is at risk right now, call 999 or go to A&E."
URGENT_TITLE: Final = "You don't have to face this alone"
URGENT_BODY: Final = (
    f"{URGENT_OPENING} You can also talk to someone now, at any hour of the day or night, "
    "on one of the lines below."
)
TALK_TITLE: Final = "It might help to talk to someone"
TALK_BODY: Final = (
    "Talking things over can help. You could start with someone you trust: a colleague, "
    "a friend, someone at home, or one of your own contacts. If you would rather talk to "
    "someone outside work, these services are there too."
)
# Samaritans is open to anyone at any hour; Police Care UK offers counselling
# in office hours (never shown as urgent); Shout has a keyword for blue-light staff.
TALK_SERVICE_IDS: Final = ("samaritans", "police_care_uk", "shout_blue_light")
TRIM_TITLE: Final = "TRiM: support from colleagues after a difficult incident"
# What TRiM and Operation Hampshire are, and how to reach them, is said once,
# by their entries in the support catalogue, which the card shows below the
# body. The body only says why it is offered now and that it is a choice.
TRIM_BODY: Final = (
    "Your force offers TRiM after incidents like the one you logged. "
    "Whether you ask for it is up to you."
)
HAMPSHIRE_TITLE: Final = "After an assault on duty"
HAMPSHIRE_BODY: Final = "Whether or not you were hurt, there is support for you."

_WEEKDAYS: Final = WEEKDAY_NAMES
_MONTHS: Final = MONTH_NAMES

# How an exposure label reads after "you logged": most take "a" ("a sudden
# death"); these read without an article, or need "being".
_NO_ARTICLE: Final = frozenset(
    {"domestic_abuse", "serious_violence", "firearms_or_weapons", "other_distressing"}
)
_BEING: Final = frozenset({"assaulted_on_duty"})
ASSAULT_CODE: Final = "assaulted_on_duty"


# ---------------------------------------------------------------------------
# Words


def calendar_date(day: date, *, today: date) -> str:
    """'3 November', with the year only when it is not this year."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def day_phrase(day: date, *, today: date) -> str:
    """When something happened, as people say it: 'today', 'yesterday', 'on Tuesday',
    or 'on 3 November' for anything a week or more ago (or dated ahead)."""
    days_ago = (today - day).days
    if days_ago == 0:
        return "today"
    if days_ago == 1:
        return "yesterday"
    if 2 <= days_ago <= 6:
        return f"on {_WEEKDAYS[day.weekday()]}"
    return f"on {calendar_date(day, today=today)}"


def time_ago(day: date, *, today: date) -> str:
    """How long ago, in plain words: 'today', 'yesterday', '3 days ago',
    'about 2 weeks ago', 'about a month ago', 'about 3 months ago'.

    A date ahead of today (a night shift dated tomorrow) reads as
    :func:`day_phrase` does ("on 27 November").
    """
    days = (today - day).days
    if days < 0:
        return day_phrase(day, today=today)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 25:
        return f"about {_nearest(days / 7)} weeks ago"
    if days < 46:
        return "about a month ago"
    if days < 335:
        return f"about {max(2, _nearest(days / 30.44))} months ago"
    if days < 548:
        return "about a year ago"
    return f"about {_nearest(days / 365.25)} years ago"


def _nearest(value: float) -> int:
    """Rounded half up (Python's round() would make 2.5 weeks "2")."""
    return math.floor(value + 0.5)


def when_logged(day: date, *, today: date) -> str:
    """How long ago and which day: '3 days ago, on Monday'; 'today' and 'yesterday' alone."""
    ago = time_ago(day, today=today)
    if ago in ("today", "yesterday") or day > today:
        return ago
    return f"{ago}, {day_phrase(day, today=today)}"


def _joined(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _exposure_words(code: str) -> str:
    label = EXPOSURES[code].lower()
    if code in _BEING:
        return f"being {label}"
    if code in _NO_ARTICLE:
        return label
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def _exposure_reason(codes: Sequence[str], day: date, *, today: date) -> str:
    words = _joined([_exposure_words(code) for code in codes])
    return f"Because you logged {words} {when_logged(day, today=today)}."


# ---------------------------------------------------------------------------
# Rules


def _order(checkin: CheckIn) -> tuple[date, datetime]:
    return (checkin.date, checkin.created_at)


def _known_exposures(checkin: CheckIn) -> list[str]:
    return [code for code in checkin.exposures if code in EXPOSURES]


def _days_ago(day: date, today: date) -> int:
    return (today - day).days


def _writes_crisis(checkin: CheckIn) -> bool:
    texts: Iterable[str | None] = (checkin.took_home, checkin.good_thing, *checkin.tags)
    return any(text and find_crisis_language(text) for text in texts)


def _read_for_crisis(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> list[CheckIn]:
    """The check-ins whose words urgent help reads: the newest, the last written,
    and any dated or written in the last ``crisis_recent_days``."""
    if not ordered:
        return []
    newest_written = max(ordered, key=lambda c: (c.updated_at, c.date))
    candidates = {ordered[-1].id: ordered[-1], newest_written.id: newest_written}
    for checkin in ordered:
        written = checkin.updated_at.date()
        if (
            _days_ago(checkin.date, today) <= t.crisis_recent_days
            or _days_ago(written, today) <= t.crisis_recent_days
        ):
            candidates[checkin.id] = checkin
    return list(candidates.values())


def words_read(checkins: Sequence[CheckIn], *, today: date) -> set[str]:
    """The ids of the check-ins whose reflections ``signpost_for`` reads (for crisis words).

    Only these need their text: the other rules read numbers, tags and exposures.
    """
    return {c.id for c in _read_for_crisis(sorted(checkins, key=_order), today, THRESHOLDS)}


def _urgent_help(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> Suggestion | None:
    crisis = [c for c in _read_for_crisis(ordered, today, t) if _writes_crisis(c)]
    if not crisis:
        return None
    chosen = max(crisis, key=lambda c: (c.updated_at, c.date))
    return Suggestion(
        kind=SuggestionKind.URGENT_HELP,
        key=f"urgent:{chosen.id}:{chosen.updated_at.isoformat()}",
        title=URGENT_TITLE,
        body=URGENT_BODY,
        reason=(
            "Because of something you wrote in your check-in "
            f"{day_phrase(chosen.date, today=today)}."
        ),
        service_ids=URGENT_HELP_IDS,
        checkin_id=chosen.id,
    )


def _low_mood_since(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> date | None:
    """The date a run of low-mood check-ins began, if the newest check-ins are in one."""
    if len(ordered) < t.low_mood_count:
        return None
    if _days_ago(ordered[-1].date, today) > t.talk_recent_days:
        return None

    def low_at(end: int) -> bool:
        window = ordered[max(0, end - t.low_mood_window + 1) : end + 1]
        return sum(1 for c in window if c.mood <= t.low_mood_max) >= t.low_mood_count

    end = len(ordered) - 1
    if not low_at(end):
        return None
    while end > 0 and low_at(end - 1):
        end -= 1
    return ordered[end].date


def _short_sleep_since(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> date | None:
    """The first day of a run of days whose past week averaged short sleep, if today is in one."""
    nights: dict[date, float] = {}
    for checkin in ordered:  # oldest first, so the latest written wins for a date
        if checkin.sleep_hours is not None:
            nights[checkin.date] = checkin.sleep_hours
    if len(nights) < t.short_sleep_min_nights:
        return None
    ahead = [hours for day, hours in nights.items() if day > today]
    first_night = min(nights)

    def short_at(end: date) -> bool:
        hours = [
            nights[day]
            for day in (end - timedelta(days=n) for n in range(t.short_sleep_days))
            if day in nights
        ]
        if end == today:
            hours += ahead  # dated ahead (a night shift): counts as this week
        return (
            len(hours) >= t.short_sleep_min_nights
            and math.fsum(hours) / len(hours) < t.short_sleep_hours
        )

    if not short_at(today):
        return None
    start = today
    while start > first_night and short_at(start - timedelta(days=1)):
        start -= timedelta(days=1)
    return start


def _no_rest_since(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> date | None:
    """The first check-in after the last rest day, if there has been no rest day in the window."""
    if not ordered:
        return None
    window_start = today - timedelta(days=t.no_rest_days - 1)
    if ordered[0].date > window_start:
        return None  # the history does not cover the whole window
    in_window = [c for c in ordered if c.date >= window_start]
    if any(c.shift_type is ShiftType.REST_DAY for c in in_window):
        return None
    working = {
        c.date
        for c in in_window
        if c.shift_type is not None and c.shift_type is not ShiftType.REST_DAY
    }
    if len(working) < t.no_rest_min_working_days:
        return None
    return _last_rest_day(ordered)[1]


def _last_rest_day(ordered: Sequence[CheckIn]) -> tuple[date | None, date]:
    """(the last rest day logged, if any; the first check-in date after it)."""
    last_rest = max(
        (c.date for c in ordered if c.shift_type is ShiftType.REST_DAY),
        default=None,
    )
    if last_rest is None:
        return None, ordered[0].date
    after = min(c.date for c in ordered if c.date > last_rest)
    return last_rest, after


def _selfcheck_reasons(
    selfchecks: Sequence[SelfCheck], today: date, t: Thresholds
) -> list[tuple[str, str]]:
    """The newest recent total of each questionnaire at or above where talking is suggested."""
    from wellbeing_app.domain.selfchecks import instrument_by_id

    reasons = []
    for instrument, threshold in t.selfcheck_talk_from:
        done = [c for c in selfchecks if c.instrument == instrument and c.date <= today]
        if not done:
            continue
        newest = max(done, key=lambda c: c.date)
        total = newest.scores["total"]
        if _days_ago(newest.date, today) <= t.selfcheck_recent_days and total >= threshold:
            name = instrument_by_id(instrument).name
            reasons.append(
                (
                    f"talk:{instrument}:{newest.id}",
                    f"your {name} total {day_phrase(newest.date, today=today)} was {total}, and "
                    f"from {threshold} it is worth talking it through with your GP or "
                    "occupational health",
                )
            )
    return reasons


def _selfchecks_due(
    selfchecks: Sequence[SelfCheck], offers: SelfCheckOffers | None, today: date
) -> list[Suggestion]:
    """A line for each questionnaire the person asked to be offered, when it is due."""
    if offers is None:
        return []
    from wellbeing_app.domain.selfchecks import instrument_by_id

    due = []
    for instrument in offers.instruments:
        done = [c.date for c in selfchecks if c.instrument == instrument and c.date <= today]
        last = max(done, default=None)
        if last is not None and (today - last).days < offers.every_days:
            continue
        form = instrument_by_id(instrument)
        since = (
            "you have not done it here yet"
            if last is None
            else (f"you last did it {time_ago(last, today=today)}")
        )
        period = today.toordinal() // offers.every_days
        due.append(
            Suggestion(
                kind=SuggestionKind.SELF_CHECK_DUE,
                key=f"selfcheck_due:{instrument}:{period}",
                title=f"The {form.name}, if you would like to",
                reason=f"Because you asked to be offered it now and then, and {since}.",
                body=(
                    f"{form.description[0].upper()}{form.description[1:]} It is on the "
                    "Self-checks page. It is a screening questionnaire, not a diagnosis, and "
                    "only you see your answers. Dismiss this to be asked again next time."
                ),
            )
        )
    return due


@dataclass(frozen=True)
class SelfCheckOffers:
    """Which questionnaires to offer on Today, and how often (days between them)."""

    instruments: tuple[str, ...] = ()
    every_days: int = 30


def _talk_to_someone(
    ordered: Sequence[CheckIn],
    today: date,
    t: Thresholds,
    done: set[str],
    selfchecks: Sequence[SelfCheck] = (),
) -> Suggestion | None:
    reasons: list[tuple[str, str]] = list(_selfcheck_reasons(selfchecks, today, t))
    low = _low_mood_since(ordered, today, t)
    if low is not None:
        reasons.append(
            (
                f"talk:low_mood:{low.isoformat()}",
                "your mood has been low in several recent check-ins",
            )
        )
    short = _short_sleep_since(ordered, today, t)
    if short is not None:
        reasons.append(
            (f"talk:short_sleep:{short.isoformat()}", "your sleep has been short this past week")
        )
    no_rest = _no_rest_since(ordered, today, t)
    if no_rest is not None:
        last_rest, _ = _last_rest_day(ordered)
        words = (
            f"you have not logged a rest day since {calendar_date(last_rest, today=today)}"
            if last_rest is not None
            else "you have not logged a rest day in your recent check-ins"
        )
        reasons.append((f"talk:no_rest:{no_rest.isoformat()}", words))
    reasons = [(key, words) for key, words in reasons if key not in done]
    if not reasons:
        return None
    return Suggestion(
        kind=SuggestionKind.TALK_TO_SOMEONE,
        key=KEY_SEPARATOR.join(key for key, _ in reasons),
        title=TALK_TITLE,
        body=TALK_BODY,
        reason=f"Because {_joined([words for _, words in reasons])}.",
        service_ids=TALK_SERVICE_IDS,
        own_contacts_first=True,
    )


def _newest_tagged(
    ordered: Sequence[CheckIn], today: date, t: Thresholds, code: str | None
) -> CheckIn | None:
    for checkin in reversed(ordered):
        if _days_ago(checkin.date, today) > t.exposure_recent_days:
            continue
        codes = _known_exposures(checkin)
        if codes and (code is None or code in codes):
            return checkin
    return None


def _trim(ordered: Sequence[CheckIn], today: date, t: Thresholds) -> Suggestion | None:
    checkin = _newest_tagged(ordered, today, t, None)
    if checkin is None:
        return None
    return Suggestion(
        kind=SuggestionKind.TRIM,
        key=f"trim:{checkin.id}",
        title=TRIM_TITLE,
        body=TRIM_BODY,
        reason=_exposure_reason(_known_exposures(checkin), checkin.date, today=today),
        service_ids=("trim",),
        checkin_id=checkin.id,
    )


def _operation_hampshire(
    ordered: Sequence[CheckIn], today: date, t: Thresholds
) -> Suggestion | None:
    checkin = _newest_tagged(ordered, today, t, ASSAULT_CODE)
    if checkin is None:
        return None
    return Suggestion(
        kind=SuggestionKind.OPERATION_HAMPSHIRE,
        key=f"op_hampshire:{checkin.id}",
        title=HAMPSHIRE_TITLE,
        body=HAMPSHIRE_BODY,
        reason=_exposure_reason([ASSAULT_CODE], checkin.date, today=today),
        service_ids=("operation_hampshire",),
        checkin_id=checkin.id,
    )


@dataclass(frozen=True)
class _FollowUpPlan:
    name: str  # in the key: "first" or "month"
    window: tuple[int, int]  # days since the incident, inclusive
    nominal_days: int  # the "about" day, for ``Suggestion.due``
    title_words: str
    body_words: str


def _follow_up_plans(t: Thresholds) -> tuple[_FollowUpPlan, ...]:
    return (
        _FollowUpPlan(
            "first",
            t.first_follow_up_window,
            t.trim_first_days,
            "about 3 days on",
            "about 72 hours",
        ),
        _FollowUpPlan(
            "month",
            t.month_follow_up_window,
            t.trim_follow_up_days,
            "about a month on",
            "about a month",
        ),
    )


def _follow_ups(
    ordered: Sequence[CheckIn], today: date, t: Thresholds, done: set[str]
) -> list[Suggestion]:
    incidents: dict[date, list[CheckIn]] = {}
    for checkin in ordered:
        if _known_exposures(checkin):
            incidents.setdefault(checkin.date, []).append(checkin)
    dates = sorted({c.date for c in ordered})
    found: list[Suggestion] = []
    for day, tagged in incidents.items():
        first = min(tagged, key=lambda c: (c.created_at, c.id))
        codes = list(dict.fromkeys(code for c in tagged for code in _known_exposures(c)))
        since = _days_ago(day, today)
        for plan in _follow_up_plans(t):
            low, high = plan.window
            if not low <= since <= high:
                continue
            opens, closes = day + timedelta(days=low), day + timedelta(days=high)
            if any(opens <= d <= closes for d in dates):
                continue  # already checked in inside the window: that was the follow-up
            keys = {f"follow_up:{plan.name}:{c.id}" for c in tagged}
            if keys & done:
                continue
            found.append(
                Suggestion(
                    kind=SuggestionKind.FOLLOW_UP_CHECK_IN,
                    key=f"follow_up:{plan.name}:{first.id}",
                    title=f"A follow-up check-in, {plan.title_words}",
                    body=(
                        f"Some people find it helps to check in again {plan.body_words} after "
                        "a difficult incident. If you would like to, now is a good time. It is "
                        "up to you, and you can dismiss this."
                    ),
                    reason=_exposure_reason(codes, day, today=today),
                    due=day + timedelta(days=plan.nominal_days),
                    checkin_id=first.id,
                )
            )
    return sorted(found, key=lambda s: (s.due or today, s.key))


def dismissed_reasons(dismissed: Iterable[str]) -> set[str]:
    """Every reason key named by the dismissed suggestion keys (a joined key names several)."""
    reasons: set[str] = set()
    for key in dismissed:
        reasons.add(key)
        reasons.update(part for part in key.split(KEY_SEPARATOR) if part)
    return reasons


def signpost_for(
    checkins: Sequence[CheckIn],
    *,
    today: date,
    dismissed: Collection[str] = (),
    selfchecks: Sequence[SelfCheck] = (),
    offers: SelfCheckOffers | None = None,
) -> list[Suggestion]:
    """What to offer now, most urgent first, leaving out dismissed reasons.

    Pass every check-in from at least the last 60 days, in any order (more is
    fine). ``dismissed`` holds the keys of suggestions the person dismissed.
    The result is in the order to show: urgent help, talk to someone, TRiM,
    Operation Hampshire, then follow-up check-ins by due date.
    """
    t = THRESHOLDS
    ordered = sorted(checkins, key=_order)
    done = dismissed_reasons(dismissed)
    candidates: list[Suggestion | None] = [
        _urgent_help(ordered, today, t),
        _talk_to_someone(ordered, today, t, done, selfchecks),
        _trim(ordered, today, t),
        _operation_hampshire(ordered, today, t),
        *_follow_ups(ordered, today, t, done),
        *_selfchecks_due(selfchecks, offers, today),
    ]
    shown = [s for s in candidates if s is not None and s.key not in done]
    return sorted(shown, key=lambda s: _ORDER[s.kind])


def due_today(
    checkins: Sequence[CheckIn], *, today: date, dismissed: Collection[str] = ()
) -> list[Suggestion]:
    """What the Today page lists as due: ``signpost_for`` without urgent help.

    Urgent help is left out because it never waits for a page: the caller
    shows it at once, as it does now. Each item's ``title`` and ``reason``
    make its one line, and its ``key`` is what Dismiss stores. The order is
    ``signpost_for``'s: talk to someone, TRiM, Operation Hampshire, then
    follow-up check-ins by due date.
    """
    return [
        s
        for s in signpost_for(checkins, today=today, dismissed=dismissed)
        if s.kind is not SuggestionKind.URGENT_HELP
    ]


def suggestion_details(suggestion: Suggestion, catalogue: SupportCatalogue) -> str:
    """The details under a one-line suggestion (Today's "Details"), in plain text.

    The body, then one line for each of its support services: how to reach
    it, or what it is when it has no number. Unknown ids are skipped. Each
    fact comes from one place: the body from here, the service from the
    catalogue, so nothing is said twice.
    """
    return "\n".join([suggestion.body, *service_lines(suggestion.service_ids, catalogue)])


def service_lines(service_ids: Sequence[str], catalogue: SupportCatalogue) -> list[str]:
    """One line for each service: how to reach it, or what it is when it has no number.
    Unknown ids are skipped."""
    lines = []
    for service_id in service_ids:
        try:
            service = catalogue.by_id(service_id)
        except KeyError:
            continue
        if service.phone:
            lines.append(f"{service.name}: call {service.phone}.")
        elif service.text is not None:
            lines.append(f"{service.name}: {service.text.instruction()}.")
        else:
            lines.append(f"{service.name}: {service.what}")
    return lines
