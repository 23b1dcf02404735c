"""Which other app a file came from, judged by what is in it.

The content decides, never the name: people rename files, and Day One
calls its export "Journal.json" whatever the journal is. ``describe_file``
reads the name only to recognise a Daylio *backup* (``.daylio``), which is
not the CSV export and cannot be read, so the message can say what to do
instead.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from enum import StrEnum
from typing import Final

from wellbeing_app.domain.interchange import FORMAT_NAME

DAYLIO_COLUMNS: Final = (
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "note_title",
    "note",
)
# Daylio's export before it had note titles (about 2020): "18 May" plus a year column.
LEGACY_DAYLIO_COLUMNS: Final = ("year", "date", "weekday", "time", "mood", "activities", "note")

# Keys of an entry that show which app wrote it.
JRNL_ENTRY_KEYS: Final = frozenset({"date", "time", "title", "body"})
DAY_ONE_ENTRY_KEYS: Final = frozenset({"creationDate"})
_SAMPLED_ENTRIES: Final = 20
_ZIP_MAGIC: Final = b"PK\x03\x04"
# A zipped journal bigger than this is not looked into (the parser says why).
_DETECT_READ_LIMIT: Final = 64 * 1024 * 1024


class ForeignFormat(StrEnum):
    """Another app's export this app can move in from; the value is the ``--from`` choice."""

    DAYLIO = "daylio"
    JRNL = "jrnl"
    DAY_ONE = "dayone"

    @property
    def label(self) -> str:
        """The app's name as people write it."""
        return _LABELS[self]

    @property
    def description(self) -> str:
        """A plain sentence for messages: "This looks like a Daylio export"."""
        return f"This looks like a {self.label} export"


_LABELS: Final = {
    ForeignFormat.DAYLIO: "Daylio",
    ForeignFormat.JRNL: "jrnl",
    ForeignFormat.DAY_ONE: "Day One",
}

DAYLIO_BACKUP_MESSAGE: Final = (
    "This looks like a Daylio backup (.daylio), which cannot be read here; "
    "in Daylio choose More, Export entries, CSV, and import that file"
)


def normalised_header(cells: list[str]) -> tuple[str, ...]:
    """Column names as compared: lower case, no stray spaces."""
    return tuple(cell.strip().lower() for cell in cells)


def is_daylio_header(columns: tuple[str, ...]) -> bool:
    """Whether a CSV header is one Daylio writes (either version).

    Columns are found by name, and any Daylio may add later are ignored.
    """
    return set(DAYLIO_COLUMNS) <= set(columns) or set(LEGACY_DAYLIO_COLUMNS) <= set(columns)


def _entries_have(entries: list[object], keys: frozenset[str]) -> bool:
    """Whether the first entries are objects holding every one of ``keys``."""
    sample = entries[:_SAMPLED_ENTRIES]
    return all(isinstance(e, dict) and keys <= e.keys() for e in sample)


def format_of_document(document: object) -> ForeignFormat | None:
    """The app a parsed JSON document came from, or None (the app's own export included)."""
    if not isinstance(document, dict) or document.get("format") == FORMAT_NAME:
        return None
    entries = document.get("entries")
    if not isinstance(entries, list):
        return None
    # Day One: {"metadata": {"version": "1.0"}, "entries": [{"creationDate": ...}]}
    if isinstance(document.get("metadata"), dict) and _entries_have(entries, DAY_ONE_ENTRY_KEYS):
        return ForeignFormat.DAY_ONE
    # jrnl --export json: {"tags": {"@court": 2}, "entries": [{"date": ..., "title": ...}]}
    if isinstance(document.get("tags"), dict) and _entries_have(entries, JRNL_ENTRY_KEYS):
        return ForeignFormat.JRNL
    return None


def _json_format(data: bytes) -> ForeignFormat | None:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return format_of_document(document)


def _zip_format(data: bytes) -> ForeignFormat | None:
    """Day One exports JSON as a zip of ``<journal>.json`` files (and the photos)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not is_journal_member(info) or info.file_size > _DETECT_READ_LIMIT:
                    continue
                with archive.open(info) as member:
                    found = _json_format(member.read(_DETECT_READ_LIMIT + 1))
                if found is ForeignFormat.DAY_ONE:
                    return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        return None
    except (NotImplementedError, ValueError):  # an unknown compression method, a bad header
        return None
    return None


def is_journal_member(info: zipfile.ZipInfo) -> bool:
    """Whether a zip member may be a journal's JSON (not a photo, not macOS clutter)."""
    name = info.filename
    base = name.rsplit("/", 1)[-1]
    return (
        not info.is_dir()
        and name.lower().endswith(".json")
        and not name.startswith("__MACOSX/")
        and not base.startswith(".")
    )


def _csv_format(data: bytes) -> ForeignFormat | None:
    first_line = data[:4096].decode("utf-8-sig", errors="replace").splitlines()[:1]
    if not first_line:
        return None
    try:
        header = next(csv.reader(first_line))
    except (csv.Error, StopIteration):
        return None
    return ForeignFormat.DAYLIO if is_daylio_header(normalised_header(header)) else None


def detect_format(data: bytes, filename: str) -> ForeignFormat | None:
    """Which app's export ``data`` is: Daylio CSV, jrnl JSON or Day One JSON (or its zip).

    Returns None for the app's own export, for a Daylio backup and for
    anything unknown. Never raises: a file that cannot be read is simply
    not recognised.
    """
    del filename  # see the module docstring: the content decides
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data)
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return _json_format(data)
    return _csv_format(data)


def describe_file(data: bytes, filename: str) -> str | None:
    """One plain line saying which app's file this looks like, or None if it is not known.

    "This looks like a Daylio export", or for a Daylio backup what to export
    instead.
    """
    found = detect_format(data, filename)
    if found is not None:
        return found.description
    if filename.lower().endswith(".daylio"):
        return DAYLIO_BACKUP_MESSAGE
    return None


def not_this_format(expected: ForeignFormat, document_format: ForeignFormat | None) -> str:
    """Why a readable file was refused: "the file is not a jrnl export; it looks like a Day One
    export"."""
    message = f"the file is not a {expected.label} export"
    if document_format is not None and document_format is not expected:
        message += f"; it looks like a {document_format.label} export"
    return message
