"""The command line, run in a subprocess exactly as a person or a script would run it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.support import FAST_KDF, PASSPHRASE, CliResult, snapshot
from wellbeing_app import paths
from wellbeing_app.domain.interchange import checkins_from_json, checkins_to_csv, checkins_to_json
from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage import keyslots
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"


def _assert_clean_error(result: CliResult, code: int) -> None:
    assert result.code == code, (result.code, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wellbeing-app: ")


@pytest.fixture
def made_vault(data_dir: Path) -> Path:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    return data_dir


def test_init_creates_a_vault_and_shows_the_recovery_key_once(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "my-vault"
    result = run_cli("init", "--passphrase-stdin", stdin="a long passphrase here\n", data=folder)
    assert result.code == 0, result.stderr
    assert "Write it down" in result.stdout
    keys = [w for w in result.stdout.split() if keyslots.parse_recovery_key(w) is not None]
    assert len(keys) == 1
    Vault.open_with_recovery_key(folder, keys[0]).lock()
    Vault.open(folder, "a long passphrase here").lock()
    # The key file uses the real KDF settings, not the tests' fast ones.
    slots = keyslots.KeySlots.from_bytes((folder / paths.KEY_FILE_NAME).read_bytes())
    assert slots.passphrase.kdf == keyslots.DEFAULT_KDF


def test_init_refuses_a_folder_that_holds_a_vault(run_cli: Run, made_vault: Path) -> None:
    before = snapshot(made_vault)
    result = run_cli("init", "--passphrase-stdin", stdin="another long passphrase\n")
    _assert_clean_error(result, 1)
    assert "already holds a vault" in result.stderr
    assert snapshot(made_vault) == before


def test_init_refuses_a_weak_passphrase(run_cli: Run, data_dir: Path) -> None:
    result = run_cli("init", "--passphrase-stdin", stdin="password123\n")
    _assert_clean_error(result, 1)
    assert "too easy to guess" in result.stderr
    assert not (data_dir / paths.KEY_FILE_NAME).exists()


def test_without_a_terminal_or_stdin_flag_the_passphrase_is_not_guessed(
    run_cli: Run, made_vault: Path
) -> None:
    result = run_cli("check", stdin=LINE)
    _assert_clean_error(result, 2)
    assert "--passphrase-stdin" in result.stderr


def test_empty_stdin_is_a_usage_error(run_cli: Run, made_vault: Path) -> None:
    _assert_clean_error(run_cli("check", "--passphrase-stdin", stdin=""), 2)


def test_import_then_export_gives_back_the_same_records(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    checkins = synthetic_checkins(300, end=date(2026, 11, 20))
    source = tmp_path / "in.json"
    source.write_text(checkins_to_json(checkins), encoding="utf-8")
    imported = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert imported.code == 0, imported.stderr
    assert "Imported 300 check-ins" in imported.stdout

    exported = run_cli("export", "--format", "json", "-o", "-", "--passphrase-stdin", stdin=LINE)
    assert exported.code == 0, exported.stderr
    assert checkins_from_json(exported.stdout.encode("utf-8")) == checkins

    out_file = tmp_path / "out.csv"
    to_file = run_cli(
        "export", "--format", "csv", "-o", str(out_file), "--passphrase-stdin", stdin=LINE
    )
    assert to_file.code == 0, to_file.stderr
    assert "not encrypted" in to_file.stdout
    assert out_file.read_bytes().decode("utf-8") == checkins_to_csv(checkins)
    assert out_file.stat().st_mode & 0o777 == 0o600


def test_csv_import_works_like_json(run_cli: Run, made_vault: Path, tmp_path: Path) -> None:
    checkins = synthetic_checkins(40, end=date(2026, 11, 20), seed=3)
    source = tmp_path / "in.csv"
    source.write_text(checkins_to_csv(checkins), encoding="utf-8")
    assert run_cli("import", str(source), "--passphrase-stdin", stdin=LINE).code == 0
    with Vault.open(made_vault, PASSPHRASE) as vault:
        assert CheckInRepository(vault).list_between(newest_first=False) == checkins


def test_a_bad_import_names_each_record_and_writes_nothing(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    records = json.loads(checkins_to_json(synthetic_checkins(20, end=date(2026, 11, 20))))
    records["checkins"][3]["mood"] = "good"
    records["checkins"][11]["sleep_hours"] = -2
    records["checkins"][11]["exposures"] = ["not_a_tag"]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    before = snapshot(made_vault)
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert "record 3: mood" in result.stderr
    assert "record 11: sleep_hours" in result.stderr
    assert "record 11: exposures" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("wellbeing-app: 2 records have")
    assert snapshot(made_vault) == before


def test_importing_the_same_file_twice_skips_every_check_in_and_says_so(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.json"
    source.write_text(checkins_to_json(synthetic_checkins(5, end=date(2026, 11, 20))))
    assert run_cli("import", str(source), "--passphrase-stdin", stdin=LINE).code == 0
    again = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert again.code == 0, again.stderr
    assert again.stdout.strip() == (
        f"Imported 0 check-ins from {source}; 5 were already in the vault and were skipped."
    )
    with Vault.open(made_vault, PASSPHRASE) as vault:
        assert CheckInRepository(vault).count() == 5


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.json", b""),
        ("truncated.json", b'{"format": "took-home-checkins", "version": 1, "checkins": [{"da'),
        ("noise.json", bytes(range(256)) * 4),
        ("v3.json", b'{"format": "took-home-checkins", "version": 3, "checkins": []}'),
        ("utf16.csv", "date,mood\r\n2026-11-20,3\r\n".encode("utf-16")),
    ],
)
def test_an_unreadable_import_file_is_damage_and_writes_nothing(
    run_cli: Run, made_vault: Path, tmp_path: Path, name: str, content: bytes
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = snapshot(made_vault)
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    _assert_clean_error(result, 4)
    assert "nothing was imported" in result.stderr
    assert snapshot(made_vault) == before


def test_import_of_a_missing_file_fails_cleanly(run_cli: Run, made_vault: Path) -> None:
    _assert_clean_error(
        run_cli("import", "/nonexistent/in.json", "--passphrase-stdin", stdin=LINE), 1
    )


def test_wrong_passphrase_exits_3_and_changes_no_byte(run_cli: Run, made_vault: Path) -> None:
    before = snapshot(made_vault)
    for command in (["check"], ["export", "-o", "-"]):
        result = run_cli(*command, "--passphrase-stdin", stdin="not my passphrase\n")
        _assert_clean_error(result, 3)
        assert result.stdout == ""
    assert snapshot(made_vault) == before


def test_an_emptied_database_exits_4_with_one_line(run_cli: Run, made_vault: Path) -> None:
    (made_vault / paths.DATABASE_NAME).write_bytes(b"")
    before = snapshot(made_vault)
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    _assert_clean_error(result, 4)
    assert "empty" in result.stderr
    assert snapshot(made_vault) == before


def test_a_damaged_page_is_found_by_check(run_cli: Run, made_vault: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(checkins_to_json(synthetic_checkins(200, end=date(2026, 11, 20))))
    assert run_cli("import", str(source), "--passphrase-stdin", stdin=LINE).code == 0
    db = made_vault / paths.DATABASE_NAME
    raw = bytearray(db.read_bytes())
    assert len(raw) > 8 * 4096
    raw[5 * 4096 + 100] ^= 0xFF  # one flipped bit pattern inside an encrypted page
    db.write_bytes(bytes(raw))
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    _assert_clean_error(result, 4)
    assert "damaged" in result.stderr


def test_check_on_a_healthy_vault(run_cli: Run, made_vault: Path) -> None:
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert "intact" in result.stdout


def test_a_log_that_cannot_be_written_never_fails_a_command(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    (made_vault / "logs").write_text("")  # a file where the log folder should be
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    out = tmp_path / "out.json"
    result = run_cli("export", "-o", str(out), "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert out.exists() and result.stderr == ""


def test_no_vault_yet_is_a_clear_failure(run_cli: Run, data_dir: Path) -> None:
    result = run_cli("check", "--passphrase-stdin", stdin=LINE)
    _assert_clean_error(result, 1)
    assert "init" in result.stderr


def test_help_lists_every_command(run_cli: Run) -> None:
    # With no command at all the desktop app opens (see tests/ui/test_startup.py).
    result = run_cli("--help")
    assert result.code == 0
    for command in ("init", "import", "export", "check"):
        assert command in result.stdout


def test_usage_errors_exit_2_in_one_line(run_cli: Run) -> None:
    _assert_clean_error(run_cli("frobnicate"), 2)
    _assert_clean_error(run_cli("export", "--passphrase-stdin"), 2)  # no -o


def test_the_environment_variable_picks_the_data_dir(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "from-env"
    Vault.create(folder, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    monkeypatch.setenv("WELLBEING_APP_DATA_DIR", str(folder))
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "check", "--passphrase-stdin"],
        input=LINE.encode(),
        capture_output=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_search_on_2000_entries_returns_exactly_the_planted_matches(
    run_cli: Run, made_vault: Path
) -> None:
    import dataclasses

    checkins = synthetic_checkins(2000, end=date(2026, 11, 20), seed=9)
    planted = {5, 77, 640, 1999, 1200}
    checkins = [
        dataclasses.replace(c, took_home=f"{c.took_home or ''} the kestrel over the ring road")
        if i in planted
        else c
        for i, c in enumerate(checkins)
    ]
    with Vault.open(made_vault, PASSPHRASE) as vault:
        CheckInRepository(vault).add_many(checkins)
    result = run_cli("search", "Kestrel", "--json", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    found = json.loads(result.stdout)
    expected = sorted((checkins[i] for i in planted), key=lambda c: c.date, reverse=True)
    assert found == [{"id": c.id, "date": c.date.isoformat()} for c in expected]

    plain = run_cli("search", "kestrel ring", "--passphrase-stdin", stdin=LINE)
    assert plain.code == 0
    assert "5 check-ins found." in plain.stdout


def test_search_with_no_match_is_exit_0_and_an_empty_list(run_cli: Run, made_vault: Path) -> None:
    result = run_cli("search", 'NEAR( "AND* zebra', "--json", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == []
    result = run_cli("search", "zebra", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0 and "No check-ins match" in result.stdout


def test_each_match_is_one_line_with_the_first_line_of_what_was_written(
    run_cli: Run, made_vault: Path
) -> None:
    import dataclasses

    from wellbeing_app.domain.catalogue import ShiftType

    base = synthetic_checkins(4, end=date(2026, 11, 20), seed=13)
    texts = [
        "\n\n   kestrel first, after blank lines\nand a second line",
        "kestrel " + "x" * 100,  # cut at 60 characters
        "\u2028 kestrel\u2029 after a Unicode line break",
        None,  # found by its tag alone: no text to show
    ]
    checkins = [
        dataclasses.replace(
            c,
            took_home=text,
            tags=("kestrel",) if text is None else (),
            shift_type=ShiftType.NIGHT if i == 0 else None,
            mood=i + 1,
        )
        for i, (c, text) in enumerate(zip(base, texts, strict=True))
    ]
    with Vault.open(made_vault, PASSPHRASE) as vault:
        CheckInRepository(vault).add_many(checkins)
    result = run_cli("search", "kestrel", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "4 check-ins found."
    by_date = dict(zip([c.date.isoformat() for c in checkins], checkins, strict=True))
    shown = {line[:10]: line for line in lines[:-1]}
    assert set(shown) == set(by_date)
    first, cut, unicode_break, tag_only = (shown[c.date.isoformat()] for c in checkins)
    assert first.endswith("kestrel first, after blank lines")
    assert first[10:].startswith("  Night     mood ")
    assert cut.endswith(("kestrel " + "x" * 100)[:60]) and len(cut.split(" mood ")[1]) < 80
    assert unicode_break.endswith(" kestrel") and "\u2029" not in unicode_break
    assert tag_only[10:].startswith("  -         mood ") and tag_only == tag_only.rstrip()


def test_words_in_quotes_find_only_that_phrase(run_cli: Run, made_vault: Path) -> None:
    import dataclasses

    checkins = synthetic_checkins(60, end=date(2026, 11, 20), seed=11)
    phrase = {3, 20, 41}  # the words side by side
    apart = {7, 33}  # both words, but not together
    texts = {i: "Drank my cold tea at the desk." for i in phrase}
    texts |= {i: "A cold wind, and tea later with the team." for i in apart}
    checkins = [
        dataclasses.replace(c, took_home=texts.get(i, "Nothing of note."))
        for i, c in enumerate(checkins)
    ]
    with Vault.open(made_vault, PASSPHRASE) as vault:
        CheckInRepository(vault).add_many(checkins)

    def found(query: str) -> set[str]:
        result = run_cli("search", query, "--json", "--passphrase-stdin", stdin=LINE)
        assert result.code == 0, result.stderr
        return {hit["id"] for hit in json.loads(result.stdout)}

    assert found('"cold tea"') == {checkins[i].id for i in phrase}
    assert found("cold tea") == {checkins[i].id for i in phrase | apart}
    newest = run_cli("search", '"cold tea"', "--limit", "2", "--passphrase-stdin", stdin=LINE)
    assert newest.code == 0, newest.stderr
    assert "2 check-ins found." in newest.stdout
    assert newest.stdout.count("Drank my cold tea") == 2


def test_a_large_export_streams_to_the_same_bytes_and_imports_back_whole(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    checkins = synthetic_checkins(2600, end=date(2026, 11, 20), seed=12)  # several batches
    with Vault.open(made_vault, PASSPHRASE) as vault:
        CheckInRepository(vault).add_many(checkins)
    out_file = tmp_path / "all.json"
    result = run_cli(
        "export", "--format", "json", "-o", str(out_file), "--passphrase-stdin", stdin=LINE
    )
    assert result.code == 0, result.stderr
    assert out_file.read_text(encoding="utf-8") == checkins_to_json(checkins)
    stdout = run_cli("export", "--format", "csv", "-o", "-", "--passphrase-stdin", stdin=LINE)
    assert stdout.stdout == checkins_to_csv(checkins)

    other = tmp_path / "other"
    Vault.create(other, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    result = run_cli("import", str(out_file), "--passphrase-stdin", stdin=LINE, data=other)
    assert result.code == 0, result.stderr
    with Vault.open(other, PASSPHRASE) as vault:
        assert CheckInRepository(vault).list_between(newest_first=False) == checkins


def test_a_bad_record_after_many_good_ones_leaves_the_vault_as_it_was(
    run_cli: Run, made_vault: Path, tmp_path: Path
) -> None:
    records = json.loads(checkins_to_json(synthetic_checkins(2600, end=date(2026, 11, 20))))
    records["checkins"][2555]["mood"] = 7  # after two batches have gone in
    source = tmp_path / "late.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    before = snapshot(made_vault)
    result = run_cli("import", str(source), "--passphrase-stdin", stdin=LINE)
    assert result.code == 1, result.stderr
    assert "record 2555: mood" in result.stderr
    assert snapshot(made_vault) == before
