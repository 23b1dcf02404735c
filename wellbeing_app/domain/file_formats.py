"""The file formats of import and export, and the format a file name implies.

Kept apart from the import and export code so that the command line can list
the choices without loading the vault and the domain model.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


def format_for_path(path: PurePath) -> ExportFormat | None:
    """The format a file name implies (``.json`` or ``.csv``), or None."""
    try:
        return ExportFormat(path.suffix.lower().lstrip("."))
    except ValueError:
        return None
