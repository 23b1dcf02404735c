"""Row keys that sort by date: ``sort_key = date.toordinal() << DAY_SHIFT | n``.

``n`` counts the entries within a day, so the check-in table and the search
index both hand back rows newest first by walking the key backwards, with
no sort and no join (see ``storage.migrations``). Kept apart from the
repository so that a search loads no more than it needs.
"""

from __future__ import annotations

from datetime import date
from typing import Final

DAY_SHIFT: Final = 20


def day_bounds(first: date | None, last: date | None) -> tuple[int, int]:
    """The sort-key range covering ``first`` to ``last`` inclusive (either may be open)."""
    low = first.toordinal() << DAY_SHIFT if first is not None else 0
    high = ((last.toordinal() + 1) << DAY_SHIFT) - 1 if last is not None else (1 << 62)
    return low, high


def key_date(sort_key: int) -> date:
    """The day a sort key belongs to."""
    return date.fromordinal(sort_key >> DAY_SHIFT)
