"""App preferences: how the app behaves, never what the user wrote.

Kept in ``settings.json`` in the data folder (0600), not in QSettings, so
they follow ``--data-dir`` and the demo vault never touches the real ones.
Only the fields below may ever be stored here; a test holds the file to
them. A damaged or odd file falls back to the defaults, field by field.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.domain.reminder_settings import ReminderSettings

PREFERENCES_FILE: Final = "settings.json"
IDLE_MINUTES_RANGE: Final = (1, 120)
DEFAULT_IDLE_MINUTES: Final = 5


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Preferences:
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    lock_on_minimise: bool = False
    theme: Theme = Theme.SYSTEM
    on_this_day: bool = True
    # A second place for the automatic backups ("" for none): a folder path only.
    backup_copy_folder: str = ""
    # When and how to remind: timings and choices only.
    reminders: ReminderSettings = ReminderSettings()
    # Closing the window keeps the app in the tray, locked; said once, the first time.
    keep_in_tray: bool = False
    tray_close_explained: bool = False
    # Wind down › Paced breathing: a plain countdown instead of the moving circle.
    reduce_motion: bool = False


def load_preferences(folder: Path) -> Preferences:
    """Read preferences, keeping the default for any field that is missing or wrong."""
    try:
        raw = json.loads((folder / PREFERENCES_FILE).read_bytes())
    except (OSError, ValueError, RecursionError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    prefs = Preferences()
    minutes = raw.get("idle_minutes")
    low, high = IDLE_MINUTES_RANGE
    if isinstance(minutes, int) and not isinstance(minutes, bool) and low <= minutes <= high:
        prefs = replace(prefs, idle_minutes=minutes)
    if isinstance(raw.get("lock_on_minimise"), bool):
        prefs = replace(prefs, lock_on_minimise=raw["lock_on_minimise"])
    if isinstance(raw.get("on_this_day"), bool):
        prefs = replace(prefs, on_this_day=raw["on_this_day"])
    for name in ("keep_in_tray", "tray_close_explained", "reduce_motion"):
        if isinstance(raw.get(name), bool):
            prefs = replace(prefs, **{name: raw[name]})
    prefs = replace(prefs, reminders=ReminderSettings.from_record(raw.get("reminders")))
    copy_folder = raw.get("backup_copy_folder")
    if isinstance(copy_folder, str) and len(copy_folder) <= 4096 and "\x00" not in copy_folder:
        if copy_folder == "" or Path(copy_folder).is_absolute():
            prefs = replace(prefs, backup_copy_folder=copy_folder)
    if raw.get("theme") in {t.value for t in Theme}:
        prefs = replace(prefs, theme=Theme(raw["theme"]))
    return prefs


def save_preferences(folder: Path, prefs: Preferences) -> None:
    paths.ensure_private_dir(folder)
    data = {**asdict(prefs), "theme": prefs.theme.value, "reminders": prefs.reminders.to_record()}
    paths.write_atomically(folder / PREFERENCES_FILE, (json.dumps(data, indent=2) + "\n").encode())
