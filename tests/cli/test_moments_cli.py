"""Moments on the command line: ``export`` carries them, ``import`` takes them or refuses
the whole file naming the record and field."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.support import FAST_KDF, PASSPHRASE, CliResult, snapshot
from wellbeing_app.domain.aftershift import Moment, moment_to_record
from wellbeing_app.services.session import Session

Run = Callable[..., CliResult]
LINE = PASSPHRASE + "\n"
MOMENT = Moment(datetime(2026, 12, 6, 8, 15, tzinfo=UTC), "grounding", 7, 4)


def test_export_to_stdout_carries_the_moments(run_cli: Run, data_dir: Path) -> None:
    session, _ = Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)
    session.save_moment(MOMENT)
    session.lock()
    result = run_cli("export", "--format", "json", "-o", "-", "--passphrase-stdin", stdin=LINE)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["moments"] == [moment_to_record(MOMENT)]


def test_import_takes_moments_and_refuses_a_bad_one_by_index_and_field(
    run_cli: Run, data_dir: Path, tmp_path: Path
) -> None:
    Session.create(data_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    good = moment_to_record(MOMENT)
    bad = {**good, "id": None, "distress_after": 11}
    document = {"format": "took-home-checkins", "version": 2, "checkins": [], "moments": [good]}
    ok_file = tmp_path / "ok.json"
    ok_file.write_text(json.dumps(document), "utf-8")
    bad_file = tmp_path / "bad.json"
    bad_file.write_text(json.dumps({**document, "moments": [good, bad]}), "utf-8")

    before = snapshot(data_dir)
    refused = run_cli("import", str(bad_file), "--passphrase-stdin", stdin=LINE)
    assert refused.code == 1
    assert "moment 1: distress_after: 11 is not a whole number from 0 to 10" in refused.stderr
    assert snapshot(data_dir) == before  # nothing written
    taken = run_cli("import", str(ok_file), "--passphrase-stdin", stdin=LINE)
    assert taken.code == 0, taken.stderr
    with Session.open(data_dir, PASSPHRASE) as session:
        assert session.moments() == [MOMENT]
