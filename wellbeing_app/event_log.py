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
from typing import TYPE_CHECKING, Final

from wellbeing_app import paths

if TYPE_CHECKING:
    import logging

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
        "check-in saved",
        "check-in edited",
        "check-in deleted",
        "check-in restored after delete",
        "passphrase changed",
        "import done",
        "export done",
        "report made",
        "search done",
        "backup written",
        "backup failed",
        "backup copied",
        "backup copy failed",
        "kept-aside vault deleted",
        "restore done",
        "check passed",
        "unexpected error",
    }
)

# logging (and logging.handlers, which pulls in sockets and pickle) loads only
# when the log starts, after an unlock: never on the way to the lock screen.
_logger: logging.Logger | None = None
_lock = threading.Lock()
_folder: Path | None = None


def _get_logger() -> logging.Logger:
    global _logger
    if _logger is None:
        import logging

        _logger = logging.getLogger("took_home.events")
        _logger.propagate = False
    return _logger


def start_event_log(folder: Path) -> None:
    """Send events to ``folder/logs/events.log`` (0600, rotated). Safe to call again.

    Nothing is created until the first event is recorded, so a command that
    ends in a refusal or in damage found after unlocking leaves no trace.
    """
    global _folder
    with _lock:
        if _folder == folder:
            return
        _close_handlers()
        _folder = folder


def _open_handler(folder: Path) -> None:
    import logging
    import logging.handlers

    logger = _get_logger()
    directory = paths.ensure_private_dir(folder / paths.LOGS_DIR_NAME)
    log_file = directory / LOG_NAME
    if not log_file.exists():
        paths.create_private_file(log_file)
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.handleError = lambda record: None  # type: ignore[method-assign]  # no stderr report
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    for existing in directory.iterdir():
        paths.make_private(existing)


def _close_handlers() -> None:
    if _logger is not None:
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
            handler.close()


def stop_event_log() -> None:
    global _folder
    with _lock:
        _close_handlers()
        _folder = None


def record(event: str, **facts: int | bool) -> None:
    """Log ``event`` (one of ``EVENTS``) with numeric or true/false facts, e.g. ``count=300``."""
    if event not in EVENTS:
        raise ValueError(f"not a known event: {event!r}")
    for name, value in facts.items():
        if not isinstance(value, int | bool) or not name.isidentifier():
            raise TypeError(f"event facts are numbers or true/false only ({name})")
    if _folder is None:
        return
    detail = " ".join(f"{name}={int(value)}" for name, value in sorted(facts.items()))
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        with _lock:
            if _logger is None or not _logger.handlers:
                _open_handler(_folder)
        assert _logger is not None
        _logger.info("%s %s%s", stamp, event, f" ({detail})" if detail else "")
        for handler in _logger.handlers:
            log_path = Path(getattr(handler, "baseFilename", ""))
            # Rotation makes new files: keep each one private.
            if log_path.name and log_path.exists() and log_path.stat().st_mode & 0o077:
                os.chmod(log_path, paths.PRIVATE_FILE_MODE)
    except OSError:
        # The log only helps diagnose problems: a log that cannot be written
        # (a full disk, a "logs" that is not a folder) never fails what the user asked for.
        return
