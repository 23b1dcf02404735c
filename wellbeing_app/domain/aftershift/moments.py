"""A moment: one use of an after-shift tool, with the distress felt before and after.

``moment_from_record`` turns a plain mapping (a JSON object from an import,
or what the page collected) into a valid ``Moment`` or raises
``InvalidMoment`` naming every field at fault. ``what_helps`` sums the
moments up per tool for Trends, as numbers the user gave, never a verdict.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Final

from wellbeing_app.domain.checkin import (
    CheckIn,
    FieldProblem,
    InvalidCheckIn,
    format_problems,
    format_timestamp,
    parse_record_id,
    parse_timestamp,
    show_value,
)

PACED_BREATHING: Final = "paced_breathing"
GROUNDING: Final = "grounding"
SWITCH_OFF: Final = "switch_off"
SLEEP_PLAN: Final = "sleep_plan"
TOOLS: Final = (PACED_BREATHING, GROUNDING, SWITCH_OFF, SLEEP_PLAN)
TOOL_NAMES: Final = {
    PACED_BREATHING: "Paced breathing",
    GROUNDING: "Grounding (5-4-3-2-1)",
    SWITCH_OFF: "Switching off",
    SLEEP_PLAN: "Plan for sleep after nights",
}

FIELDS: Final = ("id", "at", "tool", "distress_before", "distress_after")
REQUIRED_FIELDS: Final = ("at", "tool")
DISTRESS_RANGE: Final = range(0, 11)
HIGH_DISTRESS: Final = 8  # a rating at or above this also shows "talk to someone"
LOW_MOOD_MAX: Final = 2  # a check-in mood at or below this offers a tool
FUTURE_GRACE: Final = timedelta(days=1)  # clocks differ; a moment a week ahead is a mistake


class InvalidMoment(InvalidCheckIn):
    """A moment that breaks the rules; ``problems`` names each field at fault."""


def new_moment_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Moment:
    at: datetime  # when the tool was used, UTC
    tool: str
    distress_before: int | None = None
    distress_after: int | None = None
    id: str = field(default_factory=new_moment_id)

    @property
    def change(self) -> int | None:
        """After less before (negative: lower afterwards), when both were given."""
        if self.distress_before is None or self.distress_after is None:
            return None
        return self.distress_after - self.distress_before


def _rating(name: str, value: object, problems: list[FieldProblem]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in DISTRESS_RANGE:
        problems.append(FieldProblem(name, show_value(value), "is not a whole number from 0 to 10"))
        return None
    return value


def moment_from_record(record: Mapping[str, object], *, now: datetime | None = None) -> Moment:
    """Validate a record with JSON types and build a ``Moment`` (a missing id is made)."""
    now = now if now is not None else datetime.now(UTC)
    problems = format_problems(
        record, FIELDS, REQUIRED_FIELDS, "is not a field of the moment format"
    )
    at = parse_timestamp("at", record.get("at"), problems)
    if at is not None and at > now + FUTURE_GRACE:
        problems.append(FieldProblem("at", show_value(record.get("at")), "is in the future"))
    tool = record.get("tool")
    if tool is not None and tool not in TOOLS:
        problems.append(FieldProblem("tool", show_value(tool), f"is not one of {', '.join(TOOLS)}"))
    before = _rating("distress_before", record.get("distress_before"), problems)
    after = _rating("distress_after", record.get("distress_after"), problems)
    moment_id = parse_record_id(record.get("id"), problems)
    if problems:
        raise InvalidMoment(problems)
    assert at is not None and isinstance(tool, str)
    return Moment(
        at=at,
        tool=tool,
        distress_before=before,
        distress_after=after,
        id=moment_id if moment_id is not None else new_moment_id(),
    )


def moment_to_record(moment: Moment) -> dict[str, object]:
    """The interchange form: every field, in format order, JSON types."""
    return {
        "id": moment.id,
        "at": format_timestamp(moment.at),
        "tool": moment.tool,
        "distress_before": moment.distress_before,
        "distress_after": moment.distress_after,
    }


def validate_moment(moment: Moment, *, now: datetime | None = None) -> None:
    """Raise ``InvalidMoment`` if a moment made in the app breaks the record rules."""
    moment_from_record(moment_to_record(moment), now=now)


# -- when to offer, and when to point to people ------------------------------------


def offers_tools(checkin: CheckIn) -> bool:
    """A check-in with a distressing job in it, or a low mood, offers slow breathing."""
    return bool(checkin.exposures) or checkin.mood <= LOW_MOOD_MAX


def suggests_talking(before: int | None, after: int | None) -> bool:
    """A high rating, before or after, also shows the quiet "talk to someone" card."""
    return any(r is not None and r >= HIGH_DISTRESS for r in (before, after))


# -- what helps you ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ToolSummary:
    tool: str
    used: int  # times the tool was used
    rated: int  # of those, times rated both before and after
    average_change: float | None  # after less before, over the rated ones

    @property
    def name(self) -> str:
        return TOOL_NAMES[self.tool]


def what_helps(moments: Iterable[Moment]) -> list[ToolSummary]:
    """Per tool used (in the tools' order): how often, and the average change in distress."""
    used: dict[str, int] = {}
    changes: dict[str, list[int]] = {}
    for moment in moments:
        used[moment.tool] = used.get(moment.tool, 0) + 1
        if moment.change is not None:
            changes.setdefault(moment.tool, []).append(moment.change)
    found = []
    for tool in TOOLS:
        if tool not in used:
            continue
        rated = changes.get(tool, [])
        average = sum(rated) / len(rated) if rated else None
        found.append(ToolSummary(tool, used[tool], len(rated), average))
    return found


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def summary_words(summary: ToolSummary) -> str:
    """One plain sentence: what the user noted, never whether the tool "works"."""
    used = f"You used it {_times(summary.used)}."
    if summary.average_change is None:
        return f"{used} You did not rate how you felt before and after."
    change = round(summary.average_change, 1)
    when = (
        "the time you rated it"
        if summary.rated == 1
        else f"the {summary.rated} times you rated it before and after"
    )
    if change == 0:
        how = "your distress was about the same afterwards"
    elif change < 0:
        points = -change
        how = f"your distress was {points:g} point{'s' if points != 1 else ''} lower afterwards"
    else:
        how = f"your distress was {change:g} point{'s' if change != 1 else ''} higher afterwards"
    average = "" if summary.rated == 1 else ", on average"
    return f"{used} On {when}, {how}{average}."
