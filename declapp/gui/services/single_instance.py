"""One window per draft file on this PC.

The window that has a draft open listens on a local server named for that file
(``declapp.system.instance``: the real path, case-folded on Windows). A second start of
the program for the same file (``declapp 草稿.json`` again, a double-click on the file
while the window is behind others) finds it, hands it the path and ends; the window
comes to the front. 打开 in another window of the same program does the same. Saving
then never overwrites another window's work unseen; a change made by another program
is caught when saving (``storage.disk_state``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from declapp.system.instance import instance_key, real_path
from declapp.system.paths import DATA_DIR_ENV

log = logging.getLogger("declapp")

CONNECT_MS = 500
ANSWER_MS = 5000  # the window answers at once, unless its event loop is stuck
ANSWER = b"shown\n"
# The servers of this program's own windows: asking one of them over a socket would
# wait for an answer the same (blocked) thread has to give.
_LOCAL: dict[str, FileOwner] = {}


def key_of(path: Path | str) -> str:
    # A portable copy (or a test) with its own data folder is a program of its own.
    return instance_key(path, namespace=os.environ.get(DATA_DIR_ENV, ""))


def _local(key: str) -> FileOwner | None:
    owner = _LOCAL.get(key)
    if owner is not None and not shiboken6.isValid(owner):
        del _LOCAL[key]  # its window is gone
        return None
    return owner


def bring_forward(window: QWidget) -> None:
    """Raise *window* above the others and give it the keyboard; where the desktop
    refuses a window that takes the focus unasked, its taskbar entry flashes."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    handle = window.windowHandle()
    if handle is not None:
        handle.requestActivate()
    QApplication.alert(window)


class FileOwner(QObject):
    """Holds the local server named for the window's draft file while it is open."""

    shown = Signal(str)  # another start asked for the file: the window was brought forward

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.server: QLocalServer | None = None
        self.key = ""
        self.path: Path | None = None

    def follow(self, path: Path | None) -> bool:
        """Hold *path* (the window's draft file, None for an unsaved draft); False when
        another window has it already or no server could be made."""
        if path is not None and self.path is not None \
                and real_path(path) == real_path(self.path):
            return self.server is not None
        self.release()
        if path is None:
            return True
        self.path = path
        key = key_of(path)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(key):
            # A socket left by a program that was killed: nobody answers on it.
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError \
                    and not _answers(key):
                QLocalServer.removeServer(key)
            if not server.listen(key):
                log.warning("cannot hold %s as %s: %s", path, key, server.errorString())
                server.deleteLater()
                return False
        server.newConnection.connect(self._connection)
        self.server, self.key = server, key
        _LOCAL[key] = self
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        if _LOCAL.get(self.key) is self:
            del _LOCAL[self.key]
        self.key, self.path = "", None

    def show_window(self, why: str) -> None:
        bring_forward(self.window)
        log.info("brought the window of %s forward: %s", self.path, why)
        self.shown.emit(why)

    def _connection(self) -> None:
        server = self.server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                break
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            request = json.loads(bytes(socket.readLine().data()).decode("utf-8"))
        except ValueError:
            socket.disconnectFromServer()
            return
        if isinstance(request, dict) and isinstance(request.get("open"), str):
            self.show_window(f"another start asked for {request['open']}")
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()


def _answers(key: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(key)
    alive = socket.waitForConnected(CONNECT_MS)
    socket.abort()
    return alive


def held_elsewhere(path: Path | str, mine: FileOwner | None = None) -> bool:
    """True when a window other than *mine* has the draft at *path* open."""
    key = key_of(path)
    local = _local(key)
    if local is not None:
        return local is not mine
    return _answers(key)


def show_owner(path: Path | str) -> bool:
    """Ask the window that has the draft at *path* open (in this program or another) to
    come forward; True when one did, so the file is not opened a second time."""
    key = key_of(path)
    local = _local(key)
    if local is not None:
        local.show_window("opened again in this program")
        return True
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    request = json.dumps({"open": str(path)}, ensure_ascii=False) + "\n"
    socket.write(request.encode("utf-8"))
    socket.flush()
    answer = b""
    while socket.waitForReadyRead(ANSWER_MS):
        answer += bytes(socket.readAll().data())
        if answer.endswith(b"\n"):
            break
    socket.abort()
    return answer == ANSWER
