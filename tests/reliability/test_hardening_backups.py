"""Issue 10, items 1, 2 and 4: restores that never lose a vault, and backups that cannot hurt.

Every backup here is crafted in the test from a real one (``zipfile`` and a
few patched header bytes), then handed to ``restore`` through the command
line, as an attacker or a damaged disk would hand it over. The promise for
each: exit 4 (or the documented code), one line on stderr naming the
problem, no traceback, no "please report", and the live vault (and the rest
of its folder) byte for byte as it was. Crafted backups that are otherwise
valid are "resealed": their manifest is signed again with the real data
key, so only the protection under test stands between them and a restore.

Runs that could use unbounded memory, disk or time if a protection went
missing go through ``run_bounded`` (hard limits, measured peak memory).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.bounded_cli import MIB, run_bounded
from tests.support import FAST_KDF, PASSPHRASE, CliResult, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.services import backups as backup_service
from wellbeing_app.storage import backup as backup_module
from wellbeing_app.storage import restoring
from wellbeing_app.storage.errors import VaultBusyError, VaultDamagedError, WrongSecretError
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
MANIFEST = backup_module.MANIFEST
KEY = paths.KEY_FILE_NAME
DB = paths.DATABASE_NAME
BACKUP_CHECKINS = 31
AFTER_BACKUP = CheckIn(date=date(2026, 11, 25), mood=5, took_home="written after the backup")


@dataclass(frozen=True)
class Live:
    """A live vault, a good backup of it, and what the tests need to craft bad ones."""

    folder: Path
    recovery: str
    backup: Path
    data_key: bytes
    tmp: Path


@pytest.fixture
def live(data_dir: Path, tmp_path: Path) -> Live:
    vault, recovery = Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    try:
        repository = CheckInRepository(vault)
        repository.add_many(synthetic_checkins(BACKUP_CHECKINS, end=date(2026, 11, 20), seed=9))
        backup = tmp_path / "backups" / "good.thbackup"
        backup.parent.mkdir()
        backup_module.write_backup(vault, backup)
        repository.add(AFTER_BACKUP)  # so a restore visibly changes the vault
        key = vault.data_key()
    finally:
        vault.lock()
    return Live(data_dir, recovery, backup, key, tmp_path)


# -- crafting backups -------------------------------------------------------------


def read_parts(backup: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(backup) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(
    target: Path,
    members: dict[str, bytes] | Iterable[tuple[str, bytes]],
    compression: int = zipfile.ZIP_STORED,
) -> Path:
    items = members.items() if isinstance(members, dict) else members
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": on purpose here
        with zipfile.ZipFile(target, "w", compression) as archive:
            for name, data in items:
                archive.writestr(name, data)
    return target


def reseal(parts: dict[str, bytes], data_key: bytes, **changes: object) -> None:
    """Sign the manifest again (with ``changes``) for the key file now in ``parts``."""
    manifest = json.loads(parts[MANIFEST])
    manifest.update(changes)
    manifest["key_file_sha256"] = hashlib.sha256(parts[KEY]).hexdigest()
    manifest["mac"] = backup_module._manifest_mac(data_key, manifest).hex()
    parts[MANIFEST] = json.dumps(manifest, indent=2).encode("ascii")


def edit_key_file(parts: dict[str, bytes], change: Callable[[dict[str, object]], None]) -> None:
    document = json.loads(parts[KEY])
    change(document)
    parts[KEY] = (json.dumps(document, indent=2) + "\n").encode("ascii")


def flip_b64(slot: dict[str, object], field: str, index: int = 5) -> None:
    """Flip one byte of a slot's base64 field, keeping it valid base64 of the same length."""
    import base64

    raw = bytearray(base64.b64decode(str(slot[field])))
    raw[index] ^= 0x5A
    slot[field] = base64.b64encode(bytes(raw)).decode("ascii")


def slot(document: dict[str, object], name: str) -> dict[str, object]:
    slots = document["slots"]
    assert isinstance(slots, dict)
    found = slots[name]
    assert isinstance(found, dict)
    return found


# Offsets of header fields in a local file header and a central directory entry.
_LOCAL = {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<I"), "size": (22, "<I")}
_CENTRAL = {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"), "size": (24, "<I")}


def patch_member(path: Path, name: str, field: str, change: Callable[[int], int]) -> None:
    """Rewrite one header field of member ``name``, in its local and its central header."""
    raw = bytearray(path.read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    count, _size, position = struct.unpack_from("<HII", raw, end + 10)
    patched = 0
    for _ in range(count):
        assert raw[position : position + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, position + 28)
        (local,) = struct.unpack_from("<I", raw, position + 42)
        if raw[position + 46 : position + 46 + name_len] == name.encode():
            assert raw[local : local + 4] == b"PK\x03\x04"
            for base, table in ((position, _CENTRAL), (local, _LOCAL)):
                offset, fmt = table[field]
                (old,) = struct.unpack_from(fmt, raw, base + offset)
                struct.pack_into(fmt, raw, base + offset, change(old))
            patched += 1
        position += 46 + name_len + extra_len + comment_len
    assert patched == 1, name
    path.write_bytes(bytes(raw))


def deflated_bomb(live: Live, target: Path, name: str, filler: bytes, megabytes: int) -> Path:
    """The good backup with ``megabytes`` MB of ``filler`` after member ``name``, deflated.

    For the manifest the filler is whitespace after the real JSON: still a valid,
    correctly signed manifest, so only a size cap can refuse it.
    """
    parts = read_parts(live.backup)
    keep = parts[name] if name == MANIFEST else b""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for member, data in parts.items():
            if member != name:
                archive.writestr(member, data)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as out:
            out.write(keep)
            block = filler * (MIB // len(filler))
            for _ in range(megabytes):
                out.write(block)
    return target


# -- what a refusal looks like ----------------------------------------------------


def folder_state(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every file's bytes, and every name (folders and links too) under ``folder``."""
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []
    return (snapshot(folder) if folder.exists() else {}), names


def assert_refused(result: CliResult, code: int = 4) -> None:
    assert result.code == code, (result.code, result.stderr)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "please report" not in result.stderr, result.stderr
    assert re.search(r"(not|nothing was) changed", result.stderr), result.stderr
    assert result.stdout == "", result.stdout


def restore(run_cli: Run, live: Live, backup: Path, *extra: str, stdin: str = LINE) -> CliResult:
    return run_cli("restore", str(backup), *extra, "--passphrase-stdin", stdin=stdin)


# -- item 4: malformed and hostile backups ----------------------------------------


def _nested_manifest(live: Live, target: Path) -> None:
    parts = read_parts(live.backup)
    parts[MANIFEST] = b"[" * 7000 + b"]" * 7000  # under the cap; RecursionError before
    write_zip(target, parts)


def _huge_number_in_manifest(live: Live, target: Path) -> None:
    parts = read_parts(live.backup)
    manifest = parts[MANIFEST].decode("ascii")
    manifest = re.sub(r'"checkins": \d+', '"checkins": ' + "9" * 5000, manifest)
    parts[MANIFEST] = manifest.encode("ascii")
    write_zip(target, parts)


def _unknown_compression(live: Live, target: Path) -> None:
    write_zip(target, read_parts(live.backup))
    patch_member(target, DB, "method", lambda _old: 99)  # NotImplementedError before


def _unknown_compression_on_the_manifest(live: Live, target: Path) -> None:
    write_zip(target, read_parts(live.backup))
    patch_member(target, MANIFEST, "method", lambda _old: 97)


def _bzip2_member(live: Live, target: Path) -> None:
    # A real, readable bzip2 member: only the STORED/DEFLATED rule refuses it.
    parts = read_parts(live.backup)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(MANIFEST, parts[MANIFEST], compress_type=zipfile.ZIP_BZIP2)
        archive.writestr(KEY, parts[KEY])
        archive.writestr(DB, parts[DB])


def _lzma_database(live: Live, target: Path) -> None:
    parts = read_parts(live.backup)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(MANIFEST, parts[MANIFEST])
        archive.writestr(KEY, parts[KEY])
        archive.writestr(DB, parts[DB], compress_type=zipfile.ZIP_LZMA)


def _encrypted_flag(name: str) -> Callable[[Live, Path], None]:
    def craft(live: Live, target: Path) -> None:
        write_zip(target, read_parts(live.backup))
        patch_member(target, name, "flags", lambda old: old | 0x1)  # RuntimeError before

    return craft


def _bad_crc(name: str) -> Callable[[Live, Path], None]:
    def craft(live: Live, target: Path) -> None:
        write_zip(target, read_parts(live.backup))
        patch_member(target, name, "crc", lambda old: old ^ 0xDEADBEEF)  # BadZipFile before

    return craft


def _declared_size(name: str, size: int) -> Callable[[Live, Path], None]:
    def craft(live: Live, target: Path) -> None:
        write_zip(target, read_parts(live.backup))
        patch_member(target, name, "size", lambda _old: size)

    return craft


def _duplicate(name: str) -> Callable[[Live, Path], None]:
    def craft(live: Live, target: Path) -> None:
        parts = read_parts(live.backup)
        write_zip(target, [*parts.items(), (name, parts[name])])

    return craft


def _duplicate_in_place_of_another(live: Live, target: Path) -> None:
    # Three members, the right count, but the key file twice and no manifest.
    parts = read_parts(live.backup)
    write_zip(target, [(KEY, parts[KEY]), (KEY, parts[KEY]), (DB, parts[DB])])


def _extra_member(name: str) -> Callable[[Live, Path], None]:
    def craft(live: Live, target: Path) -> None:
        parts = read_parts(live.backup)
        parts[name] = b"extra"
        write_zip(target, parts)

    return craft


def _manifest_over_the_cap(live: Live, target: Path) -> None:
    # Valid, correctly signed, just far too large: only the cap refuses it.
    parts = read_parts(live.backup)
    reseal(parts, live.data_key, padding=" " * (backup_module.MAX_SMALL_MEMBER_BYTES + 1024))
    assert len(parts[MANIFEST]) > backup_module.MAX_SMALL_MEMBER_BYTES
    write_zip(target, parts)


def _key_file_over_the_cap(live: Live, target: Path) -> None:
    parts = read_parts(live.backup)
    parts[KEY] = parts[KEY].rstrip() + b" " * (backup_module.MAX_SMALL_MEMBER_BYTES + 1024)
    reseal(parts, live.data_key)  # still valid JSON, and signed: only the cap refuses it
    write_zip(target, parts)


def _deflated_key_file_over_the_cap(live: Live, target: Path) -> None:
    parts = read_parts(live.backup)
    parts[KEY] = parts[KEY].rstrip() + b" " * (4 * MIB)
    reseal(parts, live.data_key)
    write_zip(target, parts, zipfile.ZIP_DEFLATED)  # about 4 KiB packed


CRAFTED: dict[str, Callable[[Live, Path], None]] = {
    "deeply nested manifest": _nested_manifest,
    "a 5000-digit number in the manifest": _huge_number_in_manifest,
    "unknown compression method (database)": _unknown_compression,
    "unknown compression method (manifest)": _unknown_compression_on_the_manifest,
    "bzip2 member": _bzip2_member,
    "lzma database": _lzma_database,
    "encrypted flag on the key file": _encrypted_flag(KEY),
    "encrypted flag on the database": _encrypted_flag(DB),
    "bad CRC (manifest)": _bad_crc(MANIFEST),
    "bad CRC (key file)": _bad_crc(KEY),
    "bad CRC (database, found while unpacking)": _bad_crc(DB),
    "database declares 4 GiB": _declared_size(DB, 0xFFFF0000),
    "manifest declares 1 GiB": _declared_size(MANIFEST, 1 << 30),
    "manifest declares less than it holds": _declared_size(MANIFEST, 40),
    "duplicate database": _duplicate(DB),
    "duplicate manifest": _duplicate(MANIFEST),
    "duplicate key file in place of the manifest": _duplicate_in_place_of_another,
    "an extra member": _extra_member("notes.txt"),
    "an extra member that climbs out": _extra_member("../../outside.txt"),
    "manifest over the cap": _manifest_over_the_cap,
    "key file over the cap": _key_file_over_the_cap,
    "deflated key file over the cap": _deflated_key_file_over_the_cap,
}


def craft_into(live: Live, craft: Callable[[Live, Path], None]) -> Path:
    bad = live.tmp / "backups" / "crafted.thbackup"
    craft(live, bad)
    return bad


@pytest.mark.parametrize("craft", CRAFTED.values(), ids=list(CRAFTED))
def test_a_crafted_backup_is_refused_with_exit_4_and_changes_nothing(
    run_cli: Run, live: Live, craft: Callable[[Live, Path], None]
) -> None:
    bad = craft_into(live, craft)
    before = folder_state(live.folder)
    scratch = sorted(p.name for p in (live.tmp / "tmp").iterdir())
    result = restore(run_cli, live, bad, "--replace")
    assert_refused(result)
    assert folder_state(live.folder) == before  # byte for byte, and no file left behind
    assert sorted(p.name for p in (live.tmp / "tmp").iterdir()) == scratch
    for up in (live.folder.parent, live.folder.parent.parent):  # where "../../" would lead
        assert not (up / "outside.txt").exists()


def test_the_crafted_backups_are_refused_into_an_empty_folder_too(run_cli: Run, live: Live) -> None:
    # No vault to compare with, so no early look at the key file: the restore's own checks.
    empty = live.tmp / "empty"
    for name in (
        "deeply nested manifest",
        "encrypted flag on the key file",
        "bad CRC (database, found while unpacking)",
        "key file over the cap",
    ):
        bad = craft_into(live, CRAFTED[name])
        result = run_cli("restore", str(bad), "--passphrase-stdin", stdin=LINE, data=empty)
        assert_refused(result)
        assert not empty.exists() or list(empty.iterdir()) == [], name


@pytest.mark.parametrize(
    ("name", "payload", "declared"),
    [
        (DB, b"\0", None),  # 50 MB of zeros in about 50 KB, says so in its header
        (DB, b"\0", 64 * 1024),  # and one whose header lies about it
        (MANIFEST, b" ", None),
        (MANIFEST, b" ", 2048),
    ],
    ids=["database", "database, lying header", "manifest", "manifest, lying header"],
)
def test_a_zip_bomb_is_refused_quickly_in_bounded_memory_and_disk(
    live: Live, name: str, payload: bytes, declared: int | None
) -> None:
    bomb = deflated_bomb(live, live.tmp / "backups" / "bomb.thbackup", name, payload, 50)
    assert bomb.stat().st_size < 2 * MIB
    if declared is not None:
        patch_member(bomb, name, "size", lambda _old: declared)
    before = folder_state(live.folder)
    run = run_bounded(
        live.folder,
        "restore",
        str(bomb),
        "--replace",
        "--passphrase-stdin",
        stdin=LINE,
        report=live.tmp / "peak",
        file_size=8 * MIB,  # no file the child writes may pass 8 MB (EFBIG, exit 1)
    )
    assert_refused(run.result)
    assert run.seconds < 10
    assert 0 < run.peak_kib < 200 * 1024  # 3 GB before; about 45 MB is Python itself
    assert folder_state(live.folder) == before


@pytest.mark.parametrize("kind", ["a FIFO", "a link to /dev/zero", "a folder"])
def test_a_backup_that_is_not_a_regular_file_is_refused_at_once(live: Live, kind: str) -> None:
    source = live.tmp / "backups" / "odd.thbackup"
    if kind == "a FIFO":
        os.mkfifo(source)
    elif kind == "a folder":
        source.mkdir()
    else:
        source.symlink_to("/dev/zero")
    before = folder_state(live.folder)
    try:
        run = run_bounded(
            live.folder,
            "restore",
            str(source),
            "--replace",
            "--passphrase-stdin",
            stdin=LINE,
            report=live.tmp / "peak",
            timeout=20,  # a FIFO would block for ever: a failed test, not a hung one
        )
    finally:
        if kind == "a FIFO":  # release a reader still stuck on it, if any
            with contextlib.suppress(OSError):
                os.close(os.open(source, os.O_WRONLY | os.O_NONBLOCK))
    assert_refused(run.result)
    assert "not a regular file" in run.result.stderr
    assert run.seconds < 10
    assert folder_state(live.folder) == before


def test_a_database_bigger_than_the_free_space_is_refused_before_unpacking(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = folder_state(live.folder)
    usage = shutil.disk_usage(live.folder)
    # As if the disk were nearly full: 4 KB free, far less than the 90 KB database.
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage._replace(free=4096))
    with pytest.raises(VaultDamagedError, match="free space"):
        backup_service.check_restore(live.backup, live.folder, secret=PASSPHRASE)
    assert folder_state(live.folder) == before


# -- item 4: key files that ask for far too much work -----------------------------

HOSTILE_KDF = {
    "memory 4 GiB": {"memory_kib": 4 * 1024 * 1024},
    "t=64": {"time_cost": 64},
    "p=64": {"parallelism": 64},
    "4 GiB, t=64, p=64": {"memory_kib": 4 * 1024 * 1024, "time_cost": 64, "parallelism": 64},
    "1 GiB with t=20 (too much in all)": {"memory_kib": 1024 * 1024, "time_cost": 20},
    "t=0": {"time_cost": 0},
    "negative memory": {"memory_kib": -1},
}


def _with_kdf(key_file: bytes, settings: dict[str, int]) -> bytes:
    document = json.loads(key_file)
    slot(document, "passphrase").update(settings)
    return (json.dumps(document, indent=2) + "\n").encode("ascii")


@pytest.mark.parametrize("settings", HOSTILE_KDF.values(), ids=list(HOSTILE_KDF))
def test_check_refuses_a_key_file_with_hostile_kdf_costs_before_any_kdf_runs(
    live: Live, settings: dict[str, int]
) -> None:
    key_file = live.folder / KEY
    key_file.write_bytes(_with_kdf(key_file.read_bytes(), settings))
    before = folder_state(live.folder)
    run = run_bounded(
        live.folder, "check", "--passphrase-stdin", stdin=LINE, report=live.tmp / "peak"
    )
    assert run.result.code == 4, run.result.stderr
    assert len(run.result.stderr.splitlines()) == 1 and "Traceback" not in run.result.stderr
    assert "out of range" in run.result.stderr
    assert run.seconds < 5
    assert folder_state(live.folder) == before


@pytest.mark.parametrize("settings", HOSTILE_KDF.values(), ids=list(HOSTILE_KDF))
def test_restore_refuses_a_backup_with_hostile_kdf_costs_before_any_kdf_runs(
    live: Live, settings: dict[str, int]
) -> None:
    parts = read_parts(live.backup)
    parts[KEY] = _with_kdf(parts[KEY], settings)
    reseal(parts, live.data_key)  # signed: only the KDF window refuses it
    bad = write_zip(live.tmp / "backups" / "kdf.thbackup", parts)
    for folder, extra in ((live.folder, ("--replace",)), (live.tmp / "empty", ())):
        before = folder_state(folder)
        run = run_bounded(
            folder,
            "restore",
            str(bad),
            *extra,
            "--passphrase-stdin",
            stdin=LINE,
            report=live.tmp / "peak",
        )
        assert_refused(run.result)
        assert "out of range" in run.result.stderr
        assert run.seconds < 5
        if folder == live.folder:
            assert folder_state(folder) == before
        else:
            assert folder_state(folder)[0] == {}


def test_check_refuses_a_key_file_over_16_kib(run_cli: Run, live: Live) -> None:
    key_file = live.folder / KEY
    key_file.write_bytes(key_file.read_bytes().rstrip() + b" " * (17 * 1024))  # still valid JSON
    before = folder_state(live.folder)
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert result.code == 4, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "too large" in result.stderr
    assert folder_state(live.folder) == before


def test_the_kdf_window_takes_what_the_app_writes_and_nothing_far_beyond() -> None:
    for fine in (DEFAULT_KDF, FAST_KDF, KdfParams(5, 1024 * 1024, 8), KdfParams(20, 8 * 1024, 1)):
        fine.check()
    for hostile in HOSTILE_KDF.values():
        params = {"time_cost": 1, "memory_kib": 8 * 1024, "parallelism": 1, **hostile}
        with pytest.raises(ValueError):
            KdfParams(**params).check()


# -- item 2: the manifest is authenticated ----------------------------------------


def _manifest_edit(**changes: object) -> Callable[[dict[str, object]], None]:
    def edit(manifest: dict[str, object]) -> None:
        for key, value in changes.items():
            if value is None:
                manifest.pop(key, None)
            else:
                manifest[key] = value

    return edit


TAMPERED = {
    "count changed": _manifest_edit(checkins=987),
    "date changed": _manifest_edit(created_at="1999-04-01T09:30:00+00:00"),
    "vault id changed": _manifest_edit(vault_id="00000000-0000-4000-8000-000000000000"),
    "schema version changed": _manifest_edit(schema_version=1),
    "key file hash changed": _manifest_edit(key_file_sha256="00" * 32),
    "mac removed": _manifest_edit(mac=None),
    "mac removed and count changed": _manifest_edit(mac=None, checkins=987),
    "mac not hex": _manifest_edit(mac="not a mac"),
    "mac of another manifest": _manifest_edit(mac="ab" * 32),
}


@pytest.mark.parametrize("edit", TAMPERED.values(), ids=list(TAMPERED))
def test_a_tampered_manifest_is_refused_and_nothing_from_it_is_shown(
    run_cli: Run, live: Live, edit: Callable[[dict[str, object]], None]
) -> None:
    parts = read_parts(live.backup)
    manifest = json.loads(parts[MANIFEST])
    assert manifest["version"] == 2 and "mac" in manifest
    edit(manifest)
    parts[MANIFEST] = json.dumps(manifest, indent=2).encode("ascii")
    bad = write_zip(live.tmp / "backups" / "tampered.thbackup", parts)
    before = folder_state(live.folder)
    result = restore(run_cli, live, bad, "--replace")
    assert_refused(result)
    for claim in ("987", "1999", "April"):
        assert claim not in result.stderr
    assert folder_state(live.folder) == before


def test_a_key_file_swapped_after_the_backup_was_sealed_is_refused(
    run_cli: Run, live: Live
) -> None:
    # The backup's own key file with its recovery slot damaged, the manifest left as it was.
    parts = read_parts(live.backup)
    edit_key_file(parts, lambda doc: flip_b64(slot(doc, "recovery"), "wrapped_key"))
    bad = write_zip(live.tmp / "backups" / "swapped.thbackup", parts)
    before = folder_state(live.folder)
    assert_refused(restore(run_cli, live, bad, "--replace"))
    assert folder_state(live.folder) == before


def test_a_manifest_downgraded_to_version_1_shows_nothing_it_claims(
    run_cli: Run, live: Live
) -> None:
    # Version 1 had no MAC, so its claims are never shown: what is shown comes from the database.
    parts = read_parts(live.backup)
    manifest = json.loads(parts[MANIFEST])
    manifest.update(version=1, checkins=987, created_at="1999-04-01T09:30:00+00:00")
    del manifest["mac"]
    parts[MANIFEST] = json.dumps(manifest).encode("ascii")
    downgraded = write_zip(live.tmp / "backups" / "v1.thbackup", parts)
    before = folder_state(live.folder)
    result = restore(run_cli, live, downgraded, "--replace")
    shown = result.stdout + result.stderr
    for claim in ("987", "1999", "April"):
        assert claim not in shown
    # Its key file carries slot check values, which version 1 never wrote: it was
    # turned back to dodge the manifest's MAC (and the key file's hash with it).
    assert_refused(result)
    assert "altered" in result.stderr
    assert folder_state(live.folder) == before


def test_a_true_version_1_backup_restores_and_says_what_it_cannot_prove(
    run_cli: Run, live: Live
) -> None:
    # What an older app wrote: no MAC in the manifest, no check values in the key file.
    parts = read_parts(live.backup)
    manifest = json.loads(parts[MANIFEST])
    manifest["version"] = 1
    for name in ("mac", "key_file_sha256"):
        del manifest[name]
    parts[MANIFEST] = json.dumps(manifest).encode("ascii")

    def strip(document: dict[str, object]) -> None:
        for name in ("passphrase", "recovery"):
            slot(document, name).pop("mac", None)

    edit_key_file(parts, strip)
    old = write_zip(live.tmp / "backups" / "old-v1.thbackup", parts)
    result = restore(run_cli, live, old, "--replace")
    assert result.code == 0, result.stderr
    assert f"({BACKUP_CHECKINS} check-ins)" in result.stdout
    assert "cannot prove its recovery key slot" in result.stderr


# -- item 2: the slots a restore installs are proven first -------------------------


def _damaged_backup(live: Live, *damage: tuple[str, str]) -> Path:
    """The backup with (slot, field) damaged, resealed: as if damaged before it was made."""
    parts = read_parts(live.backup)

    def change(document: dict[str, object]) -> None:
        for slot_name, field in damage:
            flip_b64(slot(document, slot_name), field)

    edit_key_file(parts, change)
    reseal(parts, live.data_key)
    return write_zip(live.tmp / "backups" / "slots.thbackup", parts)


def test_a_damaged_recovery_slot_is_reported_before_the_restore_goes_ahead(
    run_cli: Run, live: Live
) -> None:
    bad = _damaged_backup(live, ("recovery", "wrapped_key"))
    result = restore(run_cli, live, bad, "--replace")
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert "warning:" in warning and "recovery key slot is damaged" in warning
    assert "Traceback" not in result.stderr
    with Vault.open(live.folder, PASSPHRASE) as vault:
        assert AFTER_BACKUP.id not in {c.id for c in CheckInRepository(vault).list_between()}
    with pytest.raises(WrongSecretError):
        Vault.open_with_recovery_key(live.folder, live.recovery)


def test_a_damaged_passphrase_slot_opened_with_the_recovery_key_says_so(
    run_cli: Run, live: Live
) -> None:
    bad = _damaged_backup(live, ("passphrase", "wrapped_key"))
    result = restore(run_cli, live, bad, "--replace", stdin=live.recovery + "\n")
    assert result.code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert "passphrase slot is damaged" in warning and "passwd" in warning
    Vault.open_with_recovery_key(live.folder, live.recovery).lock()


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        # The slot unwraps but its MAC says it was altered: damage, proven.
        ((("passphrase", "mac"),), 4),
        ((("passphrase", "mac"), ("recovery", "wrapped_key")), 4),
        ((("passphrase", "mac"), ("recovery", "mac")), 4),
        # A flipped wrapped key cannot be told from a wrong passphrase (AES-GCM
        # fails the same way): refused as "does not open", never installed.
        ((("passphrase", "wrapped_key"),), 3),
        ((("passphrase", "wrapped_key"), ("recovery", "wrapped_key")), 3),
    ],
    ids=[
        "passphrase slot",
        "both slots",
        "both MACs",
        "passphrase wrapped key",
        "both wrapped keys",
    ],
)
def test_a_backup_whose_passphrase_slot_is_damaged_is_refused_with_the_passphrase(
    run_cli: Run, live: Live, damage: tuple[tuple[str, str], ...], code: int
) -> None:
    bad = _damaged_backup(live, *damage)
    before = folder_state(live.folder)
    result = restore(run_cli, live, bad, "--replace")
    assert_refused(result, code)
    if code == 4:
        assert "passphrase slot is damaged" in result.stderr
    assert folder_state(live.folder) == before


def test_a_damaged_recovery_slot_is_refused_with_the_recovery_key(run_cli: Run, live: Live) -> None:
    bad = _damaged_backup(live, ("recovery", "mac"))
    before = folder_state(live.folder)
    result = restore(run_cli, live, bad, "--replace", stdin=live.recovery + "\n")
    assert_refused(result)
    assert "recovery slot is damaged" in result.stderr
    assert folder_state(live.folder) == before


# -- item 2: what is replaced, and when -------------------------------------------


def test_restore_over_a_vault_needs_replace(run_cli: Run, live: Live) -> None:
    before = folder_state(live.folder)
    result = run_cli("restore", str(live.backup))  # no passphrase: refused before one is asked
    assert_refused(result, 2)
    assert str(live.folder) in result.stderr and "--replace" in result.stderr
    assert "different vault" not in result.stderr
    assert folder_state(live.folder) == before


def test_restore_from_a_different_vault_says_so(run_cli: Run, live: Live) -> None:
    other = live.tmp / "other"
    vault, _ = Vault.create(other, PASSPHRASE, kdf=FAST_KDF)
    try:
        theirs = live.tmp / "backups" / "theirs.thbackup"
        backup_module.write_backup(vault, theirs)
    finally:
        vault.lock()
    before = folder_state(live.folder)
    result = run_cli("restore", str(theirs), "--passphrase-stdin", stdin=LINE)
    assert_refused(result, 2)
    assert "different vault" in result.stderr and "--replace" in result.stderr
    assert folder_state(live.folder) == before


def test_restore_refuses_while_the_vault_is_open_and_works_once_it_is_closed(
    run_cli: Run, live: Live
) -> None:
    vault = Vault.open(live.folder, PASSPHRASE)
    try:
        before = folder_state(live.folder)
        result = restore(run_cli, live, live.backup, "--replace")
        assert result.code != 0
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
        assert "has this vault open" in result.stderr and "nothing was changed" in result.stderr
        assert folder_state(live.folder) == before
        # The app's session still sees its own data, in the live files.
        assert AFTER_BACKUP.id in {c.id for c in CheckInRepository(vault).list_between()}
    finally:
        vault.lock()
    result = restore(run_cli, live, live.backup, "--replace")
    assert result.code == 0, result.stderr
    with Vault.open(live.folder, PASSPHRASE) as reopened:
        assert len(CheckInRepository(reopened).list_between()) == BACKUP_CHECKINS


def test_a_vault_opened_after_the_check_still_stops_the_swap(live: Live) -> None:
    # The lock is taken again for the swap itself, not only when the restore is planned.
    checked = backup_service.check_restore(live.backup, live.folder, secret=PASSPHRASE)
    vault = Vault.open(live.folder, PASSPHRASE)
    try:
        before = folder_state(live.folder)
        with pytest.raises(VaultBusyError):
            backup_service.finish_restore(checked)
        assert folder_state(live.folder)[0] == {
            k: v for k, v in before[0].items() if not k.startswith(restoring.CHECKING_PREFIX)
        }
        assert not list(live.folder.glob(restoring.CHECKING_PREFIX + "*"))
    finally:
        vault.lock()


# -- item 1: a restore never destroys an earlier copy -----------------------------


def test_two_restores_keep_both_old_vaults_under_names_of_their_own(
    run_cli: Run, live: Live
) -> None:
    first_db = (live.folder / DB).read_bytes()
    first_key = (live.folder / KEY).read_bytes()
    result = restore(run_cli, live, live.backup, "--replace")
    assert result.code == 0, result.stderr
    (first,) = restoring.kept_aside(live.folder)
    assert first.database_name in result.stdout
    second_db = (live.folder / DB).read_bytes()
    assert second_db != first_db

    result = restore(run_cli, live, live.backup, "--replace")  # within the same second, likely
    assert result.code == 0, result.stderr
    sets = restoring.kept_aside(live.folder)
    assert len(sets) == 2
    assert sets[0].stamp == first.stamp and sets[1].stamp != first.stamp
    assert sets[1].database_name in result.stdout
    names = {p.name for kept in sets for p in kept.files}
    assert len(names) == sum(len(kept.files) for kept in sets)  # nothing shared
    # The first set is intact, its key beside it: the vault before any restore.
    assert (live.folder / first.database_name).read_bytes() == first_db
    first_key_name = KEY + restoring.aside_suffix(first.stamp)
    assert (live.folder / first_key_name).read_bytes() == first_key
    assert (live.folder / sets[1].database_name).read_bytes() == second_db
    assert not list(live.folder.glob(f"*{restoring.STAGED}*"))
    # And the first set still opens, with its own key file, as the vault it was.
    kept = live.tmp / "kept"
    kept.mkdir()
    (kept / DB).write_bytes(first_db)
    (kept / KEY).write_bytes((live.folder / first_key_name).read_bytes())
    with Vault.open(kept, PASSPHRASE) as vault:
        assert AFTER_BACKUP.id in {c.id for c in CheckInRepository(vault).list_between()}


def test_a_restore_never_overwrites_a_file_already_at_its_kept_aside_name(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    fixed = datetime(2026, 12, 2, 10, 15, tzinfo=UTC)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:
            return cls.fromtimestamp(fixed.timestamp(), UTC)

    monkeypatch.setattr(restoring, "datetime", Frozen)
    # The name this restore's stamp would give is taken (a set kept aside this very second).
    taken = live.folder / (DB + restoring.aside_suffix("20261202T101500Z"))
    taken.write_bytes(b"an older vault kept aside")
    checked = backup_service.check_restore(live.backup, live.folder, secret=PASSPHRASE)
    done = backup_service.finish_restore(checked)
    assert taken.read_bytes() == b"an older vault kept aside"
    assert done.kept_aside == DB + restoring.aside_suffix("20261202T101500Z-2")
    assert [kept.stamp for kept in restoring.kept_aside(live.folder)] == [
        "20261202T101500Z",
        "20261202T101500Z-2",
    ]
    Vault.open(live.folder, PASSPHRASE).lock()
