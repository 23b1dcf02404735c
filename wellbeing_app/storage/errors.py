"""What can go wrong when opening or using a vault, as typed errors.

Each has a plain message meant for the person using the app; none carries
journal content.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base for every vault problem."""


class NoVaultError(VaultError):
    """There is no vault in this folder yet."""


class VaultExistsError(VaultError):
    """The folder already holds a vault (or part of one)."""


class WrongSecretError(VaultError):
    """The passphrase or recovery key does not unlock the key file."""


class VaultDamagedError(VaultError):
    """The database or the key file is damaged, missing or does not belong together."""


class VaultTooNewError(VaultError):
    """The vault was written by a newer version of the app."""


class UnsupportedSqlcipherError(VaultError):
    """The SQLCipher library is not a build we can trust (version, FTS5, temp store)."""


class VaultBusyError(VaultError):
    """Another process has the vault open, or is replacing it (a restore)."""


class VaultLockedError(VaultError):
    """The vault was used after it was locked."""


class CheckInConflictError(VaultError):
    """A check-in with this id is already in the vault."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        super().__init__(f"{len(ids)} check-in(s) are already in this vault")
