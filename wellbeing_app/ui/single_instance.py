"""One running app per data folder: a second launch brings the first window forward.

On Linux and macOS the local server is a socket file in a folder only this
user can reach: ``$XDG_RUNTIME_DIR/took-home/`` when that is a private folder
of ours, else ``took-home-<uid>`` in the temporary folder. A folder that
another user could have planted or can reach is never used: the app then
starts without the single-instance check (a second launch opens a second
window) rather than trust it. A socket file that is not ours is never asked.

QtNetwork costs a few milliseconds to load, so it loads only when needed:
when there is no socket file no instance can be running. The first window
is then shown before the server starts listening (see ``run_app``).
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

_WAIT_MS = 400
RUNTIME_SUBFOLDER: Final = "took-home"
# sun_path holds 104 bytes on macOS and 108 on Linux, the final NUL included.
MAX_SOCKET_PATH_BYTES: Final = 103


def instance_key(folder: Path) -> str:
    """A short key for ``folder`` that does not reveal the folder's path.

    Two 32-bit checksums (zlib is already loaded; hashlib would add OpenSSL to
    start-up) make a 64-bit key: two folders of one user will not collide.
    """
    raw = str(folder.resolve()).encode("utf-8")
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def instance_name(folder: Path) -> str:
    """The Windows pipe name for ``folder`` (pipes have no folder to hide in)."""
    return f"took-home-{instance_key(folder)}"


def is_private_folder(path: Path) -> bool:
    """``path`` is a real folder (not a link), owned by this user, closed to everyone else."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def _private_subfolder(path: Path) -> Path | None:
    """``path``, made a 0700 folder if it is not there; None if what is there is not ours."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        try:
            os.chmod(path, 0o700)  # ours, just made: the umask may have taken our own bits
        except OSError:
            return None
    return path if is_private_folder(path) else None


def private_socket_folder() -> Path | None:
    """The folder for this user's instance sockets, or None when there is no safe one."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and is_private_folder(Path(runtime)):
        return _private_subfolder(Path(runtime) / RUNTIME_SUBFOLDER)
    import tempfile  # only on this path: systems with XDG_RUNTIME_DIR never need it

    return _private_subfolder(Path(tempfile.gettempdir()) / f"took-home-{os.getuid()}")


def socket_path(folder: Path) -> Path | None:
    """Where the instance for data ``folder`` listens, or None when it cannot safely."""
    private = private_socket_folder()
    if private is None:
        return None
    path = private / instance_key(folder)
    if len(os.fsencode(path)) > MAX_SOCKET_PATH_BYTES:
        return None
    return path


def _is_our_socket(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


class SingleInstance(QObject):
    """Ask a running instance to show itself, or become the running instance."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        if sys.platform == "win32":
            self.server_name: str | None = instance_name(folder)
        else:
            self.path = socket_path(folder)
            self.server_name = str(self.path) if self.path is not None else None
        self._server: QLocalServer | None = None

    @property
    def enabled(self) -> bool:
        """False when there is no private place for the socket: every launch runs on its own."""
        return self.server_name is not None

    def may_be_running(self) -> bool:
        """False only when no instance of ours can be running (no socket file of ours).

        On Windows a local server is a named pipe, with no file to look for.
        """
        if sys.platform == "win32":
            return True
        return self.path is not None and _is_our_socket(self.path)

    def notify_running(self) -> bool:
        """True if another instance of ours answered (and was asked to come forward)."""
        if self.server_name is None or not self.may_be_running():
            return False
        from PySide6.QtNetwork import QLocalSocket

        peer = QLocalSocket()
        peer.connectToServer(self.server_name)
        if not peer.waitForConnected(_WAIT_MS):
            return False
        peer.write(b"show\n")
        peer.flush()
        peer.waitForBytesWritten(_WAIT_MS)
        peer.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the running instance.

        False if another instance is already running: one that started at
        the same moment as this one. It was asked to come forward. True also
        when there is no safe place to listen: the app then runs on its own.
        """
        if self.server_name is None:
            return True
        from PySide6.QtNetwork import QLocalServer

        # Ask first: a live instance of ours must come forward, not lose its socket.
        if self.notify_running():
            return False
        server = QLocalServer(self)
        if sys.platform == "win32":
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # On Unix the private folder is the access check: no socket options, so
        # Qt binds the path itself (a temporary name beside it could be too long).
        if not server.listen(self.server_name):
            # A socket left behind by a crash, or not ours: nobody of ours
            # answered it, and the folder is ours alone, so reclaim the name.
            QLocalServer.removeServer(self.server_name)
            if not server.listen(self.server_name):
                # Still no server: run anyway; only the bring-forward on a
                # second launch is lost.
                server.deleteLater()
                return True
        server.newConnection.connect(self._connection)
        self._server = server
        return True

    @property
    def listening(self) -> bool:
        return self._server is not None

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _connection(self) -> None:
        assert self._server is not None
        while (peer := self._server.nextPendingConnection()) is not None:
            peer.disconnected.connect(peer.deleteLater)
            peer.close()
            self.activated.emit()
