"""What can go wrong with a rota: a bad value in the model or a record, or a bad .ics file."""

from __future__ import annotations

from collections.abc import Iterable

from wellbeing_app.domain.checkin import FieldProblem, show_value


class InvalidRota(ValueError):
    """A rota value or record that breaks the rules; ``problems`` names every field at fault.

    Field names are paths into the stored record, such as
    ``pattern.days[2].hours``, so a message points at the exact place.
    """

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))

    def under(self, prefix: str) -> InvalidRota:
        """The same problems with ``prefix`` put in front of each field name."""
        return InvalidRota(
            FieldProblem(_join_path(prefix, p.field), p.value, p.reason) for p in self.problems
        )


def _join_path(prefix: str, name: str) -> str:
    if not prefix:
        return name
    if not name:
        return prefix
    return f"{prefix}{name}" if name.startswith("[") else f"{prefix}.{name}"


def refuse(name: str, value: object, reason: str) -> InvalidRota:
    """One problem, ready to raise: ``raise refuse("hours", 30, "is more than 24")``."""
    return InvalidRota([FieldProblem(name, show_value(value), reason)])


class RotaFileError(ValueError):
    """A calendar (.ics) file that cannot be used as a rota.

    ``str(error)`` is one plain line naming what is wrong (too large, empty,
    not a calendar, damaged, no events, too many events), fit to show as it
    is in a dialog or on stderr. It never quotes an event's summary.
    """

    def __init__(self, line: str) -> None:
        self.line = " ".join(line.split())  # always one line, whatever went in
        super().__init__(self.line)
