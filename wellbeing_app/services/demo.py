"""The demo: a throw-away vault of realistic made-up check-ins, so anyone can try the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Final

from wellbeing_app.domain.synthetic import synthetic_checkins
from wellbeing_app.storage.keyslots import DEFAULT_KDF, KdfParams
from wellbeing_app.storage.repository import CheckInRepository
from wellbeing_app.storage.vault import Vault

DEMO_DAYS: Final = 274  # about nine months
DEMO_PASSPHRASE: Final = "demo passphrase for trying things"
DEMO_LABEL: Final = "DEMO \u2013 not your data"


def create_demo_vault(
    folder: Path, *, today: date | None = None, kdf: KdfParams = DEFAULT_KDF
) -> Vault:
    """Make ``folder`` a demo vault of about nine months of check-ins; returns it open.

    ``folder`` must be a new, throw-away folder: the demo never uses the real one.
    """
    vault, _recovery = Vault.create(folder, DEMO_PASSPHRASE, kdf=kdf)
    end = today or date.today()
    CheckInRepository(vault).add_many(synthetic_checkins(DEMO_DAYS, end=end, seed=2026))
    return vault
