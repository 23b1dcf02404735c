"""Turning another app's note into plain "What I took home" text.

Daylio writes a little HTML (``<br>`` for a new line, ``<b>``, lists, and
entities such as ``&amp;``); Day One writes Markdown with punctuation
escaped by backslashes and a heading as the first line. Both become the
plain text the journal shows and searches.
"""

from __future__ import annotations

import html
import re
from typing import Final

_LINE_BREAK: Final = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LIST_ITEM: Final = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_BLOCK_END: Final = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|pre)\s*>", re.IGNORECASE)
# Only tags HTML really has: text a person typed, such as "<3" or
# "x < y and z > w", must survive.
_KNOWN_TAG: Final = re.compile(
    r"</?(?:a|b|big|blockquote|code|del|div|em|font|h[1-6]|hr|i|ins|li|mark|ol|p|pre|s|small"
    r"|span|strike|strong|sub|sup|u|ul)\b[^<>]*>",
    re.IGNORECASE,
)
_BLANK_LINES: Final = re.compile(r"\n{3,}")
_TRAILING_SPACE: Final = re.compile(r"[ \t]+\n")

_HEADING: Final = re.compile(r"#{1,6}[ \t]+(.*)")
# CommonMark: a backslash before ASCII punctuation is an escape.
_MARKDOWN_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
# Photos, audio, video and PDFs stay in Day One; say so where they were.
_DAY_ONE_MEDIA: Final = re.compile(r"!\[[^\]]*\]\(dayone-moment:[^)]*\)")
MEDIA_PLACEHOLDER: Final = "[attachment not imported]"


def _tidy(text: str) -> str:
    """One kind of line ending, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def html_to_text(note: str) -> str:
    """Daylio's note HTML as plain text.

    ``<br>`` and the end of a paragraph or list item become new lines, a list
    item starts with "- ", other known tags are dropped, and entities are
    unescaped last, so "&lt;b&gt;" typed by the person stays as "<b>".
    """
    text = note.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_BREAK.sub("\n", text)
    text = _LIST_ITEM.sub("- ", text)
    text = _BLOCK_END.sub("\n", text)
    text = _KNOWN_TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    return _tidy(text)


def day_one_text(text: str) -> str:
    """Day One's Markdown entry as plain text.

    A heading on the first line loses its "#" marks (it is usually the
    entry's title), backslash escapes are removed, and each attachment is
    replaced by "[attachment not imported]". Other Markdown is left as the
    person wrote it.
    """
    text = _tidy(text)
    first, newline, rest = text.partition("\n")
    heading = _HEADING.fullmatch(first)
    if heading:
        first = heading.group(1).strip()
    text = first + newline + rest
    text = _DAY_ONE_MEDIA.sub(MEDIA_PLACEHOLDER, text)
    return _tidy(_MARKDOWN_ESCAPE.sub(r"\1", text))


def join_title_and_body(title: str, body: str) -> str:
    """A title and its body as one text, the title on its own first line."""
    title, body = title.strip(), body.strip()
    if title and body:
        return f"{title}\n{body}"
    return title or body
