"""Crisis language in a reflection: a small, careful list of first-person phrases.

``find_crisis_language`` finds where someone writing in their own journal may
be saying that they want to die or to harm themselves, so the app can show
urgent help at once (kindly, and never blocking the save). It reads the text
and never changes it; every span is an index into the text as given.

How it weighs a miss against a false alarm: a false alarm shows a kind card
with 999, the Oscar Kilo crisis line, Samaritans and Shout; a miss can cost a
life. So when a sentence is unclear it counts. What it must not do is fire on
every operational note: our users write about suicidal members of the public
all the time ("a suicidal male was detained", "he threatened to end it all").
Three rules keep those out:

1. **Who is speaking.** Phrases that do not say whose death they mean ("end
   it all", "want to die", "can't go on", ...) count unless the nearest person
   before them in the same clause is someone else ("he", "she", "the male",
   "the caller", "who"). A first-person word ("I", "I'm", "me", "my") or no
   person at all (diary style: "Want to die.") counts. Phrases that carry
   their own "my"/"myself"/"me" ("kill myself", "take my own life", "better
   off without me") count wherever they are, except as rule 2 says.
2. **Quoted speech.** A phrase inside quotation marks that the same sentence
   gives to someone else ('The caller kept saying "I want to kill myself"',
   '"I can't go on," he said.') does not count. Quoted words the writer gives
   to themselves ('I told my wife "I want to die"') do.
3. **"Suicidal" describing someone.** "a suicidal male", "suicidal female on
   the bridge", "third suicidal call" do not count; "I'm suicidal", "feeling
   suicidal", "suicidal thoughts again" do.

Everyday idioms that are not on the list never match: "killing time", "dead
tired", "I could have killed for a coffee", "this job will be the death of
me" (a grumble about the job, not about dying; sustained low mood is picked
up by the mood and sleep rules instead), "killing myself laughing".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import Enum
from typing import Final, Literal


@dataclass(frozen=True, slots=True)
class CrisisMatch:
    """Where crisis language was found: ``text[start:end]``, and which listed phrase it is."""

    start: int
    end: int
    phrase: str


class _Context(Enum):
    INHERENT = "inherent"  # the phrase names the writer ("myself", "my own life", "me")
    SPEAKER = "speaker"  # counts unless someone else is the subject of the clause
    SPEAKER_NOT_NEGATED = "speaker_not_negated"  # as SPEAKER, and "don't want to die" is not
    SUICIDAL = "suicidal"  # the word "suicidal": only about the writer, not describing someone


@dataclass(frozen=True)
class _Rule:
    phrase: str
    pattern: re.Pattern[str]
    context: _Context
    # Lower-case words that every match of ``pattern`` in ASCII text contains.
    # A text without them cannot match, so its pattern is not run at all (a
    # pattern starting with a look-behind is tried at every character).
    needs: tuple[str, ...]


# Apostrophes people actually type: straight, curly right and left, modifier
# letter, backtick, acute. Always optional: "cant", "dont", "im".
_A: Final = "['\u2019\u2018\u02bc`\u00b4]"
_CANT: Final = rf"(?:can{_A}?t|cannot|can\s+not)"
_DONT: Final = rf"(?:don{_A}?t|do\s+not)"
# The clause ends here: punctuation, a quote mark, a line break or the end.
_CLAUSE_END: Final = (
    "[ \\t]*(?:[.,;:!?\u2026)\\]\"\u201c\u201d'\u2019\u2018\\n\\r/\\-\u2013\u2014]|$)"
)


def _then(*allowed: str) -> str:
    """A look-ahead: the phrase ends its clause, or is followed by one of ``allowed``."""
    return rf"(?=\s+(?:{'|'.join(allowed)})(?!\w)|{_CLAUSE_END})"


def _pattern(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


# The list. Each phrase is a common way of saying "I want to die" or "I want
# to harm myself" in UK English, chosen because it is rarely said about
# anything else. Why each one is here, and how it is kept from firing on
# everyday speech:
_RULES: Final = (
    # Unambiguous self-reference. "killing myself laughing" is an idiom; the
    # past tense ("nearly killed myself on the ice") is nearly always an accident.
    _Rule(
        "kill myself",
        _pattern(r"kill(?:ing)?\s+my\s*self(?!\s+laugh)"),
        _Context.INHERENT,
        ("kill", "self"),
    ),
    # The standard wording for suicide about oneself.
    _Rule(
        "take my own life",
        _pattern(r"tak(?:e|ing)\s+my\s+own\s+life"),
        _Context.INHERENT,
        ("life",),
    ),
    _Rule(
        "end my life",
        _pattern(r"end(?:ing)?\s+my\s+(?:own\s+)?life"),
        _Context.INHERENT,
        ("end", "life"),
    ),
    # A classic sign of a burden belief; says "me" itself.
    _Rule(
        "better off without me",
        _pattern(r"better\s+off\s+without\s+me"),
        _Context.INHERENT,
        ("without",),
    ),
    _Rule(
        "wish I was dead",
        _pattern(r"wish\s+i\s+(?:was|were)\s+dead"),
        _Context.INHERENT,
        ("wish", "dead"),
    ),
    # Self-harm said in the first person ("self-harm" alone is an everyday
    # operational term and is left out).
    _Rule(
        "harm myself", _pattern(r"harm(?:ing)?\s+my\s*self"), _Context.INHERENT, ("harm", "self")
    ),
    # Common euphemisms: who is meant depends on the clause.
    _Rule("end it all", _pattern(r"end(?:s|ed|ing)?\s+it\s+all"), _Context.SPEAKER, ("end", "all")),
    _Rule(
        "want to die",
        _pattern(
            r"(?:want(?:s|ed|ing)?\s+to|wanna)\s+(?:just\s+)?die"
            r"(?!\s+(?:of\s+(?:embarrassment|shame|boredom)|laughing))"
        ),
        _Context.SPEAKER_NOT_NEGATED,
        ("die",),
    ),
    # Only when it ends the clause or goes on "like this", "any more"...:
    # "can't go on the course" and "can't go on nights" are about rotas.
    _Rule(
        "can't go on",
        _pattern(
            rf"{_CANT}\s+(?:go|carry)\s+on"
            + _then(
                r"any\s*more",
                r"any\s+longer",
                r"like\s+(?:this|that)",
                "living",
                r"with\s+(?:this|life)",
            )
        ),
        _Context.SPEAKER,
        ("can", "on"),
    ),
    # "no point going on about it" is an idiom for talking too much: excluded.
    _Rule(
        "no point going on",
        _pattern(
            r"no\s+point\s+(?:in\s+)?(?:"
            r"(?:going|carrying)\s+on" + _then(r"any\s*more", r"any\s+longer", r"like\s+this") + "|"
            r"living|being\s+alive)"
        ),
        _Context.SPEAKER,
        ("point",),
    ),
    # Only with "any more" or at the end of the clause: "don't want to be here
    # at Christmas" is about work.
    _Rule(
        "don't want to be here any more",
        _pattern(
            rf"{_DONT}\s+(?:want\s+to|wanna)\s+be\s+here"
            + _then(r"any\s*more", r"any\s+longer", r"no\s+more")
        ),
        _Context.SPEAKER,
        ("here",),
    ),
    _Rule(
        "don't want to live",
        _pattern(
            rf"{_DONT}\s+(?:want\s+to|wanna)\s+(?:live|be\s+alive)"
            + _then(r"any\s*more", r"any\s+longer", r"like\s+this")
        ),
        _Context.SPEAKER,
        ("live",),
    ),
    # Passive wishes not to be alive, a common way people first say it.
    # "don't want to wake up for earlies" goes on, so it does not count.
    _Rule(
        "don't want to wake up",
        _pattern(rf"{_DONT}\s+(?:want\s+to|wanna)\s+wake\s+up" + _then(r"any\s*more")),
        _Context.SPEAKER,
        ("wake",),
    ),
    _Rule("better off dead", _pattern(r"better\s+off\s+dead"), _Context.SPEAKER, ("dead",)),
    _Rule("suicidal", _pattern(r"suicidal"), _Context.SUICIDAL, ("suicidal",)),
    _Rule(
        "thinking about suicide",
        _pattern(r"(?:think(?:s|ing)?|thoughts?)\s+(?:about|of)\s+suicide"),
        _Context.SPEAKER,
        ("suicide",),
    ),
)

PHRASES: Final = tuple(rule.phrase for rule in _RULES)

# ---------------------------------------------------------------------------
# Words that tell us who a clause is about.

# A generic "you" ("some days you just want to end it all") usually means the
# writer, so it counts as first person: it never rules a phrase out.
_FIRST_PERSON: Final = frozenset(
    (
        "i i'm im i've ive i'd i'll me my myself mine we we're we've we'd us our "
        "you you're youre you've your u"
    ).split()
)
_THIRD_PERSON: Final = frozenset(
    (
        "he she they he's hes she's shes they're theyre they've theyve he'd she'd they'd "
        "he'll she'll they'll who whom whose"
    ).split()
)
# Object pronouns say who the clause is about only right before the phrase
# ("made him want to die"); further back they are often just who the writer
# was with ("dealt with him, want to end it all").
_THIRD_OBJECT: Final = frozenset("him her them himself herself themselves his their".split())
_PEOPLE: Final = frozenset(
    (
        "male males female females man men woman women lad lads girl girls boy boys guy bloke "
        "person persons people caller callers suspect subject victim patient detainee "
        "prisoner offender misper casualty driver passenger child children kid kids teen "
        "teenager youth juvenile adult pensioner resident neighbour neighbor individual "
        "informant witness friend mate mum dad mother father son daughter brother sister "
        "husband wife partner boyfriend girlfriend family relative colleague colleagues "
        "officer officers sarge sergeant inspector boss nurse doctor paramedic someone "
        "somebody anyone anybody everyone everybody nobody student pupil client"
    ).split()
)
# Words that may sit between an object pronoun and the phrase it is subject of.
_GLUE: Final = frozenset(
    (
        "to want wants wanted wanting wanna just really still was were is are be been being "
        "keep keeps kept going gonna try tried trying threatening threatened talking talked "
        "about of would could should might will again felt feel feels feeling"
    ).split()
)
_SPEECH_VERBS: Final = frozenset(
    (
        "said says saying say told tells telling tell shouted shouting shouts screamed "
        "screaming screams yelled yelling yells stated states stating repeated repeating "
        "repeats texted texting wrote writes messaged posted cried crying sobbed sobbing "
        "muttered mumbled whispered asked asking added replied disclosed disclosing "
        "threatened threatening went goes"
    ).split()
)
# "suicidal" before these describes someone or something else.
_DESCRIBED: Final = _PEOPLE | frozenset(
    "call calls job jobs incident incidents threat threats report".split()
)
# ... unless it is about thoughts or feelings, which we judge by the speaker.
_FEELINGS: Final = frozenset("thoughts thought thinking feelings feeling urges ideation".split())
_DETERMINERS: Final = frozenset(
    "a an the another this that these those his her their other several some".split()
)

_TOKEN: Final = re.compile(r"[^\W_]+(?:['\u2019\u2018\u02bc`\u00b4][^\W_]+)*")
_APOSTROPHES: Final = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc`\u00b4"})
# Where a clause starts: sentence or clause punctuation, a double quote, a
# line break, or a joining word after which the subject is often dropped.
_CLAUSE_BREAK: Final = re.compile(
    r"[.!?;:,\n\r\u2026\"\u201c\u201d]|\s(?:and|but|then|because|cos|coz|though|although)\s",
    re.IGNORECASE,
)
_SENTENCE_BREAK: Final = re.compile(r"[.!?\n\r\u2026]")
_NEGATED: Final = re.compile(
    rf"(?:(?<!\w)(?:don|doesn|didn){_A}?t|(?<!\w)(?:do|does|did)\s+not|(?<!\w)not|(?<!\w)never)"
    # Only a plain "don't want to die" (often fear of a crash or an attack):
    # "I don't really want to die, I just want it to stop" still counts.
    r"\s+$",
    re.IGNORECASE,
)
_THREATEN: Final = re.compile(r"(?<!\w)threat(?:en|ens|ened|ening)(?!\w)", re.IGNORECASE)
_NEXT_WORD: Final = re.compile(r"\s+([^\W_]+)")
_LOOK_BACK: Final = 200  # characters; a subject further back than this is not trusted

_Person = Literal["first", "third"] | None


def _tokens(text: str) -> list[str]:
    return [m.group().lower().translate(_APOSTROPHES) for m in _TOKEN.finditer(text)]


def _person_of(token: str) -> _Person:
    if token in _FIRST_PERSON:
        return "first"
    if token in _THIRD_PERSON or token in _PEOPLE:
        return "third"
    if token.endswith("'s") and token[:-2] in _PEOPLE:  # "the male's ..."
        return "third"
    return None


def _nearest_person(tokens: list[str]) -> _Person:
    """Who the words just before a phrase are about, reading backwards."""
    adjacent = True
    for token in reversed(tokens):
        person = _person_of(token)
        if person is not None:
            return person
        if token in _THIRD_OBJECT:
            if adjacent:
                return "third"
            continue
        if token not in _GLUE:
            adjacent = False
    return None


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - _LOOK_BACK) : start]
    cut = 0
    for found in _CLAUSE_BREAK.finditer(window):
        cut = found.end()
    return window[cut:]


def _speaker_is_writer(text: str, start: int) -> bool:
    clause = _clause_before(text, start)
    person = _nearest_person(_tokens(clause))
    if person is not None:
        return person == "first"
    # No subject at all is diary style ("Want to die."), except after
    # "threatened to", which we only ever write about someone else.
    return _THREATEN.search(clause) is None


def _suicidal_is_writer(text: str, found: re.Match[str]) -> bool:
    after = _NEXT_WORD.match(text, found.end())
    following = after.group(1).lower() if after else ""
    if following in _FEELINGS:
        return _speaker_is_writer(text, found.start())
    if following in _DESCRIBED:
        return False
    before = _tokens(_clause_before(text, found.start()))
    if before and before[-1] in _DETERMINERS:
        return False
    return _speaker_is_writer(text, found.start())


def _counts(text: str, rule: _Rule, found: re.Match[str]) -> bool:
    if rule.context is _Context.INHERENT:
        return True
    if rule.context is _Context.SUICIDAL:
        return _suicidal_is_writer(text, found)
    if rule.context is _Context.SPEAKER_NOT_NEGATED and _NEGATED.search(
        _clause_before(text, found.start())
    ):
        return False
    return _speaker_is_writer(text, found.start())


# ---------------------------------------------------------------------------
# Quoted speech.

_QUOTE_MARKS: Final = re.compile("[\"\u201c\u201d'\u2018\u2019\\n\\r]")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(opening, closing) indices of quotations; a quotation never crosses a line break.

    Straight and curly double quotes, and single quotes that are not
    apostrophes: an opening one has no letter before it and a character after
    it; a closing one has a character before it and no letter after it.
    """
    spans: list[tuple[int, int]] = []
    kind: str | None = None
    opened = -1
    for mark in _QUOTE_MARKS.finditer(text):
        i = mark.start()
        ch = text[i]
        if ch in "\n\r":
            kind = None
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if kind is None:
            if ch in '"\u201c':
                kind, opened = "double", i
            elif ch in "'\u2018" and not before.isalnum() and not after.isspace():
                kind, opened = "single", i
        elif kind == "double":
            if ch in '"\u201d':
                spans.append((opened, i))
                kind = None
        elif ch in "'\u2019" and not before.isspace() and not after.isalnum():
            spans.append((opened, i))
            kind = None
    return spans


def _said_by_someone_else(text: str, opened: int, closed: int) -> bool:
    """True if the sentence gives the quotation to someone other than the writer."""
    frame = text[max(0, opened - _LOOK_BACK) : opened]
    cut = 0
    for found in _SENTENCE_BREAK.finditer(frame):
        cut = found.end()
    before = _tokens(frame[cut:])
    verbs = [i for i, token in enumerate(before) if token in _SPEECH_VERBS]
    if verbs:
        person = _nearest_person(before[: verbs[-1]])
        if person is not None:
            return person == "third"
    tail = text[closed + 1 : closed + 1 + _LOOK_BACK]
    stop = _SENTENCE_BREAK.search(tail)
    after = _tokens(tail[: stop.start()] if stop else tail)[:5]
    for i, token in enumerate(after):
        if token in _SPEECH_VERBS:
            # '"...," he said.' or '"...," said the caller.'
            person = _nearest_person(after[:i])
            if person is None:
                person = next(
                    (p for p in map(_person_of, after[i + 1 : i + 3]) if p is not None), None
                )
            return person == "third"
    return False


def _inside_quotation(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    at = bisect.bisect_left(spans, (start, -1)) - 1
    if at >= 0 and spans[at][0] < start and end <= spans[at][1]:
        return spans[at]
    return None


def _rules_for(text: str) -> tuple[_Rule, ...] | list[_Rule]:
    """The rules that could match ``text``: those whose words it holds.

    Only for ASCII text, where ignoring case is plain lower-casing. Elsewhere
    case-blind matching has Unicode twins (the Kelvin sign is a "k"), so
    every rule is tried.
    """
    if not text.isascii():
        return _RULES
    lowered = text.lower()
    return [rule for rule in _RULES if all(word in lowered for word in rule.needs)]


def find_crisis_language(text: str) -> list[CrisisMatch]:
    """Every place in ``text`` where the writer may be saying they want to die or harm themselves.

    Matches are in text order and never overlap. Case, curly apostrophes and
    extra spaces do not matter. The text is never changed.
    """
    if not text:
        return []
    found: list[CrisisMatch] = []
    for rule in _rules_for(text):
        for hit in rule.pattern.finditer(text):
            if _counts(text, rule, hit):
                found.append(CrisisMatch(hit.start(), hit.end(), rule.phrase))
    if not found:
        return []
    spans = _quote_spans(text)
    kept: list[CrisisMatch] = []
    for match in sorted(found, key=lambda m: (m.start, -m.end)):
        if kept and match.start < kept[-1].end:
            continue  # overlaps a phrase already found
        quotation = _inside_quotation(spans, match.start, match.end)
        if quotation is not None and _said_by_someone_else(text, *quotation):
            continue
        kept.append(match)
    return kept


def contains_crisis_language(text: str) -> bool:
    """True if ``find_crisis_language`` finds anything in ``text``."""
    return bool(find_crisis_language(text))
