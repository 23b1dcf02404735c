"""The operational-detail guard: what it should notice, and what shift writing it must not."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wellbeing_app.domain.operational_detail import (
    DetailKind,
    FlaggedSpan,
    find_operational_detail,
)

K = DetailKind

# Each text must be flagged once, as the named kind, on exactly the given substring.
POSITIVES: list[tuple[str, DetailKind, str]] = [
    # Collar, shoulder and warrant numbers: a rank or keyword, then the number.
    ("Crewed with PC 1234 again, he was great.", K.COLLAR_NUMBER, "PC 1234"),
    ("DC5678 took the statement off me.", K.COLLAR_NUMBER, "DC5678"),
    ("PS 123 sent me home early, which was kind.", K.COLLAR_NUMBER, "PS 123"),
    ("PCSO 4567 found him in the end.", K.COLLAR_NUMBER, "PCSO 4567"),
    ("Gave my collar number 2345 to the nurse.", K.COLLAR_NUMBER, "collar number 2345"),
    ("Had to quote my shoulder number 8812 twice.", K.COLLAR_NUMBER, "shoulder number 8812"),
    ("Wrote warrant number 123456 on the wrong form.", K.COLLAR_NUMBER, "warrant number 123456"),
    ("pc 4021 did the driving, I did the talking.", K.COLLAR_NUMBER, "pc 4021"),
    ("Sgt 567 signed it off at the end.", K.COLLAR_NUMBER, "Sgt 567"),
    # Crime, incident and log references.
    (
        "Still thinking about crime ref 46/12345/24.",
        K.CRIME_OR_LOG_REFERENCE,
        "crime ref 46/12345/24",
    ),
    ("CRN 12345678 finally got filed.", K.CRIME_OR_LOG_REFERENCE, "CRN 12345678"),
    ("URN 01AB2345624 is with the CPS now.", K.CRIME_OR_LOG_REFERENCE, "URN 01AB2345624"),
    ("CAD 1234 23/11 was the worst one.", K.CRIME_OR_LOG_REFERENCE, "CAD 1234 23/11"),
    ("log 456 of 23rd stays with me.", K.CRIME_OR_LOG_REFERENCE, "log 456 of 23rd"),
    (
        "occurrence 2024-123456 came back to bite us.",
        K.CRIME_OR_LOG_REFERENCE,
        "occurrence 2024-123456",
    ),
    ("job number 789 ran over by three hours.", K.CRIME_OR_LOG_REFERENCE, "job number 789"),
    ("incident number 4521 was a sudden death.", K.CRIME_OR_LOG_REFERENCE, "incident number 4521"),
    ("Put ref no. 77812 on the handover.", K.CRIME_OR_LOG_REFERENCE, "ref no. 77812"),
    ("Storm log 2231 again, same address.", K.CRIME_OR_LOG_REFERENCE, "Storm log 2231"),
    ("OIC rang about 46/98765/25 this morning.", K.CRIME_OR_LOG_REFERENCE, "46/98765/25"),
    (
        "Crime number: 12/34567/23 still open.",
        K.CRIME_OR_LOG_REFERENCE,
        "Crime number: 12/34567/23",
    ),
    # Vehicle registrations: current and prefix style, spaced or not, capitals or lower case.
    ("Followed AB12 CDE for ten minutes.", K.VEHICLE_REGISTRATION, "AB12 CDE"),
    ("The car was LV68XKP, on false plates.", K.VEHICLE_REGISTRATION, "LV68XKP"),
    ("Ran ab12 cde on PNC, came back clean.", K.VEHICLE_REGISTRATION, "ab12 cde"),
    ("Old Escort, A123 BCD, no insurance.", K.VEHICLE_REGISTRATION, "A123 BCD"),
    ("Stopped R456 TWX on the bypass.", K.VEHICLE_REGISTRATION, "R456 TWX"),
    ("The van was YX21 FHT and it was stolen.", K.VEHICLE_REGISTRATION, "YX21 FHT"),
    # Phone numbers of people and local lines.
    ("She gave me 07700 900123 to ring back.", K.PHONE_NUMBER, "07700 900123"),
    ("His mum's number was +44 7700 900123.", K.PHONE_NUMBER, "+44 7700 900123"),
    ("Rang the landlord on 020 7946 0018.", K.PHONE_NUMBER, "020 7946 0018"),
    ("The school is 0113 496 0000, nobody answered.", K.PHONE_NUMBER, "0113 496 0000"),
    ("Texted 07700900456 to say we were on our way.", K.PHONE_NUMBER, "07700900456"),
    ("Left a message on (0161) 496 0123.", K.PHONE_NUMBER, "(0161) 496 0123"),
    ("Wrote 07700-900-789 on my hand.", K.PHONE_NUMBER, "07700-900-789"),
    # Full postcodes.
    ("Went back to SW1A 1AA again.", K.POSTCODE, "SW1A 1AA"),
    ("Sudden death at M1 1AE, an old gent.", K.POSTCODE, "M1 1AE"),
    ("Three calls to B33 8TH tonight.", K.POSTCODE, "B33 8TH"),
    ("Domestic at CR2 6XH, kids in the house.", K.POSTCODE, "CR2 6XH"),
    ("Concern for welfare, DN55 1PT.", K.POSTCODE, "DN55 1PT"),
    ("Put sw1a 1aa into the satnav.", K.POSTCODE, "sw1a 1aa"),
    ("Sat outside LS6 2QT for two hours.", K.POSTCODE, "LS6 2QT"),
    # Email addresses.
    ("Emailed j.smith@example.com about it.", K.EMAIL, "j.smith@example.com"),
    ("Her email was sarah.jones99@example.co.uk.", K.EMAIL, "sarah.jones99@example.co.uk"),
    # Names after a title or rank.
    ("Mr Smith was shouting the whole time.", K.TITLED_NAME, "Mr Smith"),
    ("Mrs Jones made us a cup of tea after.", K.TITLED_NAME, "Mrs Jones"),
    ("Dr Patel in A&E was really kind.", K.TITLED_NAME, "Dr Patel"),
    ("Ms Okafor from the council turned up.", K.TITLED_NAME, "Ms Okafor"),
    ("Miss Taylor, his teacher, was in bits.", K.TITLED_NAME, "Miss Taylor"),
    ("Sgt Khan said take ten minutes.", K.TITLED_NAME, "Sgt Khan"),
    ("Mr John Smith again, third time this week.", K.TITLED_NAME, "Mr John Smith"),
    ("Went to Mr and Mrs Brown's house first.", K.TITLED_NAME, "Mrs Brown"),
    ("Watched Mrs Brown's Boys to switch off.", K.TITLED_NAME, "Mrs Brown"),
]

# What an officer might write after a shift: none of it should be flagged.
NEGATIVES: list[str] = [
    "Long day. Nights again tomorrow.",
    "Back on earlies at 0600.",
    "Shift was 07:00-19:00 but didn't get off till 21:30.",
    "Worked 0700-1900, no break.",
    "Worked 0700 1900 0700 1900, then rest days.",
    "Rest day cancelled again.",
    "Four on, four off, and I'm shattered.",
    "Did 12 hours, 3 of them at A&E with a detained person.",
    "Sat in A&E for six hours with a 15-year-old.",
    "Sudden death on the high street, an old gent, peaceful at least.",
    "RTC on the M6, closed both carriageways for hours.",
    "M6 RTC, two cars, everyone walked away.",
    "Stuck on the M25 for an hour and a half.",
    "Junction 10 of the M1 was gridlocked.",
    "Tried to get home on the A38 but it was shut.",
    "Parked up on the A14 for an hour waiting for recovery.",
    "Back on the M6 3rd night running.",
    "2nd night in a row at A&E.",
    "Court on 23/11/2026, dreading it.",
    "Date of the trial is 2026-11-23.",
    "It's the 23rd November next week, my daughter's birthday.",
    "I worked 1234 hours of overtime last year apparently.",
    "Got £20 off the shift fund for a takeaway.",
    "Sleep was maybe 4 h.",
    "1.5 h break, first one in weeks.",
    "Overtime at 100% this month, or it feels like it.",
    "Mood about 3 out of 5.",
    "Talked to my Sgt about it, she was good.",
    "The PC I was crewed with was brilliant.",
    "PS was on leave so nobody signed anything off.",
    "PC on my team passed her driving course.",
    "DC on the case was really helpful.",
    "The DS and I had a proper chat afterwards.",
    "Had to log on at 0700 and the system was down.",
    "Had to log 3 jobs before I could go home.",
    "Log on took 20 minutes.",
    "Ref was rubbish at the kids' match this morning.",
    "Crime figures won't show the missing-person enquiries.",
    "Crime scene guard for 8 hours in the rain.",
    "Spent the whole night on a missing person, found safe at 0430.",
    "Three mental-health calls before 10am.",
    "Called 111 for my son in the end.",
    "If it gets bad I know I can ring 116 123.",
    "Called the Samaritans on 116 123 at 4am, it helped.",
    "The Oscar Kilo line is 0300 131 2789, saved it in my phone.",
    "Breathing Space is 0800 83 85 87.",
    "Rang 101 about my own car, ironic.",
    "Had a 999 call come in as I was leaving.",
    "Miss the kids when I'm on nights.",
    "Miss Christmas with the family again this year.",
    "Dr appointment tomorrow at 9:30.",
    "Saw the Dr about my back.",
    "Back to back lates then a quick changeover to earlies.",
    "Quick changeover, 8 hours between shifts.",
    "Night shift 22:00-07:00, nothing major.",
    "Did 2200-0700 and then court at 10.",
    "Ate at 0300, felt rough.",
    "The 15-year-old was fine in the end.",
    "Drove 120 miles to collect a prisoner.",
    "It was 3 degrees and I was out on a cordon for 5 hours.",
    "Cordon on the high street from 0100 to 0600.",
    "Got in at 19:15, kids already in bed.",
    "Welfare check on an elderly lady, 92 years old, she was lovely.",
    "First shift back after two weeks off, 10 hours.",
    "Response was flat out, 14 jobs in the queue.",
    "Training day on Friday, PST and first aid.",
    "Body-worn video ran out of battery at 0500.",
    "Sat on a constant watch for 11 hours.",
    "Custody was full so we drove to the next one, 40 minutes away.",
    "Good thing: the sunrise over the bypass at 0545.",
    "CID took the job off us in the end.",
    "CCTV review for 3 hours, eyes burning.",
    "Shift pattern is 2 earlies, 2 lates, 2 nights, 4 rest days.",
    "Had 6 hours sleep, 7 would be nice.",
    "Mum rang at 08:30, didn't pick up.",
    "Mood 2, stress 4, energy 1.",
    "12-hour shift turned into 15.",
    "3rd time this month on the M6.",
    "Policing is about people, not numbers.",
    "My collar felt tight all day, bloody stab vest.",
    "Warrant executed at 0500, no one home.",
    "Incident at the school, 30 kids evacuated, no one hurt.",
    "The incident 2 weeks ago is still on my mind.",
    "Restarted the PC 100 times, the system kept crashing.",
    "Got home at 2am, up again at 6am.",
    "Rest day, walked the dog for 2 hours.",
    "Nights: 2 x 10-hour shifts then rest days.",
    "Overtime: 4.5 hours.",
    "The job number system was down all night.",
    "Had a 20-minute break at 03:15.",
    "Took 45 mins to book him in.",
    "Bank holiday, double time, still not worth it.",
    "Ate a meal deal in the van at 1600.",
    "Best part of the day was the 10 minutes with my team.",
    "New starter on the team, ex-Army, sound bloke.",
    "It's 2026 and we still use paper notebooks.",
    "Met the team at the Co-op at 0615 for coffee.",
    "Walked 25,000 steps on foot patrol.",
    "Had ten minutes in the car before going in.",
    "Nothing to report, quiet shift for once.",
    "Missed my son's parents' evening. Again.",
    "Tired. Earlies, lates, nights, then a rest day that got cancelled.",
    "NFA'd the male at 0300 and went home at 0730.",
    "On the M1 at 70 mph with blues on, heart going.",
    "Three 999 calls from the same address by 0900.",
    "Stood at the scene from 23:00 to 04:00 on 12/03.",
]

MAX_FALSE_POSITIVE_RATE = 0.02


def _kinds_and_texts(text: str) -> list[tuple[DetailKind, str]]:
    return [(span.kind, span.text) for span in find_operational_detail(text)]


def test_tables_are_big_enough_and_distinct() -> None:
    assert len(POSITIVES) >= 40
    assert len(NEGATIVES) >= 80
    assert len({text for text, _, _ in POSITIVES}) == len(POSITIVES)
    assert len(set(NEGATIVES)) == len(NEGATIVES)
    assert {kind for _, kind, _ in POSITIVES} == set(DetailKind)


@pytest.mark.parametrize(("text", "kind", "expected"), POSITIVES)
def test_positive_is_flagged_as_the_right_kind(text: str, kind: DetailKind, expected: str) -> None:
    assert _kinds_and_texts(text) == [(kind, expected)]


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_writing_is_not_flagged(text: str) -> None:
    assert _kinds_and_texts(text) == []


def test_false_positive_rate_on_negatives_is_at_most_two_percent() -> None:
    flagged = [text for text in NEGATIVES if find_operational_detail(text)]
    rate = len(flagged) / len(NEGATIVES)
    assert rate <= MAX_FALSE_POSITIVE_RATE, (rate, flagged)


def test_detection_rate_on_positives_is_complete() -> None:
    found = [
        text for text, kind, expected in POSITIVES if (kind, expected) in _kinds_and_texts(text)
    ]
    assert len(found) / len(POSITIVES) == 1.0


def test_every_positive_is_still_found_inside_a_long_reflection() -> None:
    negatives = iter(NEGATIVES * 2)
    pieces = [f"{next(negatives)} {text} {next(negatives)}" for text, _, _ in POSITIVES]
    found = _kinds_and_texts("\n".join(pieces))
    assert found == [(kind, expected) for _, kind, expected in POSITIVES]


# ---------------------------------------------------------------------------
# Context matters.


@pytest.mark.parametrize(
    "text",
    [
        "I worked 1234 hours",  # a number with no rank is just a number
        "0700",
        "19:00",
        "07:00-19:00",
        "23/11/2026",
        "23rd November",
        "2026-11-23",
        "a 15-year-old",
        "the M6",
        "M1",
        "CR2",
        "999",
        "111",
        "101",
        "116 123",
        "116 117",
        "0300 131 2789",  # Oscar Kilo: an organisation's line, not a person's
        "0800 0 857 857",
        "£20",
        "10 hours",
        "50%",
    ],
)
def test_glossary_non_personal_examples_are_not_flagged(text: str) -> None:
    assert find_operational_detail(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # The longer span wins: the whole email, not the collar number inside it.
        ("pc1234@example.com", K.EMAIL, "pc1234@example.com"),
        # A reference keyword makes a phone-shaped number a reference.
        ("CRN 07700900123", K.CRIME_OR_LOG_REFERENCE, "CRN 07700900123"),
        # Capitals decide: "M6 AND" would be a prefix plate, "AND" is a word.
        ("A123 BCD AND", K.VEHICLE_REGISTRATION, "A123 BCD"),
        # An ordinal in capitals is a postcode, as written on an envelope.
        ("B33 8TH", K.POSTCODE, "B33 8TH"),
    ],
)
def test_overlaps_and_edge_cases(text: str, kind: DetailKind, expected: str) -> None:
    assert _kinds_and_texts(text) == [(kind, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "DC56 was there",  # Mixed Case: a rank and a word, not a plate
        "the m6 and back",  # lower-case prefix style is a road and a word
        "AB12 AND",  # an ordinary word where the random letters would be
        "b33 8th",  # lower-case ordinal
        "AB00 CDE",  # no plate has age identifier 00
        "QQ1 1AA",  # not a postcode area
    ],
)
def test_near_misses_are_not_flagged(text: str) -> None:
    assert find_operational_detail(text) == []


def test_several_details_in_one_sentence_are_sorted_and_separate() -> None:
    text = "PC 1234 stopped AB12 CDE near SW1A 1AA and rang 07700 900123."
    assert _kinds_and_texts(text) == [
        (K.COLLAR_NUMBER, "PC 1234"),
        (K.VEHICLE_REGISTRATION, "AB12 CDE"),
        (K.POSTCODE, "SW1A 1AA"),
        (K.PHONE_NUMBER, "07700 900123"),
    ]


def test_offsets_are_indices_into_the_original_unicode_text() -> None:
    text = "Ça va 😔 — Mrs Jones rang 07700 900123"
    spans = find_operational_detail(text)
    assert [(text[s.start : s.end], s.kind) for s in spans] == [
        ("Mrs Jones", K.TITLED_NAME),
        ("07700 900123", K.PHONE_NUMBER),
    ]


def test_explanations_are_calm_and_say_looks_like() -> None:
    for kind in DetailKind:
        span = FlaggedSpan(0, 1, kind, "x")
        assert span.explanation.startswith("This looks like ")
        assert span.explanation.endswith(".")
        for harsh in ("must", "not allowed", "breach", "error", "!", "warning"):
            assert harsh not in span.explanation.lower()


def test_the_text_is_never_changed() -> None:
    text = "Mr Smith, PC 1234, AB12 CDE, SW1A 1AA, 07700 900123, crime ref 46/12345/24."
    before = str(text)
    spans = find_operational_detail(text)
    assert text == before
    # Putting the flagged and unflagged pieces back together gives the text exactly.
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        pieces += [text[cursor : span.start], span.text]
        cursor = span.end
    pieces.append(text[cursor:])
    assert "".join(pieces) == before


def _assert_well_formed(text: str, spans: list[FlaggedSpan]) -> None:
    assert isinstance(spans, list)
    previous_end = 0
    for span in spans:
        assert isinstance(span.kind, DetailKind)
        assert 0 <= previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        previous_end = span.end


@given(st.text())
def test_any_text_gives_well_formed_spans(text: str) -> None:
    _assert_well_formed(text, find_operational_detail(text))


# Near misses: the characters and pieces the patterns are built from.
_NEAR_ALPHABET = "AB12 CDEM6PCr0794+@./-:swaLS1AQ(\u00a0\t\n"
_FRAGMENTS = [
    *(text for _, _, text in POSITIVES),
    "PC",
    "DC",
    "Mr",
    "Miss",
    "log",
    "ref",
    "CAD",
    "07700",
    "+44",
    "0",
    "@",
    ".",
    "/",
    "-",
    "M6",
    "SW1A",
    "1AA",
    "2nd",
    "AND",
    "é",
    "😔",
]


@settings(max_examples=300)
@given(st.text(alphabet=_NEAR_ALPHABET, max_size=80))
def test_near_miss_characters_give_well_formed_spans(text: str) -> None:
    _assert_well_formed(text, find_operational_detail(text))


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12), st.sampled_from(["", " ", "\n", ", "]))
def test_joined_fragments_give_well_formed_spans(fragments: list[str], separator: str) -> None:
    text = separator.join(fragments)
    _assert_well_formed(text, find_operational_detail(text))


# ---------------------------------------------------------------------------
# Speed: the form runs the guard before every save.


def _best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_twenty_thousand_character_reflection_is_checked_well_within_50_ms() -> None:
    sample = " ".join([*NEGATIVES, *(text for text, _, _ in POSITIVES)])
    text = (sample * (20_000 // len(sample) + 1))[:20_000]
    assert len(text) == 20_000
    assert find_operational_detail(text)  # it really did find things
    assert _best_of(5, lambda: find_operational_detail(text)) < 0.050


@pytest.mark.parametrize(
    "unit",
    [
        "1",
        "0",
        "a",
        "A",
        " ",
        "07",
        "0 ",
        "+44 ",
        "PC ",
        "PC1",
        "Mr ",
        "Mr A",
        "log ",
        "log-",
        "log1-",
        "ref 1",
        "a.",
        "a@",
        "a@a.",
        "AB12 ",
        "M1 1",
        "12/",
        "Ab",
        "é",
    ],
)
def test_adversarial_repetition_stays_fast(unit: str) -> None:
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    assert _best_of(3, lambda: find_operational_detail(text)) < 0.100
