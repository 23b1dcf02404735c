"""One running app per data folder: a second launch brings the first window forward.

QtNetwork costs a few milliseconds to load, so it loads only when needed:
on Linux and macOS a local server is a socket file in the temporary folder,
and when there is no such file no instance can be running. The first window
is then shown before the server starts listening (see ``run_app``).
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer

_WAIT_MS = 400


def instance_name(folder: Path) -> str:
    """A local-socket name for ``folder`` that does not reveal the folder's path.

    Two 32-bit checksums (zlib is already loaded; hashlib would add OpenSSL to
    start-up) make a 64-bit name: two folders of one user will not collide.
    """
    raw = str(folder.resolve()).encode("utf-8")
    return f"took-home-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


class SingleInstance(QObject):
    """Ask a running instance to show itself, or become the running instance."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_name(folder)
        self._server: QLocalServer | None = None

    def may_be_running(self) -> bool:
        """False only when no instance can be running (no socket file exists).

        On Windows a local server is a named pipe, with no file to look for.
        """
        if sys.platform == "win32":
            return True
        return (Path(QDir.tempPath()) / self.name).exists()

    def notify_running(self) -> bool:
        """True if another instance answered (and was asked to come forward)."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_WAIT_MS):
            return False
        socket.write(b"show\n")
        socket.flush()
        socket.waitForBytesWritten(_WAIT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the running instance.

        False if another instance is already running: one that started at
        the same moment as this one. It was asked to come forward.
        """
        from PySide6.QtNetwork import QLocalServer

        # Ask first: with access options set, Qt binds in a private folder and
        # renames the socket into place, which would take over a live one.
        if self.may_be_running() and self.notify_running():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crash: nobody answered it, so reclaim it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                # Still no server (the temporary folder is not writable?): run
                # anyway; only the bring-forward on a second launch is lost.
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
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            socket.close()
            self.activated.emit()
