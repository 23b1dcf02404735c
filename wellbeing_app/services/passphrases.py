"""Changing the passphrase: prove who you are, choose a new one, rewrite one slot."""

from __future__ import annotations

from wellbeing_app.domain.passphrase import PassphraseAssessment, assess_passphrase
from wellbeing_app.kdf import DEFAULT_KDF, KdfParams
from wellbeing_app.storage.errors import WrongSecretError
from wellbeing_app.storage.vault import Vault


class WeakPassphraseError(ValueError):
    """The new passphrase would be too easy to guess."""

    def __init__(self, assessment: PassphraseAssessment) -> None:
        self.assessment = assessment
        super().__init__(assessment.message() or "that passphrase would be easy to guess")


def change_passphrase(
    vault: Vault, current_secret: str, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
) -> None:
    """Set a new passphrase after checking the current passphrase or the recovery key.

    Only the passphrase slot of the key file is rewritten (atomically); the
    recovery key keeps working and the data is not re-encrypted. Raises
    ``WrongSecretError`` or ``WeakPassphraseError`` and changes nothing then.
    Slow (two Argon2id runs): call it off the UI thread.
    """
    if not vault.accepts_secret(current_secret):
        raise WrongSecretError("the current passphrase or recovery key is not right")
    assessment = assess_passphrase(new_passphrase)
    if not assessment.acceptable:
        raise WeakPassphraseError(assessment)
    vault.change_passphrase(new_passphrase, kdf=kdf)
