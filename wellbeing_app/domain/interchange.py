"""The interchange format (JSON version 1, and CSV with the same columns).

Reading takes the file as pieces of bytes and streams: ``read_json`` and
``read_csv`` hand back an ``ImportStream`` whose check-ins come one at a time
as the file is read, so a large file never sits in memory whole, parsed or
not. Every problem is still found, and ``ImportRejected`` lists each bad
record by index and field (or says why the whole file cannot be read, with
the same precedence as reading it all at once would). Writing streams too:
``json_chunks`` and ``csv_chunks`` give an export a piece at a time, the
same text as ``checkins_to_json`` and ``checkins_to_csv``. Nothing here
touches a file.

This module is the format's one name; its parts live beside it:
``interchange_records`` (problems, the record rules, the stream),
``interchange_json`` and ``interchange_csv``.
"""

from __future__ import annotations

from wellbeing_app.domain.interchange_csv import (
    CSV_CELL_LIMIT,
    FORMULA_GUARD,
    FORMULA_TRIGGERS,
    checkins_from_csv,
    checkins_to_csv,
    csv_chunks,
    guard_cell,
    read_csv,
    unguard_cell,
)
from wellbeing_app.domain.interchange_json import (
    checkins_from_json,
    checkins_to_json,
    contacts_from_json,
    json_chunks,
    read_json,
)
from wellbeing_app.domain.interchange_records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_REPORTED_PROBLEMS,
    ImportRejected,
    ImportStream,
    RecordProblem,
)

__all__ = [
    "CSV_CELL_LIMIT",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FORMULA_GUARD",
    "FORMULA_TRIGGERS",
    "MAX_REPORTED_PROBLEMS",
    "ImportRejected",
    "ImportStream",
    "RecordProblem",
    "checkins_from_csv",
    "checkins_from_json",
    "checkins_to_csv",
    "checkins_to_json",
    "contacts_from_json",
    "csv_chunks",
    "guard_cell",
    "json_chunks",
    "read_csv",
    "read_json",
    "unguard_cell",
]
