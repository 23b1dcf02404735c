"""What a search box means: plain words, matched whole (or as a prefix while typing).

Whatever the user types, only runs of letters and digits become search
terms; quotes, ``AND``, ``*``, ``NEAR(`` and stray punctuation are just
text. Each term is handed to FTS5 inside double quotes, so no user text is
ever read as query syntax. Matching ignores case and accents, the same way
the index does (``unicode61 remove_diacritics 2``): "cafe" finds "café".
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


def fold(text: str) -> str:
    """Lower case with accents removed: the same folding the search index applies."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class SearchQuery:
    """The terms of a search. ``prefix_last`` lets the last word match as it is typed."""

    terms: tuple[str, ...]
    prefix_last: bool = True

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def fts5(self) -> str:
        """The FTS5 MATCH expression: every term quoted, all required (implicit AND)."""
        parts = ['"' + term.replace('"', '""') + '"' for term in self.terms]
        if parts and self.prefix_last:
            parts[-1] += "*"
        return " ".join(parts)


def parse_query(text: str, *, prefix_last: bool = True) -> SearchQuery:
    """Turn anything typed into a safe query (possibly empty)."""
    terms: list[str] = []
    seen: set[str] = set()
    for match in _WORD.finditer(text):
        # The index folds case and accents itself: hand it the word as typed.
        term = match.group()[:MAX_TERM_CHARS]
        if fold(term) not in seen:
            seen.add(fold(term))
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    # A trailing space means the last word is finished: match it whole.
    ends_mid_word = bool(text) and not text[-1].isspace()
    return SearchQuery(tuple(terms), prefix_last=prefix_last and ends_mid_word)


def match_spans(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Where the query's words occur in ``text`` (indices into the original), for highlighting.

    A word matches whole, or as a prefix for the last term while typing;
    case and accents are ignored.
    """
    if query.is_empty or not text:
        return []
    spans: list[tuple[int, int]] = []
    folded = [fold(term) for term in query.terms]
    last = folded[-1]
    for match in _WORD.finditer(text):
        word = fold(match.group())
        for term in folded:
            if word == term or (query.prefix_last and term == last and word.startswith(term)):
                spans.append((match.start(), match.end()))
                break
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
