"""One running app per data folder: a second launch brings the first window forward."""

from __future__ import annotations

import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

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

    def notify_running(self) -> bool:
        """True if another instance answered (and was asked to come forward)."""
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
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket left behind by a crash: nobody answered it, so reclaim it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._connection)
        self._server = server
        return True

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
