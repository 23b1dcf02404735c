"""What an import would do, in one sentence, before anything is written.

"312 check-ins from 3 January 2025 to 1 December 2026, 4 already in your
journal (skipped)." or, when the file has problems, how many and the first
few by record and field: all or nothing, so nothing is imported until they
are put right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from wellbeing_app.domain.checkin import CheckIn
from wellbeing_app.domain.dates import day_month_year
from wellbeing_app.domain.interchange import ImportRejected

PROBLEMS_SHOWN: Final = 3  # in the sentence; the dialog lists more below it


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class ImportPreview:
    """The check-ins a file holds and how many the vault has already, or why it cannot go in."""

    checkins: Sequence[CheckIn] = ()
    already: int = 0
    rejected: ImportRejected | None = None

    @property
    def first(self) -> date | None:
        return min((c.date for c in self.checkins), default=None)

    @property
    def last(self) -> date | None:
        return max((c.date for c in self.checkins), default=None)

    @property
    def new(self) -> int:
        """How many would be added."""
        return len(self.checkins) - self.already

    @property
    def can_import(self) -> bool:
        return self.rejected is None and self.new > 0

    def summary(self) -> str:
        """The one sentence the preview leads with."""
        if self.rejected is not None:
            return self._problems()
        if not self.checkins:
            return "The file holds no check-ins, so there is nothing to import."
        first, last = self.first, self.last
        assert first is not None and last is not None
        span = (
            f"on {day_month_year(first)}"
            if first == last
            else f"from {day_month_year(first)} to {day_month_year(last)}"
        )
        text = f"{_plural(len(self.checkins), 'check-in')} {span}"
        if self.already == len(self.checkins):
            return f"{text}, all of them already in your journal: there is nothing new to import."
        if self.already:
            text += f", {self.already:,} already in your journal (they will be skipped)"
        return text + "."

    def _problems(self) -> str:
        assert self.rejected is not None
        rejected = self.rejected
        records = [p for p in rejected.problems if p.index is not None]
        if not records:
            return f"This file cannot be imported: {rejected.summary}."
        shown = "; ".join(str(p) for p in records[:PROBLEMS_SHOWN])
        left = len(records) - PROBLEMS_SHOWN
        more = f"; and {left:,} more" if left > 0 else ""
        return (
            f"{_plural(len(records), 'problem')}: {shown}{more}. Nothing is imported until "
            "every record can be."
        )

    def headline(self) -> str:
        """The sentence shown above a list of the problems (which it does not repeat)."""
        if self.rejected is None or not any(p.index is not None for p in self.rejected.problems):
            return self.summary()
        count = len({p.index for p in self.rejected.problems if p.index is not None})
        as_is = "it is" if count == 1 else "they are"
        return (
            f"{_plural(count, 'record')} of the file cannot be imported as {as_is}, so nothing "
            "is imported yet. Each is listed below with what is wrong."
        )

    def problem_lines(self) -> list[str]:
        """Every problem, one a line (for the list under the sentence)."""
        return self.rejected.lines() if self.rejected is not None else []
