"""Kill trials for the copy to a second folder: ``kill -9`` at any moment, never a partial copy.

A child process copies a backup of a few MB with
``services.backups.copy_backup`` (as the daily job does) and is killed with
SIGKILL at delays spread evenly from the moment it starts copying to a little
past the time an uninterrupted copy takes. After every kill the copy folder
must hold either no ``took-home-*.thbackup`` at all or one whose bytes equal
the backup's; a temp file the kill left behind must be 0600, hold only bytes
of the (encrypted) backup and no plaintext, and the next copy must clear it
and finish the job. Delays come from a seeded ``random.Random``
(``TOOK_HOME_CRASH_SEED`` tries others); every assertion names the seed, the
trial and the delay.
"""

from __future__ import annotations

import os
import random
import re
import signal
import stat
import subprocess
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pytest

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, sentinel_hits
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.services.backups import backup_now, copy_backup
from wellbeing_app.storage.backup import verify_backup_file
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

RecordProperty = Callable[[str, object], None]

TRIALS: Final = 15
CALIBRATION_RUNS: Final = 3
SENTINEL: Final = "NUMBAT-COPY-KILL-SENTINEL-42"
KILLED: Final = -signal.SIGKILL
KILL_WAIT: Final = 60.0
NOW: Final = datetime(
    2024, 6, 30, 12, tzinfo=UTC
)  # fixed: the backup's name never depends on today
COPY_NAME: Final = re.compile(r"took-home-\d{8}-\d{6}\.thbackup")

# Copies one backup into a folder as the daily job does. "ready" is written
# once everything is imported, just before the copy starts; "done SECONDS"
# once ``copy_backup`` has returned. The data key comes on stdin, never argv.
CHILD: Final = """
import sys
import time
from pathlib import Path

from wellbeing_app.services.backups import copy_backup

backup, directory = Path(sys.argv[1]), Path(sys.argv[2])
key = bytes.fromhex(sys.stdin.readline().strip())
sys.stdout.write("ready\\n")
sys.stdout.flush()
started = time.perf_counter()
copy_backup(backup, directory, key)
sys.stdout.write(f"done {time.perf_counter() - started:.6f}\\n")
sys.stdout.flush()
"""


def _seed(name: str) -> int:
    base = int(os.environ.get("TOOK_HOME_CRASH_SEED", "1729"))
    return base * 1_000_003 + zlib.crc32(name.encode("ascii"))


def _delays(rng: random.Random, low: float, high: float, count: int) -> list[float]:
    """``count`` delays, one in each of ``count`` equal slices of [low, high), shuffled."""
    width = (high - low) / count
    delays = [low + (i + rng.random()) * width for i in range(count)]
    rng.shuffle(delays)
    return delays


def _start(backup: Path, directory: Path, key: bytes) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(backup), str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
        env=os.environ.copy(),
    )
    assert proc.stdin is not None
    proc.stdin.write(key.hex().encode("ascii") + b"\n")
    proc.stdin.flush()
    return proc


def _wait_ready(proc: subprocess.Popen[bytes]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line != b"ready\n":
        _out, err = proc.communicate(timeout=KILL_WAIT)
        raise AssertionError(f"the child did not start: {line!r} {err.decode('utf-8', 'replace')}")


def _copy_seconds(backup: Path, directory: Path, key: bytes) -> float:
    """An uninterrupted copy in a child process: how long ``copy_backup`` took in it."""
    proc = _start(backup, directory, key)
    _wait_ready(proc)
    out, err = proc.communicate(timeout=KILL_WAIT)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    match = re.fullmatch(rb"done (\d+\.\d+)\n", out)
    assert match is not None, out
    return float(match.group(1))


def _kill_after(backup: Path, directory: Path, key: bytes, delay: float) -> tuple[int, str]:
    """Start a copy, SIGKILL it ``delay`` s after it starts copying; its exit code and stderr."""
    proc = _start(backup, directory, key)
    _wait_ready(proc)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    _out, err = proc.communicate(timeout=KILL_WAIT)
    return proc.returncode, err.decode("utf-8", "replace")


@pytest.fixture
def big_backup(data_dir: Path) -> tuple[Path, bytes]:
    """A backup of a few MB (long reflections, one holding the sentinel), and the data key."""
    vault, _ = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    try:
        checkins = synthetic_checkins(1500, end=NOW.date(), seed=13, text_chars=3000)
        checkins.append(
            CheckIn(date=NOW.date(), mood=3, took_home=f"{SENTINEL} " * 50, tags=("sentinel",))
        )
        CheckInRepository(vault).add_many(checkins)
        made = backup_now(vault, NOW)
        key = vault.data_key()
    finally:
        vault.lock()
    assert made.path.stat().st_size > 3 * 1024 * 1024
    return made.path, key


@pytest.mark.slow
def test_a_copy_killed_at_any_moment_leaves_no_copy_or_a_whole_one(
    tmp_path: Path, big_backup: tuple[Path, bytes], record_testsuite_property: RecordProperty
) -> None:
    backup, key = big_backup
    source = backup.read_bytes()
    assert sentinel_hits(backup.parent, SENTINEL) == []  # the backup itself is encrypted
    temp_name = re.compile(re.escape(f".{backup.name}.") + r"[A-Za-z0-9_]+\.tmp")
    seed = _seed("copy")
    rng = random.Random(seed)

    # The slowest uninterrupted copy: the kill window must reach past the end of the copy.
    took = max(
        _copy_seconds(backup, paths.ensure_private_dir(tmp_path / f"calibration-{run}"), key)
        for run in range(CALIBRATION_RUNS)
    )
    for run in range(CALIBRATION_RUNS):
        assert (tmp_path / f"calibration-{run}" / backup.name).read_bytes() == source

    outcomes: Counter[str] = Counter()

    def trial_at(trial: int, delay: float) -> None:
        context = f"copy seed={seed} trial={trial} delay={delay:.4f}s (uninterrupted {took:.4f}s)"
        stick = tmp_path / f"stick-{trial}"
        stick.mkdir()
        code, err = _kill_after(backup, stick, key, delay)
        context += f" exit={code}"
        assert code in (0, KILLED), f"{context}: {err}"

        copies, temps, strays = [], [], []
        for entry in sorted(stick.iterdir()):
            if COPY_NAME.fullmatch(entry.name):
                copies.append(entry)
            elif temp_name.fullmatch(entry.name):
                temps.append(entry)
            else:
                strays.append(entry.name)
        assert strays == [], context
        assert len(copies) <= 1, context
        if copies:
            (copy,) = copies
            assert copy.name == backup.name, context
            assert copy.read_bytes() == source, f"{context}: a partial or different copy"
        elif code == 0:
            raise AssertionError(f"{context}: the copy finished, yet there is no file")
        for temp in temps:
            info = temp.lstat()
            assert stat.S_ISREG(info.st_mode), context
            assert stat.S_IMODE(info.st_mode) == 0o600, f"{context}: {temp.name} is not 0600"
            held = temp.read_bytes()
            assert source.startswith(held), f"{context}: {temp.name} holds other bytes"
        assert sentinel_hits(stick, SENTINEL) == [], f"{context}: plaintext in the copy folder"
        assert backup.read_bytes() == source, f"{context}: the backup itself changed"

        if code == 0:
            outcomes["finished before the kill"] += 1
        elif copies:
            outcomes["killed after the copy was in place"] += 1
        elif temps:
            outcomes["killed while writing: temp file only"] += 1
        else:
            outcomes["killed before writing: nothing"] += 1

        # Next time (an hour or more later) the copy is made, and the leftovers cleared.
        an_hour_ago = time.time() - paths.STALE_TEMP_SECONDS - 5
        for temp in temps:
            os.utime(temp, (an_hour_ago, an_hour_ago))
        copy_backup(backup, stick, key)
        assert [p.name for p in stick.iterdir()] == [backup.name], context
        assert (stick / backup.name).read_bytes() == source, context
        verify_backup_file(stick / backup.name, key)

    for trial, delay in enumerate(_delays(rng, 0.0, 1.3 * took, TRIALS)):
        trial_at(trial, delay)
    # A copy slower than the slowest calibrated one (a busy disk) lets every kill
    # land before the end; then kill later, until one trial runs to a whole copy.
    late = 1.3 * took
    for extra in range(TRIALS, TRIALS + 5):
        if outcomes["finished before the kill"] + outcomes["killed after the copy was in place"]:
            break
        late *= 2
        trial_at(extra, late)

    record_testsuite_property("copy_kill_outcomes", dict(outcomes))
    said = f"seed={seed}: {dict(outcomes)}"
    assert outcomes["finished before the kill"] < TRIALS, f"no kill landed: {said}"
    early = (
        outcomes["killed before writing: nothing"]
        + outcomes["killed while writing: temp file only"]
    )
    assert early > 0, f"no kill landed before the copy was in place: {said}"
    whole = outcomes["finished before the kill"] + outcomes["killed after the copy was in place"]
    assert whole > 0, f"no trial ran to a whole copy: {said}"
