"""Trends: check-ins turned into series, and each series into one plain sentence.

Pure Python (no Qt, no matplotlib): the charts in ``wellbeing_app.charts``
draw what these functions return, and the Trends page shows the sentences
beside them as their accessible alternative.

One module per family of insight: ``scores`` (mood, stress and energy),
``sleep``, ``sleep_mood`` (sleep and the mood after it), ``shifts`` (by
shift type, and rest days), ``exposure`` (tagged incidents),
``mood_calendar`` (year in pixels) and ``activities`` (the true picture);
``overview`` gathers them all for one range. ``common`` holds the ranges,
the daily series and the shared sorting; ``wording`` the pieces of the
sentences. Everything a caller needs is imported from this package.

Every public function takes the check-ins, ``today`` and a ``Range`` and
returns a small frozen dataclass with a ``sentence`` and a
``has_enough_data`` flag. A sentence states numbers and never judges them:
no verdicts, no diagnoses, no advice. When there is too little to say, it
says what is missing instead. Each module states its minimum counts as
constants at its top; all of them are re-exported here.

How check-ins are read:

* **Order.** Check-ins are taken oldest first by ``(date, created_at)``, so
  two on the same day keep the order they were written in.
* **Several on one day.** Scores, sleep hours and sleep quality for a day
  are the mean of that day's check-ins (a second check-in on a day more
  often repeats the same night than records a second one), and averages
  over a range are averages of days, so a busy day does not count twice.
  Sleep by shift type and sleep against mood pair single check-ins.
* **Gaps stay gaps.** A day without a check-in is ``None``, never zero and
  never filled in. The rolling average (``ROLLING_DAYS`` days) needs
  check-ins on at least ``ROLLING_MIN_DAYS`` of its days, so a long gap
  breaks the line.
* **Sleep belongs to the shift before it.** The form asks for "sleep since
  your last shift", so the sleep in check-in *i* is the sleep between the
  shift of check-in *i - 1* and the shift of check-in *i*. "Sleep after
  nights" therefore pairs each check-in's sleep with the *previous*
  check-in's shift type, and only when that previous check-in is from the
  same day or the day before (``SLEEP_FOLLOWS_WITHIN_DAYS``): after a gap
  in check-ins we cannot tell which shift the sleep followed.
* **Sleep, then mood.** For the same reason, the mood that comes after a
  sleep is the mood in the *same* check-in (recorded at the end of the shift
  that followed that sleep). ``sleep_and_mood`` pairs them that way.
"""

from __future__ import annotations

from wellbeing_app.domain.catalogue import WORKING_SHIFTS
from wellbeing_app.domain.insights.activities import TRUE_PICTURE_TOP, TruePicture, true_picture
from wellbeing_app.domain.insights.common import (
    ROLLING_DAYS,
    ROLLING_MIN_DAYS,
    DailySeries,
    Range,
    months_before,
    range_bounds,
)
from wellbeing_app.domain.insights.exposure import (
    EXPOSURE_WINDOW_DAYS,
    ExposureLoad,
    exposure_load,
)
from wellbeing_app.domain.insights.mood_calendar import YearInPixels, year_in_pixels
from wellbeing_app.domain.insights.overview import Insights, insights_for
from wellbeing_app.domain.insights.scores import MIN_DAYS_FOR_SCORES, ScoreTrends, score_trends
from wellbeing_app.domain.insights.shifts import (
    MIN_PER_SHIFT,
    SHIFT_PLURALS,
    SLEEP_FOLLOWS_WITHIN_DAYS,
    RestDays,
    ShiftComparison,
    ShiftGroup,
    rest_days,
    shift_comparison,
    sleep_after_shifts,
)
from wellbeing_app.domain.insights.sleep import MIN_NIGHTS_FOR_SLEEP, SleepTrends, sleep_trends
from wellbeing_app.domain.insights.sleep_mood import (
    MIN_PER_SLEEP_GROUP,
    SleepAndMood,
    sleep_and_mood,
)

__all__ = [
    "EXPOSURE_WINDOW_DAYS",
    "MIN_DAYS_FOR_SCORES",
    "MIN_NIGHTS_FOR_SLEEP",
    "MIN_PER_SHIFT",
    "MIN_PER_SLEEP_GROUP",
    "ROLLING_DAYS",
    "ROLLING_MIN_DAYS",
    "SHIFT_PLURALS",
    "SLEEP_FOLLOWS_WITHIN_DAYS",
    "TRUE_PICTURE_TOP",
    "WORKING_SHIFTS",
    "DailySeries",
    "ExposureLoad",
    "Insights",
    "Range",
    "RestDays",
    "ScoreTrends",
    "ShiftComparison",
    "ShiftGroup",
    "SleepAndMood",
    "SleepTrends",
    "TruePicture",
    "YearInPixels",
    "exposure_load",
    "insights_for",
    "months_before",
    "range_bounds",
    "rest_days",
    "score_trends",
    "shift_comparison",
    "sleep_after_shifts",
    "sleep_and_mood",
    "sleep_trends",
    "true_picture",
    "year_in_pixels",
]
