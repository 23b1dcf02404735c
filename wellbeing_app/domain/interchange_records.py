"""What reading any interchange file shares: the problems it reports, the check-in
rules applied record by record, and ``ImportStream``, the check-ins as they are read."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from wellbeing_app.domain.checkin import (
    CheckIn,
    FieldProblem,
    InvalidCheckIn,
    checkin_from_record,
    show_value,
)
from wellbeing_app.domain.contacts import OwnContact

FORMAT_NAME: Final = "took-home-checkins"
FORMAT_VERSION: Final = 2
"""The version written. Version 2 added the optional selfchecks and moments lists and the
rota."""
READABLE_VERSIONS: Final = (1, 2)
MAX_REPORTED_PROBLEMS: Final = 50


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


def file_problem(message: str) -> ImportRejected:
    return ImportRejected([RecordProblem(None, None, message)], damaged=True)


class RecordReader:
    """Turns records into check-ins one at a time, noting every problem on the way."""

    def __init__(self, today: date | None, now: datetime | None) -> None:
        self._today = today
        self._now = now
        self.problems: list[RecordProblem] = []
        self._seen_ids: dict[str, int] = {}

    def take(
        self, index: int, record: dict[str, object], early_problems: list[FieldProblem]
    ) -> CheckIn | None:
        """The check-in of record ``index``; None if it is bad, or once any record was."""
        found = list(early_problems)
        if any(p.field == "record" for p in found):
            # The record as a whole is unreadable: its fields would only add noise.
            self.problems.extend(RecordProblem(index, p) for p in found)
            return None
        checkin: CheckIn | None = None
        try:
            checkin = checkin_from_record(record, today=self._today, now=self._now)
        except InvalidCheckIn as invalid:
            found.extend(p for p in invalid.problems if p.field not in {q.field for q in found})
        else:
            if not found:
                if checkin.id in self._seen_ids:
                    found.append(
                        FieldProblem(
                            "id",
                            show_value(checkin.id),
                            f"repeats record {self._seen_ids[checkin.id]}",
                        )
                    )
                else:
                    self._seen_ids[checkin.id] = index
        self.problems.extend(RecordProblem(index, p) for p in found)
        return None if self.problems else checkin

    def finish(self) -> None:
        if self.problems:
            raise ImportRejected(self.problems)


class ByteSource(io.RawIOBase):
    """The pieces of a file as one stream, noting what the whole-file checks need."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        super().__init__()
        self.head = b""  # the first bytes (a UTF-16 byte-order mark?)
        self.has_content = False  # anything but ASCII white space (as ``bytes.strip`` sees it)
        self.has_nul = False
        self.pieces: Iterator[bytes] = self._noted(chunks)
        self._left = memoryview(b"")

    def _noted(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            if len(self.head) < 2:
                self.head += chunk[: 2 - len(self.head)]
            if not self.has_content and chunk.strip():
                self.has_content = True
            if b"\x00" in chunk:
                self.has_nul = True
            yield chunk

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._left:
            chunk = next(self.pieces, None)
            if chunk is None:
                return 0
            self._left = memoryview(chunk)
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


class ImportStream:
    """The check-ins of one interchange file, read as they are asked for.

    Iterate ``checkins()`` once. It yields each good check-in in file order
    for as long as every record so far is good, and ends by raising
    ``ImportRejected`` if the file or any record is bad: after reading to the
    end, so that every problem is listed, and with the same precedence as a
    whole-file read (an empty file, then not UTF-8, then not valid JSON, then
    the header, then the records). When it ends without raising, ``contacts``
    holds the file's own support contacts. A caller that stores check-ins as
    they come must undo them all when it raises.
    """

    def __init__(
        self, chunks: Iterable[bytes], *, today: date | None = None, now: datetime | None = None
    ) -> None:
        self._bytes = ByteSource(chunks)
        self._today = today
        self._now = now
        self._records = RecordReader(today, now)
        self.contacts: list[OwnContact] = []
        self.rota: object | None = None  # the file's rota record, checked (``Rota``), if any
        self.selfchecks: list[object] = []  # the file's self-checks (``SelfCheck``), checked
        self.moments: list[object] = []  # the file's moments (``Moment``), checked

    def checkins(self) -> Iterator[CheckIn]:
        raise NotImplementedError
