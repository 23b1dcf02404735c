"""Checking in, editing, deleting with undo, and the unfinished draft."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from wellbeing_app.domain.catalogue import ShiftType
from wellbeing_app.domain.checkin import (
    CheckIn,
    DeletedCheckIn,
    checkin_from_record,
    checkin_to_record,
    format_timestamp,
    utc_now,
)
from wellbeing_app.storage.drafts import Draft, DraftStore
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault


def save_new_checkin(vault: Vault, record: Mapping[str, object]) -> CheckIn:
    """Validate ``record`` (interchange field names and JSON types) and store it.

    Raises ``InvalidCheckIn`` naming every field at fault; nothing is written then.
    Saving clears the unfinished draft.
    """
    checkin = checkin_from_record(record)
    CheckInRepository(vault).add(checkin)
    DraftStore(vault).clear()
    return checkin


def update_checkin(vault: Vault, checkin_id: str, record: Mapping[str, object]) -> CheckIn:
    """Save an edited check-in in place: same id and creation time, ``updated_at`` now."""
    repository = CheckInRepository(vault)
    existing = repository.get(checkin_id)
    if existing is None:
        raise KeyError(checkin_id)
    now = utc_now()
    full = dict(record)
    full.update(
        id=existing.id,
        created_at=format_timestamp(existing.created_at),
        updated_at=format_timestamp(now),
    )
    checkin = checkin_from_record(full, now=now)
    repository.update(checkin)
    DraftStore(vault).clear()
    return checkin


def delete_checkin(vault: Vault, checkin_id: str) -> DeletedCheckIn | None:
    """Delete a check-in, handing it back so the delete can be undone for a while."""
    return CheckInRepository(vault).take(checkin_id)


def undo_delete(vault: Vault, deleted: DeletedCheckIn) -> CheckIn:
    """Put a deleted check-in back exactly as it was."""
    return CheckInRepository(vault).restore(deleted)


def get_checkin(vault: Vault, checkin_id: str) -> CheckIn | None:
    return CheckInRepository(vault).get(checkin_id)


def default_shift_type(vault: Vault, today: date | None = None) -> ShiftType | None:
    """The shift type to start a new check-in with.

    Today's last check-in first (by when it was written), so a second check-in
    after an Early is an Early, whatever was written for other days since.
    With no shift type today, the last one used; but never "Rest day" for a
    second check-in on the same day: a day already checked in on is more
    likely a working one, and a wrong "Rest day" is easy to miss.
    """
    today = today if today is not None else date.today()
    repository = CheckInRepository(vault)
    todays = repository.list_between(today, today, text=False)
    with_shift = [checkin for checkin in todays if checkin.shift_type is not None]
    if with_shift:
        return max(with_shift, key=lambda checkin: checkin.created_at).shift_type
    last = repository.last_shift_type()
    if last is ShiftType.REST_DAY and todays:
        return None
    return last


def record_of(checkin: CheckIn) -> dict[str, object]:
    """A stored check-in in the form's terms, for editing."""
    return checkin_to_record(checkin)


def save_draft(vault: Vault, record: Mapping[str, object], editing_id: str | None) -> None:
    DraftStore(vault).save(dict(record), editing_id)


def load_draft(vault: Vault) -> Draft | None:
    return DraftStore(vault).load()


def discard_draft(vault: Vault) -> None:
    DraftStore(vault).clear()
