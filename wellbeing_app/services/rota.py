"""Your rota as the app and the command line use it: kept in the vault, read from .ics files.

The rules and the arithmetic live in ``domain.rota``; here they meet the
vault (``storage.rota_store``) and the file system. Times are Europe/London.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from wellbeing_app.domain.rota.errors import InvalidRota, RotaFileError
from wellbeing_app.domain.rota.expansion import merge_imported, shifts_between
from wellbeing_app.domain.rota.mapping import ShiftMapping
from wellbeing_app.domain.rota.model import Rota, RotaChange, Shift
from wellbeing_app.domain.rota.records import rota_from_record, rota_to_record
from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.rota_store import RotaStore
from wellbeing_app.storage.vault import Vault

PREVIEW_DAYS: Final = 28
"""The days a new roster file is shown for before it is saved (and ``rota show`` by default)."""


def load_rota(vault: Vault) -> Rota | None:
    """The rota kept in the vault, or None when none is set."""
    record = RotaStore(vault).load()
    if record is None:
        return None
    try:
        return rota_from_record(record)
    except InvalidRota as error:
        raise VaultDamagedError(f"the stored rota is not valid ({error})") from None


def save_rota(vault: Vault, rota: Rota) -> None:
    RotaStore(vault).save(rota_to_record(rota))


def clear_rota(vault: Vault) -> bool:
    """Forget the rota; whether there was one."""
    return RotaStore(vault).clear()


def read_ics_file(path: Path, today: date, mapping: ShiftMapping) -> tuple[Shift, ...]:
    """The shifts a calendar file gives for about a year either side of ``today``.

    The size is checked before the file is read, so a huge file is refused
    at once; ``RotaFileError`` says in one line what is wrong with it.
    """
    from wellbeing_app.domain.rota.ics import MAX_ICS_BYTES, import_window, read_ics

    size = path.stat().st_size
    if size > MAX_ICS_BYTES:
        raise RotaFileError(
            f"The file is too large for a rota: {size / 1_000_000:.1f} MB, "
            f"and the limit is {MAX_ICS_BYTES // 1_000_000} MB."
        )
    with path.open("rb") as file:
        data = file.read(MAX_ICS_BYTES + 1)
    first, last = import_window(today)
    return read_ics(data, first=first, last=last, mapping=mapping)


def with_imported(current: Rota | None, shifts: tuple[Shift, ...], now: datetime) -> Rota:
    """The rota after reading a newer roster file: the future replaced, the past kept."""
    base = current if current is not None else Rota()
    return dataclasses.replace(base, imported=merge_imported(base.imported, shifts, now))


def with_change(current: Rota, change: RotaChange) -> Rota:
    """The rota with one day's change added (a swap, overtime, a rest day cancelled)."""
    return dataclasses.replace(current, changes=(*current.changes, change))


def days_ahead(rota: Rota, today: date, days: int = PREVIEW_DAYS) -> tuple[Shift, ...]:
    """Every shift and rest day from ``today`` for ``days`` days."""
    return shifts_between(rota, today, today + timedelta(days=days - 1))


def last_ended_shift(rota: Rota, now: datetime) -> Shift | None:
    """The worked shift that ended most recently, up to ``now`` (within the last two days)."""
    today = now.date()
    ended = [
        shift
        for shift in shifts_between(rota, today - timedelta(days=2), today)
        if shift.is_worked and shift.end is not None and shift.end <= now
    ]
    return max(ended, key=lambda s: s.end or now, default=None)


def recent_quick_changeovers(rota: Rota, today: date, days: int = PREVIEW_DAYS) -> int:
    """How many gaps under 11 hours between shifts the rota gave in the last ``days`` days."""
    from wellbeing_app.domain.rota.changeovers import quick_changeovers

    shifts = shifts_between(rota, today - timedelta(days=days - 1), today)
    return quick_changeovers(shifts).count


def next_shift(rota: Rota, now: datetime) -> Shift | None:
    """The next worked shift that has not started by ``now`` (within the next fortnight)."""
    today = now.date()
    coming = [
        shift
        for shift in shifts_between(rota, today, today + timedelta(days=14))
        if shift.is_worked and shift.start is not None and shift.start > now
    ]
    return min(coming, key=lambda s: s.start or now, default=None)
