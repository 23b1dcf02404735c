"""Automatic encrypted backups: at most one a day, kept for a week of days and a month of weeks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.storage.backup import (
    BACKUP_SUFFIX,
    BackupInfo,
    read_backup_info,
    write_backup,
    write_backup_with_key,
)
from wellbeing_app.storage.errors import VaultError
from wellbeing_app.storage.vault import Vault

KEEP_DAILY: Final = 7
KEEP_WEEKLY: Final = 4
_NAME: Final = re.compile(r"took-home-(\d{8})-(\d{6})" + re.escape(BACKUP_SUFFIX))


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    made_at: datetime  # from the file name, UTC


def backups_folder(folder: Path) -> Path:
    return folder / paths.BACKUPS_DIR_NAME


def list_backups(folder: Path) -> list[AutoBackup]:
    """The automatic backups in ``folder``, newest first."""
    found = []
    directory = backups_folder(folder)
    if not directory.is_dir():
        return []
    for path in directory.iterdir():
        match = _NAME.fullmatch(path.name)
        if match:
            made = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            found.append(AutoBackup(path, made.replace(tzinfo=UTC)))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def last_backup_time(folder: Path) -> datetime | None:
    backups = list_backups(folder)
    return backups[0].made_at if backups else None


def backup_if_due(vault: Vault, now: datetime | None = None) -> AutoBackup | None:
    """Make today's backup if there is none yet; then rotate. Returns the new one, if any."""
    now = now or datetime.now(UTC)
    existing = list_backups(vault.folder)
    if existing and existing[0].made_at.astimezone().date() == now.astimezone().date():
        return None
    return backup_now(vault, now)


def backup_job_if_due(vault: Vault, now: datetime | None = None) -> Callable[[], AutoBackup] | None:
    """Today's backup as work for a worker thread, or None if there is one already.

    The job holds what it needs (the folder and a copy of the key) and opens its
    own connection, so the app stays responsive while a large vault is copied.
    """
    now = now or datetime.now(UTC)
    existing = list_backups(vault.folder)
    if existing and existing[0].made_at.astimezone().date() == now.astimezone().date():
        return None
    folder, key = vault.folder, vault.data_key()

    def job() -> AutoBackup:
        directory = paths.ensure_private_dir(backups_folder(folder))
        target = directory / f"took-home-{now.astimezone(UTC):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
        write_backup_with_key(folder, key, target)
        rotate(folder)
        return AutoBackup(target, now.astimezone(UTC))

    return job


def backup_now(vault: Vault, now: datetime | None = None) -> AutoBackup:
    """Make a backup in the backups folder now, then rotate the old ones."""
    now = now or datetime.now(UTC)
    directory = paths.ensure_private_dir(backups_folder(vault.folder))
    target = directory / f"took-home-{now.astimezone(UTC):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
    write_backup(vault, target)
    rotate(vault.folder)
    return AutoBackup(target, now.astimezone(UTC))


def keep(backups: list[AutoBackup]) -> set[Path]:
    """Which backups to keep: the newest of each of the last 7 days that have one, then
    the newest of each of the 4 weeks before those."""
    kept: list[AutoBackup] = []
    days: list[date] = []
    for backup in backups:  # newest first
        day = backup.made_at.astimezone().date()
        if day not in days and len(days) < KEEP_DAILY:
            days.append(day)
            kept.append(backup)
    oldest_daily = min(days) if days else None
    weeks: list[tuple[int, int]] = []
    for backup in backups:
        day = backup.made_at.astimezone().date()
        if oldest_daily is not None and day >= oldest_daily:
            continue
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            kept.append(backup)
    return {b.path for b in kept}


def rotate(folder: Path) -> list[Path]:
    """Delete the automatic backups that ``keep`` does not keep; returns what was deleted."""
    backups = list_backups(folder)
    keeping = keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keeping:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def newest_good_backup(folder: Path) -> tuple[AutoBackup, BackupInfo] | None:
    """The newest automatic backup whose file reads as a backup (for a damaged vault)."""
    for backup in list_backups(folder):
        try:
            return backup, read_backup_info(backup.path)
        except VaultError:
            continue
    return None
