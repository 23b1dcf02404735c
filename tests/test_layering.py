"""Qt lives only in wellbeing_app/ui: the lower layers import with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support import REPO_ROOT

LOWER_LAYERS = ("domain", "storage", "services")

_BLOCKER = textwrap.dedent(
    """
    import importlib.abc, pkgutil, sys

    BLOCKED = ("PySide6", "shiboken6", "matplotlib")

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"blocked by the layering test: {name}")
            return None

    sys.meta_path.insert(0, Block())
    import wellbeing_app
    names = ["wellbeing_app.paths", "wellbeing_app.cli", "wellbeing_app.hardening"]
    for layer in sys.argv[1:]:
        package = __import__(f"wellbeing_app.{layer}", fromlist=["x"])
        names.append(package.__name__)
        names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for name in names:
        __import__(name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    assert not leaked, leaked
    print(len(names))
    """
)


def test_lower_layers_import_with_qt_and_matplotlib_blocked() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKER, *LOWER_LAYERS],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) >= 10  # every module was really imported


def test_the_blocker_really_blocks() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKER.replace("import wellbeing_app\n", "import PySide6\n")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert done.returncode != 0
    assert "blocked by the layering test" in done.stderr


def test_no_qt_import_statement_below_ui() -> None:
    package = REPO_ROOT / "wellbeing_app"
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for layer in LOWER_LAYERS
        for path in (package / layer).rglob("*.py")
        if "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_app_has_no_network_code() -> None:
    banned = ("import socket", "import requests", "urllib.request", "http.client", "import httpx")
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {word}"
        for path in Path(REPO_ROOT / "wellbeing_app").rglob("*.py")
        for word in banned
        if word in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
