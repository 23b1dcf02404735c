"""A real wheel: it carries resources/ and the wellbeing-app command, and works installed."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from wellbeing_app.resource_files import read_resource_bytes, resource

DESKTOP_SOURCES = REPO_ROOT / "resources" / "desktop"
DESKTOP = DESKTOP_SOURCES / "io.github.took_home.TookHome.desktop"
METAINFO = DESKTOP_SOURCES / "io.github.took_home.TookHome.metainfo.xml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # Build from a copy so the working tree gets no build/ or egg-info folders.
    source = build / "src"
    shutil.copytree(
        REPO_ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv*",
            ".ci-venv",
            ".git",
            "build",
            "*.egg-info",
            "__pycache__",
            ".pytest_cache",
            ".mypy_cache",
            ".ruff_cache",
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("wellbeing_app-*.whl")
    return found


def test_wheel_ships_resources_and_the_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        entries = archive.read(entry_points).decode()
    assert "wellbeing_app/resources/icons/took-home.svg" in names
    assert "wellbeing_app/resources/support/uk.json" in names
    assert "wellbeing_app/resources/selfchecks/forms.json" in names
    assert f"wellbeing_app/resources/desktop/{DESKTOP.name}" in names
    assert not any(n.startswith("resources/") for n in names)
    assert "wellbeing_app/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)
    assert "wellbeing-app = wellbeing_app.__main__:main" in entries


def test_installed_wheel_finds_its_resources_and_runs(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import wellbeing_app, pathlib; "
        "from wellbeing_app.resource_files import read_resource_bytes; "
        "print(wellbeing_app.__file__); "
        "print(len(read_resource_bytes('icons', 'took-home.svg')))\n"
        "from wellbeing_app.services.support import load_catalogue; "
        "assert load_catalogue().by_id('samaritans').phone == '116 123'"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    where, size = done.stdout.split()
    assert Path(where).is_relative_to(target)  # the installed copy, not the source tree
    assert int(size) > 200
    help_run = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert help_run.returncode == 0 and "init" in help_run.stdout


def test_the_wellbeing_app_command_is_on_the_venv_path() -> None:
    command = Path(sys.executable).parent / "wellbeing-app"
    assert command.exists(), "install the project (pip install .) to get the command"
    done = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.startswith("wellbeing-app ")


def test_resources_are_found_from_the_source_tree_too() -> None:
    assert resource("icons", "took-home.svg").is_file()
    assert read_resource_bytes("icons", "took-home.svg").startswith(b"<svg")


def test_desktop_file_and_metainfo_are_well_formed() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(DESKTOP)
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "wellbeing-app"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Utility;"  # one main category: listed once in a menu
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == "io.github.took_home.TookHome"
    assert metainfo.findtext("provides/binary") == "wellbeing-app"


def test_the_metainfo_has_this_release_a_content_rating_and_the_committed_screenshots() -> None:
    from wellbeing_app import __version__

    metainfo = ET.parse(METAINFO).getroot()
    assert [r.get("version") for r in metainfo.iter("release")][0] == __version__
    assert metainfo.find("content_rating").get("type") == "oars-1.1"  # type: ignore[union-attr]
    assert metainfo.findtext("url[@type='homepage']", "").startswith("https://")
    images = [image.text or "" for image in metainfo.iter("image")]
    assert images
    for address in images:
        name = address.rsplit("/docs/screenshots/", 1)[1]
        assert (REPO_ROOT / "docs" / "screenshots" / name).is_file(), name


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == "", done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_the_metainfo_passes_appstreamcli_with_no_warnings() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    findings = [line for line in done.stdout.splitlines() if line[:2] in {"E:", "W:", "I:"}]
    assert findings == []


def test_every_screenshot_the_readme_shows_is_committed_and_every_screen_is_at_three_sizes() -> (
    None
):
    import re

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\(docs/screenshots/([^)]+\.png)\)", readme))
    folder = REPO_ROOT / "docs" / "screenshots"
    assert shown and all((folder / name).is_file() for name in shown)
    screens = {
        name.removesuffix(".png")
        for name in shown
        if re.fullmatch(r"[a-z-]+-(light|dark)\.png", name)
    }
    for screen in screens:
        for size in ("800x600", "1280x800"):
            assert f"{screen}-{size}.png" in shown, (screen, size)
