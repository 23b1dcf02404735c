"""The interchange format as JSON (version 1): read as a stream, written a piece at a time.

The top level is walked by hand with ``json``'s own rules and error
positions, and every value (each check-in record) is decoded by ``json``
itself, so what counts as valid, and the line an error is named on, are
exactly what ``json.loads`` of the whole file would say.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, Final

from wellbeing_app.domain.checkin import (
    CheckIn,
    FieldProblem,
    InvalidCheckIn,
    checkin_to_record,
    show_value,
)
from wellbeing_app.domain.contacts import (
    InvalidContact,
    OwnContact,
    contact_from_record,
    contact_to_record,
)
from wellbeing_app.domain.interchange_records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    READABLE_VERSIONS,
    ImportRejected,
    ImportStream,
    RecordProblem,
    file_problem,
)

_WHITE_SPACE: Final = re.compile(r"[ \t\n\r]*")  # what JSON skips between tokens
_TEXT_PIECE: Final = 1 << 20  # characters read at a time


class _JsonSyntax(Exception):
    """The text is not valid JSON (``line`` as ``json.loads`` would name it, if it would)."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


class _JsonText:
    """The decoded text of a JSON file, a window of it at a time, with a reading position.

    Values are decoded by ``json`` itself (``raw_decode`` at the position),
    so what counts as valid JSON, and the line an error is on, are exactly
    what ``json.loads`` says of the whole text.
    """

    def __init__(self, pieces: Iterator[bytes]) -> None:
        self._pieces = pieces
        self._decode = codecs.getincrementaldecoder("utf-8-sig")().decode
        self._decoder = json.JSONDecoder(parse_constant=_reject_constant)
        self.text = ""
        self.pos = 0
        self._lines_before = 0  # line breaks in the text already let go
        self.at_end = False

    def more(self) -> bool:
        """Read the next piece (letting go of what was read); False at the end of the file."""
        if self.at_end:
            return False
        if self.pos:
            self._lines_before += self.text.count("\n", 0, self.pos)
            self.text = self.text[self.pos :]
            self.pos = 0
        for chunk in self._pieces:
            piece = self._decode(chunk)  # UnicodeDecodeError: not UTF-8
            if piece:
                self.text += piece
                return True
        self.text += self._decode(b"", True)
        self.at_end = True
        return False

    def drain(self) -> None:
        """Read to the end (to find a later encoding error), keeping nothing."""
        while self.more():
            self.pos = len(self.text)

    def line_at(self, pos: int) -> int:
        return self._lines_before + self.text.count("\n", 0, pos) + 1

    def fail(self) -> _JsonSyntax:
        return _JsonSyntax(self.line_at(self.pos))

    def peek(self) -> str:
        """Skip white space; the next character ("" at the end of the file)."""
        while True:
            match = _WHITE_SPACE.match(self.text, self.pos)
            assert match is not None
            self.pos = match.end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def _grow(self) -> None:
        """Read until the unread text at least doubles (or the file ends)."""
        want = 2 * (len(self.text) - self.pos) + _TEXT_PIECE
        while len(self.text) - self.pos < want and self.more():
            pass

    def value(self) -> object:
        """The JSON value at the position (after ``peek``), reading on as far as it goes."""
        while True:
            try:
                value, end = self._decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self.at_end:
                    raise _JsonSyntax(self._lines_before + error.lineno) from None
                self._grow()  # perhaps only cut off where the text read so far ends
                continue
            except (ValueError, RecursionError):  # NaN or Infinity; nested too deep
                raise _JsonSyntax(None) from None
            if end == len(self.text) and not self.at_end:
                self._grow()  # a number may go on in the next piece
                continue
            self.pos = end
            return value

    def whole_rest(self) -> object:
        """The rest of the file as one document, read whole (``json.loads``)."""
        while self.more():
            pass
        line_offset = self.line_at(self.pos) - 1
        try:
            return json.loads(self.text[self.pos :], parse_constant=_reject_constant)
        except json.JSONDecodeError as error:
            raise _JsonSyntax(line_offset + error.lineno) from None
        except (ValueError, RecursionError):
            raise _JsonSyntax(None) from None


class _JsonStream(ImportStream):
    def checkins(self) -> Iterator[CheckIn]:
        text = _JsonText(self._bytes.pieces)
        try:
            yield from self._document(text)
        except UnicodeDecodeError:
            raise file_problem("the file is not UTF-8 text") from None
        except _JsonSyntax as error:
            try:
                text.drain()  # a bad byte further on is the first thing to say
            except UnicodeDecodeError:
                raise file_problem("the file is not UTF-8 text") from None
            if not self._bytes.has_content:
                raise file_problem("the file is empty") from None
            where = f" (line {error.line})" if error.line is not None else ""
            raise file_problem(f"the file is not valid JSON{where}") from None

    def _document(self, text: _JsonText) -> Iterator[CheckIn]:
        # The top level is walked by hand, with the checks (and error positions)
        # of ``json``'s own object parser; the check-ins list one record at a time.
        if text.peek() != "{":
            text.whole_rest()  # valid JSON, but not an object
            raise file_problem("the file is not a Took Home export (no format header)")
        text.pos += 1
        header: dict[str, object] = {}  # every other member, as json.loads would keep it
        checkins_lists = 0
        checkins_is_list = False
        char = text.peek()
        if char == "}":
            text.pos += 1
        elif char != '"':
            raise text.fail()
        while char != "}":
            key = text.value()
            if text.peek() != ":":
                raise text.fail()
            text.pos += 1
            char = text.peek()
            if key == "checkins":
                checkins_lists += 1
                checkins_is_list = char == "["
                if checkins_is_list:
                    yield from self._records_list(text, use=checkins_lists == 1)
                else:
                    text.value()
            else:
                header[str(key)] = text.value()
            char = text.peek()
            if char == "}":
                text.pos += 1
            elif char != ",":
                raise text.fail()
            else:
                text.pos += 1
                if text.peek() != '"':
                    raise text.fail()
        if text.peek() != "":
            raise text.fail()  # more after the document ("Extra data")

        if header.get("format") != FORMAT_NAME:
            raise file_problem(
                f'the file is not a Took Home export ("format" is not "{FORMAT_NAME}")'
            )
        version = header.get("version")
        if type(version) is not int or version not in READABLE_VERSIONS:
            raise file_problem(
                f"the file is format version {show_value(version)}; this app reads versions "
                f"{' and '.join(str(v) for v in READABLE_VERSIONS)}"
            )
        if not checkins_is_list:
            raise file_problem('the file has no "checkins" list')
        if checkins_lists > 1:
            raise file_problem('the file has more than one "checkins" list')
        self._records.finish()
        self.contacts = _contacts_from(header.get("contacts"))
        self.rota = _rota_from(header.get("rota"))
        self.selfchecks = _selfchecks_from(header.get("selfchecks"), self._today)
        self.moments = _moments_from(header.get("moments"), self._now)

    def _records_list(self, text: _JsonText, *, use: bool) -> Iterator[CheckIn]:
        text.pos += 1  # the "["
        if text.peek() == "]":
            text.pos += 1
            return
        index = 0
        while True:
            record = text.value()
            if use:
                if isinstance(record, dict):
                    checkin = self._records.take(index, record, [])
                else:
                    problem = FieldProblem("record", show_value(record), "is not an object")
                    checkin = self._records.take(index, {}, [problem])
                if checkin is not None:
                    yield checkin
            index += 1
            char = text.peek()
            if char == "]":
                text.pos += 1
                return
            if char != ",":
                raise text.fail()
            text.pos += 1
            text.peek()


def read_json(
    chunks: Iterable[bytes], *, today: date | None = None, now: datetime | None = None
) -> ImportStream:
    """A JSON export (format version 1), to be read as a stream (see ``ImportStream``)."""
    return _JsonStream(chunks, today=today, now=now)


def checkins_from_json(
    data: bytes, *, today: date | None = None, now: datetime | None = None
) -> list[CheckIn]:
    """Parse a whole JSON export (format version 1)."""
    return list(read_json([data], today=today, now=now).checkins())


def contacts_from_json(data: bytes) -> list[OwnContact]:
    """The optional ``contacts`` list of a JSON export (the check-ins must be good too)."""
    stream = read_json([data])
    for _ in stream.checkins():
        pass
    return stream.contacts


def _contacts_from(raw: object) -> list[OwnContact]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise file_problem('the file\'s "contacts" is not a list')
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


def _listed(
    raw: object,
    key: str,
    subject: str,
    parse: Callable[[dict[str, object]], object],
    invalid: type[InvalidCheckIn],
) -> list[object]:
    """One of the file's optional lists of records (``selfchecks``, ``moments``), each
    checked by ``parse``; every problem named by index and field, and nothing kept."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise file_problem(f'the file\'s "{key}" is not a list')
    found: list[object] = []
    problems: list[RecordProblem] = []
    for index, record in enumerate(raw):
        try:
            if not isinstance(record, dict):
                raise invalid([FieldProblem(subject, "", "is not an object")])
            found.append(parse(record))
        except invalid as bad:
            problems.extend(RecordProblem(index, p, subject=subject) for p in bad.problems)
    if problems:
        raise ImportRejected(problems)
    return found


def _selfchecks_from(raw: object, today: date | None) -> list[object]:
    """The file's optional self-checks. Their ``scores`` are ignored and computed again
    from the answers."""
    from wellbeing_app.domain.selfchecks import InvalidSelfCheck, selfcheck_from_record

    return _listed(
        raw,
        "selfchecks",
        "selfcheck",
        lambda record: selfcheck_from_record(record, today=today),
        InvalidSelfCheck,
    )


def _moments_from(raw: object, now: datetime | None) -> list[object]:
    """The file's optional moments (uses of an after-shift tool)."""
    from wellbeing_app.domain.aftershift import InvalidMoment, moment_from_record

    return _listed(
        raw, "moments", "moment", lambda record: moment_from_record(record, now=now), InvalidMoment
    )


def _rota_from(raw: object) -> object | None:
    """The file's optional rota (a ``Rota``), checked as a whole: each problem by its field."""
    if raw is None:
        return None
    from wellbeing_app.domain.rota import InvalidRota, rota_from_record

    try:
        return rota_from_record(raw)
    except InvalidRota as invalid:
        raise ImportRejected(
            [RecordProblem(None, p, f"the rota: {p}", subject="rota") for p in invalid.problems]
        ) from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


# How json.dumps(..., ensure_ascii=False) writes a string (the C version where there is one).
_json_string: Final = json.encoder.encode_basestring
_PIECE_RECORDS: Final = 256  # records per piece of a streamed export


def _json_float(value: float) -> str | None:
    return float.__repr__(value) if math.isfinite(value) else None


# How json.dumps writes each plain type (None: not a plain value).
_JSON_SCALARS: Final[dict[type, Callable[[Any], str | None]]] = {
    str: _json_string,
    type(None): lambda value: "null",
    bool: lambda value: "true" if value else "false",
    int: int.__repr__,
    float: _json_float,
}


def _json_indented(value: object, indent: str) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it at nesting
    ``indent``: by hand for what records hold (plain values, lists of them, objects),
    which is several times quicker than ``json``'s own indenting encoder."""
    scalar = _JSON_SCALARS.get(type(value))
    if scalar is not None:
        text = scalar(value)
        if text is not None:
            return text
    elif type(value) is list or type(value) is dict:
        if not value:
            return "[]" if type(value) is list else "{}"
        inner = indent + "  "
        if type(value) is list:
            items = [_json_indented(item, inner) for item in value]
            return "[\n" + ",\n".join(inner + item for item in items) + f"\n{indent}]"
        if all(type(key) is str for key in value):
            members = [
                f"{inner}{_json_string(key)}: {_json_indented(item, inner)}"
                for key, item in value.items()  # type: ignore[union-attr]
            ]
            return "{\n" + ",\n".join(members) + f"\n{indent}}}"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def json_chunks(
    checkins: Iterable[CheckIn],
    contacts: Sequence[OwnContact] = (),
    rota: dict[str, object] | None = None,
    selfchecks: Sequence[dict[str, object]] = (),
    moments: Sequence[dict[str, object]] = (),
) -> Iterator[str]:
    """A whole JSON export a piece at a time: together, exactly ``checkins_to_json``'s text.

    Each check-in is written as it comes, so an export of any size needs
    the memory of a few hundred records.
    """
    yield (
        f'{{\n  "format": {_json_string(FORMAT_NAME)},\n'
        f'  "version": {FORMAT_VERSION},\n  "checkins": ['
    )
    pieces: list[str] = []
    separator = "\n    "
    for checkin in checkins:
        pieces.append(separator + _json_indented(checkin_to_record(checkin), "    "))
        separator = ",\n    "
        if len(pieces) == _PIECE_RECORDS:
            yield "".join(pieces)
            pieces = []
    empty = separator == "\n    "
    yield "".join(pieces) + ("]" if empty else "\n  ]")
    if contacts:
        records = [contact_to_record(c) for c in contacts]
        yield ',\n  "contacts": ' + _json_indented(records, "  ")
    if rota is not None:
        yield ',\n  "rota": ' + _json_indented(rota, "  ")
    if selfchecks:
        yield ',\n  "selfchecks": ' + _json_indented(list(selfchecks), "  ")
    if moments:
        yield ',\n  "moments": ' + _json_indented(list(moments), "  ")
    yield "\n}\n"


def checkins_to_json(checkins: Iterable[CheckIn], contacts: Sequence[OwnContact] = ()) -> str:
    """A whole JSON export (format version 1), oldest first as given.

    The user's own support contacts travel in an optional ``contacts`` list.
    It is ``json.dumps(document, ensure_ascii=False, indent=2)`` and a line
    break, built a record at a time (see ``json_chunks``).
    """
    return "".join(json_chunks(checkins, contacts))
