"""Moving in: check-ins from another app's export (Daylio CSV, jrnl JSON, Day One JSON).

Pure functions from bytes to ``CheckIn`` records, like ``interchange``:
nothing here reads a file, touches the vault or knows about Qt. Each parser
returns every check-in of the file or raises ``ImportRejected`` listing
every bad record by index and by the other app's field name, in plain
words: ``record 17 (2024-01-05 9:05 pm): mood 'sad' is not one of the moods
mapped to 1 to 5 (rad, good, meh, bad, awful)``. A file that cannot be
read at all is ``damaged``; a readable file of the wrong kind is not, and
its message names the app it looks like.

How each app's fields map is tabled in ``daylio_csv``, ``jrnl_json`` and
``dayone_json``. What holds for all three:

- **Mood.** A check-in's mood is required: ``CheckIn.mood`` is an ``int``
  and version 1 of the interchange format, which every export and backup
  of this app writes, has ``mood`` required and 1-5. jrnl and Day One
  record no mood, so their import takes one ``default_mood`` (1-5) from
  the person, for every entry. A "mood not recorded" value was weighed and
  not chosen: it would need a new format version and would reach every
  reader of mood (trends, averages, the year in pixels, the low-mood
  signposting rule, the report), for data that says nothing about mood
  either way; a mood the person picks for the whole import, knowing what
  it means, is honest and keeps their other check-ins' trends unchanged.
  The caller must pass it: there is no default for the default.
- **Times.** Daylio and jrnl write a wall-clock time with no zone; it is
  read as Europe/London (the app's people are in the UK) and stored in
  UTC. Day One's ``creationDate`` is already UTC.
- **Ids.** Each check-in's ``id`` is a UUID version 5 derived from the
  entry (Day One's ``uuid``, jrnl's when present, otherwise the entry's
  own content), so importing the same file twice gives the same ids and
  the second import can skip them as duplicates.
- **Tags.** Other apps' tag and activity names become custom tags by the
  fixed rules in ``tags`` (shortened to 40 characters with "…", ";"
  becomes ",", spaces tidied, repeats dropped); more than 20 on one entry
  is reported, never silently cut.
- **Text.** A note longer than the app's limit (``MAX_TEXT_CHARS``) is
  reported, not cut: all or nothing never loses part of a reflection.
- **Limits.** A CSV or JSON file over 64 MB, a zip over 512 MB, or more
  than 100,000 entries is refused before parsing.
"""

from __future__ import annotations

from datetime import date

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.moving_in.daylio_csv import (
    DEFAULT_DAYLIO_MOODS,
    DaylioOptions,
    DaylioVocabulary,
    checkins_from_daylio,
    daylio_name_key,
    daylio_vocabulary,
)
from wellbeing_app.domain.moving_in.dayone_json import checkins_from_dayone
from wellbeing_app.domain.moving_in.formats import (
    ForeignFormat,
    describe_file,
    detect_format,
)
from wellbeing_app.domain.moving_in.jrnl_json import checkins_from_jrnl
from wellbeing_app.domain.moving_in.problems import SourceProblem, SourceRecordProblem
from wellbeing_app.domain.moving_in.records import (
    MAX_ARCHIVE_BYTES,
    MAX_FILE_BYTES,
    MAX_RECORDS,
    MOVING_IN_NAMESPACE,
)
from wellbeing_app.domain.moving_in.tags import tag_from_name

__all__ = [
    "DEFAULT_DAYLIO_MOODS",
    "MAX_ARCHIVE_BYTES",
    "MAX_FILE_BYTES",
    "MAX_RECORDS",
    "MOVING_IN_NAMESPACE",
    "DaylioOptions",
    "DaylioVocabulary",
    "ForeignFormat",
    "SourceProblem",
    "SourceRecordProblem",
    "checkins_from_daylio",
    "checkins_from_dayone",
    "checkins_from_foreign",
    "checkins_from_jrnl",
    "daylio_name_key",
    "daylio_vocabulary",
    "describe_file",
    "detect_format",
    "tag_from_name",
]


def checkins_from_foreign(
    data: bytes,
    source: ForeignFormat,
    *,
    default_mood: int | None = None,
    daylio: DaylioOptions | None = None,
    today: date | None = None,
) -> list[CheckIn]:
    """Check-ins from ``data`` exported by ``source``: one call for the command line and dialog.

    ``default_mood`` is required for jrnl and Day One (they record no mood)
    and unused for Daylio; ``daylio`` holds Daylio's mood and activity
    mappings. Raises ``ImportRejected`` for the file, ``ValueError`` for a
    missing or bad ``default_mood``.
    """
    if source is ForeignFormat.DAYLIO:
        return checkins_from_daylio(data, daylio, today=today)
    if default_mood is None:
        raise ValueError(f"{source.label} records no mood: a default_mood (1-5) is required")
    if source is ForeignFormat.JRNL:
        return checkins_from_jrnl(data, default_mood=default_mood, today=today)
    return checkins_from_dayone(data, default_mood=default_mood, today=today)
