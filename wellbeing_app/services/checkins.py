"""Checking in: turning what the form collected into a stored check-in."""

from __future__ import annotations

from collections.abc import Mapping

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import CheckIn, checkin_from_record
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault


def save_new_checkin(vault: Vault, record: Mapping[str, object]) -> CheckIn:
    """Validate ``record`` (interchange field names and JSON types) and store it.

    Raises ``InvalidCheckIn`` naming every field at fault; nothing is written then.
    """
    checkin = checkin_from_record(record)
    CheckInRepository(vault).add(checkin)
    return checkin


def default_shift_type(vault: Vault) -> ShiftType | None:
    """The shift type to start a new check-in with: the last one used."""
    return CheckInRepository(vault).last_shift_type()
