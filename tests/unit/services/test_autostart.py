"""The XDG autostart entry: written under $XDG_CONFIG_HOME on opt-in, removed when switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from wellbeing_app.services.autostart import (
    ENTRY_NAME,
    autostart_entry,
    autostart_file,
    config_home,
    start_at_login,
    starts_at_login,
    stop_starting_at_login,
)
from wellbeing_app.services.desktop_files import quoted


def test_the_entry_goes_under_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "my-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    folder = tmp_path / "data with space"
    assert not starts_at_login()
    written = start_at_login(folder, command=quoted("/opt/took home/bin/wellbeing-app"))
    assert written == config / "autostart" / ENTRY_NAME
    assert starts_at_login()
    text = written.read_text("utf-8")
    assert text.startswith("[Desktop Entry]\nType=Application\n")
    assert f'--data-dir "{folder}" --in-tray' in text
    assert 'Exec="/opt/took home/bin/wellbeing-app" --data-dir' in text
    assert written.stat().st_mode & 0o777 == 0o600
    start_at_login(folder, command="wellbeing-app")  # again: replaced, not doubled
    assert written.read_text("utf-8").count("[Desktop Entry]") == 1
    assert stop_starting_at_login()
    assert not written.exists() and not starts_at_login()
    assert not stop_starting_at_login()  # already off
    assert (config / "autostart").is_dir()  # the desktop's folder stays


def test_without_xdg_config_home_it_is_under_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart_file() == tmp_path / ".config" / "autostart" / ENTRY_NAME
    assert config_home({"XDG_CONFIG_HOME": "relative/path", "HOME": "/home/x"}) == Path(
        "/home/x/.config"
    )


def test_the_entry_names_no_data() -> None:
    text = autostart_entry(Path("/data"), command="wellbeing-app")
    lines = text.splitlines()
    assert {line.split("=", 1)[0] for line in lines[1:]} == {
        "Type",
        "Name",
        "Comment",
        "Exec",
        "Icon",
        "Terminal",
        "X-GNOME-Autostart-enabled",
    }


def test_the_entry_starts_the_app_with_options_the_command_line_knows() -> None:
    import shlex

    from wellbeing_app.cli import build_parser

    text = autostart_entry(Path("/data/took home"), command="wellbeing-app")
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    words = shlex.split(exec_line.removeprefix("Exec="))
    args = build_parser().parse_args(words[1:])
    assert args.in_tray and args.data_dir == "/data/took home" and args.command is None
