"""Key slots: the random data key, stored only wrapped, once per way of unlocking.

The database is keyed with a random 256-bit data key. That key is wrapped
with AES-256-GCM once per slot: the passphrase slot (key-encryption key from
Argon2id) and the recovery slot (key-encryption key from HKDF over a random
recovery key). The associated data binds the vault id, the file format
version and the slot name, so a slot cannot be moved to another vault or
another slot. Changing the passphrase rewrites one slot; the data is never
re-encrypted.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import uuid
from dataclasses import dataclass, replace
from typing import Final

from wellbeing_app.domain.passphrase import normalise_passphrase
from wellbeing_app.kdf import (
    DEFAULT_KDF,
    KdfParams,
)
from wellbeing_app.storage.errors import VaultDamagedError, WrongSecretError

KEYFILE_FORMAT: Final = "took-home-keyfile"
KEYFILE_VERSION: Final = 1
PASSPHRASE_SLOT: Final = "passphrase"
RECOVERY_SLOT: Final = "recovery"

DATA_KEY_BYTES: Final = 32
SALT_BYTES: Final = 16
NONCE_BYTES: Final = 12
WRAPPED_KEY_BYTES: Final = DATA_KEY_BYTES + 16  # GCM tag
MAC_BYTES: Final = 32
RECOVERY_KEY_BYTES: Final = 20  # 160 bits: 32 Base32 characters
RECOVERY_GROUP: Final = 4
_HKDF_INFO: Final = b"took-home recovery slot v1"
_BASE32_LOOKALIKES: Final = str.maketrans({"0": "O", "1": "I", "8": "B"})
_MAX_KEYFILE_BYTES: Final = 16 * 1024
_MAC_INFO: Final = b"took-home key slot mac v1"


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key. ``kdf`` is None for the recovery slot.

    ``mac`` (an HMAC under a key derived from the data key) lets whoever has
    unwrapped one slot prove that every other slot is intact, without the
    other slot's secret. Key files written before it existed have none.
    """

    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    kdf: KdfParams | None = None
    mac: bytes | None = None


@dataclass(frozen=True)
class SlotCheck:
    """What the slot MACs say, checked with the data key: damaged slots, and unmarked ones."""

    damaged: tuple[str, ...]
    unchecked: tuple[str, ...]


def _associated_data(vault_id: str, slot_name: str) -> bytes:
    return f"{KEYFILE_FORMAT}|v{KEYFILE_VERSION}|{vault_id}|{slot_name}".encode()


def passphrase_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The passphrase slot's key-encryption key (Argon2id over the NFKC passphrase)."""
    # argon2 and cryptography load where they are first used (on the thread that
    # derives the key, in the app), not with this module: reading a key file
    # needs neither, and the lock screen reads one before anything else.
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=normalise_passphrase(passphrase).encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def recovery_kek(recovery_key: bytes, salt: bytes) -> bytes:
    """The recovery slot's key-encryption key (HKDF-SHA256: the key is already random)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_HKDF_INFO).derive(
        recovery_key
    )


def _slot_mac(data_key: bytes, vault_id: str, slot_name: str, slot: Slot) -> bytes:
    from cryptography.hazmat.primitives import hashes, hmac
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_MAC_INFO).derive(data_key)
    signer = hmac.HMAC(mac_key, hashes.SHA256())
    signer.update(_associated_data(vault_id, slot_name))
    if slot.kdf is None:
        signer.update(b"|hkdf-sha256|")
    else:
        kdf = slot.kdf
        signer.update(f"|argon2id|{kdf.time_cost}|{kdf.memory_kib}|{kdf.parallelism}|".encode())
    signer.update(slot.salt + slot.nonce + slot.wrapped_key)
    return signer.finalize()


def _wrap(kek: bytes, data_key: bytes, vault_id: str, slot_name: str) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _associated_data(vault_id, slot_name))
    return nonce, wrapped


# ---------------------------------------------------------------------------
# Recovery keys: shown once as groups of Base32, typed back in any case.


def new_recovery_key() -> bytes:
    import secrets  # only a new vault needs it (it loads OpenSSL's hashing too)

    return secrets.token_bytes(RECOVERY_KEY_BYTES)


def format_recovery_key(key: bytes) -> str:
    """``ABCD-EFGH-…``: eight groups of four Base32 characters."""
    text = base64.b32encode(key).decode("ascii").rstrip("=")
    return "-".join(text[i : i + RECOVERY_GROUP] for i in range(0, len(text), RECOVERY_GROUP))


def parse_recovery_key(text: str) -> bytes | None:
    """The key bytes if ``text`` is a recovery key (spaces, dashes and case ignored), else None."""
    compact = "".join(ch for ch in text if ch not in " -\t\r\n").upper()
    compact = compact.translate(_BASE32_LOOKALIKES)
    expected_chars = (RECOVERY_KEY_BYTES * 8 + 4) // 5
    if len(compact) != expected_chars:
        return None
    try:
        return base64.b32decode(compact, casefold=False)
    except (binascii.Error, ValueError):
        return None


# ---------------------------------------------------------------------------
# The key file


@dataclass(frozen=True)
class KeySlots:
    """The contents of the key file: which vault it belongs to, and its slots."""

    vault_id: str
    passphrase: Slot
    recovery: Slot

    @classmethod
    def create(
        cls,
        data_key: bytes,
        passphrase: str,
        recovery_key: bytes,
        *,
        kdf: KdfParams = DEFAULT_KDF,
        vault_id: str | None = None,
    ) -> KeySlots:
        vault_id = vault_id or str(uuid.uuid4())
        slots = cls(vault_id, _EMPTY_SLOT, _EMPTY_SLOT)
        slots = slots.with_passphrase(data_key, passphrase, kdf=kdf)
        salt = os.urandom(SALT_BYTES)
        nonce, wrapped = _wrap(recovery_kek(recovery_key, salt), data_key, vault_id, RECOVERY_SLOT)
        recovery = Slot(salt, nonce, wrapped)
        recovery = replace(recovery, mac=_slot_mac(data_key, vault_id, RECOVERY_SLOT, recovery))
        return replace(slots, recovery=recovery)

    def with_passphrase(
        self, data_key: bytes, passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
    ) -> KeySlots:
        """A copy whose passphrase slot wraps ``data_key`` under a new passphrase."""
        kdf.check()
        salt = os.urandom(SALT_BYTES)
        kek = passphrase_kek(passphrase, salt, kdf)
        nonce, wrapped = _wrap(kek, data_key, self.vault_id, PASSPHRASE_SLOT)
        slot = Slot(salt, nonce, wrapped, kdf)
        slot = replace(slot, mac=_slot_mac(data_key, self.vault_id, PASSPHRASE_SLOT, slot))
        return replace(self, passphrase=slot)

    def check_slots(self, data_key: bytes) -> SlotCheck:
        """Which slots are damaged (their MAC is wrong), and which carry no MAC to check."""
        from cryptography.hazmat.primitives import constant_time

        damaged: list[str] = []
        unchecked: list[str] = []
        for name, slot in ((PASSPHRASE_SLOT, self.passphrase), (RECOVERY_SLOT, self.recovery)):
            if slot.mac is None:
                unchecked.append(name)
            elif not constant_time.bytes_eq(
                slot.mac, _slot_mac(data_key, self.vault_id, name, slot)
            ):
                damaged.append(name)
        return SlotCheck(tuple(damaged), tuple(unchecked))

    def unwrap_with_passphrase(self, passphrase: str) -> bytes:
        """The data key, or ``WrongSecretError`` if the passphrase does not fit."""
        slot = self.passphrase
        assert slot.kdf is not None
        kek = passphrase_kek(passphrase, slot.salt, slot.kdf)
        return self._unwrap(kek, slot, PASSPHRASE_SLOT)

    def unwrap_with_recovery_key(self, recovery_key: bytes) -> bytes:
        """The data key, or ``WrongSecretError`` if the recovery key does not fit."""
        slot = self.recovery
        return self._unwrap(recovery_kek(recovery_key, slot.salt), slot, RECOVERY_SLOT)

    def _unwrap(self, kek: bytes, slot: Slot, name: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(kek).decrypt(
                slot.nonce, slot.wrapped_key, _associated_data(self.vault_id, name)
            )
        except InvalidTag:
            raise WrongSecretError(f"the {name} does not unlock this vault") from None

    # -- the file format -----------------------------------------------------

    def to_bytes(self) -> bytes:
        def slot_json(slot: Slot) -> dict[str, object]:
            out: dict[str, object] = {}
            if slot.kdf is not None:
                out.update(
                    kdf="argon2id",
                    time_cost=slot.kdf.time_cost,
                    memory_kib=slot.kdf.memory_kib,
                    parallelism=slot.kdf.parallelism,
                )
            else:
                out["kdf"] = "hkdf-sha256"
            out.update(
                salt=_b64(slot.salt), nonce=_b64(slot.nonce), wrapped_key=_b64(slot.wrapped_key)
            )
            if slot.mac is not None:
                out["mac"] = _b64(slot.mac)
            return out

        document = {
            "format": KEYFILE_FORMAT,
            "version": KEYFILE_VERSION,
            "vault_id": self.vault_id,
            "cipher": "aes-256-gcm",
            "slots": {
                PASSPHRASE_SLOT: slot_json(self.passphrase),
                RECOVERY_SLOT: slot_json(self.recovery),
            },
        }
        return (json.dumps(document, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlots:
        """Parse a key file; any fault is ``VaultDamagedError`` naming what is wrong."""
        if not data.strip():
            raise VaultDamagedError("the key file is empty")
        if len(data) > _MAX_KEYFILE_BYTES:
            raise VaultDamagedError("the key file is far too large to be a key file")
        try:
            document = json.loads(data.decode("ascii"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise VaultDamagedError("the key file is damaged (it is not readable)") from None
        if not isinstance(document, dict) or document.get("format") != KEYFILE_FORMAT:
            raise VaultDamagedError("the key file is damaged (it is not a Took Home key file)")
        if document.get("version") != KEYFILE_VERSION:
            raise VaultDamagedError("the key file was written by a different version of the app")
        vault_id = document.get("vault_id")
        try:
            vault_id = str(uuid.UUID(str(vault_id)))
        except ValueError:
            raise VaultDamagedError("the key file is damaged (bad vault id)") from None
        if document.get("cipher") != "aes-256-gcm":
            raise VaultDamagedError("the key file is damaged (unknown cipher)")
        slots = document.get("slots")
        if not isinstance(slots, dict):
            raise VaultDamagedError("the key file is damaged (no key slots)")
        return cls(
            vault_id,
            _parse_slot(slots.get(PASSPHRASE_SLOT), PASSPHRASE_SLOT),
            _parse_slot(slots.get(RECOVERY_SLOT), RECOVERY_SLOT),
        )


_EMPTY_SLOT: Final = Slot(b"", b"", b"")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, length: int, what: str) -> bytes:
    if not isinstance(value, str):
        raise VaultDamagedError(f"the key file is damaged ({what} is missing)")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise VaultDamagedError(f"the key file is damaged ({what} is not readable)") from None
    if len(raw) != length:
        raise VaultDamagedError(f"the key file is damaged ({what} has the wrong length)")
    return raw


def _parse_slot(value: object, name: str) -> Slot:
    if not isinstance(value, dict):
        raise VaultDamagedError(f"the key file is damaged (the {name} slot is missing)")
    kdf: KdfParams | None = None
    if name == PASSPHRASE_SLOT:
        if value.get("kdf") != "argon2id":
            raise VaultDamagedError("the key file is damaged (unknown passphrase KDF)")
        numbers = [value.get(k) for k in ("time_cost", "memory_kib", "parallelism")]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            raise VaultDamagedError("the key file is damaged (bad KDF settings)")
        kdf = KdfParams(*numbers)  # type: ignore[arg-type]
        try:
            kdf.check()
        except ValueError:
            raise VaultDamagedError(
                "the key file asks for far more work to unlock than Took Home ever uses (its "
                "passphrase settings are out of range), so it is damaged or not one of ours"
            ) from None
    elif value.get("kdf") != "hkdf-sha256":
        raise VaultDamagedError("the key file is damaged (unknown recovery KDF)")
    mac = value.get("mac")
    return Slot(
        salt=_unb64(value.get("salt"), SALT_BYTES, f"the {name} salt"),
        nonce=_unb64(value.get("nonce"), NONCE_BYTES, f"the {name} nonce"),
        wrapped_key=_unb64(value.get("wrapped_key"), WRAPPED_KEY_BYTES, f"the {name} key"),
        kdf=kdf,
        mac=None if mac is None else _unb64(mac, MAC_BYTES, f"the {name} check"),
    )
