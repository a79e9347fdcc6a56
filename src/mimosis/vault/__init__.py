"""The vault: the encrypted store on the receiving side (Beraadslaging 17/020, points 12-18 and
the annex on protecting data on PCs).

The model-input stage reads the data with one call::

    extract = Vault.open(path, user, passphrase, key_file, purpose="baseline 2015")
    extract.tables["person"]  # a pyarrow.Table, in memory only

With ``columns={table: [column, ...]}`` only those tables and columns are decrypted (code
columns dictionary-encoded); the model-input stage asks for ``model_input.needed_columns()``.

Everything else (creating the vault, granting and revoking access, rotating keys, importing a
sealed extract, handing over the officer role or the medium, auditing, destroying) goes through
:class:`Session`, obtained with :meth:`Vault.unlock`. See docs/decisions/0004-vault.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from mimosis.common.kdf import KdfCost
from mimosis.common.passphrase import passphrase_problems
from mimosis.vault.crypto import check_passphrase, new_key_file
from mimosis.vault.custody import AuditReport, LogEntry, read_head_file
from mimosis.vault.custody import verify as verify_log
from mimosis.vault.errors import (
    AccessRevokedError,
    CustodyLogBrokenError,
    NotOfficerError,
    RetentionExpiredError,
    VaultError,
    VaultTamperedError,
    WeakPassphraseError,
    WrongCredentialsError,
)
from mimosis.vault.lifecycle import (
    init_vault,
    record_release,
    vault_status,
    verify_destruction_record,
)
from mimosis.vault.session import Session
from mimosis.vault.store import Extract, log_path


class Vault:
    """Entry points by use: create, open for reading, unlock for management, inspect."""

    @staticmethod
    def init(
        path: Path,
        officer: str,
        passphrase: str,
        key_file: Path,
        *,
        retention_date: date,
        authorisation: dict[str, str],
        kdf: KdfCost | None = None,
    ) -> str:
        """Create a vault; returns the custody-log head for the officer to keep."""
        return init_vault(
            path,
            officer,
            passphrase,
            key_file,
            retention_date=retention_date,
            authorisation=authorisation,
            kdf=kdf,
        )

    @staticmethod
    def open(
        path: Path,
        user: str,
        passphrase: str,
        key_file: Path,
        purpose: str,
        *,
        today: date | None = None,
        columns: Mapping[str, Sequence[str]] | None = None,
    ) -> Extract:
        """Open with two factors and return the extract in memory; the open is logged.

        ``columns``: decrypt only these tables and columns (e.g.
        ``mimosis.model_input.needed_columns()``); default: everything."""
        session = Session.unlock(path, user, passphrase, key_file, today=today)
        return session.read_extract(purpose, columns)

    @staticmethod
    def unlock(
        path: Path,
        user: str,
        passphrase: str,
        key_file: Path,
        *,
        allow_expired: bool = False,
        today: date | None = None,
    ) -> Session:
        return Session.unlock(
            path, user, passphrase, key_file, allow_expired=allow_expired, today=today
        )

    @staticmethod
    def status(path: Path) -> dict[str, Any]:
        return vault_status(path)

    @staticmethod
    def audit(path: Path, head: str | None = None) -> AuditReport:
        return verify_log(log_path(Path(path)), head=head)


__all__ = [
    "AccessRevokedError",
    "AuditReport",
    "CustodyLogBrokenError",
    "Extract",
    "KdfCost",
    "LogEntry",
    "NotOfficerError",
    "RetentionExpiredError",
    "Session",
    "Vault",
    "VaultError",
    "VaultTamperedError",
    "WeakPassphraseError",
    "WrongCredentialsError",
    "check_passphrase",
    "new_key_file",
    "passphrase_problems",
    "read_head_file",
    "record_release",
    "verify_destruction_record",
    "verify_log",
]
