"""Files shipped inside the package (support data, icons), read as plain files.

In the source tree they live in the top-level ``resources/`` folder; the
wheel (and the frozen build) carries them inside the package as
``wellbeing_app/resources``. Either way they are read, never written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_ROOT = "resources"


@cache
def _root() -> Path:
    """``resources`` inside the installed package (a wheel, the frozen build), else
    beside it in a source checkout.

    A plain path, not ``importlib.resources``: the package is always unpacked on
    disk (pip and PyInstaller both do so), and importlib.resources costs the
    first window several milliseconds to load.
    """
    here = Path(__file__).resolve().parent
    inside = here / _ROOT
    if inside.is_dir():
        return inside
    return here.parent / _ROOT


def resource(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource("icons", "took-home.svg")``."""
    node = _root()
    for part in parts:
        node = node.joinpath(part)
    return node


def read_resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
