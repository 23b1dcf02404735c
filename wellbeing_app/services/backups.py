"""Encrypted backups and restores, for the app and the command line alike.

Automatic backups: at most one a day, kept for a week of days and a month of
weeks. Restores follow one set of rules (``plan_restore``, ``check_restore``,
``finish_restore``), whichever door the user came in by.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.storage import locking, restoring
from wellbeing_app.storage.backup import (
    BACKUP_SUFFIX as BACKUP_SUFFIX,
)
from wellbeing_app.storage.backup import (
    BackupInfo,
    CheckedBackup,
    Restored,
    check_backup,
    install,
    read_backup_info,
    read_backup_key_slots,
    verify_backup_file,
    write_backup,
    write_backup_with_key,
)
from wellbeing_app.storage.errors import VaultBusyError, VaultDamagedError, VaultError
from wellbeing_app.storage.files import VaultFiles, VaultState
from wellbeing_app.storage.keyslots import PASSPHRASE_SLOT, RECOVERY_SLOT, KeySlots
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
    """The automatic backups of the vault in ``folder``, newest first."""
    return backups_in(backups_folder(folder))


def backups_in(directory: Path) -> list[AutoBackup]:
    """The automatic backups in ``directory`` (the backups folder, or a copy of it)."""
    found = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.fullmatch(path.name)
        if match and path.is_file() and not path.is_symlink():
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


@dataclass(frozen=True)
class DailyBackup:
    """What the daily backup job did: the backup it made (if one was due) and the copy."""

    made: AutoBackup | None
    copy: CopyOutcome | None


def backup_job_if_due(
    vault: Vault, now: datetime | None = None, *, copy_to: Path | None = None
) -> Callable[[], DailyBackup] | None:
    """Today's backup as work for a worker thread, or None if there is nothing to do.

    The job holds what it needs (the folder and a copy of the key) and opens its
    own connection, so the app stays responsive while a large vault is copied.
    With ``copy_to``, the job then makes sure that folder holds a proven copy
    of the newest backup, even when no new backup was due (a stick that was
    unplugged yesterday gets its copy today).
    """
    now = now or datetime.now(UTC)
    existing = list_backups(vault.folder)
    due = not existing or existing[0].made_at.astimezone().date() != now.astimezone().date()
    if not due and copy_to is None:
        return None
    folder, key = vault.folder, vault.data_key()

    def job() -> DailyBackup:
        made = None
        if due:
            directory = paths.ensure_private_dir(backups_folder(folder))
            target = directory / f"took-home-{now.astimezone(UTC):%Y%m%d-%H%M%S}{BACKUP_SUFFIX}"
            write_backup_with_key(folder, key, target)
            rotate(folder)
            made = AutoBackup(target, now.astimezone(UTC))
        copy = keep_copy_up_to_date(folder, copy_to, key) if copy_to is not None else None
        return DailyBackup(made, copy)

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
    return rotate_in(backups_folder(folder))


def rotate_in(directory: Path, vault_id: str | None = None) -> list[Path]:
    """``rotate`` for the backups in ``directory``.

    With ``vault_id``, only the backups of that vault are rotated: a folder
    two computers copy into (one sync folder) keeps each vault's own week and
    month, and a file that does not read as a backup is left alone.
    """
    backups = backups_in(directory)
    if vault_id is not None:
        backups = [backup for backup in backups if _vault_id_of(backup.path) == vault_id]
    keeping = keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keeping:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def _vault_id_of(path: Path) -> str | None:
    """The vault a backup says it belongs to (its manifest only), or None if unreadable."""
    try:
        return read_backup_info(path).vault_id
    except VaultError:
        return None


# ---------------------------------------------------------------------------
# A second place: copies of the automatic backups in a folder the user chose


@dataclass(frozen=True)
class CopyOutcome:
    """What keeping the copy folder up to date did: the copy it holds, or why not."""

    directory: Path
    copy: Path | None
    problem: str | None = None


def copy_folder_problem(folder: Path, directory: Path) -> str | None:
    """Why ``directory`` cannot be the second place for ``folder``'s backups, or None."""
    data = folder.resolve()
    chosen = directory.resolve()
    if chosen == data or data in chosen.parents:
        return (
            "That folder is inside your data folder, so it would not survive the same disk. "
            "Choose a USB stick, or a folder a sync tool copies elsewhere."
        )
    return None


def copy_backup(backup: Path, directory: Path, data_key: bytes) -> Path:
    """Copy one backup into ``directory`` and prove the copy; then rotate the copies there.

    The backup is verified before it is copied (every part's checksum and its
    manifest's MAC), the copy is written as a temp file then renamed (a kill
    leaves no new file, or a whole one), and read back: its SHA-256 must match.
    ``directory`` must already exist: a missing USB stick is never replaced by
    a folder of the same name on this computer's own disk.
    Raises ``OSError`` or ``VaultDamagedError``.
    """
    if not directory.is_dir():
        raise FileNotFoundError(2, "the folder is not there", str(directory))
    paths.remove_stale_temp_files(directory, "took-home-")
    info = verify_backup_file(backup, data_key)
    target = directory / backup.name
    source_sha = paths.file_sha256(backup)
    if not (target.is_file() and paths.file_sha256(target) == source_sha):
        written = paths.copy_atomically(backup, target)
        if written != source_sha or paths.file_sha256(target) != source_sha:
            target.unlink(missing_ok=True)
            raise VaultDamagedError("the copy did not read back the same as the backup")
    rotate_in(directory, vault_id=info.vault_id)  # never another computer's copies
    return target


def keep_copy_up_to_date(folder: Path, directory: Path, data_key: bytes) -> CopyOutcome:
    """Make sure ``directory`` holds a proven copy of the newest automatic backup.

    Never raises: a folder that is not there (a stick unplugged) or cannot
    be written is said calmly in the outcome, and is tried again next time.
    """
    newest = list_backups(folder)
    if not newest:
        return CopyOutcome(directory, None, "there is no automatic backup to copy yet")
    if not directory.is_dir():
        return CopyOutcome(
            directory,
            None,
            f"{directory} is not there just now (is the drive plugged in?); "
            "the backup will be copied there next time",
        )
    try:
        return CopyOutcome(directory, copy_backup(newest[0].path, directory, data_key))
    except VaultDamagedError as error:
        return CopyOutcome(directory, None, f"the copy was not made: {error}")
    except OSError as error:
        return CopyOutcome(
            directory,
            None,
            f"the backup could not be copied to {directory} ({error.strerror or error}); "
            "it will be tried again next time",
        )


def newest_copy(directory: Path) -> AutoBackup | None:
    """The newest backup copy in ``directory`` (for Settings to show)."""
    found = backups_in(directory)
    return found[0] if found else None


def newest_good_backup(folder: Path) -> tuple[AutoBackup, BackupInfo] | None:
    """The newest automatic backup whose file reads as a backup (for a damaged vault)."""
    for backup in list_backups(folder):
        try:
            return backup, read_backup_info(backup.path)
        except VaultError:
            continue
    return None


# ---------------------------------------------------------------------------
# Restoring


@dataclass(frozen=True)
class RestorePlan:
    """What a restore into ``folder`` would replace (worked out before any secret is asked)."""

    claimed: BackupInfo  # the manifest's claim; shown to no one until it is proven
    replaces_vault: bool
    other_vault: bool  # the backup says it belongs to a different vault than the live one

    def refusal(self, folder: Path) -> str:
        """The one line for a restore over a vault without ``--replace``."""
        if self.other_vault:
            what = f"This backup comes from a different vault than the one in {folder}"
        else:
            what = f"{folder} already holds your vault"
        return (
            f"{what}: restoring would replace it (it would be kept aside, not deleted). "
            "Add --replace to go ahead; nothing was changed"
        )


def plan_restore(source: Path, folder: Path) -> RestorePlan:
    """Read what the backup and the folder hold, with no secret; damage raises here.

    ``VaultBusyError`` if the vault is open (in the app, or another command).
    """
    claimed = read_backup_info(source)
    state = VaultFiles(folder).state()
    replaces = state is not VaultState.NONE
    other = False
    if replaces:
        backup_id = read_backup_key_slots(source).vault_id
        try:
            live = KeySlots.from_bytes(VaultFiles(folder).key_file.read_bytes()).vault_id
            other = live != backup_id
        except (OSError, VaultDamagedError):
            other = False  # a damaged vault: nothing to compare with
        if locking.in_use(folder):
            raise VaultBusyError(locking.IN_USE_MESSAGE)
    return RestorePlan(claimed, replaces, other)


def check_restore(
    source: Path, folder: Path, *, secret: str | None = None, data_key: bytes | None = None
) -> CheckedBackup:
    """Prove the backup (see ``storage.backup.check_backup``); the vault is not touched."""
    return check_backup(source, folder, secret=secret, data_key=data_key)


def restore_warnings(checked: CheckedBackup) -> list[str]:
    """What the user should know before the swap: a damaged slot they did not use."""
    said = {
        PASSPHRASE_SLOT: (
            "the backup's passphrase slot is damaged: its old passphrase will not open the "
            "restored vault. Your recovery key will; then choose a new passphrase (passwd)"
        ),
        RECOVERY_SLOT: (
            "the backup's recovery key slot is damaged: the recovery key will not open the "
            "restored vault. Your passphrase will; keep it safe"
        ),
    }
    unproven = {
        PASSPHRASE_SLOT: (
            "this older backup cannot prove its passphrase slot: if the passphrase does not "
            "open the restored vault, use your recovery key"
        ),
        RECOVERY_SLOT: (
            "this older backup cannot prove its recovery key slot: once it is restored, make "
            "a new backup, and check that your recovery key opens the vault"
        ),
    }
    warnings = [said[slot] for slot in checked.slots.damaged if slot != checked.opened_with]
    if checked.created_at is None:  # a version 1 backup: its key file is not authenticated
        warnings += [
            unproven[slot]
            for slot in checked.slots.unchecked
            if slot != checked.opened_with and slot not in checked.slots.damaged
        ]
    return warnings


def finish_restore(checked: CheckedBackup, *, keep_key_file: bytes | None = None) -> Restored:
    """Swap the checked backup in (``VaultBusyError`` if the vault is open; nothing changes).

    ``keep_key_file`` keeps the vault's current key file instead of the
    backup's (the app does this, so the passphrase in use now still opens it).
    """
    return install(checked, key_bytes=keep_key_file)


def kept_aside(folder: Path) -> list[restoring.KeptAside]:
    """The vaults earlier restores set aside, oldest first."""
    return restoring.kept_aside(folder)


def delete_kept_aside(folder: Path, stamp: str) -> int:
    """Delete one kept-aside vault for good; the bytes freed."""
    return restoring.delete_kept_aside(folder, stamp)


def restore_with_secret(source: Path, folder: Path, secret: str) -> Restored:
    """Check and install a backup in one go, for a vault that is not open (a damaged one)."""
    checked = check_restore(source, folder, secret=secret)
    return finish_restore(checked)
