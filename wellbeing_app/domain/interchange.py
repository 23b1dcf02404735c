"""The interchange format (JSON version 1, and CSV with the same columns).

Parsing takes bytes and returns check-ins or raises ``ImportRejected`` that
lists every bad record by index and field; nothing here touches a file.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from wellbeing_app.domain.checkin import (
    BOOL_FIELDS,
    FIELDS,
    HOURS_FIELDS,
    LIST_FIELDS,
    REQUIRED_FIELDS,
    SCORE_FIELDS,
    TAG_SEPARATOR,
    CheckIn,
    FieldProblem,
    InvalidCheckIn,
    checkin_from_record,
    checkin_to_record,
    show_value,
)
from wellbeing_app.domain.contacts import (
    InvalidContact,
    OwnContact,
    contact_from_record,
    contact_to_record,
)

FORMAT_NAME: Final = "took-home-checkins"
FORMAT_VERSION: Final = 1
MAX_REPORTED_PROBLEMS: Final = 50
CSV_CELL_LIMIT: Final = 64 * 1024 * 1024


@dataclass(frozen=True)
class RecordProblem:
    """A problem with record ``index`` (0-based), or with the whole file when index is None."""

    index: int | None
    problem: FieldProblem | None
    message: str = ""
    subject: str = "record"  # or "contact", for the optional contacts list

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        return f"{self.subject} {self.index}: {self.problem}"


class ImportRejected(ValueError):
    """The file cannot be imported. ``damaged`` is true when it is not readable at all."""

    def __init__(self, problems: Sequence[RecordProblem], *, damaged: bool = False) -> None:
        self.problems = tuple(problems)
        self.damaged = damaged
        bad_records = {(p.subject, p.index) for p in self.problems if p.index is not None}
        if bad_records:
            plural = len(bad_records) != 1
            subject = next(iter(bad_records))[0]
            summary = f"{len(bad_records)} {subject}{'s have' if plural else ' has'} problems"
        else:
            summary = self.problems[0].message if self.problems else "the file cannot be read"
        self.summary = summary
        super().__init__(summary)

    def lines(self, limit: int = MAX_REPORTED_PROBLEMS) -> list[str]:
        """One line per problem (at most ``limit``), for a terminal or a dialog."""
        shown = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            shown.append(f"… and {len(self.problems) - limit} more problems")
        return shown


def _file_problem(message: str) -> ImportRejected:
    return ImportRejected([RecordProblem(None, None, message)], damaged=True)


def _build_all(
    records: Iterable[tuple[int, dict[str, object], list[FieldProblem]]],
    today: date | None,
    now: datetime | None,
) -> list[CheckIn]:
    checkins: list[CheckIn] = []
    problems: list[RecordProblem] = []
    seen_ids: dict[str, int] = {}
    for index, record, early_problems in records:
        found = list(early_problems)
        if any(p.field == "record" for p in found):
            # The record as a whole is unreadable: its fields would only add noise.
            problems.extend(RecordProblem(index, p) for p in found)
            continue
        try:
            checkin = checkin_from_record(record, today=today, now=now)
        except InvalidCheckIn as invalid:
            found.extend(p for p in invalid.problems if p.field not in {q.field for q in found})
        else:
            if not found:
                if checkin.id in seen_ids:
                    found.append(
                        FieldProblem(
                            "id", show_value(checkin.id), f"repeats record {seen_ids[checkin.id]}"
                        )
                    )
                else:
                    seen_ids[checkin.id] = index
                    checkins.append(checkin)
        problems.extend(RecordProblem(index, p) for p in found)
    if problems:
        raise ImportRejected(problems)
    return checkins


# ---------------------------------------------------------------------------
# JSON


def checkins_from_json(
    data: bytes, *, today: date | None = None, now: datetime | None = None
) -> list[CheckIn]:
    """Parse a whole JSON export (format version 1)."""
    if not data.strip():
        raise _file_problem("the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem("the file is not UTF-8 text") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except (json.JSONDecodeError, ValueError, RecursionError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise _file_problem(f"the file is not valid JSON{where}") from None
    if not isinstance(document, dict):
        raise _file_problem("the file is not a Took Home export (no format header)")
    if document.get("format") != FORMAT_NAME:
        raise _file_problem(f'the file is not a Took Home export ("format" is not "{FORMAT_NAME}")')
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise _file_problem(
            f"the file is format version {show_value(version)}; this app reads version "
            f"{FORMAT_VERSION}"
        )
    records = document.get("checkins")
    if not isinstance(records, list):
        raise _file_problem('the file has no "checkins" list')

    def each() -> Iterable[tuple[int, dict[str, object], list[FieldProblem]]]:
        for index, record in enumerate(records):
            if isinstance(record, dict):
                yield index, record, []
            else:
                yield index, {}, [FieldProblem("record", show_value(record), "is not an object")]

    return _build_all(each(), today, now)


def contacts_from_json(data: bytes) -> list[OwnContact]:
    """The optional ``contacts`` list of a JSON export (call after checkins_from_json)."""
    document = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    raw = document.get("contacts") if isinstance(document, dict) else None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _file_problem('the file\'s "contacts" is not a list')
    contacts: list[OwnContact] = []
    problems: list[RecordProblem] = []
    for index, record in enumerate(raw):
        try:
            if not isinstance(record, dict):
                raise InvalidContact([FieldProblem("contact", "", "is not an object")])
            contacts.append(contact_from_record(record))
        except InvalidContact as invalid:
            problems.extend(RecordProblem(index, p, subject="contact") for p in invalid.problems)
    if problems:
        raise ImportRejected(problems)
    return contacts


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def checkins_to_json(checkins: Iterable[CheckIn], contacts: Sequence[OwnContact] = ()) -> str:
    """A whole JSON export (format version 1), oldest first as given.

    The user's own support contacts travel in an optional ``contacts`` list.
    """
    document: dict[str, object] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "checkins": [checkin_to_record(c) for c in checkins],
    }
    if contacts:
        document["contacts"] = [contact_to_record(c) for c in contacts]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# CSV: the same keys as columns, lists joined with ";", UTF-8 with a header.

_TRUE: Final = frozenset({"true", "yes", "1"})
_FALSE: Final = frozenset({"false", "no", "0"})

# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS: Final = frozenset("=+-@\t\r")
FORMULA_GUARD: Final = "'"
# Numbers are written by Python (repr of a float, str of an int), so they are
# never formulas; a guard would only turn a number into text in the sheet.
_UNGUARDED_FIELDS: Final = frozenset((*SCORE_FIELDS, *HOURS_FIELDS))


def _looks_like_formula(cell: str) -> bool:
    """The cell is some apostrophes (perhaps none) and then a formula trigger."""
    return cell.lstrip(FORMULA_GUARD)[:1] in FORMULA_TRIGGERS


def guard_cell(cell: str) -> str:
    """The cell as written to a CSV file, safe to open in a spreadsheet.

    The rule, a bijection that ``unguard_cell`` undoes exactly: a cell that is
    any number of apostrophes (zero or more) followed by ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets one more apostrophe in front.
    Every other cell is written as it is. So no exported cell starts with a
    trigger: a spreadsheet shows ``'=HYPERLINK(…)`` as the text
    ``=HYPERLINK(…)`` and never runs it. A reflection that really starts
    with ``'=`` is written ``''=`` and comes back as ``'=``.
    """
    return FORMULA_GUARD + cell if _looks_like_formula(cell) else cell


def unguard_cell(cell: str) -> str:
    """Undo ``guard_cell``: one apostrophe goes from a guarded cell; nothing else changes.

    A cell that starts with a trigger itself (a file written by hand or by
    another program) is taken as it is, and so is ``'hello``.
    """
    if cell.startswith(FORMULA_GUARD) and _looks_like_formula(cell):
        return cell[len(FORMULA_GUARD) :]
    return cell


def _csv_cell(name: str, cell: str, problems: list[FieldProblem]) -> object:
    """Turn one CSV cell into the JSON type its field expects."""
    if name not in _UNGUARDED_FIELDS:
        cell = unguard_cell(cell)
    if cell == "" and name not in ("took_home", "good_thing"):
        return None
    if name in SCORE_FIELDS:
        try:
            return int(cell.strip())
        except ValueError:
            problems.append(FieldProblem(name, show_value(cell), "is not a whole number"))
            return None
    if name in HOURS_FIELDS:
        try:
            hours = float(cell.strip())
        except ValueError:
            hours = math.nan
        if not math.isfinite(hours):
            problems.append(FieldProblem(name, show_value(cell), "is not a number of hours"))
            return None
        return hours
    if name in BOOL_FIELDS:
        word = cell.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        problems.append(FieldProblem(name, show_value(cell), "is not true or false"))
        return None
    if name in LIST_FIELDS:
        return [part.strip() for part in cell.split(TAG_SEPARATOR) if part.strip()]
    return cell


def checkins_from_csv(
    data: bytes, *, today: date | None = None, now: datetime | None = None
) -> list[CheckIn]:
    """Parse a whole CSV export: a header row of field names, then one check-in a row.

    A cell guarded against spreadsheet formulas on export loses its guard
    (see ``unguard_cell``), so export then import gives back the same check-ins.
    """
    if not data.strip():
        raise _file_problem("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _file_problem("the file is UTF-16 text; save it as UTF-8 CSV and try again")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_problem("the file is not UTF-8 text") from None
    if "\x00" in text:
        raise _file_problem("the file contains null characters; it is not a CSV file")
    # Let a huge reflection reach validation, which names the field, rather
    # than failing inside the csv module with a vague "field larger than limit".
    csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise _file_problem("the file has no header row") from None
    columns = [name.strip() for name in header]
    unknown = [name for name in columns if name not in FIELDS]
    if unknown:
        raise _file_problem(
            f"the header has columns that are not check-in fields: {', '.join(unknown[:5])}"
        )
    if len(set(columns)) != len(columns):
        raise _file_problem("the header names a column twice")
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        raise _file_problem(f"the header has no {' or '.join(missing)} column")

    def each() -> Iterable[tuple[int, dict[str, object], list[FieldProblem]]]:
        index = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                raise _file_problem(
                    f"the CSV is malformed after record {index - 1}"
                    if index
                    else "the CSV is malformed"
                ) from None
            if not any(cell.strip() for cell in row):
                continue  # blank lines are not records
            problems: list[FieldProblem] = []
            if len(row) != len(columns):
                problems.append(
                    FieldProblem(
                        "record", "", f"has {len(row)} cells; the header has {len(columns)}"
                    )
                )
                yield index, {}, problems
            else:
                record = {
                    name: _csv_cell(name, cell, problems)
                    for name, cell in zip(columns, row, strict=True)
                }
                yield index, record, problems
            index += 1

    return _build_all(each(), today, now)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list):
        return TAG_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_export_cell(name: str, value: object) -> str:
    cell = _csv_value(value)
    return cell if name in _UNGUARDED_FIELDS else guard_cell(cell)


def checkins_to_csv(checkins: Iterable[CheckIn]) -> str:
    """A whole CSV export: a header row, then one check-in a row.

    Text that a spreadsheet would run as a formula is guarded with a leading
    apostrophe (see ``guard_cell``); ``checkins_from_csv`` removes it again.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for checkin in checkins:
        record = checkin_to_record(checkin)
        writer.writerow([_csv_export_cell(name, record[name]) for name in FIELDS])
    return out.getvalue()
