"""Can Qt open a window here? Asked before the QApplication exists, so it never aborts.

On Linux, when Qt's xcb platform plugin cannot load (a fresh machine often
lacks a few small X libraries), Qt prints a misleading hint and aborts the
process (SIGABRT, exit 134). Here the plugin is loaded the way Qt would load
it; if that fails, the libraries it needs are tried one by one and the user
gets one line naming the missing system packages and the command that
installs them. Nothing here imports Qt's modules: only the plugin's file is
read, from the installed PySide6.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from importlib.util import find_spec
from pathlib import Path
from typing import Final, NamedTuple


class Library(NamedTuple):
    soname: str
    debian: str  # the package on Debian and Ubuntu
    fedora: str  # the package on Fedora


# What Qt 6's xcb plugin (libqxcb.so and libQt6XcbQpa.so.6) links against
# outside PySide6's own folder, as `ldd` lists it, with the packages that
# provide each library.
XCB_LIBRARIES: Final = (
    Library("libxcb.so.1", "libxcb1", "libxcb"),
    Library("libX11.so.6", "libx11-6", "libX11"),
    Library("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    Library("libxkbcommon.so.0", "libxkbcommon0", "libxkbcommon"),
    Library("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    Library("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    Library("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    Library("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    Library("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    Library("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    Library("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    Library("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    Library("libxcb-render.so.0", "libxcb-render0", "libxcb"),
    Library("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    Library("libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    Library("libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    Library("libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
    Library("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    Library("libEGL.so.1", "libegl1", "libglvnd-egl"),
    Library("libGL.so.1", "libgl1", "libglvnd-glx"),
    Library("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
    Library("libdbus-1.so.3", "libdbus-1-3", "dbus-libs"),
    Library("libglib-2.0.so.0", "libglib2.0-0", "glib2"),
)

_NOT_FOUND: Final = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")

Loader = Callable[[str], None]  # raises OSError when the library cannot be loaded


def _dlopen(name: str) -> None:
    ctypes.CDLL(name, mode=os.RTLD_LAZY | os.RTLD_LOCAL)


def xcb_plugin() -> Path | None:
    """The installed PySide6's xcb platform plugin, or None if there is none."""
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def platform_in_use(environ: Mapping[str, str]) -> str:
    """The platform Qt will try first: "xcb", "wayland", or whatever QT_QPA_PLATFORM names."""
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0].strip()
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def missing_libraries(plugin: Path, load: Loader = _dlopen) -> list[str]:
    """The libraries the plugin needs that will not load; empty when the plugin loads."""
    try:
        load(str(plugin))
        return []
    except OSError as error:
        first_failure = str(error)
    missing = []
    for library in XCB_LIBRARIES:
        try:
            load(library.soname)
        except OSError:
            missing.append(library.soname)
    if not missing:
        named = _NOT_FOUND.search(first_failure)
        missing.append(named.group(1) if named else plugin.name)
    return missing


def install_line(missing: list[str], which: Callable[[str], str | None] = shutil.which) -> str:
    """The command that installs the packages for ``missing`` on this system."""
    known = {library.soname: library for library in XCB_LIBRARIES}
    debian = _unique(known[name].debian if name in known else name for name in missing)
    fedora = _unique(known[name].fedora if name in known else name for name in missing)
    apt = f"sudo apt-get install {' '.join(debian)}"
    dnf = f"sudo dnf install {' '.join(fedora)}"
    if which("apt-get"):
        return apt
    if which("dnf"):
        return dnf
    return f"{apt} (Debian, Ubuntu) or {dnf} (Fedora)"


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))


def display_problem(
    environ: Mapping[str, str] | None = None,
    *,
    plugin: Path | None = None,
    load: Loader = _dlopen,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
) -> str | None:
    """One line saying why the window cannot open here, or None when it can (or cannot tell)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux") or platform_in_use(env) != "xcb":
        return None
    if not env.get("DISPLAY"):
        return (
            "no screen to open the window on (DISPLAY is not set): start Took Home "
            "from your desktop, or use its commands (wellbeing-app --help)"
        )
    found = plugin if plugin is not None else xcb_plugin()
    if found is None:
        return None  # not a PySide6 wheel we know the layout of: let Qt try
    missing = missing_libraries(found, load)
    if not missing:
        return None
    return (
        f"the window cannot open: this system lacks libraries that Qt needs "
        f"({', '.join(missing)}). Install them with: {install_line(missing, which)}"
    )
