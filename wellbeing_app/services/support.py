"""Loading the support catalogue shipped inside the package."""

from __future__ import annotations

import functools
import json

from wellbeing_app.domain.support import SupportCatalogue, parse_catalogue
from wellbeing_app.resource_files import read_resource_bytes

CATALOGUE_PARTS = ("support", "uk.json")


@functools.cache
def load_catalogue() -> SupportCatalogue:
    """The UK support catalogue (read and validated once per process)."""
    return parse_catalogue(json.loads(read_resource_bytes(*CATALOGUE_PARTS).decode("utf-8")))
