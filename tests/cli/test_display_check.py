"""Where Qt would abort for want of a library or a screen, one line says what to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT
from wellbeing_app.ui import display_check
from wellbeing_app.ui.display_check import display_problem, missing_libraries, xcb_plugin

PLUGIN = Path("/qt/plugins/platforms/libqxcb.so")
X = {"DISPLAY": ":0"}


def loader_without(*absent: str) -> display_check.Loader:
    """A dlopen that fails for the plugin and for each library in ``absent``."""

    def load(name: str) -> None:
        if name == str(PLUGIN) or name in absent:
            raise OSError(f"{absent[0] if absent else 'x'}: cannot open shared object file")

    return load


def apt(name: str) -> str | None:
    return "/usr/bin/apt-get" if name == "apt-get" else None


def test_the_missing_libraries_are_named_with_their_debian_packages() -> None:
    problem = display_problem(
        X,
        plugin=PLUGIN,
        load=loader_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1"),
        which=apt,
        platform="linux",
    )
    assert problem == (
        "the window cannot open: this system lacks libraries that Qt needs "
        "(libxcb-icccm.so.4, libxcb-keysyms.so.1). "
        "Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    )
    assert "\n" not in problem


def test_on_fedora_the_dnf_packages_are_named_once_each() -> None:
    def dnf(name: str) -> str | None:
        return "/usr/bin/dnf" if name == "dnf" else None

    problem = display_problem(
        X,
        plugin=PLUGIN,
        load=loader_without("libxcb-shape.so.0", "libxcb-xkb.so.1", "libxcb-cursor.so.0"),
        which=dnf,
        platform="linux",
    )
    assert problem is not None
    assert problem.endswith("sudo dnf install xcb-util-cursor libxcb")


def test_with_no_package_tool_known_both_lines_are_given() -> None:
    problem = display_problem(
        X,
        plugin=PLUGIN,
        load=loader_without("libxcb-icccm.so.4"),
        which=lambda _n: None,
        platform="linux",
    )
    assert problem is not None
    assert "sudo apt-get install libxcb-icccm4 (Debian, Ubuntu)" in problem
    assert "sudo dnf install xcb-util-wm (Fedora)" in problem


def test_a_library_outside_the_list_is_named_from_the_loaders_message() -> None:
    def load(name: str) -> None:
        if name == str(PLUGIN):
            raise OSError("libxcb-new-thing.so.2: cannot open shared object file: No such file")

    assert missing_libraries(PLUGIN, load) == ["libxcb-new-thing.so.2"]


def test_nothing_is_said_when_the_plugin_loads() -> None:
    assert display_problem(X, plugin=PLUGIN, load=lambda _n: None, platform="linux") is None


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"},
        {"WAYLAND_DISPLAY": "wayland-0"},
    ],
)
def test_other_platforms_are_not_checked(environ: dict[str, str]) -> None:
    assert display_problem(environ, plugin=PLUGIN, load=loader_without(), platform="linux") is None


def test_other_systems_are_not_checked() -> None:
    assert display_problem({}, plugin=PLUGIN, load=loader_without(), platform="darwin") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's xcb plugin")
def test_the_installed_plugin_is_found_and_loads_here() -> None:
    """The real check on this machine: PySide6's plugin, loaded by the real dlopen."""
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert missing_libraries(plugin) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's xcb plugin")
def test_without_a_screen_the_app_says_so_in_one_line_instead_of_aborting(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "wellbeing_app", "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        timeout=60,
        cwd=REPO_ROOT,
        env=env,
    )
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert stderr.count("\n") == 1 and "DISPLAY is not set" in stderr
    assert "Traceback" not in stderr
    assert not (tmp_path / "data").exists()  # nothing made before the check
