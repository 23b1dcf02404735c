"""Support: the shipped catalogue, the user's own contacts, their filters, and suggestions."""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from wellbeing_app.domain.contacts import (
    InvalidContact,
    OwnContact,
    contact_from_record,
    contact_to_record,
)
from wellbeing_app.domain.signposting import (
    SelfCheckOffers,
    Suggestion,
    signpost_for,
    words_read,
)
from wellbeing_app.domain.support import Audience, Nation, SupportCatalogue, parse_catalogue
from wellbeing_app.resource_files import read_resource_bytes
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.settings_store import VaultSettings
from wellbeing_app.storage.vault import Vault

if TYPE_CHECKING:
    from wellbeing_app.domain.selfchecks import SelfCheck

CATALOGUE_PARTS = ("support", "uk.json")
CONTACTS_KEY: Final = "own_contacts"
NATION_KEY: Final = "support_nation"
AUDIENCE_KEY: Final = "support_audience"
DISMISSED_KEY: Final = "dismissed_suggestions"
SIGNPOST_DAYS: Final = 60  # how far back suggestions look


@functools.cache
def load_catalogue() -> SupportCatalogue:
    """The UK support catalogue (read and validated once per process)."""
    return parse_catalogue(json.loads(read_resource_bytes(*CATALOGUE_PARTS).decode("utf-8")))


# -- the user's own contacts (inside the encrypted vault) ---------------------------


def own_contacts(vault: Vault) -> list[OwnContact]:
    raw = VaultSettings(vault).get(CONTACTS_KEY, [])
    contacts = []
    for record in raw if isinstance(raw, list) else []:
        if isinstance(record, dict):
            try:
                contacts.append(contact_from_record(record))
            except InvalidContact:
                continue  # a damaged entry is skipped, never fatal
    return contacts


def save_contact(vault: Vault, contact: OwnContact) -> None:
    """Add a contact, or replace the one with the same id (keeping its place)."""
    contacts = own_contacts(vault)
    ids = [c.id for c in contacts]
    if contact.id in ids:
        contacts[ids.index(contact.id)] = contact
    else:
        contacts.append(contact)
    VaultSettings(vault).set(CONTACTS_KEY, [contact_to_record(c) for c in contacts])


def remove_contact(vault: Vault, contact_id: str) -> None:
    contacts = [c for c in own_contacts(vault) if c.id != contact_id]
    VaultSettings(vault).set(CONTACTS_KEY, [contact_to_record(c) for c in contacts])


# -- where the user works and who they are (to filter the catalogue) ---------------


def support_filters(vault: Vault) -> tuple[Nation | None, Audience | None]:
    settings = VaultSettings(vault)
    nation, audience = settings.get(NATION_KEY), settings.get(AUDIENCE_KEY)
    return (
        Nation(nation) if nation in {n.value for n in Nation} else None,
        Audience(audience) if audience in {a.value for a in Audience} else None,
    )


def set_support_filters(vault: Vault, nation: Nation | None, audience: Audience | None) -> None:
    settings = VaultSettings(vault)
    settings.set(NATION_KEY, nation.value if nation is not None else None)
    settings.set(AUDIENCE_KEY, audience.value if audience is not None else None)


# -- suggestions --------------------------------------------------------------------


def dismissed_suggestions(vault: Vault) -> list[str]:
    raw = VaultSettings(vault).get(DISMISSED_KEY, [])
    return [str(k) for k in raw] if isinstance(raw, list) else []


def dismiss_suggestion(vault: Vault, key: str) -> None:
    keys = dismissed_suggestions(vault)
    if key not in keys:
        keys.append(key)
        VaultSettings(vault).set(DISMISSED_KEY, keys[-500:])


def suggestions_for(vault: Vault, today: date | None = None) -> list[Suggestion]:
    """What to offer now, from the last 60 days of check-ins, without dismissed reasons."""
    today = today or date.today()
    # The numbers of 60 days come from their index; the reflections only of
    # the few check-ins read for crisis words.
    repository = CheckInRepository(vault)
    recent = repository.list_between(today - timedelta(days=SIGNPOST_DAYS), None, text=False)
    words = repository.reflections(words_read(recent, today=today))
    recent = [
        replace(c, took_home=words[c.id][0], good_thing=words[c.id][1]) if c.id in words else c
        for c in recent
    ]
    offers = selfcheck_offers(vault)
    checks = _selfchecks(vault) if offers.instruments or _has_selfchecks(vault) else []
    return signpost_for(
        recent,
        today=today,
        dismissed=dismissed_suggestions(vault),
        selfchecks=checks,
        offers=offers if offers.instruments else None,
    )


OFFERS_KEY: Final = "selfcheck_offers"


def selfcheck_offers(vault: Vault) -> SelfCheckOffers:
    """Which questionnaires Today offers, and how often: none until the person chooses."""
    from wellbeing_app.domain.selfchecks import INSTRUMENT_IDS

    raw = VaultSettings(vault).get(OFFERS_KEY, {})
    if not isinstance(raw, dict):
        return SelfCheckOffers()
    chosen = raw.get("instruments", [])
    every = raw.get("every_days", 30)
    return SelfCheckOffers(
        tuple(i for i in INSTRUMENT_IDS if isinstance(chosen, list) and i in chosen),
        every if type(every) is int and 7 <= every <= 366 else 30,
    )


def set_selfcheck_offers(vault: Vault, offers: SelfCheckOffers) -> None:
    VaultSettings(vault).set(
        OFFERS_KEY, {"instruments": list(offers.instruments), "every_days": offers.every_days}
    )


def _has_selfchecks(vault: Vault) -> bool:
    from wellbeing_app.storage.selfcheck_store import SelfCheckStore

    return SelfCheckStore(vault).count() > 0


def _selfchecks(vault: Vault) -> list[SelfCheck]:
    from wellbeing_app.services.selfchecks import selfchecks

    return selfchecks(vault)
