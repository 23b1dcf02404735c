"""Importing and exporting check-ins in the interchange format (JSON v1 or CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from wellbeing_app import paths
from wellbeing_app.domain.checkin import CheckIn, FieldProblem, show_value
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

MAX_IMPORT_BYTES: Final = 512 * 1024 * 1024


def read_import_file(path: Path) -> list[CheckIn]:
    """Read and validate a whole import file. Raises ``ImportRejected`` or ``OSError``."""
    fmt = format_for_path(path)
    if fmt is None:
        raise ImportRejected([RecordProblem(None, None, "the file name must end in .json or .csv")])
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportRejected(
            [RecordProblem(None, None, "the file is too large to be a check-in export")],
            damaged=True,
        )
    data = path.read_bytes()
    if fmt is ExportFormat.JSON:
        return checkins_from_json(data)
    return checkins_from_csv(data)


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


def import_contacts(vault: Vault, path: Path) -> int:
    """Add the contacts a JSON export carries that are not in the vault yet."""
    from wellbeing_app.domain.interchange import contacts_from_json
    from wellbeing_app.services.support import own_contacts, save_contact

    if format_for_path(path) is not ExportFormat.JSON:
        return 0
    have = {c.id for c in own_contacts(vault)}
    added = 0
    for contact in contacts_from_json(path.read_bytes()):
        if contact.id not in have:
            save_contact(vault, contact)
            added += 1
    return added


def write_export(path: Path, text: str) -> None:
    """Write a plain (unencrypted) export where the user asked, private to them (0600)."""
    paths.write_atomically(path, text.encode("utf-8"))
