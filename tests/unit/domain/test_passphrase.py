"""Passphrase rules: a minimum length, weak ones refused with zxcvbn's reason, and normalisation."""

from __future__ import annotations

import unicodedata

import pytest
from zxcvbn import zxcvbn

from wellbeing_app.domain.passphrase import (
    ASSESSED_PREFIX_CHARS,
    MIN_PASSPHRASE_CHARS,
    MIN_STRENGTH_SCORE,
    assess_passphrase,
    normalise_passphrase,
)


@pytest.mark.parametrize("length", [0, 1, MIN_PASSPHRASE_CHARS - 1])
def test_a_passphrase_under_the_minimum_length_is_refused_with_a_message(length: int) -> None:
    assessment = assess_passphrase("Zq7#kW!p@Lm"[:length])

    assert not assessment.acceptable
    assert str(MIN_PASSPHRASE_CHARS) in assessment.message()
    assert "characters" in assessment.message()


def test_length_is_counted_after_normalisation() -> None:
    # Seven ligatures "ﬀ" are seven characters as typed, fourteen once normalised.
    typed = "\ufb00" * (MIN_PASSPHRASE_CHARS - 1)
    assert len(typed) < MIN_PASSPHRASE_CHARS
    assessment = assess_passphrase(typed)
    assert f"at least {MIN_PASSPHRASE_CHARS}" not in assessment.message()


@pytest.mark.parametrize("weak", ["password123", "police123"])
def test_a_common_passphrase_is_refused_with_zxcvbns_warning(weak: str) -> None:
    assessment = assess_passphrase(weak)
    warning = zxcvbn(weak)["feedback"]["warning"]

    assert not assessment.acceptable
    assert assessment.score < MIN_STRENGTH_SCORE
    assert warning
    assert warning in assessment.message()


def test_a_weak_passphrase_always_gets_a_reason() -> None:
    assessment = assess_passphrase("qwertyuiop")
    assert not assessment.acceptable
    assert assessment.message()


def test_a_long_passphrase_of_words_is_accepted() -> None:
    assessment = assess_passphrase("a long passphrase here")

    assert assessment.acceptable
    assert assessment.score >= MIN_STRENGTH_SCORE
    assert assessment.warning == ""


def test_a_very_long_passphrase_is_assessed_without_error() -> None:
    words = "kettle lantern harbour orbit meadow quartz violin thistle parcel ember "
    passphrase = (words * 8)[:500]
    assert len(passphrase) == 500 > ASSESSED_PREFIX_CHARS

    assessment = assess_passphrase(passphrase)

    assert assessment.acceptable
    assert 0 <= assessment.score <= 4


def test_a_very_long_passphrase_of_any_characters_does_not_raise() -> None:
    assessment = assess_passphrase("ü🚓\u0301 " * 125)
    assert isinstance(assessment.acceptable, bool)


def test_nfc_and_nfd_forms_normalise_to_the_same_passphrase() -> None:
    nfc = unicodedata.normalize("NFC", "café kettle lantern")
    nfd = unicodedata.normalize("NFD", "café kettle lantern")
    assert nfc != nfd

    assert normalise_passphrase(nfc) == normalise_passphrase(nfd)


def test_full_width_letters_normalise_to_ascii() -> None:
    full_width = "ｃａｆｅ ｋｅｔｔｌｅ １２３"
    assert normalise_passphrase(full_width) == "cafe kettle 123"


def test_normalising_an_ascii_passphrase_changes_nothing() -> None:
    assert normalise_passphrase("correct kettle lantern harbour") == (
        "correct kettle lantern harbour"
    )
