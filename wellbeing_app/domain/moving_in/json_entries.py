"""What the jrnl and Day One parsers share: the ``entries`` list and typed fields of an entry."""

from __future__ import annotations

from collections.abc import Mapping

from wellbeing_app.domain.checkin import MAX_TAGS
from wellbeing_app.domain.interchange import FORMAT_NAME
from wellbeing_app.domain.moving_in.formats import (
    ForeignFormat,
    format_of_document,
    not_this_format,
)
from wellbeing_app.domain.moving_in.problems import (
    SourceProblem,
    file_problem,
    kind_of,
    wrong_kind,
)
from wellbeing_app.domain.moving_in.records import (
    Draft,
    check_record_count,
    decode_text,
    load_json,
)
from wellbeing_app.domain.moving_in.tags import tags_from_names


def entries_of(data: bytes, expected: ForeignFormat) -> list[object]:
    """The ``entries`` list of a JSON export of ``expected``, or ``ImportRejected``.

    A readable file of another kind is refused without calling it damaged,
    and the message names the app it looks like.
    """
    document = load_json(decode_text(data, expected.label))
    found = format_of_document(document)
    if found is not None and found is not expected:
        raise file_problem(not_this_format(expected, found), damaged=False)
    if isinstance(document, dict) and document.get("format") == FORMAT_NAME:
        raise file_problem(
            "the file is this app's own export; import it without choosing another app",
            damaged=False,
        )
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        message = not_this_format(expected, None)
        raise file_problem(f'{message} (it has no "entries" list)', damaged=False)
    check_record_count(len(entries))
    return entries


def text_field(draft: Draft, entry: Mapping[str, object], key: str, into: str) -> str:
    """The text of ``entry[key]`` ("" if absent or null); a problem if it is not text.

    ``into`` is the interchange field it will become part of.
    """
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        draft.fail(into, wrong_kind(key, value, "text"))
        return ""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def tags_field(
    draft: Draft, entry: Mapping[str, object], key: str, strip_symbols: str = ""
) -> list[str]:
    """Custom tags from the list of names in ``entry[key]``; problems if it is not that.

    A leading character from ``strip_symbols`` (jrnl's "@") is dropped
    first; then ``tags.tag_from_name`` bends each name to the tag rules.
    """
    value = entry.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        draft.fail("tags", wrong_kind(key, value, "a list of tags"))
        return []
    names: list[str] = []
    for item in value:
        if not isinstance(item, str):
            draft.fail("tags", SourceProblem(key, "", f"holds {kind_of(item)}, not a tag name"))
            continue
        names.append(item[1:] if item[:1] and item[0] in strip_symbols else item)
    tags = tags_from_names(names)
    if len(tags) > MAX_TAGS:
        draft.fail(
            "tags", SourceProblem(key, "", f"has {len(tags)} tags and the limit is {MAX_TAGS}")
        )
    return tags
