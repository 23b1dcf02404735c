"""Making the app's custom tags from other apps' activity and tag names.

The tag rules live in ``checkin.tag_problem``; this module bends a foreign
name to fit them, in a fixed, documented way, rather than refusing a whole
import over a long activity name:

1. Control characters (tabs, line breaks) become spaces; runs of spaces
   become one; spaces at either end are dropped.
2. ``;`` (the app's list separator in CSV) becomes ``,``.
3. A name longer than ``MAX_TAG_CHARS`` is cut at the last space that
   leaves room for "…" (or mid-word if there is none) and ends in "…".
4. A name that is empty after this is left out.
5. Names that are then the same, ignoring case, are kept once (the first).

What cannot be mended (broken Unicode) is left for the check-in rules to
report, and more than ``MAX_TAGS`` tags on one entry is reported by the
caller, since dropping some would lose the person's data without telling
them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from wellbeing_app.domain.checkin import MAX_TAG_CHARS, TAG_SEPARATOR

ELLIPSIS: Final = "…"
_SPACES: Final = re.compile(r"\s+")


def tag_from_name(name: str) -> str | None:
    """A custom tag made from another app's name, or None if nothing is left of it."""
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in name)
    text = _SPACES.sub(" ", text.replace(TAG_SEPARATOR, ",")).strip()
    if not text:
        return None
    if len(text) > MAX_TAG_CHARS:
        room = MAX_TAG_CHARS - len(ELLIPSIS)
        cut = text[: room + 1].rfind(" ")
        # A cut in the first half would lose most of the name; cut mid-word then.
        head = text[:cut] if cut > room // 2 else text[:room]
        text = head.rstrip(" ,") + ELLIPSIS
    return text


def tags_from_names(names: Iterable[str]) -> list[str]:
    """Tags made from ``names`` by ``tag_from_name``, each kept once, ignoring case."""
    tags: list[str] = []
    seen: set[str] = set()
    for name in names:
        tag = tag_from_name(name)
        if tag is not None and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags
