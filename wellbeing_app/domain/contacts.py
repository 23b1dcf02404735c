"""The user's own support contacts: their force EAP, occupational health, TRiM, a rep, a GP."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from wellbeing_app.domain.checkin import FieldProblem, InvalidCheckIn, show_value, text_problem

MAX_NAME_CHARS: Final = 80
MAX_NOTE_CHARS: Final = 400
_PHONE: Final = re.compile(r"\+?[0-9][0-9 ()-]{2,24}")


class ContactKind(StrEnum):
    FORCE_EAP = "force_eap"
    OCCUPATIONAL_HEALTH = "occupational_health"
    TRIM = "trim_practitioner"
    PEER_SUPPORTER = "peer_supporter"
    FEDERATION_REP = "federation_rep"
    UNISON_REP = "unison_rep"
    GP = "gp"
    OTHER = "other"


CONTACT_KIND_LABELS: Final = MappingProxyType(
    {
        ContactKind.FORCE_EAP: "Force employee assistance programme (EAP)",
        ContactKind.OCCUPATIONAL_HEALTH: "Occupational health",
        ContactKind.TRIM: "TRiM practitioner",
        ContactKind.PEER_SUPPORTER: "Peer supporter",
        ContactKind.FEDERATION_REP: "Federation rep",
        ContactKind.UNISON_REP: "UNISON rep",
        ContactKind.GP: "GP",
        ContactKind.OTHER: "Someone else",
    }
)


class InvalidContact(InvalidCheckIn):
    """A contact that breaks the rules; ``problems`` names each field."""


@dataclass(frozen=True)
class OwnContact:
    kind: ContactKind
    name: str
    phone: str | None = None
    notes: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def label(self) -> str:
        return CONTACT_KIND_LABELS[self.kind]


def contact_from_record(record: Mapping[str, object]) -> OwnContact:
    """Validate a contact record (JSON types) and build it; ``InvalidContact`` lists problems."""
    problems: list[FieldProblem] = []
    kind_value = record.get("kind")
    kind = None
    if isinstance(kind_value, str) and kind_value in {k.value for k in ContactKind}:
        kind = ContactKind(kind_value)
    else:
        problems.append(FieldProblem("kind", show_value(kind_value), "is not a kind of contact"))
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(FieldProblem("name", "", "is required"))
    elif len(name) > MAX_NAME_CHARS or text_problem(name):
        problems.append(FieldProblem("name", "", f"must be up to {MAX_NAME_CHARS} characters"))
    phone = record.get("phone") or None
    if phone is not None and (not isinstance(phone, str) or not _PHONE.fullmatch(phone.strip())):
        problems.append(FieldProblem("phone", show_value(phone), "is not a phone number"))
    notes = record.get("notes") or None
    if notes is not None and (
        not isinstance(notes, str) or len(notes) > MAX_NOTE_CHARS or text_problem(notes)
    ):
        problems.append(FieldProblem("notes", "", f"must be up to {MAX_NOTE_CHARS} characters"))
    contact_id = record.get("id")
    if contact_id is not None:
        try:
            contact_id = str(uuid.UUID(str(contact_id)))
        except ValueError:
            problems.append(FieldProblem("id", show_value(contact_id), "is not a UUID"))
    if problems:
        raise InvalidContact(problems)
    assert kind is not None and isinstance(name, str)
    contact = OwnContact(
        kind=kind,
        name=name.strip(),
        phone=phone.strip() if isinstance(phone, str) else None,
        notes=notes if isinstance(notes, str) else None,
    )
    if isinstance(contact_id, str):
        contact = OwnContact(contact.kind, contact.name, contact.phone, contact.notes, contact_id)
    return contact


def contact_to_record(contact: OwnContact) -> dict[str, object]:
    return {
        "id": contact.id,
        "kind": contact.kind.value,
        "name": contact.name,
        "phone": contact.phone,
        "notes": contact.notes,
    }
