"""The event log can only hold known events with numbers: never text."""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_app.event_log import record, start_event_log


def test_only_known_events_with_numbers(tmp_path: Path) -> None:
    start_event_log(tmp_path)
    record("import done", count=3)
    with pytest.raises(ValueError):
        record("the suspect's name is …")
    with pytest.raises(TypeError):
        record("import done", reflection="some words")  # type: ignore[arg-type]
    text = (tmp_path / "logs" / "events.log").read_text()
    assert text.endswith("import done (count=3)\n")
    assert "suspect" not in text and "some words" not in text


def test_nothing_is_written_before_the_log_is_started(tmp_path: Path) -> None:
    record("check-in saved")
    assert not (tmp_path / "logs").exists()


def test_the_log_rotates_into_three_older_files_each_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_app import event_log

    monkeypatch.setattr(event_log, "MAX_BYTES", 200)
    start_event_log(tmp_path)
    for count in range(40):
        record("import done", count=count)
    logs = tmp_path / "logs"
    names = sorted(p.name for p in logs.iterdir())
    assert names == ["events.log", "events.log.1", "events.log.2", "events.log.3"]
    for path in logs.iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
        assert 0 < path.stat().st_size < 200
    newest = (logs / "events.log").read_text().splitlines()
    older = (logs / "events.log.1").read_text().splitlines()
    assert newest[-1].endswith("import done (count=39)")
    assert older[-1].endswith(f"(count={39 - len(newest)})")


def test_no_logging_module_is_loaded_to_write_the_log(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; "
        "from wellbeing_app.event_log import record, start_event_log; "
        f"start_event_log(Path({str(tmp_path)!r})); record('check passed'); "
        "print('logging' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "logs" / "events.log").read_text().endswith("check passed\n")
