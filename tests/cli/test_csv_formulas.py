"""`export --format csv` is safe to open in a spreadsheet, and `import` gives it back whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from tests.support import FAST_KDF, PASSPHRASE, CliResult
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.interchange import FORMULA_TRIGGERS, checkins_from_json, checkins_to_json
from wellbeing_app.storage.vault import Vault

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
NOW = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
HYPERLINK = '=HYPERLINK("http://x","click for your rota")'

CHECKINS = [
    CheckIn(date=date(2026, 11, 18), mood=2, took_home=HYPERLINK, created_at=NOW, updated_at=NOW),
    CheckIn(
        date=date(2026, 11, 19),
        mood=3,
        took_home="'=already has an apostrophe",
        good_thing="+1 for the sergeant",
        tags=("@court", "-nights"),
        sleep_hours=5.5,
        created_at=NOW,
        updated_at=NOW,
    ),
    CheckIn(
        date=date(2026, 11, 20), mood=4, took_home="\tindented", created_at=NOW, updated_at=NOW
    ),
]


def test_a_formula_in_a_reflection_is_exported_as_text_and_imported_back(
    run_cli: Run, data_dir: Path, tmp_path: Path
) -> None:
    Vault.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    source = tmp_path / "in.json"
    source.write_text(checkins_to_json(CHECKINS), encoding="utf-8")
    assert run_cli("import", str(source), "--passphrase-stdin", stdin=LINE).code == 0

    sheet = tmp_path / "for-excel.csv"
    exported = run_cli(
        "export", "--format", "csv", "-o", str(sheet), "--passphrase-stdin", stdin=LINE
    )
    assert exported.code == 0, exported.stderr

    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"), newline="")))
    assert [row["took_home"] for row in rows] == [
        "'" + HYPERLINK,
        "''=already has an apostrophe",
        "'\tindented",
    ]
    assert rows[1]["good_thing"] == "'+1 for the sergeant"
    assert rows[1]["tags"] == "'@court;-nights"
    assert rows[1]["sleep_hours"] == "5.5"
    assert not [cell for row in rows for cell in row.values() if cell[:1] in FORMULA_TRIGGERS]

    elsewhere = tmp_path / "second-vault"
    Vault.create(elsewhere, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    imported = run_cli("import", str(sheet), "--passphrase-stdin", stdin=LINE, data=elsewhere)
    assert imported.code == 0, imported.stderr
    back = run_cli(
        "export", "--format", "json", "-o", "-", "--passphrase-stdin", stdin=LINE, data=elsewhere
    )
    assert back.code == 0, back.stderr
    assert checkins_from_json(back.stdout.encode("utf-8")) == CHECKINS
