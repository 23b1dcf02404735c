"""What a search box means: plain words, matched whole (or as a prefix while typing),
and words in double quotes, matched as a phrase.

Whatever the user types, only runs of letters and digits become search
terms; ``AND``, ``*``, ``NEAR(`` and stray punctuation are just text. A pair
of double quotes (straight or curly) groups the words between them into a
phrase: ``"cold tea"`` finds those two words side by side, in that order,
and not an entry that has "cold" in one place and "tea" in another. Each
term is handed to FTS5 inside double quotes, so no user text is ever read
as query syntax. Matching ignores case and accents, the same way the index
does (``unicode61 remove_diacritics 2``): "cafe" finds "café".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

MAX_TERMS: Final = 12
MAX_TERM_CHARS: Final = 64
_WORD: Final = re.compile(r"[^\W_]+", re.UNICODE)
# A quote opens or closes a phrase: ", and the curly quotes a phone or word processor types.
_QUOTES: Final = frozenset('"\u201c\u201d\u201e')
_WORD_OR_QUOTE: Final = re.compile(r'[^\W_]+|["\u201c\u201d\u201e]', re.UNICODE)


def fold(text: str) -> str:
    """Lower case with accents removed: the same folding the search index applies."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class SearchQuery:
    """The words of a search, in groups: a group of one word is a word on its own,
    a longer group is a phrase (its words side by side, in order).

    Every group must match (AND). ``prefix_last`` lets the last word match as
    it is typed.
    """

    groups: tuple[tuple[str, ...], ...]
    prefix_last: bool = True

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word of the query, phrases' words included, in order."""
        return tuple(word for group in self.groups for word in group)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def fts5(self) -> str:
        """The FTS5 MATCH expression: each word or phrase quoted, all required (implicit AND)."""
        parts = ['"' + " ".join(group).replace('"', '""') + '"' for group in self.groups]
        if parts and self.prefix_last:
            parts[-1] += "*"
        return " ".join(parts)


def parse_query(text: str, *, prefix_last: bool = True) -> SearchQuery:
    """Turn anything typed into a safe query (possibly empty).

    Words between double quotes are a phrase; a quote left open runs to the
    end (the phrase is still being typed). A word or phrase given twice counts once.
    """
    groups: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    words = 0
    phrase: list[str] | None = None  # the words of an open quote

    def add(group: tuple[str, ...]) -> None:
        nonlocal words
        key = tuple(fold(word) for word in group)
        if group and key not in seen:
            seen.add(key)
            groups.append(group)
            words += len(group)

    for match in _WORD_OR_QUOTE.finditer(text):
        token = match.group()
        if token in _QUOTES:
            if phrase is None:
                phrase = []
            else:
                add(tuple(phrase))
                phrase = None
            continue
        if words + (len(phrase) if phrase is not None else 0) >= MAX_TERMS:
            break
        # The index folds case and accents itself: hand it the word as typed.
        word = token[:MAX_TERM_CHARS]
        if phrase is not None:
            phrase.append(word)
        else:
            add((word,))
    if phrase is not None:
        add(tuple(phrase[: MAX_TERMS - words]))
    # A trailing space means the last word is finished: match it whole. So
    # does a quote (a phrase closed, or one just opened).
    ends_mid_word = bool(text) and not text[-1].isspace() and text[-1] not in _QUOTES
    return SearchQuery(tuple(groups), prefix_last=prefix_last and ends_mid_word)


def match_spans(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Where the query's words and phrases occur in ``text`` (indices into the original),
    for highlighting.

    A word matches whole, or as a prefix for the last term while typing; a
    phrase matches only as a run of its words in order (one span from its
    first word to its last). Case and accents are ignored.
    """
    if query.is_empty or not text:
        return []
    words = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    groups = [tuple(fold(word) for word in group) for group in query.groups]
    last_group = len(groups) - 1
    # Longer groups first: where a phrase and one of its words both match, the phrase wins.
    order = sorted(range(len(groups)), key=lambda g: -len(groups[g]))

    def matches_at(i: int, g: int) -> bool:
        group = groups[g]
        if i + len(group) > len(words):
            return False
        for offset, term in enumerate(group):
            word = words[i + offset][2]
            is_prefix = query.prefix_last and g == last_group and offset == len(group) - 1
            if not (word == term or (is_prefix and word.startswith(term))):
                return False
        return True

    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        for g in order:
            if matches_at(i, g):
                size = len(groups[g])
                spans.append((words[i][0], words[i + size - 1][1]))
                i += size
                break
        else:
            i += 1
    return spans


def highlight_html(text: str, spans: Sequence[tuple[int, int]], *, mark: str = "b") -> str:
    """``text`` as escaped HTML with each span wrapped in ``<mark>``."""
    from html import escape

    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(escape(text[position:start]))
        out.append(f"<{mark}>{escape(text[start:end])}</{mark}>")
        position = end
    out.append(escape(text[position:]))
    return "".join(out).replace("\n", "<br>")
