"""Damage to a vault's files, met from the command line and from the desktop app.

The promise (DESIGN.md, "Promises" and "Command-line contract"): a flipped
byte, truncation, random bytes, a missing or 0-byte database, a deleted
-wal, and a damaged or missing key file each get exit 4 from the CLI (or a
clear message in the app) that names the problem, no traceback, and no
change to any file.

Each test copies one vault made once for the module (200 check-ins, so the
database has dozens of pages), damages the copy, takes a byte-for-byte
snapshot of the folder, and only then runs ``check`` and ``export``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.support import FAST_KDF, PASSPHRASE, REPO_ROOT, CliResult, snapshot
from tests.ui.conftest import make_window, prompts, unlock  # noqa: F401 - fixtures used below
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.interchange import checkins_from_json
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.event_log import EVENTS, LOG_NAME, record, start_event_log, stop_event_log
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
from wellbeing_app.ui import unlock as unlock_module
from wellbeing_app.ui.main_window import MainWindow

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
DB = paths.DATABASE_NAME
KEY = paths.KEY_FILE_NAME
WAL = DB + "-wal"
SHM = DB + "-shm"
PAGE = 4096  # SQLCipher 4's default page size
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check", "--passphrase-stdin"),
    ("export", "-o", "-", "--passphrase-stdin"),
)


@dataclass(frozen=True)
class Template:
    folder: Path
    recovery_key: str
    checkins: list[CheckIn]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """A vault as the app leaves it: 200 check-ins, locked, with its event log started."""
    folder = tmp_path_factory.mktemp("template") / "vault"
    checkins = synthetic_checkins(200, end=date(2026, 1, 20), seed=5)
    vault, recovery_key = Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)
    CheckInRepository(vault).add_many(checkins)
    vault.lock()
    start_event_log(folder)
    record("vault created")
    stop_event_log()
    assert (folder / DB).stat().st_size > 20 * PAGE
    return Template(folder, recovery_key, checkins)


@pytest.fixture
def vault_dir(template: Template, data_dir: Path) -> Path:
    """A fresh copy of the template vault in this test's data dir."""
    shutil.copytree(template.folder, data_dir)
    return data_dir


def _assert_one_line(result: CliResult, code: int, *words: str) -> str:
    """Exit ``code``, nothing on stdout, exactly one clean line on stderr naming ``words``."""
    assert result.code == code, (result.code, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("wellbeing-app: "), line
    for word in words:
        assert word in line.lower(), (word, line)
    return line


# ---------------------------------------------------------------------------
# Ways to damage a vault


def _flip(offset_of: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(folder: Path) -> None:
        db = folder / DB
        raw = bytearray(db.read_bytes())
        raw[offset_of(len(raw))] ^= 0xFF
        db.write_bytes(bytes(raw))

    return damage


def _truncate_half(folder: Path) -> None:
    db = folder / DB
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def _random_same_size(folder: Path) -> None:
    db = folder / DB
    db.write_bytes(os.urandom(db.stat().st_size))


def _empty(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(b"")


def _remove(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


def _key_truncated(folder: Path) -> None:
    key = folder / KEY
    key.write_bytes(key.read_bytes()[: key.stat().st_size // 2])


def _key_random(folder: Path) -> None:
    key = folder / KEY
    key.write_bytes(os.urandom(key.stat().st_size))


def _key_structure_flipped(folder: Path) -> None:
    key = folder / KEY
    raw = bytearray(key.read_bytes())
    assert raw[0:1] == b"{"
    raw[0] = ord("[")  # one character, and it is no longer the JSON object it was
    key.write_bytes(bytes(raw))


def _key_salt_unreadable(folder: Path) -> None:
    key = folder / KEY
    document = json.loads(key.read_bytes())
    salt = document["slots"]["passphrase"]["salt"]
    document["slots"]["passphrase"]["salt"] = "!" + salt[1:]
    key.write_text(json.dumps(document, indent=2) + "\n", encoding="ascii")


def _key_format_renamed(folder: Path) -> None:
    key = folder / KEY
    document = json.loads(key.read_bytes())
    document["format"] = document["format"][:-1] + "X"
    key.write_text(json.dumps(document, indent=2) + "\n", encoding="ascii")


# (case id, damage, words the one stderr line must contain, lower-cased)
DAMAGE_CASES: list[tuple[str, Callable[[Path], None], tuple[str, ...]]] = [
    ("page-1-salt-byte-flipped", _flip(lambda _n: 5), ("database", "damaged")),
    ("page-1-body-byte-flipped", _flip(lambda _n: 2000), ("database", "damaged")),
    ("page-1-last-byte-flipped", _flip(lambda _n: PAGE - 1), ("database", "damaged")),
    ("truncated-to-half", _truncate_half, ("database", "damaged")),
    ("random-bytes-same-size", _random_same_size, ("database", "damaged")),
    ("database-missing", _remove(DB), ("database", "missing")),
    ("database-0-bytes", _empty(DB), ("database", "empty")),
    ("key-file-missing", _remove(KEY), ("key file", "missing")),
    ("key-file-0-bytes", _empty(KEY), ("key file", "empty")),
    ("key-file-truncated-json", _key_truncated, ("key file", "damaged")),
    ("key-file-random-bytes", _key_random, ("key file", "damaged")),
    ("key-file-first-character-flipped", _key_structure_flipped, ("key file", "damaged")),
    ("key-file-salt-unreadable", _key_salt_unreadable, ("key file", "salt")),
    ("key-file-not-ours", _key_format_renamed, ("key file", "damaged")),
]


@pytest.mark.parametrize(
    ("damage", "words"),
    [pytest.param(damage, words, id=name) for name, damage, words in DAMAGE_CASES],
)
def test_damage_exits_4_names_the_problem_and_changes_nothing(
    run_cli: Run, vault_dir: Path, damage: Callable[[Path], None], words: tuple[str, ...]
) -> None:
    damage(vault_dir)
    before = snapshot(vault_dir)
    for command in COMMANDS:
        line = _assert_one_line(run_cli(*command, stdin=LINE), 4, *words)
        assert "does not unlock" not in line  # damage is never called a wrong passphrase
        assert snapshot(vault_dir) == before, command


def _flip_wrapped_key(folder: Path, slot: str) -> None:
    key = folder / KEY
    document = json.loads(key.read_bytes())
    wrapped = document["slots"][slot]["wrapped_key"]
    document["slots"][slot]["wrapped_key"] = ("B" if wrapped[0] != "B" else "C") + wrapped[1:]
    key.write_text(json.dumps(document, indent=2) + "\n", encoding="ascii")


def test_a_tampered_wrapped_key_reads_as_a_wrong_passphrase_and_the_recovery_key_still_works(
    run_cli: Run, vault_dir: Path, template: Template
) -> None:
    # DESIGN.md: "A failed unwrap means 'wrong passphrase'; a good unwrap that
    # SQLCipher then rejects means 'damaged database'." AES-GCM authenticates
    # the wrapped key and the key-encryption key together, so a flipped
    # character in the wrapped key fails exactly as a wrong passphrase does:
    # the app cannot tell the two apart, and exit 3 is the right answer. What
    # matters is that the message is calm and one line, that nothing changes,
    # and that the remedy it points to (the recovery key, in its own slot)
    # really does open the vault.
    _flip_wrapped_key(vault_dir, "passphrase")
    before = snapshot(vault_dir)
    for command in COMMANDS:
        line = _assert_one_line(run_cli(*command, stdin=LINE), 3, "passphrase or recovery key")
        assert "damaged" not in line
        assert snapshot(vault_dir) == before, command
    # Unlocked with the recovery key, ``check`` proves the other slot against
    # its MAC and names the damaged one; a new passphrase mends it.
    found = run_cli("check", "--passphrase-stdin", stdin=template.recovery_key + "\n")
    assert found.code == 4, found.stderr
    assert "passphrase slot is damaged" in found.stderr
    mended = run_cli(
        "passwd", "--passphrase-stdin", stdin=f"{template.recovery_key}\nmended {PASSPHRASE}\n"
    )
    assert mended.code == 0, mended.stderr
    rescued = run_cli("check", "--passphrase-stdin", stdin=f"mended {PASSPHRASE}\n")
    assert rescued.code == 0, rescued.stderr
    assert "intact" in rescued.stdout


def test_a_key_file_bound_to_another_vault_id_is_refused_as_a_failed_unwrap(
    run_cli: Run, vault_dir: Path
) -> None:
    # The vault id is part of the associated data of both slots, so a key
    # file whose id was altered fails to unwrap (exit 3, as above), and the
    # database is never opened with a key that is not its own.
    key = vault_dir / KEY
    document = json.loads(key.read_bytes())
    document["vault_id"] = "00000000-0000-4000-8000-000000000000"
    key.write_text(json.dumps(document, indent=2) + "\n", encoding="ascii")
    before = snapshot(vault_dir)
    for command in COMMANDS:
        _assert_one_line(run_cli(*command, stdin=LINE), 3)
        assert snapshot(vault_dir) == before, command


def _event_lines(folder: Path) -> list[str]:
    log = folder / paths.LOGS_DIR_NAME / LOG_NAME
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def _assert_only_events_appended(before: dict[str, bytes], folder: Path) -> None:
    """Every vault file is byte-for-byte as before; the event log only gained fixed events.

    A damaged page is found only after a good unlock, and a good unlock
    starts the event log (cli._open_vault), which then records "check found
    damage". That is an event, never content; the vault's own files must
    not change at all.
    """
    after = snapshot(folder)
    log_key = f"{paths.LOGS_DIR_NAME}/{LOG_NAME}"
    assert {k: v for k, v in after.items() if k != log_key} == {
        k: v for k, v in before.items() if k != log_key
    }
    old_log = before.get(log_key, b"")
    new_log = after.get(log_key, b"")
    assert new_log.startswith(old_log)
    for line in new_log[len(old_log) :].decode("utf-8").splitlines():
        assert line.split(" ", 1)[1].split(" (")[0] in EVENTS, line


@pytest.mark.parametrize("where", [0.25, 0.5, 1.0], ids=["quarter", "middle", "last-page"])
def test_a_flipped_byte_in_a_later_page_is_found_by_check(
    run_cli: Run, vault_dir: Path, template: Template, where: float
) -> None:
    db = vault_dir / DB
    pages = db.stat().st_size // PAGE
    page = max(3, round(pages * where))  # 1-based page number, never page 1 or 2
    _flip(lambda _n: (page - 1) * PAGE + 100)(vault_dir)
    before = snapshot(vault_dir)

    # The page is only read when asked for: cipher_integrity_check reads them all.
    line = _assert_one_line(run_cli("check", "--passphrase-stdin", stdin=LINE), 4, "damaged")
    assert f"page {page}" in line
    _assert_only_events_appended(before, vault_dir)

    # An export reads only the pages it needs. If it needs the damaged one it
    # must stop with exit 4; if not, what it gives must be every record, exact.
    exported = run_cli("export", "-o", "-", "--passphrase-stdin", stdin=LINE)
    if exported.code == 0:
        assert checkins_from_json(exported.stdout.encode("utf-8")) == template.checkins
    else:
        _assert_one_line(exported, 4, "damaged", "database")
    _assert_only_events_appended(before, vault_dir)


# ---------------------------------------------------------------------------
# The write-ahead log, after a kill -9

_WRITER_CHILD = """
import sys, time
from datetime import date
from pathlib import Path
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault
folder, passphrase, checkpoint = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
vault = Vault.open(folder, passphrase)
vault.connection.execute("PRAGMA wal_autocheckpoint=0")
CheckInRepository(vault).add_many(
    [CheckIn(date=date(2025, 3, day), mood=3, took_home="late " * 100) for day in range(1, 29)]
)
frames = copied = -1
if checkpoint:
    _busy, frames, copied = vault.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
print("ready", frames, copied, flush=True)
time.sleep(120)
"""

WAL_CHECKINS = 28


def _killed_writer(folder: Path, *, checkpoint: bool) -> tuple[int, int]:
    """Run a writer that adds 28 check-ins, kill -9 it, and return (frames, copied)."""
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER_CHILD, str(folder), PASSPHRASE, "1" if checkpoint else "0"],
        cwd=REPO_ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        deadline = time.monotonic() + 60
        line = b""
        while time.monotonic() < deadline and not line.startswith(b"ready"):
            line = child.stdout.readline()
            if not line:
                break
        assert line.startswith(b"ready"), child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    _ready, frames, copied = line.split()
    return int(frames), int(copied)


def test_a_deleted_wal_after_a_crash_is_reported_as_damage(run_cli: Run, vault_dir: Path) -> None:
    _killed_writer(vault_dir, checkpoint=False)
    assert (vault_dir / WAL).stat().st_size > 0 and (vault_dir / SHM).exists()
    (vault_dir / WAL).unlink()  # the newest 28 check-ins lived only in the log
    before = snapshot(vault_dir)
    for command in COMMANDS:
        _assert_one_line(run_cli(*command, stdin=LINE), 4, "write-ahead log", "missing")
        assert snapshot(vault_dir) == before, command


def test_a_stale_shm_whose_frames_were_all_copied_is_not_damage(
    run_cli: Run, vault_dir: Path, template: Template
) -> None:
    frames, copied = _killed_writer(vault_dir, checkpoint=True)
    assert frames > 0 and copied == frames
    (vault_dir / WAL).unlink()  # harmless: every frame is already in the database
    assert (vault_dir / SHM).exists()
    checked = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert checked.code == 0, checked.stderr
    assert "intact" in checked.stdout
    exported = run_cli("export", "-o", "-", "--passphrase-stdin", stdin=LINE)
    assert exported.code == 0, exported.stderr
    got = checkins_from_json(exported.stdout.encode("utf-8"))
    assert len(got) == len(template.checkins) + WAL_CHECKINS


# ---------------------------------------------------------------------------
# The desktop app: the lock screen says what is damaged, and nothing changes

APP_CASES: list[tuple[str, Callable[[Path], None], str]] = [
    ("database-0-bytes", _empty(DB), "empty"),
    ("database-missing", _remove(DB), "missing"),
    ("key-file-missing", _remove(KEY), "key file"),
]


@pytest.mark.parametrize(
    ("damage", "word"),
    [pytest.param(damage, word, id=name) for name, damage, word in APP_CASES],
)
def test_the_app_shows_a_clear_damage_message_and_changes_nothing(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],  # noqa: F811 - the fixture from tests/ui
    vault_dir: Path,
    damage: Callable[[Path], None],
    word: str,
) -> None:
    damage(vault_dir)
    before = snapshot(vault_dir)
    window = make_window()
    screen = window.unlock_screen
    text = screen.message.text()
    assert "damaged" in text and word in text
    assert unlock_module.WRONG_PASSPHRASE not in text
    assert snapshot(vault_dir) == before

    # Typing the passphrase does not get past the damage, nor change a byte.
    unlock(qtbot, window)
    assert not window.is_unlocked
    assert "damaged" in screen.message.text()
    assert snapshot(vault_dir) == before


def test_the_app_reports_a_damaged_key_file_when_unlocking(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],  # noqa: F811 - the fixture from tests/ui
    vault_dir: Path,
) -> None:
    _key_truncated(vault_dir)
    before = snapshot(vault_dir)
    window = make_window()
    screen = window.unlock_screen
    unlock(qtbot, window)
    assert not window.is_unlocked
    text = screen.message.text()
    assert "damaged" in text and "key file" in text
    assert unlock_module.WRONG_PASSPHRASE not in text
    assert snapshot(vault_dir) == before
