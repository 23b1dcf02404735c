"""Where Took Home keeps its files, and how they are kept private.

Every path the app writes goes through here, so that ``--data-dir`` and
``WELLBEING_APP_DATA_DIR`` are honoured everywhere and tests never touch the
real home folder. Every file is written through ``write_atomically`` or
``create_private_file``: created 0600 with ``O_EXCL|O_NOFOLLOW``, so a link
planted in a shared folder is never followed and a failed write leaves
nothing behind. Files the user gives us are read through ``open_regular_file``,
which refuses devices, pipes and folders and reads with a hard cap.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

ENV_DATA_DIR = "WELLBEING_APP_DATA_DIR"
APP_DIR_NAME = "took-home"

DATABASE_NAME = "took-home.db"
KEY_FILE_NAME = "took-home.key"
BACKUPS_DIR_NAME = "backups"
LOGS_DIR_NAME = "logs"

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
COPY_CHUNK = 1024 * 1024

# Never follow a link at the last step of a path we create (0 where the OS has no such flag).
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class NotRegularFileError(OSError):
    """A path given to read is a device, a pipe, a socket or a folder, not a file."""


class FileTooLargeError(OSError):
    """A file given to read is larger than anything the app would accept from it."""


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
    """Create ``path`` (and any missing parents) 0700 whatever the umask; return it.

    A folder that already exists keeps its mode: the user chose it, and it may
    hold other things of theirs. ``folder_privacy_warning`` says when it is
    open to others.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: not ours to change
        if os.name == "posix":
            os.chmod(folder, PRIVATE_DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(path))
    return path


def folder_privacy_warning(path: Path) -> str | None:
    """A plain sentence if ``path`` is a folder that other people on this computer can open."""
    if os.name != "posix":
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    if info.st_uid != os.getuid():
        return f"the folder {path} belongs to another user account"
    if stat.S_IMODE(info.st_mode) & 0o077:
        return (
            f"other people on this computer can look inside {path} (its permissions are "
            f"{stat.S_IMODE(info.st_mode):o}); your files in it are private, but its file "
            f"names are not. To make it private: chmod 700 '{path}'"
        )
    return None


def make_private(path: Path) -> None:
    """Make an existing file 0600 (owner read and write only)."""
    if os.name == "posix" and path.exists():
        os.chmod(path, PRIVATE_FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty file that is 0600 from the first moment it exists (never via a link)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, PRIVATE_FILE_MODE)
    try:
        if os.name == "posix":
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The temporary file has an unpredictable name in the same folder and is
    created 0600 with ``O_EXCL|O_NOFOLLOW`` (``mkstemp``), so a link planted
    there is never followed. It is flushed and fsynced, then renamed over the
    target (a link at the target is replaced, not followed), and the folder is
    fsynced so the rename survives a power cut. On any failure the temporary
    file is removed: no copy of ``data`` stays behind.
    """
    write_chunks_atomically(path, (data,))


def write_chunks_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    """``write_atomically`` for data that comes in pieces (a large file, streamed)."""
    import tempfile  # loaded where a file is written: most commands never write one

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        try:
            if os.name == "posix":
                os.fchmod(fd, PRIVATE_FILE_MODE)
            for chunk in chunks:
                view = memoryview(chunk)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


STALE_TEMP_SECONDS = 3600


def remove_stale_temp_files(folder: Path, name_start: str, now: float | None = None) -> None:
    """Remove temp files killed ``write_atomically`` calls left for files named
    ``name_start…`` in ``folder``: ours, untouched for an hour."""
    import time

    now = time.time() if now is None else now
    prefix = f".{name_start}"
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
                if now - info.st_mtime >= STALE_TEMP_SECONDS:
                    entry.unlink()
        except OSError:
            continue


def file_sha256(path: Path) -> str:
    """The SHA-256 of a regular file, read in pieces (hex)."""
    import hashlib  # OpenSSL loads only when a digest is wanted, not at start-up

    digest = hashlib.sha256()
    with open_regular_file(path) as handle:
        while chunk := handle.read(COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def copy_atomically(source: Path, target: Path) -> str:
    """Copy a regular file to ``target`` as ``write_atomically`` would; the copy's SHA-256.

    The hash is of the bytes written; read the target back to prove them.
    """
    import hashlib

    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        with open_regular_file(source) as handle:
            while chunk := handle.read(COPY_CHUNK):
                digest.update(chunk)
                yield chunk

    write_chunks_atomically(target, chunks())
    return digest.hexdigest()


def open_regular_file(path: Path) -> BinaryIO:
    """Open a file the user named for reading; refuse anything that is not a regular file.

    Opened without blocking (a named pipe would otherwise wait for ever) and
    checked on the open descriptor, so a swap after the check makes no difference.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(
                0, "it is not a regular file (a folder, a device or a pipe)", str(path)
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path, limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes (``FileTooLargeError`` beyond)."""
    with open_regular_file(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLargeError(0, f"it is larger than {limit // (1024 * 1024)} MB", str(path))
    return data


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk (POSIX only; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
