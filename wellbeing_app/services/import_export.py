"""Importing and exporting check-ins in the interchange format (JSON v1 or CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn, FieldProblem, show_value
from wellbeing_app.domain.contacts import OwnContact
from wellbeing_app.domain.file_formats import ExportFormat, format_for_path
from wellbeing_app.domain.interchange import (
    ImportRejected,
    RecordProblem,
    checkins_from_csv,
    checkins_from_json,
    checkins_to_csv,
    checkins_to_json,
)
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

# Ten years of daily check-ins with long reflections is well under 64 MB.
MAX_IMPORT_BYTES: Final = 128 * 1024 * 1024


@dataclass(frozen=True)
class ImportFile:
    """What one import file holds, read and checked in full before anything is written."""

    checkins: list[CheckIn]
    contacts: list[OwnContact]


def read_import(path: Path) -> ImportFile:
    """Read and validate a whole import file, once. Raises ``ImportRejected`` or ``OSError``.

    Only a regular file is read (a pipe, a device or a folder is refused at
    once) and never more than ``MAX_IMPORT_BYTES`` of it.
    """
    from wellbeing_app.domain.interchange import contacts_from_json

    fmt = format_for_path(path)
    if fmt is None:
        raise ImportRejected([RecordProblem(None, None, "the file name must end in .json or .csv")])
    try:
        data = paths.read_regular_file(path, MAX_IMPORT_BYTES)
    except paths.FileTooLargeError:
        raise ImportRejected(
            [RecordProblem(None, None, "the file is too large to be a check-in export")],
            damaged=True,
        ) from None
    if fmt is ExportFormat.JSON:
        return ImportFile(checkins_from_json(data), contacts_from_json(data))
    return ImportFile(checkins_from_csv(data), [])


def read_import_file(path: Path) -> list[CheckIn]:
    """The check-ins of an import file (see ``read_import``)."""
    return read_import(path).checkins


def import_checkins(vault: Vault, checkins: Sequence[CheckIn]) -> int:
    """Add every check-in in one transaction, or none of them.

    A check-in whose id is already in the vault is reported by its index,
    like any other bad record.
    """
    repository = CheckInRepository(vault)
    taken = repository.existing_ids(c.id for c in checkins)
    if taken:
        raise ImportRejected(
            [
                RecordProblem(
                    index, FieldProblem("id", show_value(c.id), "is already in this vault")
                )
                for index, c in enumerate(checkins)
                if c.id in taken
            ]
        )
    return repository.add_many(checkins)


def export_checkins(vault: Vault, fmt: ExportFormat) -> tuple[str, int]:
    """Every check-in, oldest first, as text in ``fmt``; and how many there were.

    A JSON export also carries the user's own support contacts.
    """
    from wellbeing_app.services.support import own_contacts

    checkins = CheckInRepository(vault).list_between(newest_first=False)
    if fmt is ExportFormat.JSON:
        return checkins_to_json(checkins, own_contacts(vault)), len(checkins)
    return checkins_to_csv(checkins), len(checkins)


def import_contacts(vault: Vault, contacts: Sequence[OwnContact]) -> int:
    """Add the contacts (from a JSON export) that are not in the vault yet."""
    from wellbeing_app.services.support import own_contacts, save_contact

    have = {c.id for c in own_contacts(vault)}
    added = 0
    for contact in contacts:
        if contact.id not in have:
            save_contact(vault, contact)
            added += 1
    return added


def write_export(path: Path, text: str) -> None:
    """Write a plain (unencrypted) export where the user asked, private to them (0600)."""
    paths.write_atomically(path, text.encode("utf-8"))
