"""The PyInstaller build starts without Python: ``--version``, ``check`` and the window.

Slow (a minute or more to build), so it runs only when ``TOOK_HOME_BUILD=1``
(``TOOK_HOME_BUILD=1 .ci/run tests/test_pyinstaller.py``).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from wellbeing_app import __version__

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("TOOK_HOME_BUILD") != "1", reason="TOOK_HOME_BUILD=1"),
]

BUILT = REPO_ROOT / "dist" / "took-home"


@pytest.fixture(scope="module")
def app() -> Path:
    subprocess.run(
        [str(REPO_ROOT / "packaging" / "build-pyinstaller.sh")],
        check=True,
        capture_output=True,
        timeout=1800,
        cwd=REPO_ROOT,
    )
    binary = BUILT / "took-home"
    assert binary.is_file()
    return binary


def plain_env(tmp_path: Path) -> dict[str, str]:
    """No Python of ours to lean on: no venv, no PYTHONPATH, a home of its own."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def test_the_built_app_prints_its_version(app: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [str(app), "--version"], capture_output=True, text=True, timeout=60, env=plain_env(tmp_path)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wellbeing-app {__version__}"


def test_the_built_app_checks_a_fixture_vault(app: Path, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "vault-v4", vault)
    done = subprocess.run(
        [str(app), "--data-dir", str(vault), "check", "--passphrase-stdin"],
        input="fixture passphrase for schema four\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=plain_env(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert "intact" in done.stdout


def test_the_built_app_opens_its_window_and_stops_cleanly(app: Path, tmp_path: Path) -> None:
    started = subprocess.Popen(
        [str(app), "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=plain_env(tmp_path),
    )
    time.sleep(5)
    assert started.poll() is None, started.communicate()[1]  # still running: the window is up
    started.send_signal(signal.SIGTERM)
    _out, err = started.communicate(timeout=30)
    assert started.returncode in {-signal.SIGTERM, 128 + signal.SIGTERM}, err
    assert b"Traceback" not in err


def test_nothing_from_the_build_machines_home_is_inside(app: Path) -> None:
    home = os.path.expanduser("~").encode()
    inside = [
        p
        for p in BUILT.rglob("*")
        if p.is_file()
        and p.suffix in {".json", ".txt", ".toml", ".cfg", ".desktop", ".xml"}
        and home in p.read_bytes()
    ]
    assert inside == []
    assert not any(part.startswith(".venv") for p in BUILT.rglob("*") for part in p.parts[-3:])
