"""The Argon2id cost settings a passphrase slot is wrapped with.

Plain data (no crypto here), so that every layer can name them: the app and
the command line pass them down, ``storage.keyslots`` runs the KDF with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. Stored in the key file, so it can be raised later."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def check(self) -> None:
        """Refuse costs outside the window the app works in (before any KDF runs).

        A key file is read before anything in it can be verified, so its costs
        are bounded: at most 1 GiB, 20 passes, 8 lanes, and no more than four
        times the work of ``DEFAULT_KDF`` in all (about 3 s and 1 GiB here).
        The floor stays low because cheap settings cost an attacker nothing:
        they only weaken a slot, and the app itself always writes ``DEFAULT_KDF``.
        """
        if not KDF_TIME_RANGE[0] <= self.time_cost <= KDF_TIME_RANGE[1]:
            raise ValueError("time_cost out of range")
        if not KDF_MEMORY_KIB_RANGE[0] <= self.memory_kib <= KDF_MEMORY_KIB_RANGE[1]:
            raise ValueError("memory out of range")
        if not KDF_PARALLELISM_RANGE[0] <= self.parallelism <= KDF_PARALLELISM_RANGE[1]:
            raise ValueError("parallelism out of range")
        if self.memory_kib * self.time_cost > KDF_MAX_WORK:
            raise ValueError("total work out of range")


# About 0.47 s on the reference machine (2 cores), with 128 MiB of memory:
# strong against guessing, and within the app's 300 MB peak-memory budget.
DEFAULT_KDF: Final = KdfParams(time_cost=10, memory_kib=128 * 1024, parallelism=2)
KDF_TIME_RANGE: Final = (1, 20)
KDF_MEMORY_KIB_RANGE: Final = (8 * 1024, 1024 * 1024)
KDF_PARALLELISM_RANGE: Final = (1, 8)
KDF_MAX_WORK: Final = 4 * DEFAULT_KDF.memory_kib * DEFAULT_KDF.time_cost
