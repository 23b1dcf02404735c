"""The event log: what happened, never what was written.

A small rotating log in ``logs/`` inside the data folder, started only after
a successful unlock (a refused passphrase must not change a byte in the
folder, so refusals are not logged). An entry is an
event name from a fixed list plus numbers or true/false; there is no way to
log free text, so no reflection, tag, score or passphrase can reach it.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Final

from wellbeing_app import paths

LOG_NAME: Final = "events.log"
MAX_BYTES: Final = 256 * 1024
BACKUP_COUNT: Final = 3

EVENTS: Final = frozenset(
    {
        "app started",
        "vault created",
        "unlocked",
        "locked: button",
        "locked: shortcut",
        "locked: idle",
        "locked: minimised",
        "locked: quick exit",
        "locked: closed",
        "locked: tray",
        "check-in saved",
        "check-in edited",
        "check-in deleted",
        "check-in restored after delete",
        "passphrase changed",
        "import done",
        "export done",
        "report made",
        "rota imported",
        "rota saved",
        "rota cleared",
        "search done",
        "backup written",
        "backup failed",
        "backup copied",
        "backup copy failed",
        "kept-aside vault deleted",
        "restore done",
        "check passed",
        "reminder file unreadable",
        "unexpected error",
    }
)

# Written by hand, not with ``logging``: that module and ``logging.handlers``
# (which pulls in sockets and pickle) cost a command line 10-25 ms to import,
# for one line. The file and its rotations are what ``RotatingFileHandler`` made.
_lock = threading.Lock()
_folder: Path | None = None
_ready = False  # the log folder made and its files checked since the log started


def start_event_log(folder: Path) -> None:
    """Send events to ``folder/logs/events.log`` (0600, rotated). Safe to call again.

    Nothing is created until the first event is recorded, so a command that
    ends in a refusal or in damage found after unlocking leaves no trace.
    """
    global _folder, _ready
    with _lock:
        if _folder == folder:
            return
        _folder = folder
        _ready = False


def stop_event_log() -> None:
    global _folder, _ready
    with _lock:
        _folder = None
        _ready = False


def _prepare(folder: Path) -> Path:
    """The log file, its folder made private, and every file in it private."""
    directory = paths.ensure_private_dir(folder / paths.LOGS_DIR_NAME)
    log_file = directory / LOG_NAME
    if not log_file.exists():
        paths.create_private_file(log_file)
    for existing in directory.iterdir():
        paths.make_private(existing)
    return log_file


def _rotate(log_file: Path) -> None:
    """events.log becomes events.log.1, .1 becomes .2, and so on; the oldest goes."""
    for number in range(BACKUP_COUNT - 1, 0, -1):
        older = log_file.with_name(f"{LOG_NAME}.{number}")
        if older.exists():
            older.replace(log_file.with_name(f"{LOG_NAME}.{number + 1}"))
    log_file.replace(log_file.with_name(f"{LOG_NAME}.1"))


def _append(log_file: Path, line: str) -> None:
    """Add one line, rotating first when it would take the file to ``MAX_BYTES``."""
    try:
        size = log_file.stat().st_size
    except FileNotFoundError:
        size = 0
    if size and size + len(line) >= MAX_BYTES:
        _rotate(log_file)
    fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, paths.PRIVATE_FILE_MODE)
    with open(fd, "a", encoding="utf-8") as stream:
        stream.write(line)
    if log_file.stat().st_mode & 0o077:
        os.chmod(log_file, paths.PRIVATE_FILE_MODE)


def record(event: str, **facts: int | bool) -> None:
    """Log ``event`` (one of ``EVENTS``) with numeric or true/false facts, e.g. ``count=300``."""
    global _ready
    if event not in EVENTS:
        raise ValueError(f"not a known event: {event!r}")
    for name, value in facts.items():
        if not isinstance(value, int | bool) or not name.isidentifier():
            raise TypeError(f"event facts are numbers or true/false only ({name})")
    if _folder is None:
        return
    detail = " ".join(f"{name}={int(value)}" for name, value in sorted(facts.items()))
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    line = f"{stamp} {event}{f' ({detail})' if detail else ''}\n"
    try:
        with _lock:
            if _folder is None:
                return
            log_file = _folder / paths.LOGS_DIR_NAME / LOG_NAME
            if not _ready:
                log_file = _prepare(_folder)
                _ready = True
            _append(log_file, line)
    except OSError:
        # The log only helps diagnose problems: a log that cannot be written
        # (a full disk, a "logs" that is not a folder) never fails what the user asked for.
        return
