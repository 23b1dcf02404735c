"""Issue 10, items 3, 4 and 8: files the app writes and reads can be neither hijacked nor hostile.

Exports never follow a link another local user planted, never leave plaintext
behind when they fail, and every file is created 0600 with ``O_EXCL|O_NOFOLLOW``.
Files the user names for ``import`` are refused unless they are regular files,
and read with a hard cap (a FIFO used to block for ever, ``/dev/zero`` ran to
``MemoryError``). Folders that already exist keep their mode; a warning says
when one is open to others.

The command-line tests run ``python -m wellbeing_app`` in a child; the ones
that could hang or eat memory if a protection went missing run with a
timeout and hard limits (``tests.bounded_cli``).
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.bounded_cli import MIB, run_bounded
from tests.support import FAST_KDF, PASSPHRASE, CliResult, sentinel_hits, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
SENTINEL = "NUMBAT-EXPORT-SENTINEL-47"
VICTIM_BYTES = b"another user's file: must never be written through a link\n"


@pytest.fixture
def filled(data_dir: Path) -> Path:
    """A vault whose export is about 300 KB and carries ``SENTINEL``."""
    vault, _recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    try:
        repository = CheckInRepository(vault)
        repository.add_many(synthetic_checkins(20, end=date(2026, 11, 20), seed=3))
        long_text = (SENTINEL + " ") * 700  # about 18,000 characters each
        repository.add_many(
            [CheckIn(date=date(2026, 10, day), mood=3, took_home=long_text) for day in range(1, 16)]
        )
    finally:
        vault.lock()
    return data_dir


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file elsewhere that a planted link points at."""
    target = tmp_path / "elsewhere" / "victim.txt"
    target.parent.mkdir()
    target.write_bytes(VICTIM_BYTES)
    return target


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def one_clear_line(result: CliResult) -> str:
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr and "please report" not in result.stderr
    return result.stderr


# -- item 3: write_atomically, in-process ------------------------------------------


def test_a_link_planted_at_the_old_predictable_temp_names_is_never_followed(
    tmp_path: Path, victim: Path
) -> None:
    folder = paths.ensure_private_dir(tmp_path / "out")
    target = folder / "journal.json"
    planted = [
        folder / f".{target.name}.{os.getpid()}.tmp",  # the name versions up to 0.3 used
        folder / f".{target.name}.tmp",
        folder / f"{target.name}.tmp",
    ]
    for link in planted:
        link.symlink_to(victim)
    paths.write_atomically(target, SENTINEL.encode())
    assert victim.read_bytes() == VICTIM_BYTES
    assert all(link.is_symlink() and link.resolve() == victim for link in planted)
    assert target.read_bytes() == SENTINEL.encode() and not target.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert names(folder) == sorted([target.name, *(link.name for link in planted)])


def test_a_link_planted_at_the_temp_name_it_picks_is_skipped_not_followed(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Make the "unpredictable" name predictable, as if an attacker had guessed it.
    guesses = iter(["guessed1", "guessed2", "freshone"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: guesses)
    folder = paths.ensure_private_dir(tmp_path / "out")
    target = folder / "journal.json"
    dangling = folder / ".journal.json.guessed2.tmp"
    dangling.symlink_to(tmp_path / "would-be-created")
    (folder / ".journal.json.guessed1.tmp").symlink_to(victim)
    paths.write_atomically(target, SENTINEL.encode())
    assert victim.read_bytes() == VICTIM_BYTES
    assert not (tmp_path / "would-be-created").exists()  # O_EXCL: not even a dangling link
    assert target.read_bytes() == SENTINEL.encode()
    assert not (folder / ".journal.json.freshone.tmp").exists()


def test_a_link_at_the_target_itself_is_replaced_not_written_through(
    tmp_path: Path, victim: Path
) -> None:
    folder = paths.ensure_private_dir(tmp_path / "out")
    target = folder / "journal.json"
    target.symlink_to(victim)
    paths.write_atomically(target, SENTINEL.encode())
    assert victim.read_bytes() == VICTIM_BYTES
    assert not target.is_symlink() and target.read_bytes() == SENTINEL.encode()


def test_a_failed_rename_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "out")
    (folder / "a folder").mkdir()
    with pytest.raises(IsADirectoryError):
        paths.write_atomically(folder / "a folder", SENTINEL.encode())
    assert names(folder) == ["a folder"]
    assert sentinel_hits(tmp_path, SENTINEL) == []


def test_create_private_file_never_follows_a_link(tmp_path: Path, victim: Path) -> None:
    folder = paths.ensure_private_dir(tmp_path / "work")
    link = folder / "copy.db"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        paths.create_private_file(link)
    dangling = folder / "other.db"
    dangling.symlink_to(tmp_path / "made-through-a-link")
    with pytest.raises(FileExistsError):
        paths.create_private_file(dangling)
    assert victim.read_bytes() == VICTIM_BYTES
    assert not (tmp_path / "made-through-a-link").exists()
    old = os.umask(0)
    try:
        paths.create_private_file(folder / "fresh.db")
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / "fresh.db").stat().st_mode) == 0o600


# -- item 4: reading what the user names, in-process -------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    yield path
    # Should an open be stuck on it (a protection gone), a writer lets it go.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


def _within(seconds: float, work: Callable[[], object]) -> BaseException | None:
    """Run ``work`` in a thread; fail (not hang) if it does not finish in time."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still blocked after {seconds} s"
    return outcome[0]


def test_a_fifo_is_refused_at_once_not_waited_on(fifo: Path) -> None:
    error = _within(5, lambda: paths.read_regular_file(fifo, 1024))
    assert isinstance(error, paths.NotRegularFileError)
    error = _within(5, lambda: paths.open_regular_file(fifo).close())
    assert isinstance(error, paths.NotRegularFileError)


@pytest.mark.parametrize("kind", ["/dev/zero", "a link to /dev/zero", "a folder"])
def test_devices_links_to_devices_and_folders_are_refused(tmp_path: Path, kind: str) -> None:
    if kind == "/dev/zero":
        path = Path("/dev/zero")
    elif kind == "a folder":
        path = tmp_path / "export.json"
        path.mkdir()
    else:
        path = tmp_path / "export.json"
        path.symlink_to("/dev/zero")
    # Opened, never read here: were the check gone, reading /dev/zero in the test
    # process would eat all memory. The command-line tests below read, in a bounded child.
    with pytest.raises(paths.NotRegularFileError):
        paths.open_regular_file(path).close()


def test_a_regular_file_is_read_up_to_its_cap_and_no_further(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"x" * 4096)
    assert paths.read_regular_file(path, 4096) == b"x" * 4096
    with pytest.raises(paths.FileTooLargeError):
        paths.read_regular_file(path, 4095)
    link = tmp_path / "link.json"
    link.symlink_to(path)  # a link to a regular file is fine: it is the file that counts
    assert paths.read_regular_file(link, 4096) == b"x" * 4096


# -- item 8: folders that already exist keep their mode ----------------------------


def test_an_existing_open_folder_keeps_its_mode_and_gets_a_warning(tmp_path: Path) -> None:
    shared = tmp_path / "Documents"
    shared.mkdir()
    os.chmod(shared, 0o755)
    assert paths.ensure_private_dir(shared) == shared
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    warning = paths.folder_privacy_warning(shared)
    assert warning is not None and str(shared) in warning and "chmod 700" in warning
    # What we create inside it is ours, and private; the folder itself is left alone.
    old = os.umask(0)
    try:
        made = paths.ensure_private_dir(shared / "took-home" / "backups")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert paths.folder_privacy_warning(made) is None


def test_a_vault_made_in_an_existing_open_folder_leaves_its_mode_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o751)
    Vault.create(shared, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o751
    assert paths.folder_privacy_warning(shared) is not None
    for name in (paths.DATABASE_NAME, paths.KEY_FILE_NAME):
        assert stat.S_IMODE((shared / name).stat().st_mode) == 0o600


def test_a_file_where_the_folder_should_be_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_bytes(b"")
    with pytest.raises(NotADirectoryError):
        paths.ensure_private_dir(tmp_path / "taken")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a folder to someone else")
def test_a_folder_owned_by_someone_else_gets_a_warning(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    warning = paths.folder_privacy_warning(theirs)
    assert warning is not None and "another user" in warning


# -- item 3: export through the command line ---------------------------------------


def _next_pids(count: int) -> range:
    """The process ids the next child is likely to get (Linux hands them out in order)."""
    subprocess.run(["true"], check=True)
    try:
        last = int(Path("/proc/sys/kernel/ns_last_pid").read_text())
    except (OSError, ValueError):
        last = os.getpid()
    return range(last + 1, last + 1 + count)


def test_export_never_writes_through_a_planted_link(
    run_cli: Run, filled: Path, tmp_path: Path, victim: Path
) -> None:
    out = tmp_path / "shared-out"
    out.mkdir()
    target = out / "journal.json"
    # Another user plants links at every name the old code could have picked.
    planted = [out / f".{target.name}.{pid}.tmp" for pid in _next_pids(400)]
    planted += [out / f".{target.name}.tmp", out / f"{target.name}.tmp"]
    for link in planted:
        link.symlink_to(victim)
    result = run_cli("export", "-o", str(target), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert victim.read_bytes() == VICTIM_BYTES
    assert all(link.is_symlink() for link in planted)
    assert SENTINEL.encode() in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert names(out) == sorted([target.name, *(link.name for link in planted)])


def test_export_to_a_folder_fails_clearly_and_leaves_no_plaintext(
    run_cli: Run, filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "journal.json").mkdir(parents=True)
    before = names(out)
    result = run_cli("export", "-o", str(out / "journal.json"), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1
    line = one_clear_line(result)
    assert "cannot write" in line and "directory" in line.lower()
    assert names(out) == before and names(out / "journal.json") == []
    assert sentinel_hits(out, SENTINEL) == []
    assert sentinel_hits(tmp_path / "tmp", SENTINEL) == []


def test_export_into_a_read_only_folder_fails_clearly_and_leaves_nothing(
    filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "read-only"
    out.mkdir()
    os.chmod(out, 0o500)
    before = snapshot(filled)
    run = run_bounded(
        filled,
        "export",
        "-o",
        str(out / "journal.json"),
        "--passphrase-stdin",
        stdin=LINE,
        report=tmp_path / "peak",
        drop_file_override=True,  # a root user in a container honours the mode too
    )
    assert run.result.code == 1, run.result.stderr
    line = one_clear_line(run.result)
    assert "cannot write" in line and "permission denied" in line.lower()
    assert names(out) == []
    assert snapshot(filled) == before
    assert sentinel_hits(tmp_path / "tmp", SENTINEL) == []


def test_an_export_cut_short_by_a_full_disk_leaves_no_partial_plaintext(
    filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "journal.json").write_bytes(b"the previous export")
    # Files may not grow past 128 KiB: the export (about 300 KB) fails part-way,
    # after its temp file already holds plaintext.
    run = run_bounded(
        filled,
        "export",
        "-o",
        str(out / "journal.json"),
        "--passphrase-stdin",
        stdin=LINE,
        report=tmp_path / "peak",
        file_size=128 * 1024,
    )
    assert run.result.code == 1, run.result.stderr
    assert "cannot write" in one_clear_line(run.result)
    assert names(out) == ["journal.json"]
    assert (out / "journal.json").read_bytes() == b"the previous export"
    assert sentinel_hits(out, SENTINEL) == []


# -- item 4: import refuses what is not a regular file ------------------------------
# (These depend on ``import`` reading through ``paths.read_regular_file``.)


def _import(filled: Path, tmp_path: Path, source: Path) -> CliResult:
    before = snapshot(filled)
    started = time.monotonic()
    run = run_bounded(
        filled,
        "import",
        str(source),
        "--passphrase-stdin",
        stdin=LINE,
        report=tmp_path / "peak",
        memory=768 * MIB,  # /dev/zero read whole ran to 2.7 GB: now a MemoryError at worst
        timeout=20,  # a FIFO blocked for ever: now a failed test at worst
    )
    assert time.monotonic() - started < 10
    assert snapshot(filled) == before
    return run.result


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_import_from_a_fifo_is_refused_at_once(filled: Path, tmp_path: Path, suffix: str) -> None:
    pipe = tmp_path / f"checkins{suffix}"
    os.mkfifo(pipe)
    try:
        result = _import(filled, tmp_path, pipe)
    finally:
        try:  # release a reader still stuck on it, if any
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    assert result.code in (1, 4), result.stderr
    assert "regular file" in one_clear_line(result)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_import_from_a_link_to_dev_zero_is_refused_at_once(
    filled: Path, tmp_path: Path, suffix: str
) -> None:
    link = tmp_path / f"checkins{suffix}"
    link.symlink_to("/dev/zero")
    result = _import(filled, tmp_path, link)
    assert result.code in (1, 4), result.stderr
    assert "regular file" in one_clear_line(result)


def test_import_from_a_folder_is_refused(filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "checkins.json"
    folder.mkdir()
    result = _import(filled, tmp_path, folder)
    assert result.code in (1, 4), result.stderr
    one_clear_line(result)
