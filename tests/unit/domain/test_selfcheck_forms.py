"""The questionnaire data file: one place for every word, schema-checked, strictly parsed."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.support import REPO_ROOT
from wellbeing_app.domain.selfchecks import (
    INSTRUMENT_IDS,
    FormsError,
    instrument_by_id,
    load_instruments,
    parse_forms,
    range_words,
)
from wellbeing_app.resource_files import read_resource_bytes, resource

PACKAGE = REPO_ROOT / "wellbeing_app"

# The facts of shared/SELF-CHECKS.md, restated here on purpose so that the data
# file is checked against them rather than against itself.
ITEM_COUNTS = {"phq9": 9, "gad7": 7, "pcl5": 20, "proqol5": 30}
FREQUENCY = [
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
]
ANSWER_SETS = {
    "phq9": FREQUENCY,
    "gad7": FREQUENCY,
    "pcl5": [
        (0, "Not at all"),
        (1, "A little bit"),
        (2, "Moderately"),
        (3, "Quite a bit"),
        (4, "Extremely"),
    ],
    # The form prints "Very Often"; SELF-CHECKS.md wrote "Very often". The form wins.
    "proqol5": [(1, "Never"), (2, "Rarely"), (3, "Sometimes"), (4, "Often"), (5, "Very Often")],
}
PUBLISHED_RANGES = {
    ("phq9", "total"): [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 19, "moderately severe"),
        (20, 27, "severe"),
    ],
    ("gad7", "total"): [
        (0, 4, "minimal"),
        (5, 9, "mild"),
        (10, 14, "moderate"),
        (15, 21, "severe"),
    ],
    **{
        ("proqol5", key): [(10, 22, "low"), (23, 41, "moderate"), (42, 50, "high")]
        for key in ("compassion_satisfaction", "burnout", "secondary_traumatic_stress")
    },
}
SOURCES = {
    "phq9": "https://www.phqscreeners.com/",
    "gad7": "https://www.phqscreeners.com/",
    "pcl5": "https://www.ptsd.va.gov/",
    "proqol5": "https://proqol.org/",
}
CREDITS = {"phq9": "Pfizer Inc.", "gad7": "Pfizer Inc.", "pcl5": "Weathers", "proqol5": "Stamm"}


def _raw() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(read_resource_bytes("selfchecks", "forms.json"))
    return document


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(read_resource_bytes("selfchecks", "forms.schema.json"))
    return schema


def _entry(document: dict[str, Any], instrument_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in document["instruments"] if i["id"] == instrument_id)
    return found


# -- the schema ----------------------------------------------------------------------


def test_the_shipped_file_matches_its_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.Draft202012Validator(_schema()).validate(_raw())


def _drop_last_item(d: dict[str, Any]) -> None:
    _entry(d, "phq9")["items"].pop()


def _relabel_answer(d: dict[str, Any]) -> None:
    _entry(d, "gad7")["answers"][1]["label"] = "Some days"


def _invent_pcl5_ranges(d: dict[str, Any]) -> None:
    _entry(d, "pcl5")["ranges"]["total"] = [
        {"low": 0, "high": 32, "words": "low"},
        {"low": 33, "high": 80, "words": "high"},
    ]


def _difficulty_on_gad7(d: dict[str, Any]) -> None:
    _entry(d, "gad7")["difficulty"] = copy.deepcopy(_entry(d, "phq9")["difficulty"])


def _swap_ids(d: dict[str, Any]) -> None:
    d["instruments"][0]["id"], d["instruments"][1]["id"] = "gad7", "phq9"


def _blank_item(d: dict[str, Any]) -> None:
    _entry(d, "proqol5")["items"][2]["text"] = " "


def _extra_instrument(d: dict[str, Any]) -> None:
    d["instruments"].append(copy.deepcopy(_entry(d, "gad7")) | {"id": "wemwbs"})


def _drop_difficulty(d: dict[str, Any]) -> None:
    del _entry(d, "phq9")["difficulty"]


def _change_meaningful_change(d: dict[str, Any]) -> None:
    _entry(d, "pcl5")["guidance"]["meaningful_change"] = 5


@pytest.mark.parametrize(
    "damage",
    [
        _drop_last_item,
        _relabel_answer,
        _invent_pcl5_ranges,
        _difficulty_on_gad7,
        _swap_ids,
        _blank_item,
        _extra_instrument,
        _drop_difficulty,
        _change_meaningful_change,
    ],
)
def test_the_schema_refuses_a_damaged_file(damage: Callable[[dict[str, Any]], None]) -> None:
    broken = _raw()
    damage(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(_schema()).validate(broken)


# -- what the app reads ------------------------------------------------------------------


def test_four_instruments_in_order_with_the_published_item_counts() -> None:
    instruments = load_instruments()
    assert tuple(instruments) == INSTRUMENT_IDS == ("phq9", "gad7", "pcl5", "proqol5")
    for instrument_id, count in ITEM_COUNTS.items():
        items = instruments[instrument_id].items
        assert len(items) == count
        assert [item.number for item in items] == list(range(1, count + 1))
        assert len({item.text for item in items}) == count  # no question repeated


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_answer_sets_are_the_forms_own(instrument_id: str) -> None:
    answers = instrument_by_id(instrument_id).answers
    assert [(a.value, a.label) for a in answers] == ANSWER_SETS[instrument_id]


def test_only_the_phq9_has_the_tenth_difficulty_question() -> None:
    question = instrument_by_id("phq9").difficulty
    assert question is not None
    assert question.question.startswith("If you checked off any problems, how difficult")
    assert [(a.value, a.label) for a in question.answers] == [
        (0, "Not difficult at all"),
        (1, "Somewhat difficult"),
        (2, "Very difficult"),
        (3, "Extremely difficult"),
    ]
    for other in ("gad7", "pcl5", "proqol5"):
        assert instrument_by_id(other).difficulty is None


def test_published_ranges_are_exactly_the_instruments_own() -> None:
    found = {
        (i.id, key): [(b.low, b.high, b.words) for b in bands]
        for i in load_instruments().values()
        for key, bands in i.ranges.items()
    }
    assert found == PUBLISHED_RANGES
    for instrument in load_instruments().values():
        assert (instrument.ranges_source is not None) == bool(instrument.ranges)


def test_the_pcl5_has_no_ranges_only_its_published_guidance() -> None:
    pcl5 = instrument_by_id("pcl5")
    assert pcl5.ranges == {}
    for key in pcl5.score_keys:
        low, high = pcl5.score_range(key)
        assert all(range_words("pcl5", key, score) is None for score in range(low, high + 1))
    assert pcl5.guidance is not None
    assert (pcl5.guidance.worth_talking_from, pcl5.guidance.worth_talking_to) == (31, 33)
    assert pcl5.guidance.meaningful_change == 10
    for other in ("phq9", "gad7", "proqol5"):
        assert instrument_by_id(other).guidance is None


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_each_instrument_names_its_source_and_carries_its_credit(instrument_id: str) -> None:
    instrument = instrument_by_id(instrument_id)
    assert instrument.source.url.startswith(SOURCES[instrument_id])
    assert instrument.source.form
    assert CREDITS[instrument_id] in instrument.credit
    assert instrument.licence


def test_the_proqol_credit_keeps_the_conditions_it_is_copied_under() -> None:
    credit = instrument_by_id("proqol5").credit
    assert credit.startswith("© B. Hudnall Stamm, 2009-2012.")
    assert "(a) author is credited, (b) no changes are made, and (c) it is not sold" in credit


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_each_description_is_one_plain_sentence_with_how_long_it_takes(instrument_id: str) -> None:
    description = instrument_by_id(instrument_id).description
    assert description.count(".") == 1 and description.endswith(" minutes.")
    assert re.search(r"it takes about [a-z ]+ minutes\.$", description)
    assert "you have" not in description.lower()
    # Our own wording is UK English (the instruments' items keep their US spelling).
    assert not re.search(r"(?i)\w(ize|ized|izing|ization)\b|behavior|\bcenter\b", description)


def test_stems_and_time_frames() -> None:
    assert instrument_by_id("phq9").stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    # The GAD-7 form says "by the following problems", without "any of".
    assert instrument_by_id("gad7").stem == (
        "Over the last 2 weeks, how often have you been bothered by the following problems?"
    )
    assert instrument_by_id("pcl5").stem == "In the past month, how much were you bothered by:"
    assert "in the last 30 days" in instrument_by_id("proqol5").stem
    frames = {i.id: i.time_frame for i in load_instruments().values()}
    assert frames == {
        "phq9": "the last 2 weeks",
        "gad7": "the last 2 weeks",
        "pcl5": "the past month",
        "proqol5": "the last 30 days",
    }


def test_proqol_keeps_the_forms_own_bracketed_placeholders() -> None:
    items = instrument_by_id("proqol5").items
    assert sum("[help" in item.text for item in items) >= 15
    assert any("[helper]" in item.text for item in items)


# The wording as checked against each instrument's published form (see the
# report in issue 14). A digest, so the words are not repeated here; changing
# any word, answer label or credit means checking it against the form again
# and updating the digest on purpose.
WORDING_DIGESTS = {
    "phq9": "2b778ac0ad7de7eeb46f3d432932c892ce30ebc9be073105eb92bee216052ef8",
    "gad7": "b07a1f12dd3656f5bd360758f8a25646dfa011cd4737cb0ad1558c9427ec07d3",
    "pcl5": "2b2fc374cdf1403a9ba679a2de1bb778650349a715b413e979b6bf2c39a13806",
    "proqol5": "98b0ab9fddfd6559b40fd32b63d7f4403e344f60802e53dca67170a711dbcde3",
}


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_the_checked_wording_has_not_changed(instrument_id: str) -> None:
    i = instrument_by_id(instrument_id)
    parts = [i.stem, i.instructions or "", *[a.label for a in i.answers]]
    parts += [item.text for item in i.items]
    if i.difficulty is not None:
        parts += [i.difficulty.question, *[a.label for a in i.difficulty.answers]]
    parts.append(i.credit)
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    assert digest == WORDING_DIGESTS[instrument_id]


# -- one place for the words --------------------------------------------------------------


def _python_files_containing(phrase: str, root: Path) -> list[Path]:
    return [path for path in sorted(root.rglob("*.py")) if phrase in path.read_text("utf-8")]


def test_the_scan_for_repeated_wording_can_find_a_repeat(tmp_path: Path) -> None:
    phrase = instrument_by_id("gad7").items[3].text
    (tmp_path / "ok.py").write_text("x = 1\n", "utf-8")
    (tmp_path / "copy.py").write_text(f"QUESTION = {phrase!r}\n", "utf-8")
    assert _python_files_containing(phrase, tmp_path) == [tmp_path / "copy.py"]


@pytest.mark.parametrize("instrument_id", INSTRUMENT_IDS)
def test_item_wording_lives_only_in_the_data_file(instrument_id: str) -> None:
    instrument = instrument_by_id(instrument_id)
    texts = [item.text for item in instrument.items] + [instrument.stem]
    if instrument.difficulty is not None:
        texts.append(instrument.difficulty.question)
    for text in texts:
        assert _python_files_containing(text, PACKAGE) == [], text
    # And a distinctive phrase of each, so a copy with changed punctuation is found too.
    longest = max((item.text for item in instrument.items), key=len)
    phrase = " ".join(re.findall(r"[A-Za-z']+", longest)[2:7])
    assert len(phrase) > 15
    assert _python_files_containing(phrase, PACKAGE) == [], phrase


def test_the_data_file_ships_inside_the_package() -> None:
    assert resource("selfchecks", "forms.json").is_file()
    assert resource("selfchecks", "forms.schema.json").is_file()
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert shipped["resources"] == "wellbeing_app/resources"  # the wheel test reads it back


# -- strict parsing --------------------------------------------------------------------------


def test_the_shipped_file_parses() -> None:
    assert tuple(parse_forms(_raw())) == INSTRUMENT_IDS


def _set(instrument_id: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        _entry(d, instrument_id)[key] = value

    return change


def _gap_in_phq9_ranges(d: dict[str, Any]) -> None:
    _entry(d, "phq9")["ranges"]["total"][1]["low"] = 6


def _short_gad7_ranges(d: dict[str, Any]) -> None:
    _entry(d, "gad7")["ranges"]["total"][-1]["high"] = 20


def _misnumbered_item(d: dict[str, Any]) -> None:
    _entry(d, "pcl5")["items"][4]["number"] = 6


def _pcl5_with_19_items(d: dict[str, Any]) -> None:
    _entry(d, "pcl5")["items"].pop()


def _answers_skip_a_value(d: dict[str, Any]) -> None:
    _entry(d, "proqol5")["answers"][2]["value"] = 7


def _unknown_score_ranges(d: dict[str, Any]) -> None:
    _entry(d, "phq9")["ranges"]["B"] = _entry(d, "phq9")["ranges"]["total"]


def _guidance_past_the_total(d: dict[str, Any]) -> None:
    _entry(d, "pcl5")["guidance"]["worth_talking_to"] = 81


def _duplicate_instrument(d: dict[str, Any]) -> None:
    d["instruments"][1] = copy.deepcopy(d["instruments"][0])


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_gap_in_phq9_ranges, "should start at 5"),
        (_short_gad7_ranges, "must end at 21"),
        (_misnumbered_item, "question 5 is numbered 6"),
        (_pcl5_with_19_items, "do not match the scoring groups"),
        (_answers_skip_a_value, "run up in ones"),
        (_unknown_score_ranges, "unknown score 'B'"),
        (_guidance_past_the_total, "within 0 to 80"),
        (_duplicate_instrument, "once each"),
        (_difficulty_on_gad7, "only the PHQ-9"),
        (_drop_difficulty, "only the PHQ-9"),
        (_set("gad7", "ranges_source", None), "go together"),
        (_set("pcl5", "surprise", True), "unknown fields"),
        (_set("phq9", "stem", "Over the last 2 weeks "), "no space at either end"),
        (_set("gad7", "id", "wemwbs"), "unknown instrument id"),
        (_set("phq9", "source", {"form": "x", "url": "http://example.org"}), "https"),
    ],
)
def test_the_parser_refuses_a_damaged_file(
    damage: Callable[[dict[str, Any]], None], message: str
) -> None:
    broken = _raw()
    damage(broken)
    with pytest.raises(FormsError, match=re.escape(message)):
        parse_forms(broken)


@pytest.mark.parametrize(
    "document",
    [None, [], {"format": "took-home-support", "version": 1}, {"format": "took-home-selfchecks"}],
)
def test_the_parser_refuses_what_is_not_a_questionnaire_file(document: object) -> None:
    with pytest.raises(FormsError):
        parse_forms(document)
