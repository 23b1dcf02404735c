"""How a problem with another app's file is worded.

The app's own import names its own fields (``mood: 7 is not ...``). A file
from Daylio, jrnl or Day One is reported in that app's words instead, as a
sentence a tired person can act on: "record 17 (2024-01-05 9:05 pm): mood
'good' is not one of the moods mapped to 1 to 5". The classes here are
subclasses of the interchange ones, so everything that shows an
``ImportRejected`` (the command line, the import preview) shows these too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from wellbeing_app.domain.checkin import FieldProblem, show_value
from wellbeing_app.domain.interchange import ImportRejected, RecordProblem

# The ``field`` of a problem with a whole record (not an object, wrong
# number of cells): "record 3: the entry is not a JSON object".
WHOLE_ENTRY: Final = "the entry"


@dataclass(frozen=True)
class SourceProblem(FieldProblem):
    """A problem with one field, named as the other app names it, read as one sentence.

    ``field`` is the other app's name ("mood", "note", "creationDate"), or
    empty when the whole record is at fault.
    """

    def __str__(self) -> str:
        return " ".join(part for part in (self.field, self.value, self.reason) if part)


@dataclass(frozen=True)
class SourceRecordProblem(RecordProblem):
    """A problem with record ``index`` (0-based, in file order) of another app's file.

    ``when`` is the entry's date and time as that app wrote it, so the person
    can find the entry there.
    """

    when: str = ""

    def __str__(self) -> str:
        if self.index is None or self.problem is None:
            return self.message
        where = f" ({self.when})" if self.when else ""
        return f"{self.subject} {self.index}{where}: {self.problem}"


def kind_of(value: object) -> str:
    """What a JSON value is, in words: "a number", "a list", "true or false"..."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "something else"


def wrong_kind(name: str, value: object, wanted: str) -> SourceProblem:
    """``name`` holds the wrong kind of value: "tags is text, not a list"."""
    return SourceProblem(name, "", f"is {kind_of(value)}, not {wanted}")


def bad_value(name: str, value: object, reason: str) -> SourceProblem:
    """``name`` holds a value that cannot be used: "time '25:61' is not a time like 21:05"."""
    return SourceProblem(name, show_value(value), reason)


def file_problem(message: str, *, damaged: bool) -> ImportRejected:
    """The whole file is refused with one plain sentence.

    ``damaged`` is true only when the file cannot be read at all (not UTF-8,
    broken JSON or CSV); a readable file of the wrong kind is not damage.
    """
    return ImportRejected([RecordProblem(None, None, message)], damaged=damaged)
