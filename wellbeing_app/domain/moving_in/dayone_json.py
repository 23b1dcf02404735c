"""Day One's JSON export as check-ins: the ``Journal.json`` file, or the zip Day One makes.

Day One writes ``{"metadata": {"version": "1.0"}, "entries": [...]}``, each
entry with ``uuid`` (32 hex digits), ``creationDate`` ("2024-01-05T08:30:00Z",
UTC), ``modifiedDate``, ``timeZone`` ("Europe/London"), ``text`` (Markdown,
often starting with a "# " heading), ``tags``, and more that is not kept.
Its "Export, JSON" gives a zip of one such file per journal plus the
photos; either the zip or a JSON file from it can be imported.

================  ==========================================================
Day One           Check-in
================  ==========================================================
``creationDate``  ``created_at`` (UTC, as written), and ``date``: the day
                  it was in the entry's ``timeZone`` (Europe/London if that
                  is missing or unknown), the day the person lived
``modifiedDate``  ``updated_at`` if it is a valid time not before
                  ``creationDate``; otherwise ``created_at``
``text``          ``took_home``: the heading's "#" marks and Markdown
                  escapes removed, attachments shown as "[attachment not
                  imported]" (see ``text.day_one_text``)
``tags``          ``tags``, bent to the tag rules (see ``tags``)
``uuid``          the source of the check-in's stable ``id`` (without one,
                  the entry's ``creationDate`` and ``text`` are)
(none)            ``mood``: the caller's ``default_mood`` for every entry
``starred``,      not kept. Location is left behind on purpose: this app
``location``,     keeps no places, which could say where someone works or
``weather``,      lives.
``photos``, ...
================  ==========================================================
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, tzinfo
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from wellbeing_app.domain.checkin import CheckIn, format_timestamp
from wellbeing_app.domain.interchange import ImportRejected
from wellbeing_app.domain.moving_in.formats import ForeignFormat, is_journal_member
from wellbeing_app.domain.moving_in.json_entries import entries_of, tags_field, text_field
from wellbeing_app.domain.moving_in.problems import (
    WHOLE_ENTRY,
    SourceProblem,
    bad_value,
    file_problem,
    wrong_kind,
)
from wellbeing_app.domain.moving_in.records import (
    LONDON,
    MAX_ARCHIVE_BYTES,
    MAX_FILE_BYTES,
    Draft,
    StableIds,
    build_checkins,
    check_default_mood,
    check_record_count,
)
from wellbeing_app.domain.moving_in.text import day_one_text

_ZIP_MAGIC: Final = b"PK\x03\x04"
_NAMES: Final = MappingProxyType(
    {
        "date": "creationDate",
        "created_at": "creationDate",
        "updated_at": "modifiedDate",
        "took_home": "text",
        "tags": "tags",
    }
)


def _moment(value: object) -> datetime | None:
    """An ISO 8601 time with a zone, in UTC, or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        return moment.astimezone(UTC) if moment.tzinfo is not None else None
    except (ValueError, OverflowError):
        return None


def _zone(value: object) -> tzinfo:
    """The entry's own time zone, or London: it is a hint, not something the person wrote."""
    if isinstance(value, str) and value.strip():
        try:
            return ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return LONDON


def _draft(index: int, entry: object, mood: int, ids: StableIds, source: str) -> Draft:
    if not isinstance(entry, dict):
        draft = Draft(index, _NAMES)
        draft.fail(WHOLE_ENTRY, wrong_kind(WHOLE_ENTRY, entry, "an object"))
        return draft
    raw_created = entry.get("creationDate")
    shown = raw_created.strip()[:30] if isinstance(raw_created, str) else ""
    draft = Draft(index, _NAMES, when=f"{source}, {shown}" if source else shown)
    draft.record["mood"] = mood

    created = _moment(raw_created)
    if raw_created is None:
        draft.fail("date", SourceProblem("creationDate", "", "is missing"))
    elif not isinstance(raw_created, str):
        draft.fail("date", wrong_kind("creationDate", raw_created, "text"))
    elif created is None:
        reason = "is not a time like 2024-01-05T08:30:00Z"
        draft.fail("date", bad_value("creationDate", raw_created, reason))
    else:
        try:
            day = created.astimezone(_zone(entry.get("timeZone"))).date()
        except OverflowError:
            draft.fail("date", bad_value("creationDate", raw_created, "is outside the calendar"))
        else:
            draft.record["date"] = day.isoformat()
            modified = _moment(entry.get("modifiedDate"))
            draft.record["created_at"] = format_timestamp(created)
            draft.record["updated_at"] = format_timestamp(
                modified if modified is not None and modified >= created else created
            )

    text = text_field(draft, entry, "text", "took_home")
    draft.record["took_home"] = day_one_text(text) or None
    draft.record["tags"] = tags_field(draft, entry, "tags")

    own_id = entry.get("uuid")
    if isinstance(own_id, str) and own_id.strip():
        draft.record["id"] = ids.next_id("uuid", own_id.strip().upper())
    else:
        draft.record["id"] = ids.next_id("entry", str(raw_created), str(entry.get("text")))
    return draft


def _journals_in_zip(data: bytes) -> list[tuple[str, bytes]]:
    """Each journal's JSON in a Day One zip, by name; the photos are never read."""
    if len(data) > MAX_ARCHIVE_BYTES:
        raise file_problem(
            f"the zip is {len(data) / 1024 / 1024:.0f} MB; the most that can be imported at "
            f"once is {MAX_ARCHIVE_BYTES // 1024 // 1024} MB",
            damaged=False,
        )
    journals: list[tuple[str, bytes]] = []
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = sorted(
                (info for info in archive.infolist() if is_journal_member(info)),
                key=lambda info: info.filename,
            )
            for info in members:
                # The sizes in a zip's directory can lie; read no more than allowed.
                with archive.open(info) as member:
                    content = member.read(MAX_FILE_BYTES - total + 1)
                total += len(content)
                if total > MAX_FILE_BYTES:
                    raise file_problem(
                        f"the journals in the zip are more than {MAX_FILE_BYTES // 1024 // 1024} "
                        "MB of text; export fewer journals at a time",
                        damaged=False,
                    )
                journals.append((info.filename.rsplit("/", 1)[-1], content))
    except ImportRejected:  # a ValueError too: not to be taken for damage below
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise file_problem("the zip file is damaged and cannot be read", damaged=True) from None
    except RuntimeError:  # a password-protected zip
        raise file_problem("the zip file is locked with a password", damaged=False) from None
    except NotImplementedError:
        message = "the zip file uses a compression this app cannot read"
        raise file_problem(message, damaged=False) from None
    if not journals:
        raise file_problem(
            "the zip holds no journal (.json file); export the journal from Day One as JSON",
            damaged=False,
        )
    return journals


def _entries_named(name: str, content: bytes) -> list[object]:
    """The entries of one journal; a problem with a journal from a zip names the journal."""
    try:
        return entries_of(content, ForeignFormat.DAY_ONE)
    except ImportRejected as rejected:
        if not name:
            raise
        message = f"{name} in the zip: {rejected.problems[0]}"
        raise file_problem(message, damaged=rejected.damaged) from None


def checkins_from_dayone(
    data: bytes, *, default_mood: int, today: date | None = None
) -> list[CheckIn]:
    """Every entry of a Day One JSON export (or its zip) as a check-in, or ``ImportRejected``.

    Day One records no mood, so every check-in gets ``default_mood`` (1-5; a
    ``ValueError`` otherwise). All or nothing: every bad entry is reported by
    its index (0-based; in a zip of several journals, counted on through
    them in name order, and named with its journal) and Day One's name for
    the field.
    """
    mood = check_default_mood(default_mood)
    if data.startswith(_ZIP_MAGIC):
        journals = _journals_in_zip(data)
    else:
        journals = [("", data)]
    several = len(journals) > 1
    collected = [(name, _entries_named(name, content)) for name, content in journals]
    check_record_count(sum(len(entries) for _, entries in collected))
    ids = StableIds(ForeignFormat.DAY_ONE.value)

    def drafts() -> Iterator[Draft]:
        index = 0
        for name, entries in collected:
            for entry in entries:
                yield _draft(index, entry, mood, ids, name if several else "")
                index += 1

    return build_checkins(drafts(), today=today)
