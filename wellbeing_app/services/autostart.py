""" "Start Took Home when I log in": an XDG autostart entry, written on opt-in and removed after.

The entry lives in ``$XDG_CONFIG_HOME/autostart`` (else ``~/.config/autostart``),
the one place desktops look (the XDG Autostart specification). It starts
this very install on this data folder, locked, in the tray. It holds no
data: a name, a command and a folder path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.services.desktop_files import APP_ID, ICON_NAME, quoted, this_command

ENTRY_NAME: Final = f"{APP_ID}.desktop"
IN_TRAY_OPTION: Final = "--in-tray"


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    """The XDG config folder: ``$XDG_CONFIG_HOME`` if it is an absolute path, else ~/.config."""
    env = os.environ if environ is None else environ
    given = env.get("XDG_CONFIG_HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    return Path(env.get("HOME") or Path.home()) / ".config"


def autostart_file(environ: Mapping[str, str] | None = None) -> Path:
    return config_home(environ) / "autostart" / ENTRY_NAME


def autostart_entry(folder: Path, command: str | None = None) -> str:
    """The entry's text: this install, this data folder, started locked in the tray."""
    run = command if command is not None else this_command()
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Took Home\n"
        "Comment=Starts Took Home locked, in the tray, for end-of-shift reminders\n"
        f"Exec={run} --data-dir {quoted(str(folder))} {IN_TRAY_OPTION}\n"
        f"Icon={ICON_NAME}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def start_at_login(folder: Path, *, command: str | None = None) -> Path:
    """Write the autostart entry (again, if it is there); its path."""
    target = autostart_file()
    target.parent.mkdir(parents=True, exist_ok=True)  # the user's own config folder
    paths.write_atomically(target, autostart_entry(folder, command).encode("utf-8"))
    return target


def stop_starting_at_login() -> bool:
    """Remove the autostart entry; True if there was one."""
    target = autostart_file()
    if not (target.is_file() or target.is_symlink()):
        return False
    target.unlink()
    return True


def starts_at_login() -> bool:
    return autostart_file().is_file()
