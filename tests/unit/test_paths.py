"""Where the data lives, and how private the folder and files are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from wellbeing_app import paths


def test_override_beats_environment_beats_platform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.resolve_data_dir() == tmp_path / "env"
    monkeypatch.delenv(paths.ENV_DATA_DIR)
    platform_dir = paths.resolve_data_dir()
    assert platform_dir.name == paths.APP_DIR_NAME
    # The isolated HOME from conftest: tests never resolve into the real home.
    assert platform_dir.is_relative_to(Path(os.environ["HOME"]))


def test_private_dir_is_0700_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        made = paths.ensure_private_dir(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert made.stat().st_mode & 0o777 == 0o700


def test_atomic_write_replaces_and_is_0600(tmp_path: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "w")
    target = folder / "file"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    old = os.umask(0)
    try:
        paths.write_atomically(target, b"new contents")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"new contents"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["file"]  # no temporary left behind


def test_a_failed_atomic_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = paths.ensure_private_dir(tmp_path / "w")
    target = folder / "file"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        paths.write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in folder.iterdir()] == ["file"]


def test_the_command_line_turns_core_dumps_off() -> None:
    probe = (
        "from wellbeing_app.hardening import harden_process, core_dumps_disabled; "
        "harden_process(); import os; print(core_dumps_disabled(), oct(os.umask(0)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60
    )
    assert done.stdout.split() == ["True", "0o77"]
