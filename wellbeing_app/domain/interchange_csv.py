"""The interchange format as CSV: the same fields as columns, lists joined with ";",
UTF-8 with a header row; read as a stream, written a piece at a time, and guarded
against spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
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
    checkin_to_record,
    show_value,
)
from wellbeing_app.domain.interchange_records import ImportRejected, ImportStream, file_problem

CSV_CELL_LIMIT: Final = 64 * 1024 * 1024
_TEXT_PIECE: Final = 1 << 20  # bytes read at a time
_PIECE_RECORDS: Final = 256  # records per piece of a streamed export

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


class _CsvStream(ImportStream):
    def checkins(self) -> Iterator[CheckIn]:
        text = io.TextIOWrapper(
            io.BufferedReader(self._bytes, _TEXT_PIECE), encoding="utf-8-sig", newline=""
        )
        try:
            yield from self._rows(text)
        except UnicodeDecodeError:
            raise self.file_problem(None, text, not_utf8=True) from None
        except ImportRejected as rejected:
            if not rejected.damaged:
                raise
            raise self.file_problem(rejected, text) from None

    def file_problem(
        self, found: ImportRejected | None, text: io.TextIOWrapper, *, not_utf8: bool = False
    ) -> ImportRejected:
        """What to say of a file that cannot be read: the first that holds, in the
        order a whole-file read checks them (so read to the end first)."""
        if not not_utf8:
            try:
                while text.read(_TEXT_PIECE):
                    pass
            except UnicodeDecodeError:
                not_utf8 = True
        if not self._bytes.has_content:
            return file_problem("the file is empty")
        if self._bytes.head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return file_problem("the file is UTF-16 text; save it as UTF-8 CSV and try again")
        if not_utf8:
            return file_problem("the file is not UTF-8 text")
        if self._bytes.has_nul:
            return file_problem("the file contains null characters; it is not a CSV file")
        assert found is not None
        return found

    def _rows(self, text: io.TextIOWrapper) -> Iterator[CheckIn]:
        # Let a huge reflection reach validation, which names the field, rather
        # than failing inside the csv module with a vague "field larger than limit".
        csv.field_size_limit(max(csv.field_size_limit(), CSV_CELL_LIMIT))
        reader = csv.reader(text, strict=True)
        try:
            header = next(reader)
        except (StopIteration, csv.Error):
            raise file_problem("the file has no header row") from None
        columns = [name.strip() for name in header]
        unknown = [name for name in columns if name not in FIELDS]
        if unknown:
            raise file_problem(
                f"the header has columns that are not check-in fields: {', '.join(unknown[:5])}"
            )
        if len(set(columns)) != len(columns):
            raise file_problem("the header names a column twice")
        missing = [name for name in REQUIRED_FIELDS if name not in columns]
        if missing:
            raise file_problem(f"the header has no {' or '.join(missing)} column")
        index = 0
        while True:
            if self._bytes.has_nul:
                raise file_problem("the file contains null characters; it is not a CSV file")
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                raise file_problem(
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
                checkin = self._records.take(index, {}, problems)
            else:
                record = {
                    name: _csv_cell(name, cell, problems)
                    for name, cell in zip(columns, row, strict=True)
                }
                checkin = self._records.take(index, record, problems)
            if checkin is not None:
                yield checkin
            index += 1
        if self._bytes.has_nul:
            raise file_problem("the file contains null characters; it is not a CSV file")
        self._records.finish()


def read_csv(
    chunks: Iterable[bytes], *, today: date | None = None, now: datetime | None = None
) -> ImportStream:
    """A CSV export (a header row of field names, then one check-in a row), to be read
    as a stream (see ``ImportStream``).

    A cell guarded against spreadsheet formulas on export loses its guard
    (see ``unguard_cell``), so export then import gives back the same check-ins.
    """
    return _CsvStream(chunks, today=today, now=now)


def checkins_from_csv(
    data: bytes, *, today: date | None = None, now: datetime | None = None
) -> list[CheckIn]:
    """Parse a whole CSV export (see ``read_csv``)."""
    return list(read_csv([data], today=today, now=now).checkins())


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


def csv_chunks(checkins: Iterable[CheckIn]) -> Iterator[str]:
    """A whole CSV export a piece at a time: together, exactly ``checkins_to_csv``'s text."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for count, checkin in enumerate(checkins, 1):
        record = checkin_to_record(checkin)
        writer.writerow([_csv_export_cell(name, record[name]) for name in FIELDS])
        if count % _PIECE_RECORDS == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def checkins_to_csv(checkins: Iterable[CheckIn]) -> str:
    """A whole CSV export: a header row, then one check-in a row.

    Text that a spreadsheet would run as a formula is guarded with a leading
    apostrophe (see ``guard_cell``); ``checkins_from_csv`` removes it again.
    """
    return "".join(csv_chunks(checkins))
