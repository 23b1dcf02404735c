"""Files shipped inside the package (support data, icons), read through importlib.resources.

They are found the same way from a source checkout, an installed wheel or a
frozen build, and nothing is written next to them.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

_PACKAGE = "wellbeing_app"
_ROOT = "resources"


def resource(*parts: str) -> Traversable:
    """A file under ``resources/``, e.g. ``resource("icons", "took-home.svg")``."""
    node = resources.files(_PACKAGE).joinpath(_ROOT)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
