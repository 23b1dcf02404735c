"""Starting the app: one instance per data folder, no heavy imports, hardened process."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from tests.support import REPO_ROOT, run_offscreen
from wellbeing_app.ui import file_dialogs
from wellbeing_app.ui.single_instance import SingleInstance, instance_key, socket_path

pytestmark = pytest.mark.usefixtures("private_runtime_dir")


def _wait_for_instance(folder: Path, timeout: float = 20.0) -> bool:
    path = socket_path(folder)
    assert path is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        peer = QLocalSocket()
        peer.connectToServer(str(path))
        if peer.waitForConnected(200):
            peer.disconnectFromServer()
            return True
        time.sleep(0.1)
    return False


def test_no_subcommand_opens_the_app_and_a_second_launch_defers_to_it(
    qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "vault"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "wellbeing_app", "--data-dir", str(folder)]
    first = subprocess.Popen(
        command, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert _wait_for_instance(folder), "the desktop app did not start"
        limits = Path(f"/proc/{first.pid}/limits").read_text()
        core_line = next(line for line in limits.splitlines() if line.startswith("Max core"))
        assert core_line.split()[4] == "0", core_line  # core dumps are off while it runs
        second = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, timeout=60)
        assert second.returncode == 0
        assert first.poll() is None  # the first is still running, brought forward
    finally:
        first.terminate()
        _out, errors = first.communicate(timeout=30)
    assert b"Traceback" not in errors


def test_single_instance_signals_the_running_one(qtbot: QtBot, tmp_path: Path) -> None:
    running = SingleInstance(tmp_path)
    assert running.listen()
    try:
        with qtbot.waitSignal(running.activated, timeout=5_000):
            assert SingleInstance(tmp_path).notify_running()
        assert not SingleInstance(tmp_path / "other").notify_running()
    finally:
        running.close()
    assert "tmp" not in instance_key(tmp_path)  # the name does not reveal the path


def test_a_launch_that_loses_the_race_defers_to_the_winner(qtbot: QtBot, tmp_path: Path) -> None:
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    # Both looked before either listened: neither saw the other.
    assert not first.may_be_running() and not second.may_be_running()
    assert first.listen()
    try:
        assert second.may_be_running()  # the socket file is there now
        with qtbot.waitSignal(first.activated, timeout=5_000):
            assert not second.listen()  # it asked the first to come forward instead
        assert not second.listening and first.listening
    finally:
        first.close()
    assert not SingleInstance(tmp_path).may_be_running()  # closing removed the socket file


def test_a_socket_left_by_a_crash_is_reclaimed(tmp_path: Path) -> None:
    crashed = SingleInstance(tmp_path)
    assert crashed.path is not None
    os.mknod(crashed.path, stat.S_IFSOCK | 0o600)  # a socket file nobody listens on: a killed one
    assert crashed.may_be_running()
    assert not crashed.notify_running()
    again = SingleInstance(tmp_path)
    try:
        assert again.listen() and again.listening
    finally:
        again.close()


def test_the_way_to_the_unlock_window_loads_nothing_heavy(tmp_path: Path) -> None:
    probe = (
        "import sys, pathlib\n"
        "from wellbeing_app.ui.app import make_application, build_window\n"
        "app = make_application()\n"
        f"window = build_window(app, pathlib.Path({str(tmp_path / 'v')!r}))\n"
        "window.show(); app.processEvents()\n"
        "heavy = sorted(m for m in ('matplotlib', 'numpy', 'zxcvbn') if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    # An existing vault, so the first window is the unlock screen.
    from tests.support import FAST_KDF, PASSPHRASE
    from wellbeing_app.storage.vault import Vault

    Vault.create(tmp_path / "v", PASSPHRASE, kdf=FAST_KDF)[0].lock()
    assert run_offscreen(probe) == "none"


def test_the_command_line_reaches_the_first_window_without_the_vault_code(tmp_path: Path) -> None:
    """The real entry point: nothing of the vault, the KDF or the crypto loads before the
    window, and PySide's ``Qt`` namespace (about 90 enum types, 15 ms) is not made yet."""
    probe = (
        "import sys, json\n"
        "import PySide6.QtCore as core\n"
        "from wellbeing_app.cli import main\n"
        "def shown(window):\n"
        "    from PySide6.QtWidgets import QApplication\n"
        "    print(json.dumps(sorted(sys.modules)))\n"
        "    print(json.dumps({'qt_made': 'Qt' in core.__dict__, 'title': window.windowTitle()}))\n"
        "    QApplication.quit()\n"
        f"sys.exit(main(['--data-dir', {str(tmp_path / 'v')!r}], on_shown=shown))\n"
    )
    from tests.support import FAST_KDF, PASSPHRASE
    from wellbeing_app.storage.vault import Vault

    Vault.create(tmp_path / "v", PASSPHRASE, kdf=FAST_KDF)[0].lock()  # so: the unlock screen
    *_, modules, window = run_offscreen(probe).splitlines()
    assert json.loads(window) == {"qt_made": False, "title": "Took Home"}
    loaded = set(json.loads(modules))
    assert "wellbeing_app.ui.main_window" in loaded  # the probe did see the window
    heavy = {
        "sqlcipher3",
        "argon2",
        "cryptography",
        "wellbeing_app.storage.vault",
        "wellbeing_app.services.import_export",
        "PySide6.QtNetwork",  # no instance runs for this folder, so no socket to ask
    }
    assert sorted(heavy & loaded) == []


def test_file_dialogs_leave_no_trail(qtbot: QtBot, tmp_path: Path, isolated_home: Path) -> None:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    conf = Path(settings.fileName())
    assert conf.is_relative_to(isolated_home)  # the test's own home, never the real one
    target = tmp_path / "export.json"

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                widget.selectFile(str(target))
                widget.accept()
                return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    chosen = file_dialogs.ask_save_path(None, "Save", tmp_path / "export.json", "JSON (*.json)")
    assert chosen == target
    assert not conf.exists() or "FileDialog" not in conf.read_text()
    assert str(tmp_path) not in (conf.read_text() if conf.exists() else "")
