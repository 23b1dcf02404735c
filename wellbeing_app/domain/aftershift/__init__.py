"""After a hard shift: short tools to come down from it, and what the user noted.

``pacer`` times paced breathing, ``grounding`` holds the 5-4-3-2-1 steps,
``routine`` the rules for the user's switching-off routine, ``sleep_plan``
the sourced tips for sleeping after nights, and ``moments`` each use of a
tool with the distress rated before and after.
"""

from __future__ import annotations

from wellbeing_app.domain.aftershift.moments import (
    FIELDS,
    GROUNDING,
    HIGH_DISTRESS,
    PACED_BREATHING,
    SLEEP_PLAN,
    SWITCH_OFF,
    TOOL_NAMES,
    TOOLS,
    InvalidMoment,
    Moment,
    ToolSummary,
    moment_from_record,
    moment_to_record,
    offers_tools,
    suggests_talking,
    summary_words,
    validate_moment,
    what_helps,
)

__all__ = [
    "FIELDS",
    "GROUNDING",
    "HIGH_DISTRESS",
    "PACED_BREATHING",
    "SLEEP_PLAN",
    "SWITCH_OFF",
    "TOOLS",
    "TOOL_NAMES",
    "InvalidMoment",
    "Moment",
    "ToolSummary",
    "moment_from_record",
    "moment_to_record",
    "offers_tools",
    "suggests_talking",
    "summary_words",
    "validate_moment",
    "what_helps",
]
