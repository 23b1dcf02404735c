"""Reading a long list newest first, a page at a time, each page a keyed query.

Pages grow from the first, which is small so that it shows at once, to a
few thousand rows a query, so a long list costs little more than its rows.
(Reading the next page on a worker thread while the caller works through
this one was tried and gained nothing: the database hands each row to
Python separately, so the two threads take turns rather than overlap.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final, TypeVar

FIRST_PAGE: Final = 100
LARGEST_PAGE: Final = 5000

_Row = TypeVar("_Row")


def newest_first_pages(
    fetch: Callable[[int | None, int], list[_Row]],
    key_of: Callable[[_Row], int],
    limit: int | None,
) -> Iterator[list[_Row]]:
    """Pages of a long read, newest first: ``fetch(older_than, size)`` with sizes that
    grow, and at most ``limit`` rows in all; ``key_of`` gives a row's key."""
    older_than: int | None = None
    size, left = FIRST_PAGE, limit
    while left is None or left > 0:
        want = size if left is None else min(size, left)
        page = fetch(older_than, want)
        yield page
        if len(page) < want:
            return
        if left is not None:
            left -= len(page)
        older_than = key_of(page[-1])
        size = min(size * 4, LARGEST_PAGE)
