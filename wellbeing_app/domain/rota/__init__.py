"""Your rota: a repeating pattern or an imported .ics roster, and the true cost of the pattern.

Pure Python, no Qt, no SQL, no files: the model (``model``), turning it
into shifts (``expansion``), reading calendar files (``ics``, with the
user's rules in ``mapping``), JSON records (``records``), and the true
cost of the pattern (``changeovers``, ``nights``, ``workload``, gathered
by ``true_cost``). Times are Europe/London wall-clock times; see ``model``
for how clock changes are handled.

Names load from their modules when first used, so the app can read the rota
at unlock without loading the calendar reader (icalendar and its parts take
about 100 ms): ``from wellbeing_app.domain.rota import Rota`` loads only
what ``Rota`` needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from wellbeing_app.domain.rota.changeovers import (
        DAILY_REST_CONTEXT,
        QUICK_CHANGEOVER_UNDER,
        Changeover,
        QuickChangeovers,
        quick_changeovers,
    )
    from wellbeing_app.domain.rota.errors import InvalidRota, RotaFileError
    from wellbeing_app.domain.rota.expansion import (
        merge_imported,
        shift_from_pattern_day,
        shifts_between,
    )
    from wellbeing_app.domain.rota.ics import (
        MAX_CALENDAR_EVENTS,
        MAX_ICS_BYTES,
        MAX_REPEATING_EVENTS,
        MAX_SHIFTS_READ,
        import_window,
        read_ics,
    )
    from wellbeing_app.domain.rota.mapping import (
        DEFAULT_MAPPING,
        ShiftMapping,
        TimeBand,
        WordRule,
    )
    from wellbeing_app.domain.rota.model import (
        LONDON,
        MAX_CYCLE_DAYS,
        ChangeKind,
        PatternDay,
        Rota,
        RotaChange,
        RotaPattern,
        Shift,
        ShiftSource,
        london_from_wall_clock,
        london_time,
    )
    from wellbeing_app.domain.rota.nights import (
        AFTER_RUN_DAYS,
        MIN_DAYS_TO_COMPARE,
        CyclePositions,
        NightRun,
        NightRuns,
        PositionGroup,
        ScoreMeans,
        cycle_positions,
        night_runs,
    )
    from wellbeing_app.domain.rota.records import (
        ROTA_RECORD_VERSION,
        mapping_to_record,
        rota_from_record,
        rota_to_record,
        shift_to_record,
    )
    from wellbeing_app.domain.rota.true_cost import PatternCost, pattern_cost
    from wellbeing_app.domain.rota.wording import NO_SHIFTS
    from wellbeing_app.domain.rota.workload import (
        PERIOD_DAYS,
        HoursByPeriod,
        HoursPeriod,
        RestDaysCancelled,
        hours_by_period,
        rest_days_cancelled,
        worked_hours,
    )

_WHERE: Final = {
    "AFTER_RUN_DAYS": "nights",
    "ChangeKind": "model",
    "Changeover": "changeovers",
    "CyclePositions": "nights",
    "DAILY_REST_CONTEXT": "changeovers",
    "DEFAULT_MAPPING": "mapping",
    "HoursByPeriod": "workload",
    "HoursPeriod": "workload",
    "InvalidRota": "errors",
    "LONDON": "model",
    "MAX_CALENDAR_EVENTS": "ics",
    "MAX_CYCLE_DAYS": "model",
    "MAX_ICS_BYTES": "ics",
    "MAX_REPEATING_EVENTS": "ics",
    "MAX_SHIFTS_READ": "ics",
    "MIN_DAYS_TO_COMPARE": "nights",
    "NO_SHIFTS": "wording",
    "NightRun": "nights",
    "NightRuns": "nights",
    "PERIOD_DAYS": "workload",
    "PatternCost": "true_cost",
    "PatternDay": "model",
    "PositionGroup": "nights",
    "QUICK_CHANGEOVER_UNDER": "changeovers",
    "QuickChangeovers": "changeovers",
    "ROTA_RECORD_VERSION": "records",
    "RestDaysCancelled": "workload",
    "Rota": "model",
    "RotaChange": "model",
    "RotaFileError": "errors",
    "RotaPattern": "model",
    "ScoreMeans": "nights",
    "Shift": "model",
    "ShiftMapping": "mapping",
    "ShiftSource": "model",
    "TimeBand": "mapping",
    "WordRule": "mapping",
    "cycle_positions": "nights",
    "hours_by_period": "workload",
    "import_window": "ics",
    "london_from_wall_clock": "model",
    "london_time": "model",
    "mapping_to_record": "records",
    "merge_imported": "expansion",
    "night_runs": "nights",
    "pattern_cost": "true_cost",
    "quick_changeovers": "changeovers",
    "read_ics": "ics",
    "rest_days_cancelled": "workload",
    "rota_from_record": "records",
    "rota_to_record": "records",
    "shift_from_pattern_day": "expansion",
    "shift_to_record": "records",
    "shifts_between": "expansion",
    "worked_hours": "workload",
}
"""Each public name and the module of this package it lives in."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AFTER_RUN_DAYS",
    "DAILY_REST_CONTEXT",
    "DEFAULT_MAPPING",
    "LONDON",
    "MAX_CALENDAR_EVENTS",
    "MAX_CYCLE_DAYS",
    "MAX_ICS_BYTES",
    "MAX_REPEATING_EVENTS",
    "MAX_SHIFTS_READ",
    "MIN_DAYS_TO_COMPARE",
    "NO_SHIFTS",
    "PERIOD_DAYS",
    "QUICK_CHANGEOVER_UNDER",
    "ROTA_RECORD_VERSION",
    "ChangeKind",
    "Changeover",
    "CyclePositions",
    "HoursByPeriod",
    "HoursPeriod",
    "InvalidRota",
    "NightRun",
    "NightRuns",
    "PatternCost",
    "PatternDay",
    "PositionGroup",
    "QuickChangeovers",
    "RestDaysCancelled",
    "Rota",
    "RotaChange",
    "RotaFileError",
    "RotaPattern",
    "ScoreMeans",
    "Shift",
    "ShiftMapping",
    "ShiftSource",
    "TimeBand",
    "WordRule",
    "cycle_positions",
    "hours_by_period",
    "import_window",
    "london_from_wall_clock",
    "london_time",
    "mapping_to_record",
    "merge_imported",
    "night_runs",
    "pattern_cost",
    "quick_changeovers",
    "read_ics",
    "rest_days_cancelled",
    "rota_from_record",
    "rota_to_record",
    "shift_from_pattern_day",
    "shift_to_record",
    "shifts_between",
    "worked_hours",
]
