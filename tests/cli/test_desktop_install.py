"""``desktop install`` puts the app in the menu; ``desktop uninstall`` takes exactly that away."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from wellbeing_app.cli import build_parser
from wellbeing_app.cli_docs import bash_completion, manual_page
from wellbeing_app.services.desktop_files import APP_ID, data_home, desktop_entry


def desktop(action: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "desktop", action],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env=env,
    )


def every_file(folder: Path) -> set[str]:
    """Every file under ``folder`` but the caches the desktop's own tools keep up to date."""
    caches = {"mimeinfo.cache", "icon-theme.cache"}
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and p.name not in caches
    }


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_install_writes_the_menu_entry_icons_manual_and_completion_and_uninstall_removes_them(
    tmp_path: Path,
) -> None:
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "someone-else.desktop").write_text("[Desktop Entry]\n")
    before = every_file(home)

    done = desktop("install", home)
    assert done.returncode == 0, done.stderr
    written = every_file(home) - before
    assert {
        f"applications/{APP_ID}.desktop",
        f"metainfo/{APP_ID}.metainfo.xml",
        "icons/hicolor/scalable/apps/took-home.svg",
        "man/man1/wellbeing-app.1",
        "bash-completion/completions/wellbeing-app",
        "took-home/desktop-files.json",
    } | {f"icons/hicolor/{n}x{n}/apps/took-home.png" for n in (48, 64, 128, 256, 512)} <= written
    for n in (48, 64, 128, 256, 512):
        assert png_size(home / f"icons/hicolor/{n}x{n}/apps/took-home.png") == (n, n)
    entry = (home / "applications" / f"{APP_ID}.desktop").read_text("utf-8")
    exec_line = next(line for line in entry.splitlines() if line.startswith("Exec="))
    assert exec_line != "Exec=wellbeing-app"  # a venv's script: the full command
    assert "wellbeing_app" in exec_line or exec_line.endswith("wellbeing-app")
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(home / "applications" / f"{APP_ID}.desktop")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    assert desktop("install", home).returncode == 0  # again: the same files, replaced

    done = desktop("uninstall", home)
    assert done.returncode == 0, done.stderr
    assert every_file(home) == before
    assert sorted(p.name for p in home.iterdir()) == ["applications"]
    assert desktop("uninstall", home).stdout.strip() == "nothing to remove"


def test_the_xdg_data_folder_follows_the_environment(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert data_home({"XDG_DATA_HOME": "relative/path", "HOME": str(tmp_path)}) == (
        tmp_path / ".local" / "share"
    )


def test_the_menu_entry_starts_this_install() -> None:
    text = desktop_entry("[Desktop Entry]\nName=Took Home\nExec=wellbeing-app\n", "/opt/x/bin/w")
    assert text == "[Desktop Entry]\nName=Took Home\nExec=/opt/x/bin/w\n"


def test_the_manual_page_names_every_command_and_option_the_parser_has() -> None:
    parser = build_parser()
    page = manual_page(parser)
    assert page.startswith(".TH WELLBEING-APP 1 ")
    for name in ("init", "import", "export", "backup", "restore", "report", "desktop"):
        assert f".SS {name}" in page
    assert "\\-\\-passphrase\\-stdin" in page and "\\-\\-include\\-text" in page
    if shutil.which("man"):
        shown = subprocess.run(
            ["man", "-l", "-"],
            input=page,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": ""},
        )
        assert shown.returncode == 0 and "--passphrase-stdin" in shown.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash")
def test_the_completion_offers_commands_then_each_commands_options(tmp_path: Path) -> None:
    script = tmp_path / "completion.bash"
    script.write_text(bash_completion(build_parser()), "utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(["wellbeing-app", *words])
        probe = (
            f"source {script}; COMP_WORDS=(wellbeing-app {' '.join(words)}); "
            f"COMP_CWORD={len(words)}; COMP_LINE='{line}'; _wellbeing_app; "
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        return [w for w in done.stdout.splitlines() if w]

    assert complete("re") == ["restore", "report"]
    assert complete("desktop", "") == ["install", "uninstall"]
    assert "--include-text" in complete("report", "--")
    assert complete("import", "") == []  # a FILE: bash offers file names
