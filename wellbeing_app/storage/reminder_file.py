"""The small reminder file for "Remind me even when locked", and the key beside it.

Only when the user opts in: the shift times the next fortnight's reminders
need, and the reminder settings, so reminders can come while the vault is
locked. It is sealed with AES-GCM under a random key kept in its own file,
which the app reads without the passphrase; that is the point of it, and
also its limit: anyone who can read the data folder can read the key too.
So the file holds shift times and settings only, never a check-in (a test
scans it for a sentinel), and the settings say so.

Both files are written as every other file is (``paths.write_atomically``:
0600, never through a planted link, whole or not at all) and removed
together when the opt-in is turned off.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from wellbeing_app import paths

REMINDER_FILE_NAME: Final = "took-home-reminders.bin"
REMINDER_KEY_NAME: Final = "took-home-reminders.key"
MAGIC: Final = b"THREM1"
KEY_BYTES: Final = 32
NONCE_BYTES: Final = 12
MAX_FILE_BYTES: Final = 256 * 1024


class ReminderFileDamaged(Exception):
    """The reminder file or its key cannot be read back as written."""


def reminder_file(folder: Path) -> Path:
    return folder / REMINDER_FILE_NAME


def reminder_key_file(folder: Path) -> Path:
    return folder / REMINDER_KEY_NAME


def _key(folder: Path, *, create: bool) -> bytes:
    key_path = reminder_key_file(folder)
    try:
        key = paths.read_regular_file(key_path, KEY_BYTES)
    except FileNotFoundError:
        if not create:
            raise ReminderFileDamaged("the reminder key is missing") from None
        key = b""
    except OSError as error:
        raise ReminderFileDamaged(f"the reminder key cannot be read ({error})") from None
    if len(key) == KEY_BYTES:
        return key
    if not create:
        raise ReminderFileDamaged("the reminder key is the wrong size")
    key = os.urandom(KEY_BYTES)
    paths.write_atomically(key_path, key)
    return key


def write_reminder_file(folder: Path, payload: bytes) -> None:
    """Seal ``payload`` under the reminder key (made now if missing) and write it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(payload) > MAX_FILE_BYTES // 2:
        raise ValueError("the reminder file holds shift times only: this is far too much")
    paths.ensure_private_dir(folder)
    key = _key(folder, create=True)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, payload, MAGIC)
    paths.write_atomically(reminder_file(folder), MAGIC + nonce + sealed)


def read_reminder_file(folder: Path) -> bytes | None:
    """The payload, or None when there is no reminder file; ``ReminderFileDamaged`` otherwise."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        data = paths.read_regular_file(reminder_file(folder), MAX_FILE_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReminderFileDamaged(f"the reminder file cannot be read ({error})") from None
    head = len(MAGIC) + NONCE_BYTES
    if not data.startswith(MAGIC) or len(data) <= head:
        raise ReminderFileDamaged("the reminder file is not one this app wrote")
    key = _key(folder, create=False)
    try:
        return AESGCM(key).decrypt(data[len(MAGIC) : head], data[head:], MAGIC)
    except InvalidTag:
        raise ReminderFileDamaged("the reminder file does not match its key") from None


def remove_reminder_file(folder: Path) -> None:
    """Remove the reminder file and its key (nothing to do if they are not there)."""
    for path in (reminder_file(folder), reminder_key_file(folder)):
        path.unlink(missing_ok=True)
    if folder.is_dir():
        paths.fsync_dir(folder)
