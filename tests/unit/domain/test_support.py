"""The support catalogue: every number is on an explicit allow-list, with its source."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pytest

from wellbeing_app.domain.support import (
    GROUPS,
    Audience,
    CatalogueError,
    Nation,
    Status,
    parse_catalogue,
    urgent_help,
)
from wellbeing_app.resource_files import read_resource_bytes
from wellbeing_app.services.support import load_catalogue

# Every phone and text number the app may show, each traced to
# shared/support-sources.md. Adding a number means adding it here, on purpose.
ALLOWED_PHONES = {
    "999",  # emergency services
    "0300 131 2789",  # Oscar Kilo crisis line
    "116 123",  # Samaritans
    "111",  # NHS 111, mental health option
    "0808 808 8000",  # Lifeline (Northern Ireland)
    "0800 83 85 87",  # Breathing Space (Scotland)
    "0300 012 0030",  # Police Care UK (office hours)
    "0800 0 857 857",  # UNISONdirect
}
ALLOWED_TEXTS = {("85258", "SHOUT"), ("85258", "BLUELIGHT")}
NEVER_SHIP = {"0300 303 5999", "84999", "0300 373 0898"}  # ended or not for police


def _raw() -> dict[str, object]:
    return json.loads(read_resource_bytes("support", "uk.json"))


def test_the_shipped_catalogue_parses() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.services) >= 15
    assert {s.group for s in catalogue.services} <= set(GROUPS)


def test_the_shipped_catalogue_matches_its_json_schema() -> None:
    import jsonschema

    schema = json.loads(read_resource_bytes("support", "uk.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_raw())
    broken = copy.deepcopy(_raw())
    broken["services"][2]["status"] = "secondary"  # type: ignore[index]
    broken["services"][2].pop("note", None)  # type: ignore[union-attr]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_phone_and_text_numbers_are_exactly_the_allow_list() -> None:
    catalogue = load_catalogue()
    phones = {s.phone for s in catalogue.services if s.phone}
    texts = {(s.text.number, s.text.keyword) for s in catalogue.services if s.text}
    assert phones == ALLOWED_PHONES
    assert texts == ALLOWED_TEXTS
    raw = read_resource_bytes("support", "uk.json").decode()
    for number in NEVER_SHIP:
        assert number not in raw


def test_every_entry_has_a_source_a_date_and_a_status() -> None:
    for service in load_catalogue().services:
        assert service.source.startswith("https://")
        assert service.last_verified == date(2026, 11, 23)
        assert service.status in (Status.VERIFIED, Status.SECONDARY)
        if service.status is Status.SECONDARY:
            assert service.note


def test_only_round_the_clock_lines_are_urgent() -> None:
    catalogue = load_catalogue()
    for service in catalogue.services:
        if service.urgent:
            assert service.hours is not None and "24 hours" in service.hours, service.id
    assert not catalogue.by_id("police_care_uk").urgent  # office hours only
    assert not catalogue.by_id("breathing_space").urgent


def test_get_help_now_shows_999_first_then_the_crisis_lines() -> None:
    shown = urgent_help(load_catalogue())
    assert [s.id for s in shown] == ["emergency", "oscar_kilo_crisis_line", "samaritans", "shout"]
    assert shown[0].what == "If your life is at risk right now, call 999 or go to A&E."


def test_filters_by_nation_and_audience() -> None:
    catalogue = load_catalogue()
    scotland = {s.id for s in catalogue.services if s.serves(Nation.SCOTLAND, None)}
    assert "breathing_space" in scotland and "lifeline" not in scotland
    assert "samaritans" in scotland  # UK-wide
    staff = {s.id for s in catalogue.services if s.serves(None, Audience.STAFF)}
    assert "unison_there_for_you" in staff and "scottish_police_federation" not in staff
    urgent_ni = [s.id for s in catalogue.urgent(Nation.NORTHERN_IRELAND)]
    assert urgent_ni[0] == "emergency" and "lifeline" in urgent_ni


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s: s.update(phone="0300-131-2789"), "digits and spaces"),
        (lambda s: s.update(url="http://example.org"), "https"),
        (lambda s: s.update(status="secondary", note=None), "note"),
        (lambda s: s.update(group="somewhere"), "unknown group"),
        (lambda s: s.update(surprise=True), "unknown fields"),
        (lambda s: s.update(where=["mars"]), "mars"),
        (lambda s: s.pop("source"), "source"),
        (lambda s: s.update(urgent="yes"), "urgent"),
    ],
)
def test_a_broken_entry_is_refused_by_name(change: object, problem: str) -> None:
    document = copy.deepcopy(_raw())
    services = document["services"]
    assert isinstance(services, list)
    change(services[1])  # type: ignore[operator]
    with pytest.raises(CatalogueError, match=problem):
        parse_catalogue(document)


def test_hours_read_as_a_sentence_after_open() -> None:
    catalogue = load_catalogue()
    for service in catalogue.services:
        sentence = service.opening_hours()
        if service.hours is None:
            assert sentence is None
            continue
        assert sentence == f"Open {service.hours}."
        assert re.search(r"\d|day", service.hours), service.id  # a time or a day, not a name
    unison = catalogue.by_id("unison_there_for_you")
    assert unison.opening_hours() is None  # UNISONdirect is a name, not opening hours
    assert unison.phone == "0800 0 857 857"
    assert "UNISONdirect" in unison.what
    assert catalogue.by_id("samaritans").opening_hours() == "Open 24 hours a day."


@pytest.mark.parametrize("hours", ["UNISONdirect", "Open 24 hours a day", "ring first"])
def test_hours_that_do_not_say_when_are_refused(hours: str) -> None:
    document = copy.deepcopy(_raw())
    services = document["services"]
    assert isinstance(services, list)
    services[1]["hours"] = hours
    with pytest.raises(CatalogueError, match="must say when it is open"):
        parse_catalogue(document)


def test_a_service_for_one_nation_says_where_it_serves_in_a_uk_wide_list() -> None:
    catalogue = load_catalogue()
    lifeline = catalogue.by_id("lifeline")
    assert lifeline.nations == (Nation.NORTHERN_IRELAND,)
    assert lifeline.area == "Northern Ireland"
    assert "Northern Ireland" in lifeline.what
    # The "any hour" box for the whole UK names where it serves.
    shown = {s.id: s.name_for(None) for s in catalogue.urgent(None)}
    assert shown["lifeline"] == "Lifeline (Northern Ireland only)"
    assert shown["oscar_kilo_crisis_line"] == "Oscar Kilo crisis line (England and Wales only)"
    assert shown["samaritans"] == "Samaritans"  # UK-wide: the name alone
    # In Northern Ireland's own list it needs no label.
    assert lifeline.name_for(Nation.NORTHERN_IRELAND) == "Lifeline"
    assert lifeline.name_for(Nation.SCOTLAND) == "Lifeline (Northern Ireland only)"
    treatment = catalogue.by_id("police_treatment_centres")
    assert treatment.area is None  # every nation listed: the whole UK
    assert catalogue.by_id("flint_house").area == "England and Wales"
    assert catalogue.by_id("samaritans").area is None


def test_the_lifeline_number_is_unchanged() -> None:
    lifeline = load_catalogue().by_id("lifeline")
    assert lifeline.phone == "0808 808 8000"
    assert lifeline.urgent and lifeline.hours == "24 hours a day"
