"""The demo's throw-away folders: named for their process, and swept once that process is gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wellbeing_app.services.demo import make_demo_folder, sweep_stale_demo_folders


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _demo_folder(temp: Path, pid: int, suffix: str = "abcd1234") -> Path:
    folder = temp / f"took-home-demo-{pid}-{suffix}"
    (folder / "vault").mkdir(parents=True, mode=0o700)
    (folder / "vault" / "took-home.db").write_bytes(b"made-up data")
    return folder


def test_a_demo_folder_is_named_for_this_process_and_private(tmp_path: Path) -> None:
    folder = make_demo_folder()
    try:
        assert folder.name.startswith(f"took-home-demo-{os.getpid()}-")
        assert folder.stat().st_mode & 0o777 == 0o700
    finally:
        folder.rmdir()


def test_only_folders_of_demos_that_have_ended_are_swept(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = _demo_folder(tmp_path, dead)
    ours = _demo_folder(tmp_path, os.getpid())
    parent = _demo_folder(tmp_path, os.getppid(), "efgh5678")  # a live process, not this one
    unrelated = [
        tmp_path / f"took-home-demo-{dead}",  # no random part: not a name the demo makes
        tmp_path / "took-home-demo-abcd1234",  # the old naming, without a process id
        tmp_path / f"other-app-demo-{dead}-abcd1234",
        tmp_path / "took-home-demo-0-abcd1234",
    ]
    for folder in unrelated:
        folder.mkdir(mode=0o700)

    removed = sweep_stale_demo_folders(tmp_path)

    assert removed == [stale]
    assert not stale.exists()
    assert ours.exists() and parent.exists()
    assert all(folder.exists() for folder in unrelated)


def test_a_link_named_like_a_stale_demo_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "precious"
    target.mkdir()
    (target / "keep.txt").write_text("keep me")
    link = tmp_path / f"took-home-demo-{_dead_pid()}-abcd1234"
    link.symlink_to(target, target_is_directory=True)

    assert sweep_stale_demo_folders(tmp_path) == []
    assert (target / "keep.txt").read_text() == "keep me"
    assert link.is_symlink()


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a folder to another user")
def test_a_stale_demo_folder_of_another_user_is_left_alone(tmp_path: Path) -> None:
    theirs = _demo_folder(tmp_path, _dead_pid())
    os.chown(theirs, 54321, -1)

    assert sweep_stale_demo_folders(tmp_path) == []
    assert (theirs / "vault" / "took-home.db").exists()


def test_the_sweep_looks_in_the_temporary_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = _demo_folder(tmp_path, _dead_pid())

    assert sweep_stale_demo_folders() == [stale]


def test_a_missing_temporary_folder_sweeps_nothing(tmp_path: Path) -> None:
    assert sweep_stale_demo_folders(tmp_path / "gone") == []
