"""Self-checks: the PHQ-9, GAD-7, PCL-5 and ProQOL 5, defined once and scored exactly.

The instruments' words live in ``resources/selfchecks/forms.json`` (checked
against ``forms.schema.json``), never in code. Here: the definitions read
from it, one scoring function per instrument, the completed ``SelfCheck``
record and its interchange form, and the result wording.
"""

from __future__ import annotations

from wellbeing_app.domain.selfchecks.forms import (
    Answer,
    Band,
    DifficultyQuestion,
    FormsError,
    Guidance,
    Instrument,
    Item,
    Source,
    instrument_by_id,
    load_instruments,
    parse_forms,
)
from wellbeing_app.domain.selfchecks.record import (
    FIELDS,
    InvalidSelfCheck,
    SelfCheck,
    item9_needs_urgent_help,
    new_selfcheck_id,
    selfcheck_from_record,
    selfcheck_to_record,
    validate_selfcheck,
)
from wellbeing_app.domain.selfchecks.results import (
    SCREENING_NOTE,
    ScoreLine,
    SelfCheckResult,
    describe_result,
    guidance_sentence,
)
from wellbeing_app.domain.selfchecks.scales import INSTRUMENT_IDS, SCORE_KEYS, SCORE_NAMES
from wellbeing_app.domain.selfchecks.scoring import (
    range_words,
    score_answers,
    score_gad7,
    score_pcl5,
    score_phq9,
    score_proqol5,
)

__all__ = [
    "FIELDS",
    "INSTRUMENT_IDS",
    "SCORE_KEYS",
    "SCORE_NAMES",
    "SCREENING_NOTE",
    "Answer",
    "Band",
    "DifficultyQuestion",
    "FormsError",
    "Guidance",
    "Instrument",
    "InvalidSelfCheck",
    "Item",
    "ScoreLine",
    "SelfCheck",
    "SelfCheckResult",
    "Source",
    "describe_result",
    "guidance_sentence",
    "instrument_by_id",
    "item9_needs_urgent_help",
    "load_instruments",
    "new_selfcheck_id",
    "parse_forms",
    "range_words",
    "score_answers",
    "score_gad7",
    "score_pcl5",
    "score_phq9",
    "score_proqol5",
    "selfcheck_from_record",
    "selfcheck_to_record",
    "validate_selfcheck",
]
