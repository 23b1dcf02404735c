"""Importing a file chosen by the person: this app's own export, or Daylio, jrnl or Day One.

The command line and the Import dialog share this. ``sniff`` reads the
file once (bounded) and says what it looks like; ``read_checkins`` turns
it into check-ins for the choices made (which app, Daylio's mappings, the
mood for apps that record none), touching no vault, so it can run on a
worker thread; ``preview`` adds what the vault already holds. Writing goes
through ``import_export.import_all``: all or nothing, duplicates skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.contacts import OwnContact
from wellbeing_app.domain.duplicates import KnownCheckIns
from wellbeing_app.domain.file_formats import ExportFormat, format_for_path
from wellbeing_app.domain.import_preview import ImportPreview
from wellbeing_app.domain.interchange import ImportRejected, read_csv, read_json
from wellbeing_app.domain.moving_in import (
    MAX_ARCHIVE_BYTES,
    DaylioOptions,
    DaylioVocabulary,
    ForeignFormat,
    checkins_from_foreign,
    daylio_vocabulary,
    describe_file,
    detect_format,
)


def read_chosen_file(path: Path) -> bytes:
    """The whole file (a regular file of at most ``MAX_ARCHIVE_BYTES``), or ``OSError``."""
    return paths.read_regular_file(path, MAX_ARCHIVE_BYTES)


def foreign_hint(path: Path) -> tuple[ForeignFormat | None, str | None]:
    """Which other app's export ``path`` looks like, and the line that says so.

    For the command line, when the app's own import refused a file: a
    well-formed Daylio, jrnl or Day One export is not damaged, only the wrong
    choice. (None, None) when it looks like none of them or cannot be read.
    """
    try:
        data = read_chosen_file(path)
    except OSError:
        return None, None
    return detect_format(data, path.name), describe_file(data, path.name)


@dataclass(frozen=True)
class Sniffed:
    """A chosen file, read, and what it looks like.

    ``detected`` is the other app it came from (None for this app's own
    export or something unknown); ``description`` the line that says so
    ("This looks like a Daylio export"), or for a Daylio backup what to do;
    ``own`` whether its name makes it this app's own JSON or CSV;
    ``vocabulary`` the mood and activity names of a Daylio file.
    """

    path: Path
    data: bytes
    detected: ForeignFormat | None
    description: str | None
    own: bool
    vocabulary: DaylioVocabulary | None


def sniff(path: Path) -> Sniffed:
    """Read ``path`` and say what it looks like (``OSError`` if it cannot be read)."""
    data = read_chosen_file(path)
    detected = detect_format(data, path.name)
    vocabulary = None
    if detected is ForeignFormat.DAYLIO:
        try:
            vocabulary = daylio_vocabulary(data)
        except ImportRejected:
            vocabulary = None  # reading it for the preview says why
    own = detected is None and format_for_path(path) is not None
    return Sniffed(path, data, detected, describe_file(data, path.name), own, vocabulary)


@dataclass(frozen=True)
class ImportChoice:
    """How to read the file: ``source`` None is this app's own format.

    ``default_mood`` (1-5) is the mood given to every jrnl or Day One entry,
    which have none; ``daylio`` holds Daylio's mood and activity mappings.
    """

    source: ForeignFormat | None = None
    default_mood: int | None = None
    daylio: DaylioOptions | None = None


@dataclass(frozen=True)
class ReadFile:
    """The check-ins (and this app's contacts) read from a file, or why it was refused."""

    checkins: list[CheckIn]
    contacts: list[OwnContact]
    rejected: ImportRejected | None = None


def read_checkins(
    data: bytes, path: Path, choice: ImportChoice, *, today: date | None = None
) -> ReadFile:
    """Every check-in of the file as ``choice`` reads it; refusals are returned, not raised.

    Touches no vault: safe on a worker thread.
    """
    try:
        if choice.source is not None:
            checkins = checkins_from_foreign(
                data,
                choice.source,
                default_mood=choice.default_mood,
                daylio=choice.daylio,
                today=today,
            )
            return ReadFile(checkins, [])
        fmt = format_for_path(path) or ExportFormat.JSON
        reader = read_json if fmt is ExportFormat.JSON else read_csv
        stream = reader([data], today=today)
        checkins = list(stream.checkins())
        return ReadFile(checkins, list(stream.contacts))
    except ImportRejected as rejected:
        return ReadFile([], [], rejected)


def preview(read: ReadFile, known: KnownCheckIns) -> ImportPreview:
    """What importing ``read`` would do to a vault holding ``known``."""
    if read.rejected is not None:
        return ImportPreview(rejected=read.rejected)
    return ImportPreview(read.checkins, known.count_held(read.checkins))
