"""The vault's refusals. Each is a :class:`~mimosis.errors.UserError`: the CLI prints the message
and exits with code 2. Messages name users, files and checks, never record values or secrets."""

from __future__ import annotations

from mimosis.errors import UserError


class VaultError(UserError):
    """The vault refuses a request; the message says why and what to do."""


class WrongCredentialsError(VaultError):
    """The passphrase or the key file is wrong (deliberately not saying which)."""

    def __init__(self, user: str) -> None:
        super().__init__(f"cannot open: the passphrase or key file is wrong for user {user!r}")


class WeakPassphraseError(VaultError):
    """A new passphrase breaks the policy of Beraadslaging 17/020, point 17."""


class AccessRevokedError(VaultError):
    """The user has no valid key slot: never granted, revoked, or a stale copy of a slot."""


class RetentionExpiredError(VaultError):
    """The authorised retention date has passed: the data may no longer be opened."""


class NotOfficerError(VaultError):
    """Only the access-control officer may do this."""


class VaultTamperedError(VaultError):
    """A vault file fails its integrity check (altered, truncated, swapped or restored)."""


class CustodyLogBrokenError(VaultError):
    """The custody log fails verification (tampered entry, broken chain, bad signature, cut)."""
