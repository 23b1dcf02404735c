"""Crash safety: ``kill -9`` at random moments, then prove nothing saved was lost.

Each test runs the real thing in a subprocess (the command line, or a small
script that saves check-ins one at a time), kills it with SIGKILL after a
random delay, and then opens the vault in this process:

- import: the vault opens, passes every check, and holds none or all of the file;
- a stream of saves: every save that was acknowledged is there;
- passwd: the vault opens with the old or the new passphrase, never neither;
- backup: the vault is untouched, and the backup file is absent or complete.

Delays come from a seeded ``random.Random`` (set ``TOOK_HOME_CRASH_SEED`` to
try other seeds). They are spread evenly over a window calibrated by
uninterrupted runs, so kills land before, during and after the write. Timing
is never exactly repeatable, so every assertion names the seed, the trial
and the delay. The outcome counts go into the JUnit report
(``record_testsuite_property``). After every kill the folders are also
searched for a sentinel written in the check-ins: no plaintext may be left.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Final

import pytest

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, sentinel_hits
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.interchange import checkins_to_json
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.backup import read_backup_info, restore_backup, write_backup
from wellbeing_app.storage.errors import WrongSecretError
from wellbeing_app.storage.keyslots import parse_recovery_key
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault, unwrap_data_key

RecordProperty = Callable[[str, object], None]

TRIALS: Final = 24
ROWS: Final = 1500
SENTINEL: Final = "QUOKKA-CRASH-SENTINEL-31"
END: Final = date(2024, 6, 30)  # fixed and in the past: the data never depends on today
NEW_PASSPHRASE: Final = "bright orchard lantern winter"
KILLED: Final = -signal.SIGKILL
# The kill window is calibrated once; if the machine's load changes during the
# run the window shifts, so only a fair share of kills must land before the end.
MIN_KILLS: Final = TRIALS // 4
KILL_WAIT: Final = 60.0  # seconds a killed or finishing child may take to be reaped

# What a vault folder may hold after any of these runs (the event log lives in logs/).
VAULT_NAMES: Final = frozenset(
    {
        paths.DATABASE_NAME,
        paths.KEY_FILE_NAME,
        paths.DATABASE_NAME + "-wal",
        paths.DATABASE_NAME + "-shm",
        "logs",
    }
)
# Left behind only when a process is killed inside ``paths.write_atomically``:
# no process can clean up after a SIGKILL.
KEY_TEMP: Final = re.compile(re.escape(f".{paths.KEY_FILE_NAME}.") + r"[A-Za-z0-9_]+\.tmp")
# Left behind only when ``backup`` is killed while it builds the file.
BACKUP_WORK: Final = re.compile(r"\.took-home-backup-[A-Za-z0-9_]+")
UUID_LINE: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n")

# Opens the vault, then saves check-ins one at a time for ever. Each id is
# written (and flushed) only after ``add`` returned: that line is the
# acknowledgement a user would have seen.
SAVER: Final = """
import sys
from datetime import date, timedelta
from pathlib import Path

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

folder, number = Path(sys.argv[1]), int(sys.argv[2])
vault = Vault.open(folder, sys.stdin.readline().rstrip("\\n"))
repository = CheckInRepository(vault)
sys.stdout.write("ready\\n")
sys.stdout.flush()
while True:
    checkin = CheckIn(
        date=date(2024, 1, 1) + timedelta(days=number % 500),
        mood=1 + number % 5,
        stress=1 + number % 4,
        exposures=("sudden_death",) if number % 7 == 0 else (),
        tags=("stream",),
        took_home=f"QUOKKA-CRASH-SENTINEL-31, saved in a stream, number {number}. " * 4,
    )
    repository.add(checkin)
    sys.stdout.write(checkin.id + "\\n")
    sys.stdout.flush()
    number += 1
"""


def _seed(name: str) -> int:
    base = int(os.environ.get("TOOK_HOME_CRASH_SEED", "1729"))
    return base * 1_000_003 + zlib.crc32(name.encode("ascii"))


def _delays(rng: random.Random, low: float, high: float, count: int = TRIALS) -> list[float]:
    """``count`` delays, one in each of ``count`` equal slices of [low, high), shuffled."""
    width = (high - low) / count
    delays = [low + (i + rng.random()) * width for i in range(count)]
    rng.shuffle(delays)
    return delays


def _cli(folder: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "wellbeing_app", "--data-dir", str(folder), *args]


def _start(command: Sequence[str], stdin: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        list(command),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
        env=os.environ.copy(),
    )
    assert proc.stdin is not None
    proc.stdin.write(stdin.encode("utf-8"))
    proc.stdin.flush()
    return proc


def _calibrate(make_command: Callable[[int], list[str]], stdin: str, runs: int = 2) -> float:
    """The shortest of ``runs`` uninterrupted runs, in seconds (the first run is often cold)."""
    times = []
    for run in range(runs):
        command = make_command(run)
        started = time.perf_counter()
        proc = _start(command, stdin)
        _out, err = proc.communicate(timeout=KILL_WAIT)
        times.append(time.perf_counter() - started)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
    return min(times)


def _kill_after(command: Sequence[str], stdin: str, delay: float) -> tuple[int, str]:
    """Start ``command``, SIGKILL it ``delay`` seconds later; its exit code and stderr.

    The exit code is 0 if it finished before the kill, ``KILLED`` if the kill landed.
    """
    started = time.perf_counter()
    proc = _start(command, stdin)
    remaining = delay - (time.perf_counter() - started)
    if remaining > 0:
        time.sleep(remaining)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    _out, err = proc.communicate(timeout=KILL_WAIT)
    return proc.returncode, err.decode("utf-8", "replace")


def _new_vault(folder: Path) -> str:
    """A new vault with the cheap KDF (the key file stores it); its recovery key."""
    vault, recovery = Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    return recovery


def _check(vault: Vault, context: str) -> None:
    report = vault.check()
    assert report.ok, f"{context}: check() found {report.problems}"
    ran = " ".join(report.checked)
    assert "cipher_integrity_check" in ran, f"{context}: check() ran only {report.checked}"
    assert "(integrity_check)" in ran, f"{context}: check() ran only {report.checked}"


def _with_sentinel(checkins: list[CheckIn]) -> list[CheckIn]:
    last = checkins[-1]
    return [*checkins, CheckIn(date=last.date, mood=3, took_home=SENTINEL, tags=("sentinel",))]


def _strays(folder: Path, tolerated: re.Pattern[str] | None = None) -> tuple[list[str], int]:
    """Names in ``folder`` that should not be there, and how many tolerated leftovers there are."""
    strays, tolerated_count = [], 0
    for entry in sorted(folder.iterdir()):
        if entry.name in VAULT_NAMES:
            continue
        if tolerated is not None and tolerated.fullmatch(entry.name):
            tolerated_count += 1
            continue
        strays.append(entry.name)
    return strays, tolerated_count


# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_import_killed_at_random_moments_is_all_or_nothing(
    tmp_path: Path, record_testsuite_property: RecordProperty
) -> None:
    seed = _seed("import")
    rng = random.Random(seed)
    # About 1 KB of text each: the commit writes some 3 MB of log, a window a kill can hit.
    checkins = _with_sentinel(synthetic_checkins(ROWS, end=END, seed=11, text_chars=1000))
    source = tmp_path / "import.json"
    source.write_text(checkins_to_json(checkins), encoding="utf-8")
    line = PASSPHRASE + "\n"

    def calibration_run(run: int) -> list[str]:
        folder = tmp_path / f"import-calibration-{run}"
        _new_vault(folder)
        return _cli(folder, "import", str(source), "--passphrase-stdin")

    took = _calibrate(calibration_run, line)
    with Vault.open(tmp_path / "import-calibration-0", PASSPHRASE) as vault:
        assert CheckInRepository(vault).count() == len(checkins)

    outcomes: Counter[str] = Counter()
    for trial, delay in enumerate(_delays(rng, 0.3 * took, 1.1 * took)):
        context = f"import seed={seed} trial={trial} delay={delay:.3f}s (uninterrupted {took:.3f}s)"
        folder = tmp_path / f"import-{trial}"
        _new_vault(folder)
        command = _cli(folder, "import", str(source), "--passphrase-stdin")
        code, err = _kill_after(command, line, delay)
        context += f" exit={code}"
        assert code in (0, KILLED), f"{context}: {err}"
        assert _strays(folder) == ([], 0), context
        assert sentinel_hits(folder, SENTINEL) == [], f"{context}: plaintext on disk"
        wal = folder / (paths.DATABASE_NAME + "-wal")
        wal_bytes = wal.stat().st_size if wal.exists() else 0  # before opening replays it
        context += f" wal={wal_bytes}B"
        with Vault.open(folder, PASSPHRASE) as vault:
            _check(vault, context)
            stored = CheckInRepository(vault).list_between(newest_first=False)
        assert len(stored) in (0, len(checkins)), (
            f"{context}: {len(stored)} rows, not all or nothing"
        )
        if stored:
            assert stored == checkins, f"{context}: the imported rows differ from the file"
        if code == 0:
            assert stored, f"{context}: the import finished but nothing is in the vault"
            outcomes["finished before the kill"] += 1
        elif stored:
            outcomes["killed after commit: all rows"] += 1
        elif wal_bytes:
            outcomes["killed while committing (log part-written): 0"] += 1
        else:
            outcomes["killed before commit: 0"] += 1

    record_testsuite_property("crash_import_outcomes", dict(outcomes))
    killed = TRIALS - outcomes["finished before the kill"]
    assert killed >= MIN_KILLS, f"seed={seed}: too few kills landed: {dict(outcomes)}"
    rolled_back = sum(n for name, n in outcomes.items() if name.endswith(": 0"))
    assert rolled_back > 0, f"seed={seed}: no kill landed before the commit: {dict(outcomes)}"


# ---------------------------------------------------------------------------


def _save_until_killed(folder: Path, first: int, delay: float) -> tuple[list[str], int, str]:
    """Run the saver, read its acknowledgements, SIGKILL it ``delay`` s after it is ready.

    Returns the acknowledged ids (complete lines only), the exit code and stderr.
    """
    proc = _start([sys.executable, "-c", SAVER, str(folder), str(first)], PASSPHRASE + "\n")
    assert proc.stdout is not None and proc.stderr is not None and proc.stdin is not None
    stdout = proc.stdout
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for raw in iter(stdout.readline, b""):
            lines.append(raw.decode("ascii", "replace"))
            ready.set()
        ready.set()  # end of file: the child is gone

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        ready.wait(timeout=KILL_WAIT)
        if lines and lines[0] == "ready\n":
            time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=KILL_WAIT)
        reader.join(timeout=KILL_WAIT)  # the rest of what the child flushed before it died
        err = proc.stderr.read().decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=KILL_WAIT)
        reader.join(timeout=KILL_WAIT)
        proc.stdin.close()
        proc.stdout.close()
        proc.stderr.close()
    assert not reader.is_alive()
    assert lines[:1] == ["ready\n"], f"the saver did not start: {lines[:3]} {err}"
    acknowledged = [entry.strip() for entry in lines[1:] if UUID_LINE.fullmatch(entry)]
    return acknowledged, proc.returncode, err


@pytest.mark.slow
def test_every_acknowledged_save_survives_kill_9(
    data_dir: Path, record_testsuite_property: RecordProperty
) -> None:
    seed = _seed("saves")
    rng = random.Random(seed)
    _new_vault(data_dir)
    # The same vault through every trial: each crash is recovered on top of the last.
    acknowledged: list[str] = []
    per_trial: list[int] = []
    for trial, delay in enumerate(_delays(rng, 0.0, 0.5)):
        acked, code, err = _save_until_killed(data_dir, 1000 * trial, delay)
        context = (
            f"saves seed={seed} trial={trial} delay={delay:.3f}s exit={code} "
            f"acknowledged this run={len(acked)} in all={len(acknowledged) + len(acked)}"
        )
        assert code == KILLED, f"{context}: {err}"
        acknowledged.extend(acked)
        per_trial.append(len(acked))
        assert _strays(data_dir) == ([], 0), context
        assert sentinel_hits(data_dir, SENTINEL) == [], f"{context}: plaintext on disk"
        with Vault.open(data_dir, PASSPHRASE) as vault:
            _check(vault, context)
            repository = CheckInRepository(vault)
            missing = set(acknowledged) - repository.existing_ids(acknowledged)
            stored = repository.count()
        assert not missing, f"{context}: acknowledged saves lost: {sorted(missing)[:5]}"
        # A kill can land between a commit and its acknowledgement: at most one per run.
        assert len(acknowledged) <= stored <= len(acknowledged) + trial + 1, context

    record_testsuite_property("crash_saves_acknowledged_per_trial", per_trial)
    assert sum(1 for n in per_trial if n > 0) >= TRIALS // 2, f"seed={seed}: {per_trial}"


# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_passwd_killed_at_random_moments_leaves_old_or_new_passphrase(
    tmp_path: Path, record_testsuite_property: RecordProperty
) -> None:
    seed = _seed("passwd")
    rng = random.Random(seed)
    lines = f"{PASSPHRASE}\n{NEW_PASSPHRASE}\n"

    def calibration_run(run: int) -> list[str]:
        folder = tmp_path / f"passwd-calibration-{run}"
        _new_vault(folder)
        return _cli(folder, "passwd", "--passphrase-stdin")

    took = _calibrate(calibration_run, lines)

    outcomes: Counter[str] = Counter()
    leftovers = 0
    for trial, delay in enumerate(_delays(rng, 0.25 * took, 1.1 * took)):
        context = f"passwd seed={seed} trial={trial} delay={delay:.3f}s (uninterrupted {took:.3f}s)"
        folder = tmp_path / f"passwd-{trial}"
        recovery = _new_vault(folder)
        code, err = _kill_after(_cli(folder, "passwd", "--passphrase-stdin"), lines, delay)
        context += f" exit={code}"
        assert code in (0, KILLED), f"{context}: {err}"
        strays, tolerated = _strays(folder, KEY_TEMP)
        assert strays == [], context
        leftovers += tolerated

        slots = Vault.read_key_slots(folder)  # a torn key file would fail here
        # Try first the passphrase whose slot this looks like (Argon2 runs at the
        # slot's cost, so the other order would spend half a second for nothing).
        order = [PASSPHRASE, NEW_PASSPHRASE]
        if slots.passphrase.kdf != FAST_KDF:
            order.reverse()
        opened_with = None
        for secret in order:
            try:
                data_key = unwrap_data_key(slots, secret)
            except WrongSecretError:
                continue
            opened_with = secret
            break
        assert opened_with is not None, f"{context}: neither passphrase opens the vault"
        recovery_raw = parse_recovery_key(recovery)
        assert recovery_raw is not None
        assert slots.unwrap_with_recovery_key(recovery_raw) == data_key, context
        with Vault.open_with_data_key(folder, data_key) as vault:
            _check(vault, context)
        if code == 0:
            assert opened_with == NEW_PASSPHRASE, f"{context}: passwd said done, but it was not"
            outcomes["finished before the kill: new"] += 1
        else:
            outcomes["killed: new" if opened_with == NEW_PASSPHRASE else "killed: old"] += 1

    record_testsuite_property("crash_passwd_outcomes", dict(outcomes))
    record_testsuite_property("crash_passwd_leftover_temp_key_files", leftovers)
    assert outcomes["killed: old"] > 0, f"seed={seed}: {dict(outcomes)}"


# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_backup_killed_at_random_moments_leaves_no_half_backup(
    data_dir: Path, tmp_path: Path, record_testsuite_property: RecordProperty
) -> None:
    seed = _seed("backup")
    rng = random.Random(seed)
    line = PASSPHRASE + "\n"
    checkins = _with_sentinel(synthetic_checkins(ROWS, end=END, seed=12))
    vault, _recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        CheckInRepository(vault).add_many(checkins)
        vault_id = vault.vault_id
        older = tmp_path / "older.thbackup"
        write_backup(vault, older)  # a complete backup made earlier, for trials that overwrite
    older_bytes = older.read_bytes()

    def calibration_run(run: int) -> list[str]:
        target = tmp_path / f"calibration-{run}.thbackup"
        return _cli(data_dir, "backup", "-o", str(target), "--passphrase-stdin")

    took = _calibrate(calibration_run, line)

    outcomes: Counter[str] = Counter()
    leftovers: list[str] = []
    for trial, delay in enumerate(_delays(rng, 0.3 * took, 1.1 * took)):
        overwrite = trial % 2 == 1
        context = (
            f"backup seed={seed} trial={trial} delay={delay:.3f}s (uninterrupted {took:.3f}s) "
            f"overwriting={overwrite}"
        )
        out = tmp_path / f"backup-{trial}"
        out.mkdir()
        target = out / "mine.thbackup"
        if overwrite:
            shutil.copyfile(older, target)
        command = _cli(data_dir, "backup", "-o", str(target), "--passphrase-stdin")
        code, err = _kill_after(command, line, delay)
        context += f" exit={code}"
        assert code in (0, KILLED), f"{context}: {err}"

        assert _strays(data_dir) == ([], 0), context
        with Vault.open(data_dir, PASSPHRASE) as opened:
            _check(opened, context)
            assert CheckInRepository(opened).count() == len(checkins), context

        others = sorted(p.name for p in out.iterdir() if p.name != target.name)
        stray = [name for name in others if not BACKUP_WORK.fullmatch(name)]
        assert stray == [], f"{context}: unexpected files beside the backup: {stray}"
        leftovers.extend(f"trial {trial}: {name}" for name in others)
        for name in others:  # a killed backup cannot tidy up; what it left must stay private
            assert (out / name).stat().st_mode & 0o777 == 0o700, f"{context}: {name}"
        assert sentinel_hits(out, SENTINEL) == [], f"{context}: plaintext on disk"

        if not target.exists():
            assert code == KILLED and not overwrite, f"{context}: the backup file is gone"
            outcomes["killed: no file"] += 1
            continue
        untouched = target.read_bytes() == older_bytes
        info = read_backup_info(target)
        assert (info.vault_id, info.checkins) == (vault_id, len(checkins)), context
        restored = tmp_path / f"restored-{trial}"
        restore_backup(target, restored, secret=PASSPHRASE)
        with Vault.open(restored, PASSPHRASE) as back:
            _check(back, context)
            assert CheckInRepository(back).list_between(newest_first=False) == checkins, context
        if code == 0:
            assert not untouched, f"{context}: backup said done but left the old file"
            outcomes["finished before the kill"] += 1
        elif untouched:
            outcomes["killed: older backup untouched"] += 1
        else:
            outcomes["killed: new backup complete"] += 1

    record_testsuite_property("crash_backup_outcomes", dict(outcomes))
    record_testsuite_property("crash_backup_leftover_work_folders", leftovers)
    killed = TRIALS - outcomes["finished before the kill"]
    assert killed >= MIN_KILLS, f"seed={seed}: too few kills landed: {dict(outcomes)}"
