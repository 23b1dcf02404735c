"""After-shift tools as the app uses them: moments saved and read back, and the
user's switching-off routine kept in the vault.

What a moment is, and the rules, live in ``domain.aftershift``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from wellbeing_app.domain.aftershift import InvalidMoment, Moment, validate_moment
from wellbeing_app.domain.aftershift.routine import InvalidRoutine, clean_routine
from wellbeing_app.storage.errors import VaultDamagedError
from wellbeing_app.storage.moment_store import MomentStore, StoredMoment
from wellbeing_app.storage.settings_store import VaultSettings
from wellbeing_app.storage.sqlcipher import Connection
from wellbeing_app.storage.vault import Vault

ROUTINE_KEY = "switch_off_routine"


def _row(moment: Moment) -> StoredMoment:
    return (
        moment.id,
        moment.at.astimezone(UTC),
        moment.tool,
        moment.distress_before,
        moment.distress_after,
    )


def save_moment(vault: Vault, moment: Moment) -> None:
    validate_moment(moment)
    MomentStore(vault).add([_row(moment)])


def add_moments_within(conn: Connection, moments: Sequence[Moment]) -> int:
    """Inside an import's transaction: the moments not kept yet (by id)."""
    return MomentStore.add_within(conn, [_row(m) for m in moments])


def moments(vault: Vault) -> list[Moment]:
    """Every moment, oldest first."""
    found = []
    for moment_id, at, tool, before, after in MomentStore(vault).all():
        moment = Moment(at.astimezone(UTC), tool, before, after, id=moment_id)
        try:
            validate_moment(moment, now=moment.at)
        except InvalidMoment:
            raise VaultDamagedError("a stored moment does not fit the rules") from None
        found.append(moment)
    return found


def moment_count(vault: Vault) -> int:
    return MomentStore(vault).count()


def switch_off_routine(vault: Vault) -> tuple[str, ...]:
    """The user's own steps; a damaged value reads as no routine (it is a convenience)."""
    raw = VaultSettings(vault).get(ROUTINE_KEY, [])
    if not isinstance(raw, list):
        return ()
    try:
        return clean_routine(raw)
    except InvalidRoutine:
        return tuple(s for s in raw if isinstance(s, str) and s.strip())


def set_switch_off_routine(vault: Vault, steps: Sequence[str]) -> tuple[str, ...]:
    """Keep the routine (checked first: ``InvalidRoutine`` says what is wrong)."""
    cleaned = clean_routine(steps)
    VaultSettings(vault).set(ROUTINE_KEY, list(cleaned))
    return cleaned
