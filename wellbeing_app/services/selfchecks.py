"""Self-checks as the app uses them: saved in the vault, read back, and left half-done.

The questionnaires, their scoring and their words live in ``domain.selfchecks``.
"""

from __future__ import annotations

from collections.abc import Sequence

from wellbeing_app.domain.selfchecks import (
    InvalidSelfCheck,
    SelfCheck,
    instrument_by_id,
    validate_selfcheck,
)
from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.selfcheck_store import SelfCheckStore, StoredSelfCheck
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault


def _row(check: SelfCheck) -> StoredSelfCheck:
    return (check.id, check.date, check.instrument, check.answers, check.difficulty)


def save_selfcheck(vault: Vault, check: SelfCheck) -> None:
    """Keep a completed self-check (checked first) and drop the half-done one."""
    validate_selfcheck(check)
    store = SelfCheckStore(vault)
    store.add([_row(check)])
    store.discard_draft()


def add_selfchecks_within(conn: Connection, checks: Sequence[SelfCheck]) -> int:
    """Inside an import's transaction: the self-checks not kept yet (by id)."""
    return SelfCheckStore.add_within(conn, [_row(c) for c in checks])


def selfchecks(vault: Vault, instrument: str | None = None) -> list[SelfCheck]:
    """Every completed self-check (of one instrument, if given), oldest first."""
    found = []
    for selfcheck_id, day, kind, answers, difficulty in SelfCheckStore(vault).all(instrument):
        check = SelfCheck(day, kind, answers, difficulty, id=selfcheck_id)
        try:
            validate_selfcheck(check, today=day)
        except InvalidSelfCheck:
            raise VaultDamagedError("a stored self-check does not fit its questionnaire") from None
        found.append(check)
    return found


def save_draft(vault: Vault, instrument: str, answers: Sequence[int | None]) -> None:
    instrument_by_id(instrument)  # only a questionnaire the app knows
    SelfCheckStore(vault).save_draft(instrument, list(answers))


def load_draft(vault: Vault) -> tuple[str, list[int | None]] | None:
    """The half-done self-check, its answers in question order (None: not answered yet)."""
    found = SelfCheckStore(vault).load_draft()
    if found is None:
        return None
    instrument, answers = found
    try:
        form = instrument_by_id(instrument)
    except (KeyError, ValueError):
        return None
    values = {a.value for a in form.answers}
    cleaned = [a if a in values else None for a in answers[: len(form.items)]]
    return instrument, cleaned + [None] * (len(form.items) - len(cleaned))


def discard_draft(vault: Vault) -> None:
    SelfCheckStore(vault).discard_draft()
