"""Who has a vault open: an advisory lock on its folder.

An open vault holds a shared ``flock`` on its data folder for as long as it
is open; a restore takes the exclusive lock before it moves any file. So a
restore never swaps the files under a running app (which would go on writing
into the copy set aside, and its later saves would vanish), and an app never
opens a vault half-way through a restore. The lock is on the folder itself
(it outlives the renames, and an empty folder can be locked too), so the
folder gains no extra file. Where ``fcntl`` is missing (Windows) there is no
lock, as before.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from wellbeing_app.storage.errors import VaultBusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

_FLAGS: Final = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)

IN_USE_MESSAGE: Final = (
    "Took Home has this vault open (the desktop app, or another command). Lock it or close "
    "the app, then try again; nothing was changed"
)
BEING_REPLACED_MESSAGE: Final = "a restore is replacing this vault right now; try again in a moment"


class VaultLock:
    """A held lock on one vault folder; ``release`` lets it go (safe to call twice)."""

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor drops the flock


def _take(folder: Path, operation: int, message: str) -> VaultLock:
    if fcntl is None:
        return VaultLock(None)
    try:
        fd = os.open(folder, _FLAGS)
    except FileNotFoundError:
        return VaultLock(None)  # nothing to protect yet
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise VaultBusyError(message) from None
    except BaseException:
        os.close(fd)
        raise
    return VaultLock(fd)


def hold_open(folder: Path) -> VaultLock:
    """The shared lock an open vault holds; ``VaultBusyError`` while a restore runs."""
    if fcntl is None:
        return VaultLock(None)
    return _take(folder, fcntl.LOCK_SH, BEING_REPLACED_MESSAGE)


@contextlib.contextmanager
def replacing(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock while the files are swapped; ``VaultBusyError`` if in use."""
    if fcntl is None:
        yield
        return
    lock = _take(folder, fcntl.LOCK_EX, IN_USE_MESSAGE)
    try:
        yield
    finally:
        lock.release()


def in_use(folder: Path) -> bool:
    """True if some process has this vault open right now."""
    try:
        with replacing(folder):
            return False
    except VaultBusyError:
        return True
