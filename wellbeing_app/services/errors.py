"""The errors the app and the command line must tell apart, from one place.

``ui/`` and ``cli.py`` never import ``storage``; they catch these. Each
carries a plain message meant for the person using the app, and none
carries journal content. SQLCipher itself loads only when it is needed.
"""

from __future__ import annotations

from typing import Literal

from wellbeing_app.storage.errors import CheckInConflictError as CheckInConflictError
from wellbeing_app.storage.errors import NoVaultError as NoVaultError
from wellbeing_app.storage.errors import UnsupportedSqlcipherError as UnsupportedSqlcipherError
from wellbeing_app.storage.errors import VaultBusyError as VaultBusyError
from wellbeing_app.storage.errors import VaultDamagedError as VaultDamagedError
from wellbeing_app.storage.errors import VaultError as VaultError
from wellbeing_app.storage.errors import VaultExistsError as VaultExistsError
from wellbeing_app.storage.errors import VaultLockedError as VaultLockedError
from wellbeing_app.storage.errors import VaultTooNewError as VaultTooNewError
from wellbeing_app.storage.errors import WrongSecretError as WrongSecretError


def database_problem(error: BaseException) -> Literal["damaged", "failed"] | None:
    """For an error the database library raised: damage, another failure; else None."""
    from wellbeing_app.storage import sqlcipher  # loaded only once there is an error

    if not isinstance(error, sqlcipher.DatabaseError):
        return None
    return "damaged" if sqlcipher.is_damage(error) else "failed"


def storage_build_problem() -> str | None:
    """Why the SQLCipher build cannot be trusted, or None."""
    from wellbeing_app.storage import sqlcipher

    try:
        sqlcipher.check_build()
    except UnsupportedSqlcipherError as error:
        return str(error)
    return None
