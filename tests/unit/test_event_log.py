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
