"""Load what an unlocked session needs while the lock screen waits.

The lock screen is up for the seconds it takes to type a passphrase, and the
app has nothing to do meanwhile. Importing the plain-Python modules of a
session then (on a thread) takes them off the wait after "Unlock": about 65
ms of imports, which would otherwise come before the key is derived, slow
Argon2's two lanes down while it runs, or come after it. The lock screen
starts this shortly after it is shown, and "Unlock" starts it too, in case
the passphrase came faster. Nothing here touches the vault or any secret: it
only imports code.
"""

from __future__ import annotations

import importlib
import threading
from typing import Final

# The modules an unlock imports, in the order it first needs them. Qt modules
# are left to the UI thread (``ui.unlock.FIRST_PAGE_UI``). Only the first page
# is made at unlock, so what the other pages need (insights, passphrases) loads
# when they are shown.
AFTER_UNLOCK: Final = (
    "cryptography.hazmat.primitives.ciphers.aead",  # unwraps the key once Argon2 is done
    "wellbeing_app.storage.vault",
    "wellbeing_app.domain.checkin",
    "wellbeing_app.domain.crisis_words",
    "wellbeing_app.domain.signposting",
    "wellbeing_app.domain.today",
    "wellbeing_app.storage.repository",
    "wellbeing_app.storage.settings_store",
    "wellbeing_app.services.support",
    "wellbeing_app.storage.journal",
    "wellbeing_app.storage.drafts",
    "wellbeing_app.services.checkins",
    # Today names the next shift on the rota (not the calendar reader: that loads on import).
    "wellbeing_app.domain.rota",
    "wellbeing_app.domain.rota.errors",
    "wellbeing_app.domain.rota.wording",
    "wellbeing_app.domain.rota.model",
    "wellbeing_app.domain.rota.mapping",
    "wellbeing_app.domain.rota.expansion",
    "wellbeing_app.domain.rota.records",
    "wellbeing_app.storage.rota_store",
    "wellbeing_app.services.rota",
    # The suggestions read the self-checks chosen for Today, and the totals.
    "wellbeing_app.domain.selfchecks",
    "wellbeing_app.domain.selfchecks.scales",
    "wellbeing_app.domain.selfchecks.scoring",
    "wellbeing_app.domain.selfchecks.forms",
    "wellbeing_app.domain.selfchecks.record",
    "wellbeing_app.domain.selfchecks.results",
    "wellbeing_app.storage.selfcheck_store",
    # Today offers the Wind down tools after a hard check-in.
    "wellbeing_app.domain.aftershift",
    "wellbeing_app.domain.aftershift.moments",
    # Today's automatic backup is checked once the first page is up.
    "wellbeing_app.services.backups",
    # Read from the rota and the records at unlock (the standard library loads them when used).
    "_strptime",
    "zoneinfo",
)

_started = threading.Event()


def import_session_modules() -> None:
    """Import every module in ``AFTER_UNLOCK`` (already loaded ones cost nothing)."""
    for name in AFTER_UNLOCK:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001, S112 - the same import fails again, and is reported, where it is needed
            continue


def start_warm_up() -> None:
    """Start ``import_session_modules`` on a background thread, once per process."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=import_session_modules, name="took-home-warm-up", daemon=True).start()
