"""Files shipped inside the package (support data, icons), read through importlib.resources.

In the source tree they live in the top-level ``resources/`` folder; the
wheel (and the frozen build) carries them inside the package as
``wellbeing_app/resources``. Either way they are read, never written.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_PACKAGE = "wellbeing_app"
_ROOT = "resources"


@cache
def _root() -> Traversable:
    """``resources`` inside the installed package, else beside it in a source checkout."""
    inside = resources.files(_PACKAGE).joinpath(_ROOT)
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent / _ROOT


def resource(*parts: str) -> Traversable:
    """A file under ``resources/``, e.g. ``resource("icons", "took-home.svg")``."""
    node = _root()
    for part in parts:
        node = node.joinpath(part)
    return node


def read_resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
