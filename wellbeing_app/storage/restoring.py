"""Swapping a checked backup in, and finishing a swap that a crash interrupted.

Used by ``backup.py`` (which stages a restore) and ``vault.py`` (which
finishes an interrupted one before it opens anything), so neither imports
the other.

The swap is a fixed sequence of renames, all under the vault folder's
exclusive lock (see ``locking``):

1. the live database, its sidecars and its key file move aside, each to
   ``NAME.before-restore-STAMP`` (``took-home.db.before-restore-20261202T101500Z``);
2. the staged key file (``took-home.key.restoring-STAMP``) moves in;
3. the staged database (``took-home.db.restoring-STAMP``) moves in.

A set kept aside is never overwritten: each restore has its own stamp, and
files move aside with a hard link then an unlink, which fails rather than
replace a file already there. From any point, running ``finish`` again
completes the job with the same stamp, read from the staged file names.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.storage import locking
from wellbeing_app.storage.errors import VaultBusyError
from wellbeing_app.storage.files import VaultFiles

STAGED: Final = ".restoring"
ASIDE: Final = ".before-restore"
CHECKING_PREFIX: Final = paths.DATABASE_NAME + ".checking-"
STALE_CHECKING_SECONDS: Final = 3600
_STAMP: Final = r"\d{8}T\d{6}Z(?:-\d+)?"
_STAMP_RE: Final = re.compile(_STAMP)
_CHECKING: Final = re.compile(
    re.escape(CHECKING_PREFIX)
    + r"[A-Za-z0-9_]+(?:-wal|-shm|-journal)?"
    # what versions before 0.4 used while checking
    + "|"
    + re.escape(paths.DATABASE_NAME + STAGED + "-check")
    + r"(?:-wal|-shm|-journal)?"
)
_ASIDE_NAME: Final = re.compile(
    r"(?P<base>"
    + re.escape(paths.DATABASE_NAME)
    + "|"
    + re.escape(paths.KEY_FILE_NAME)
    + ")"
    + re.escape(ASIDE)
    + r"(?:-(?P<stamp>"
    + _STAMP
    + r"))?(?P<sidecar>-wal|-shm|-journal)?"
)


@dataclass(frozen=True)
class KeptAside:
    """One vault set aside by a restore: its stamp (``""`` for the old single name)."""

    stamp: str
    files: tuple[Path, ...]
    size: int

    @property
    def made_at(self) -> datetime | None:
        match = _STAMP_RE.match(self.stamp)
        if not match:
            return None
        return datetime.strptime(self.stamp[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)

    @property
    def database_name(self) -> str:
        return paths.DATABASE_NAME + aside_suffix(self.stamp)


def aside_suffix(stamp: str) -> str:
    return f"{ASIDE}-{stamp}" if stamp else ASIDE


def new_stamp(folder: Path, now: datetime | None = None) -> str:
    """A stamp no kept-aside set in ``folder`` uses yet."""
    now = now or datetime.now(UTC)
    base = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    used = {kept.stamp for kept in kept_aside(folder)}
    used |= {stamp for _, stamp in _staged(folder, paths.DATABASE_NAME)}
    used |= {stamp for _, stamp in _staged(folder, paths.KEY_FILE_NAME)}
    stamp, n = base, 1
    while stamp in used:
        n += 1
        stamp = f"{base}-{n}"
    return stamp


def staged_names(stamp: str) -> tuple[str, str]:
    """The staged database's and key file's names for a restore with this stamp."""
    return (
        f"{paths.DATABASE_NAME}{STAGED}-{stamp}",
        f"{paths.KEY_FILE_NAME}{STAGED}-{stamp}",
    )


def _staged(folder: Path, base: str) -> list[tuple[Path, str]]:
    """Staged files for ``base`` and their stamps (``""`` for the old unstamped name)."""
    found: list[tuple[Path, str]] = []
    pattern = re.compile(re.escape(base + STAGED) + r"(?:-(" + _STAMP + r"))?")
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = pattern.fullmatch(entry.name)
            if match:
                found.append((entry, match.group(1) or ""))
    return sorted(found, key=lambda item: item[1])


def kept_aside(folder: Path) -> list[KeptAside]:
    """The vault sets earlier restores kept aside in ``folder``, oldest first."""
    groups: dict[str, list[Path]] = {}
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            match = _ASIDE_NAME.fullmatch(entry.name)
            if match and entry.is_file() and not entry.is_symlink():
                groups.setdefault(match.group("stamp") or "", []).append(entry)
    sets = []
    for stamp, files in groups.items():
        size = 0
        for path in files:
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        sets.append(KeptAside(stamp, tuple(sorted(files)), size))
    return sorted(sets, key=lambda kept: (kept.stamp != "", kept.stamp))


def delete_kept_aside(folder: Path, stamp: str) -> int:
    """Delete one kept-aside set; returns the bytes freed."""
    for kept in kept_aside(folder):
        if kept.stamp == stamp:
            for path in kept.files:
                path.unlink(missing_ok=True)
            paths.fsync_dir(folder)
            return kept.size
    return 0


def remove_stale_checking(folder: Path, now: float | None = None) -> None:
    """Remove databases a killed restore was still checking (untouched for an hour)."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not _CHECKING.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                if now - entry.lstat().st_mtime >= STALE_CHECKING_SECONDS:
                    entry.unlink()


def _move_aside(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, failing (never overwriting) if ``target`` exists."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as error:
        # A file system without hard links: a plain rename, once we know nothing is there.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "already kept aside", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def finish_interrupted_restore(folder: Path) -> None:
    """Complete a staged restore, if there is one, unless the vault is in use right now."""
    if not folder.is_dir():
        return
    try:
        with locking.replacing(folder):
            finish_locked(folder)
    except VaultBusyError:
        return  # someone has it open: no restore can be half-way through


def finish_locked(folder: Path) -> str | None:
    """``finish_interrupted_restore`` for a caller that holds the exclusive lock.

    Returns the stamp of the set kept aside, if a swap was completed.
    """
    files = VaultFiles(folder)
    remove_stale_checking(folder)
    staged_dbs = _staged(folder, paths.DATABASE_NAME)
    staged_keys = _staged(folder, paths.KEY_FILE_NAME)
    if not staged_dbs and not staged_keys:
        return None
    live_present = files.database.exists() and files.key_file.exists()
    # Only the newest staged set can be the one in progress; older ones were
    # abandoned before their swap began, so the live vault did not depend on them.
    stamp = max(stamp for _, stamp in staged_dbs + staged_keys)
    for path, other in staged_dbs + staged_keys:
        if other != stamp:
            path.unlink(missing_ok=True)
    staged_db = next((p for p, s in staged_dbs if s == stamp), None)
    staged_key = next((p for p, s in staged_keys if s == stamp), None)
    if staged_db is None:
        if staged_key is not None and live_present:
            staged_key.unlink()  # staging never finished: the live vault is untouched
        return None
    if staged_key is None and files.database.exists():
        # The database was staged but never paired with its key: the live vault
        # is untouched, so the half-staged restore is dropped.
        staged_db.unlink()
        return None
    aside_stamp = stamp or new_stamp(folder)
    suffix = aside_suffix(aside_stamp)
    if staged_key is not None:
        # Step 1: set the old vault aside (whatever part of it is still here).
        for live in (files.database, *files.sidecars(), files.key_file):
            if live.exists():
                if live == files.key_file or live == files.database:
                    target = live.with_name(live.name + suffix)
                else:  # a sidecar keeps its database's name, so the set still opens
                    tail = live.name[len(paths.DATABASE_NAME) :]
                    target = live.with_name(paths.DATABASE_NAME + suffix + tail)
                _move_aside(live, target)
        # Step 2: the key file first, so the database never arrives without its key.
        os.replace(staged_key, files.key_file)
    for sidecar in files.sidecars():
        sidecar.unlink(missing_ok=True)
    # Step 3: the database.
    os.replace(staged_db, files.database)
    paths.fsync_dir(folder)
    return aside_stamp
