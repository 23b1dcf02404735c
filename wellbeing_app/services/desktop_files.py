"""``wellbeing-app desktop install | uninstall``: the menu entry, icons, manual and completion.

For a pip install, which puts none of these where a desktop looks. Files go
into the user's XDG data folder (``$XDG_DATA_HOME``, else
``~/.local/share``); a small list of what was written is kept beside them,
so uninstall removes exactly those files (and only the folders install
made, once empty), never anything else. Nothing here touches the vault.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

APP_ID: Final = "io.github.took_home.TookHome"
ICON_NAME: Final = "took-home"
MANIFEST: Final = Path("took-home") / "desktop-files.json"


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """The XDG data folder: ``$XDG_DATA_HOME`` if it is an absolute path, else ~/.local/share."""
    env = os.environ if environ is None else environ
    given = env.get("XDG_DATA_HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def desktop_entry(source: str, command: str) -> str:
    """The shipped .desktop text with ``Exec`` set to the command that starts this install."""
    lines = []
    for line in source.splitlines():
        lines.append(f"Exec={command}" if line.startswith("Exec=") else line)
    return "\n".join(lines) + "\n"


def planned_files(
    *,
    desktop: str,
    metainfo: bytes,
    svg: bytes,
    pngs: Mapping[int, bytes],
    manual: str,
    completion: str,
) -> dict[Path, bytes]:
    """Every file install writes, by its path under the data folder."""
    files = {
        Path("applications") / f"{APP_ID}.desktop": desktop.encode("utf-8"),
        Path("metainfo") / f"{APP_ID}.metainfo.xml": metainfo,
        Path("icons/hicolor/scalable/apps") / f"{ICON_NAME}.svg": svg,
        Path("man/man1/wellbeing-app.1"): manual.encode("utf-8"),
        Path("bash-completion/completions/wellbeing-app"): completion.encode("utf-8"),
    }
    for size, png in sorted(pngs.items()):
        files[Path(f"icons/hicolor/{size}x{size}/apps") / f"{ICON_NAME}.png"] = png
    return files


@dataclass(frozen=True)
class Installed:
    written: list[Path]
    refreshed: list[str]  # the desktop's caches brought up to date


Runner = Callable[[list[str]], object]


def _run_quietly(command: list[str]) -> object:
    return subprocess.run(command, capture_output=True, timeout=60, check=False)


def install(files: Mapping[Path, bytes], home: Path, run: Runner = _run_quietly) -> Installed:
    """Write ``files`` under ``home`` and refresh the icon and menu caches where the tools exist.

    Installing again replaces the same files; the list of what was written
    is kept so that uninstall removes exactly them.
    """
    home.mkdir(parents=True, exist_ok=True)  # the user's own data folder: kept
    previous = _read_manifest(home)
    made_dirs = set(previous.get("dirs", []))
    written = []
    for relative, content in files.items():
        target = home / relative
        for parent in reversed(target.relative_to(home).parents):
            folder = home / parent
            if parent != Path(".") and not folder.exists():
                folder.mkdir()
                made_dirs.add(str(parent))
        temp = target.with_name(f".{target.name}.new")
        temp.write_bytes(content)
        os.replace(temp, target)
        written.append(target)
    manifest = home / MANIFEST
    if not manifest.parent.exists():
        manifest.parent.mkdir(parents=True)
        made_dirs.add(str(MANIFEST.parent))
    keep = sorted({*previous.get("files", []), *(str(p) for p in files)})
    manifest.write_text(
        json.dumps({"files": keep, "dirs": sorted(made_dirs)}, indent=1) + "\n", "utf-8"
    )
    return Installed(written, _refresh(home, run))


def uninstall(home: Path, run: Runner = _run_quietly) -> list[Path]:
    """Remove what install wrote, and the folders it made once empty; returns the files removed."""
    manifest = _read_manifest(home)
    removed = []
    for relative in manifest.get("files", []):
        target = home / relative
        if target.is_file() or target.is_symlink():
            target.unlink()
            removed.append(target)
    (home / MANIFEST).unlink(missing_ok=True)
    made = sorted(manifest.get("dirs", []), key=lambda d: d.count("/"), reverse=True)
    for relative in made:
        folder = home / relative
        if not folder.is_dir():
            continue
        for cache in _CACHES:  # what the desktop's tools made from our files alone
            if [entry.name for entry in folder.iterdir()] == [cache]:
                (folder / cache).unlink()
        if not any(folder.iterdir()):
            folder.rmdir()
    if removed:
        _refresh(home, run)
    return removed


# Written by gtk-update-icon-cache and update-desktop-database into the folders they index.
_CACHES: Final = ("icon-theme.cache", "mimeinfo.cache")


def _read_manifest(home: Path) -> dict[str, list[str]]:
    try:
        raw = json.loads((home / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        key: [str(item) for item in raw.get(key, []) if _inside(str(item))]
        for key in ("files", "dirs")
    }


def _inside(relative: str) -> bool:
    """A manifest entry stays under the data folder: no absolute paths, no '..'."""
    path = Path(relative)
    return not path.is_absolute() and ".." not in path.parts


def _refresh(home: Path, run: Runner) -> list[str]:
    done = []
    icons = home / "icons" / "hicolor"
    if shutil.which("gtk-update-icon-cache") and icons.is_dir():
        run(["gtk-update-icon-cache", "--force", "--ignore-theme-index", str(icons)])
        done.append("gtk-update-icon-cache")
    applications = home / "applications"
    if shutil.which("update-desktop-database") and applications.is_dir():
        run(["update-desktop-database", str(applications)])
        done.append("update-desktop-database")
    return done
