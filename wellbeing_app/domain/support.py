"""The support catalogue: who to contact, for whom, where, and how we know.

Every fact comes from a checked source (shared/support-sources.md) and carries
its source URL and the date it was last checked. Parsing is strict: a typo in
the data file is an error at start, never a wrong number shown to someone in
crisis.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final


class Nation(StrEnum):
    ENGLAND_WALES = "england_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"
    UK = "uk"


class Audience(StrEnum):
    OFFICERS = "officers"
    STAFF = "staff"
    FAMILY = "family"
    RETIRED = "retired"


class Status(StrEnum):
    VERIFIED = "verified"
    SECONDARY = "secondary"


# Support page groups, in the order they are shown, with their plain headings.
GROUPS: Final = MappingProxyType(
    {
        "emergency": "If your life is at risk",
        "talk_now": "Talk to someone now",
        "counselling": "Counselling and recovery",
        "after_incident": "After a difficult incident",
        "after_assault": "After an assault on duty",
        "federation": "Your Federation or union",
        "rest": "Rest and rehabilitation",
    }
)

# Plain names for where a service serves, for lists shown to the whole UK.
NATION_NAMES: Final = MappingProxyType(
    {
        Nation.ENGLAND_WALES: "England and Wales",
        Nation.SCOTLAND: "Scotland",
        Nation.NORTHERN_IRELAND: "Northern Ireland",
        Nation.UK: "the whole UK",
    }
)
_EVERY_NATION: Final = frozenset({Nation.ENGLAND_WALES, Nation.SCOTLAND, Nation.NORTHERN_IRELAND})

_PHONE: Final = re.compile(r"\d{3}( ?\d{1,4}){0,4}")
_URL: Final = re.compile(r"https://[a-z0-9.-]+\.[a-z]{2,}(/[^\s]*)?")
_KEYWORD: Final = re.compile(r"[A-Z]{2,20}")
# Hours are read after "Open" ("Open 24 hours a day."), so they must say when:
# a time or a day. A name ("UNISONdirect") is not hours.
_HOURS: Final = re.compile(
    r"\d|\b(day|days|weekdays?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


@dataclass(frozen=True)
class TextContact:
    number: str
    keyword: str

    def instruction(self) -> str:
        return f"Text {self.keyword} to {self.number}"


@dataclass(frozen=True)
class SupportService:
    id: str
    name: str
    what: str
    audiences: tuple[Audience, ...]
    nations: tuple[Nation, ...]
    urgent: bool
    group: str
    source: str
    last_verified: date
    status: Status
    phone: str | None = None
    text: TextContact | None = None
    url: str | None = None
    hours: str | None = None
    note: str | None = None

    @property
    def area(self) -> str | None:
        """Where it serves, in plain words ("Northern Ireland"); None for the whole UK."""
        if Nation.UK in self.nations or _EVERY_NATION <= set(self.nations):
            return None
        names = [NATION_NAMES[n] for n in Nation if n in self.nations]
        return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)

    def name_for(self, nation: Nation | None) -> str:
        """The name as a list shows it: "Lifeline (Northern Ireland only)" in a list for
        the whole UK (``nation`` None), or for a nation it does not serve; else the name."""
        if self.area is None or (nation is not None and nation in self.nations):
            return self.name
        return f"{self.name} ({self.area} only)"

    def opening_hours(self) -> str | None:
        """ "Open 24 hours a day.", or None when the catalogue does not say."""
        return f"Open {self.hours}." if self.hours else None

    def serves(self, nation: Nation | None, audience: Audience | None) -> bool:
        """True if this service is for someone in ``nation`` and ``audience`` (None: anyone)."""
        nation_ok = nation is None or Nation.UK in self.nations or nation in self.nations
        audience_ok = audience is None or audience in self.audiences
        return nation_ok and audience_ok


class CatalogueError(ValueError):
    """The support data file breaks its schema; the message names the entry and field."""


def _optional_text(entry: Mapping[str, object], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key} must be non-empty text")
    return value


def _text(entry: Mapping[str, object], key: str, where: str) -> str:
    value = _optional_text(entry, key, where)
    if value is None:
        raise CatalogueError(f"{where}: {key} is required")
    return value


def _codes(entry: Mapping[str, object], key: str) -> list[str]:
    value = entry.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key!r} must be a list of codes")
    return [str(v) for v in value]


def _parse_service(entry: object, index: int) -> SupportService:
    if not isinstance(entry, dict):
        raise CatalogueError(f"service {index}: not an object")
    where = f"service {index} ({entry.get('id', '?')})"
    allowed = {
        "id",
        "name",
        "what",
        "for",
        "where",
        "urgent",
        "group",
        "phone",
        "text",
        "url",
        "hours",
        "source",
        "last_verified",
        "status",
        "note",
    }
    unknown = set(entry) - allowed
    if unknown:
        raise CatalogueError(f"{where}: unknown fields {sorted(unknown)}")
    service_id = _text(entry, "id", where)
    if not re.fullmatch(r"[a-z0-9_]+", service_id):
        raise CatalogueError(f"{where}: id must be lower_snake_case")
    try:
        audiences = tuple(Audience(a) for a in _codes(entry, "for"))
        nations = tuple(Nation(n) for n in _codes(entry, "where"))
        status = Status(str(entry.get("status")))
        verified = date.fromisoformat(str(entry.get("last_verified")))
    except (ValueError, TypeError) as error:
        raise CatalogueError(f"{where}: {error}") from None
    if not audiences or not nations:
        raise CatalogueError(f"{where}: 'for' and 'where' must each list at least one value")
    urgent = entry.get("urgent")
    if not isinstance(urgent, bool):
        raise CatalogueError(f"{where}: urgent must be true or false")
    group = _text(entry, "group", where)
    if group not in GROUPS:
        raise CatalogueError(f"{where}: unknown group {group!r}")
    phone = _optional_text(entry, "phone", where)
    if phone is not None and not _PHONE.fullmatch(phone):
        raise CatalogueError(f"{where}: phone {phone!r} is not written as digits and spaces")
    text: TextContact | None = None
    raw_text = entry.get("text")
    if raw_text is not None:
        if (
            not isinstance(raw_text, dict)
            or not _PHONE.fullmatch(str(raw_text.get("number", "")))
            or not _KEYWORD.fullmatch(str(raw_text.get("keyword", "")))
        ):
            raise CatalogueError(f"{where}: text needs a number and an upper-case keyword")
        text = TextContact(str(raw_text["number"]), str(raw_text["keyword"]))
    url = _optional_text(entry, "url", where)
    source = _text(entry, "source", where)
    for key, value in (("url", url), ("source", source)):
        if value is not None and not _URL.fullmatch(value):
            raise CatalogueError(f"{where}: {key} must be an https:// address")
    hours = _optional_text(entry, "hours", where)
    if hours is not None and (not _HOURS.search(hours) or hours.lower().startswith("open")):
        raise CatalogueError(
            f"{where}: hours {hours!r} must say when it is open, e.g. '24 hours a day'"
        )
    note = _optional_text(entry, "note", where)
    if status is Status.SECONDARY and note is None:
        raise CatalogueError(f"{where}: a secondary entry needs a note saying why")
    return SupportService(
        id=service_id,
        name=_text(entry, "name", where),
        what=_text(entry, "what", where),
        audiences=audiences,
        nations=nations,
        urgent=urgent,
        group=group,
        source=source,
        last_verified=verified,
        status=status,
        phone=phone,
        text=text,
        url=url,
        hours=hours,
        note=note,
    )


@dataclass(frozen=True)
class SupportCatalogue:
    services: tuple[SupportService, ...]

    def by_id(self, service_id: str) -> SupportService:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def urgent(self, nation: Nation | None = None) -> list[SupportService]:
        """The 24/7 lines, emergency first, for ``nation`` (None: every nation)."""
        found = [s for s in self.services if s.urgent and s.serves(nation, None)]
        return sorted(found, key=lambda s: (s.group != "emergency", self.services.index(s)))

    def in_group(self, group: str) -> Sequence[SupportService]:
        return [s for s in self.services if s.group == group]


# What "Get help now" always shows, in this order: 999 first, then the police
# crisis line, then the two lines open to anyone at any hour.
URGENT_HELP_IDS: Final = ("emergency", "oscar_kilo_crisis_line", "samaritans", "shout")


def urgent_help(catalogue: SupportCatalogue) -> list[SupportService]:
    """The services the "Get help now" button shows, urgent lines only, 999 first."""
    found = [catalogue.by_id(service_id) for service_id in URGENT_HELP_IDS]
    return [s for s in found if s.urgent]


def parse_catalogue(document: object) -> SupportCatalogue:
    """Validate the decoded JSON of ``resources/support/uk.json``."""
    if not isinstance(document, dict) or document.get("format") != "took-home-support":
        raise CatalogueError("not a Took Home support catalogue")
    if document.get("version") != 1:
        raise CatalogueError("unknown support catalogue version")
    entries = document.get("services")
    if not isinstance(entries, list) or not entries:
        raise CatalogueError("the catalogue lists no services")
    services = tuple(_parse_service(entry, i) for i, entry in enumerate(entries))
    ids = [s.id for s in services]
    if len(set(ids)) != len(ids):
        raise CatalogueError("two services share an id")
    for service in services:
        if service.urgent and service.hours is None:
            raise CatalogueError(f"{service.id}: an urgent line must say its hours")
    return SupportCatalogue(services)
