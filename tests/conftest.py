"""Shared test set-up: headless Qt and Agg, isolated homes, and fast vaults.

Environment variables are set before anything imports Qt or matplotlib.
Every test gets its own HOME, XDG folders and data dir, so nothing ever
touches the real home folder.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["MPLBACKEND"] = "Agg"
os.environ.setdefault("QT_ACCESSIBILITY", "0")

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, CliResult
from wellbeing_app.storage.vault import Vault

settings.register_profile(
    "took-home",
    database=None,  # write nothing into the working tree
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("took-home")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME and XDG folders for every test, and a data dir inside them."""
    home = tmp_path / "home"
    for sub in ("", ".config", ".local/share", ".cache", "runtime"):
        (home / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    monkeypatch.setenv("WELLBEING_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None:
        # QSettings reads XDG_CONFIG_HOME once per process; point it at this test's home.
        for fmt in (qt_core.QSettings.Format.NativeFormat, qt_core.QSettings.Format.IniFormat):
            qt_core.QSettings.setPath(fmt, qt_core.QSettings.Scope.UserScope, str(home / ".config"))
    return home


@pytest.fixture(autouse=True)
def event_log_closed_after_test() -> Iterator[None]:
    """The event log is per process: never let one test's log reach the next test's folder."""
    yield
    from wellbeing_app.event_log import stop_event_log

    stop_event_log()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The folder a test's vault lives in (not yet created)."""
    return tmp_path / "data"


@pytest.fixture
def vault(data_dir: Path) -> Iterator[Vault]:
    """A new, open vault with a fast KDF; locked again after the test."""
    opened, _recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    yield opened
    opened.lock()


@pytest.fixture
def recovery_vault(data_dir: Path) -> Iterator[tuple[Vault, str]]:
    """Like ``vault``, but also hands back the recovery key."""
    opened, recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    yield opened, recovery
    opened.lock()


@pytest.fixture
def run_cli(data_dir: Path) -> Callable[..., CliResult]:
    """Run ``python -m wellbeing_app`` in a subprocess, as a user would run the command."""

    def run(
        *args: str, stdin: str | bytes = b"", data: Path | None = None, timeout: float = 120
    ) -> CliResult:
        command = [
            sys.executable,
            "-m",
            "wellbeing_app",
            "--data-dir",
            str(data if data is not None else data_dir),
            *args,
        ]
        feed = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        done = subprocess.run(
            command,
            input=feed,
            capture_output=True,
            timeout=timeout,
            cwd=REPO_ROOT,
            env=os.environ.copy(),
        )
        return CliResult(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )

    return run
