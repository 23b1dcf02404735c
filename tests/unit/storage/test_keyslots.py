"""Key slots: the data key is only ever stored wrapped, bound to its vault and slot."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import FAST_KDF
from wellbeing_app.kdf import KdfParams
from wellbeing_app.storage import keyslots
from wellbeing_app.storage.errors import VaultDamagedError, WrongSecretError
from wellbeing_app.storage.keyslots import KeySlots

DATA_KEY = bytes(range(32))
RECOVERY = bytes(range(100, 120))


@pytest.fixture
def slots() -> KeySlots:
    return KeySlots.create(DATA_KEY, "harbour lantern kettle", RECOVERY, kdf=FAST_KDF)


def test_both_slots_unwrap_the_same_data_key(slots: KeySlots) -> None:
    assert slots.unwrap_with_passphrase("harbour lantern kettle") == DATA_KEY
    assert slots.unwrap_with_recovery_key(RECOVERY) == DATA_KEY


def test_the_file_never_holds_the_data_key_or_the_secrets(slots: KeySlots) -> None:
    data = slots.to_bytes()
    for secret in (DATA_KEY, DATA_KEY.hex().encode(), RECOVERY, b"harbour lantern kettle"):
        assert secret not in data


def test_round_trip_through_the_file_format(slots: KeySlots) -> None:
    again = KeySlots.from_bytes(slots.to_bytes())
    assert again == slots
    assert again.unwrap_with_passphrase("harbour lantern kettle") == DATA_KEY


def test_wrong_secrets_are_refused(slots: KeySlots) -> None:
    with pytest.raises(WrongSecretError):
        slots.unwrap_with_passphrase("harbour lantern kettles")
    with pytest.raises(WrongSecretError):
        slots.unwrap_with_recovery_key(bytes(20))


def test_a_slot_moved_to_another_vault_or_slot_does_not_unwrap(slots: KeySlots) -> None:
    moved = dataclasses.replace(slots, vault_id="00000000-0000-4000-8000-000000000000")
    with pytest.raises(WrongSecretError):
        moved.unwrap_with_passphrase("harbour lantern kettle")
    # The recovery slot's ciphertext put in the passphrase position fails too.
    swapped = dataclasses.replace(
        slots,
        passphrase=dataclasses.replace(
            slots.passphrase,
            nonce=slots.recovery.nonce,
            wrapped_key=slots.recovery.wrapped_key,
        ),
    )
    with pytest.raises(WrongSecretError):
        swapped.unwrap_with_passphrase("harbour lantern kettle")


def test_changing_the_passphrase_keeps_the_recovery_slot(slots: KeySlots) -> None:
    changed = slots.with_passphrase(DATA_KEY, "new winter passphrase", kdf=FAST_KDF)
    assert changed.recovery == slots.recovery
    assert changed.vault_id == slots.vault_id
    assert changed.unwrap_with_passphrase("new winter passphrase") == DATA_KEY
    with pytest.raises(WrongSecretError):
        changed.unwrap_with_passphrase("harbour lantern kettle")


def test_kdf_settings_are_stored_so_they_can_be_raised(slots: KeySlots) -> None:
    stronger = KdfParams(time_cost=2, memory_kib=16 * 1024, parallelism=1)
    changed = slots.with_passphrase(DATA_KEY, "harbour lantern kettle", kdf=stronger)
    assert KeySlots.from_bytes(changed.to_bytes()).passphrase.kdf == stronger


def _edit(slots: KeySlots, change: object) -> bytes:
    document = json.loads(slots.to_bytes())
    change(document)  # type: ignore[operator]
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(format="something-else"), "not a Took Home key file"),
        (lambda d: d.update(version=2), "different version"),
        (lambda d: d.update(vault_id="nope"), "vault id"),
        (lambda d: d["slots"].pop("recovery"), "recovery slot is missing"),
        (lambda d: d["slots"]["passphrase"].update(salt="!!!"), "not readable"),
        (lambda d: d["slots"]["passphrase"].update(nonce="AAAA"), "wrong length"),
        (lambda d: d["slots"]["passphrase"].update(memory_kib=2**40), "out of range"),
        (lambda d: d["slots"]["passphrase"].update(time_cost="10"), "KDF settings"),
        (lambda d: d["slots"]["recovery"].update(kdf="md5"), "unknown recovery KDF"),
    ],
)
def test_damaged_key_files_name_the_problem(slots: KeySlots, change: object, reason: str) -> None:
    with pytest.raises(VaultDamagedError, match=reason):
        KeySlots.from_bytes(_edit(slots, change))


@given(st.binary(max_size=2048))
def test_any_bytes_parse_or_fail_as_damage(data: bytes) -> None:
    try:
        KeySlots.from_bytes(data)
    except VaultDamagedError:
        pass


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_parses_or_fails_as_damage(value: object) -> None:
    try:
        KeySlots.from_bytes(json.dumps(value).encode())
    except VaultDamagedError:
        pass


def test_recovery_keys_are_160_bits_in_groups_of_four() -> None:
    key = keyslots.new_recovery_key()
    text = keyslots.format_recovery_key(key)
    groups = text.split("-")
    assert len(key) * 8 >= 128
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert keyslots.parse_recovery_key(text) == key
    assert keyslots.parse_recovery_key(text.lower().replace("-", "  ")) == key


def test_recovery_key_lookalike_digits_are_forgiven() -> None:
    key = bytes.fromhex("73a2" * 10) + b""  # formats as "OORH-HITT-…": it has O and I
    text = keyslots.format_recovery_key(key)
    assert "O" in text and "I" in text
    typed = text.replace("O", "0").replace("I", "1")
    assert keyslots.parse_recovery_key(typed) == key


@pytest.mark.parametrize("text", ["", "abc", "A" * 31, "A" * 33, "ABCD-EFGH-!!!!-" * 3])
def test_things_that_are_not_recovery_keys(text: str) -> None:
    assert keyslots.parse_recovery_key(text) is None
