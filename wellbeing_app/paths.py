"""Where Took Home keeps its files, and how they are kept private.

Every path the app writes goes through here, so that ``--data-dir`` and
``WELLBEING_APP_DATA_DIR`` are honoured everywhere and tests never touch the
real home folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "WELLBEING_APP_DATA_DIR"
APP_DIR_NAME = "took-home"

DATABASE_NAME = "took-home.db"
KEY_FILE_NAME = "took-home.key"
BACKUPS_DIR_NAME = "backups"
LOGS_DIR_NAME = "logs"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the vault folder: the override, else the environment, else the platform dir."""
    if override is not None and str(override) != "":
        return Path(override).expanduser().absolute()
    from_env = os.environ.get(ENV_DATA_DIR, "")
    if from_env:
        return Path(from_env).expanduser().absolute()
    import platformdirs  # only when no folder was named: keeps start-up light

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700, whatever the umask."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """Make an existing file 0600 (owner read and write only)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file that is 0600 from the first moment it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The temporary file is created 0600 in the same folder, flushed and fsynced,
    then renamed over the target; the folder is fsynced so the rename survives
    a power cut.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk (POSIX only; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
