"""The single-instance socket lives where only this user can reach it, and trusts no other peer."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from wellbeing_app.ui.single_instance import (
    RUNTIME_SUBFOLDER,
    SingleInstance,
    instance_name,
    private_socket_folder,
)

OTHER_UID = 54321
Listen = Callable[[str], QLocalServer]

pytestmark = pytest.mark.usefixtures("qapp")  # a local server needs Qt's event loop


@pytest.fixture
def temp_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What tempfile.gettempdir() answers in this test (it caches its first answer)."""
    folder = tmp_path_factory.mktemp("tmp")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def no_runtime_dir(monkeypatch: pytest.MonkeyPatch, temp_dir: Path) -> Path:
    """No XDG_RUNTIME_DIR: the socket folder must come from the temporary folder."""
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    return temp_dir / f"took-home-{os.getuid()}"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def listening_server() -> Iterator[Listen]:
    """Start a plain local server at a name or path (someone else's, in the test); closed after."""
    started: list[QLocalServer] = []

    def listen(where: str) -> QLocalServer:
        server = QLocalServer()
        assert server.listen(where), server.errorString()
        started.append(server)
        return server

    yield listen
    for server in started:
        server.close()


def _assert_runs_on_its_own(instance: SingleInstance) -> None:
    """No single-instance check: nothing to ask, and listening lets the app start normally."""
    assert not instance.enabled
    assert not instance.may_be_running()
    assert not instance.notify_running()
    assert instance.listen()
    assert not instance.listening


def test_the_socket_file_lives_in_a_private_folder_in_the_runtime_dir(
    private_runtime_dir: Path, temp_dir: Path, tmp_path: Path
) -> None:
    instance = SingleInstance(tmp_path)
    assert instance.path is not None
    folder = private_runtime_dir / RUNTIME_SUBFOLDER
    assert instance.path.parent == folder
    assert _mode(folder) == 0o700

    assert instance.listen() and instance.listening
    try:
        assert stat.S_ISSOCK(os.lstat(instance.path).st_mode)
        assert os.lstat(instance.path).st_uid == os.getuid()
        assert str(tmp_path) not in str(instance.path)  # the name does not reveal the data folder
        assert list(temp_dir.iterdir()) == []
        assert not (Path(QDir.tempPath()) / instance_name(tmp_path)).exists()
    finally:
        instance.close()
    assert not instance.path.exists()


def test_without_a_runtime_dir_a_private_folder_is_made_in_the_temp_folder(
    no_runtime_dir: Path, tmp_path: Path
) -> None:
    instance = SingleInstance(tmp_path)

    assert instance.path is not None and instance.path.parent == no_runtime_dir
    assert _mode(no_runtime_dir) == 0o700
    assert instance.listen() and instance.listening
    instance.close()


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o701, 0o777])
def test_a_runtime_dir_others_can_reach_is_not_used(
    private_runtime_dir: Path, temp_dir: Path, tmp_path: Path, mode: int
) -> None:
    private_runtime_dir.chmod(mode)

    instance = SingleInstance(tmp_path)

    assert instance.path is not None
    assert instance.path.parent == temp_dir / f"took-home-{os.getuid()}"
    assert not (private_runtime_dir / RUNTIME_SUBFOLDER).exists()
    assert _mode(private_runtime_dir) == mode  # never "fixed" behind the user's back


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o707])
def test_a_planted_temp_folder_with_a_wrong_mode_is_not_used(
    no_runtime_dir: Path, tmp_path: Path, mode: int
) -> None:
    no_runtime_dir.mkdir()
    no_runtime_dir.chmod(mode)

    _assert_runs_on_its_own(SingleInstance(tmp_path))
    assert _mode(no_runtime_dir) == mode
    assert list(no_runtime_dir.iterdir()) == []


def test_a_planted_folder_in_the_runtime_dir_with_a_wrong_mode_is_not_used(
    private_runtime_dir: Path, temp_dir: Path, tmp_path: Path
) -> None:
    planted = private_runtime_dir / RUNTIME_SUBFOLDER
    planted.mkdir(mode=0o700)
    planted.chmod(0o755)

    _assert_runs_on_its_own(SingleInstance(tmp_path))
    assert list(planted.iterdir()) == []


def test_a_planted_symlink_is_not_used_even_to_a_private_folder(
    no_runtime_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "looks-private"
    target.mkdir(mode=0o700)
    no_runtime_dir.symlink_to(target)

    _assert_runs_on_its_own(SingleInstance(tmp_path))
    assert list(target.iterdir()) == []


def test_a_planted_file_instead_of_a_folder_is_not_used(
    no_runtime_dir: Path, tmp_path: Path
) -> None:
    no_runtime_dir.write_bytes(b"")
    no_runtime_dir.chmod(0o600)
    assert private_socket_folder() is None
    _assert_runs_on_its_own(SingleInstance(tmp_path))


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a folder to another user")
def test_a_planted_folder_of_another_user_is_not_used(no_runtime_dir: Path, tmp_path: Path) -> None:
    no_runtime_dir.mkdir(mode=0o700)
    os.chown(no_runtime_dir, OTHER_UID, -1)

    _assert_runs_on_its_own(SingleInstance(tmp_path))
    assert list(no_runtime_dir.iterdir()) == []


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a socket to another user")
@pytest.mark.usefixtures("private_runtime_dir")
def test_a_listening_peer_of_another_user_is_ignored(
    listening_server: Listen, tmp_path: Path
) -> None:
    instance = SingleInstance(tmp_path)
    assert instance.path is not None
    foreign = listening_server(str(instance.path))
    os.chown(instance.path, OTHER_UID, -1)

    assert not instance.may_be_running()
    assert not instance.notify_running()
    assert instance.listen() and instance.listening  # the app starts normally
    instance.close()
    assert not foreign.hasPendingConnections()


@pytest.mark.usefixtures("private_runtime_dir")
def test_a_symlink_at_the_socket_path_is_never_asked(
    listening_server: Listen, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "sock"
    foreign = listening_server(str(elsewhere))
    instance = SingleInstance(tmp_path / "data")
    assert instance.path is not None
    instance.path.symlink_to(elsewhere)

    assert not instance.may_be_running()
    assert instance.listen() and instance.listening
    instance.close()
    assert not foreign.hasPendingConnections()


@pytest.mark.usefixtures("private_runtime_dir")
def test_a_listener_at_the_old_shared_name_cannot_stop_the_app(
    listening_server: Listen, tmp_path: Path
) -> None:
    """The reproduction: another user listened first at the predictable temp-folder name."""
    squatter = listening_server(instance_name(tmp_path))
    assert Path(squatter.fullServerName()).parent == Path(QDir.tempPath())

    instance = SingleInstance(tmp_path)

    assert not instance.notify_running()
    assert instance.listen() and instance.listening
    instance.close()
    assert not squatter.hasPendingConnections()


def test_a_socket_path_too_long_for_the_system_runs_on_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    deep = tmp_path / ("d" * 120)
    deep.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))

    _assert_runs_on_its_own(SingleInstance(tmp_path))
