"""`--demo` stopped by SIGTERM or SIGINT removes its throw-away vault, and promptly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import REPO_ROOT

PROMPT_SECONDS = 5.0
START_SECONDS = 60.0

Start = Callable[[], subprocess.Popen[bytes]]


@pytest.fixture
def temp_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-tmp"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def start_demo(temp_dir: Path) -> Iterator[Start]:
    """Start ``python -m wellbeing_app --demo`` offscreen, its temporary folder ``temp_dir``."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temp_dir)}
        demo = subprocess.Popen(
            [sys.executable, "-m", "wellbeing_app", "--demo"],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        started.append(demo)
        return demo

    yield start
    for demo in started:
        if demo.poll() is None:
            demo.kill()
        demo.communicate(timeout=30)


def _wait_for(found: Callable[[], Path | None], demo: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        path = found()
        if path is not None:
            return path
        assert demo.poll() is None, demo.communicate()
        time.sleep(0.02)
    raise AssertionError("the demo did not get that far")


def _demo_folder(temp_dir: Path, pid: int) -> Callable[[], Path | None]:
    return lambda: next(iter(temp_dir.glob(f"took-home-demo-{pid}-*")), None)


def _stop(demo: subprocess.Popen[bytes], number: int) -> tuple[int, bytes, float]:
    sent = time.monotonic()
    demo.send_signal(number)
    _out, errors = demo.communicate(timeout=30)
    return demo.returncode, errors, time.monotonic() - sent


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_removes_the_demo_vault(
    start_demo: Start, temp_dir: Path, number: int
) -> None:
    demo = start_demo()
    folder = _wait_for(_demo_folder(temp_dir, demo.pid), demo)
    log = folder / "vault" / "logs" / "events.log"
    _wait_for(lambda: log if log.exists() else None, demo)  # unlocked: the window is up
    time.sleep(0.3)

    code, errors, took = _stop(demo, number)

    assert not folder.exists()
    assert list(temp_dir.iterdir()) == []
    assert code == 128 + number, errors
    assert took < PROMPT_SECONDS
    assert b"Traceback" not in errors


def test_a_stop_while_the_demo_vault_is_being_made_removes_it_too(
    start_demo: Start, temp_dir: Path
) -> None:
    demo = start_demo()
    folder = _wait_for(_demo_folder(temp_dir, demo.pid), demo)

    code, errors, took = _stop(demo, signal.SIGTERM)

    assert not folder.exists()
    assert code == 128 + signal.SIGTERM, errors
    assert took < PROMPT_SECONDS
    assert b"Traceback" not in errors


def test_the_next_demo_sweeps_a_folder_left_by_a_killed_one(
    start_demo: Start, temp_dir: Path
) -> None:
    killed = start_demo()
    left = _wait_for(_demo_folder(temp_dir, killed.pid), killed)
    killed.kill()  # SIGKILL: nothing can clean up
    killed.communicate(timeout=30)
    assert left.exists()

    demo = start_demo()
    folder = _wait_for(_demo_folder(temp_dir, demo.pid), demo)
    _wait_for(lambda: None if left.exists() else left, demo)

    assert folder.exists()
    code, errors, _took = _stop(demo, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM, errors
    assert list(temp_dir.iterdir()) == []
