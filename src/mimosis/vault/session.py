"""An unlocked vault: created by a user's two factors, holding the data key in memory only.

``Session.unlock`` checks, in order: the vault exists and is not destroyed; the retention date
has not passed; the user has a slot of the current key generation; the two factors open it;
the envelope opens the data key for this generation and retention date; the state
authenticates and agrees with the header; the user is still authorised in the state; the
custody log verifies and contains the anchor kept in the state. Every operation then records a
signed custody entry. Officer operations (grant, revoke, rotate, extend, handover,
trust-source, import, destroy) refuse other users.
"""

from __future__ import annotations

import copy
import secrets
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from mimosis.common.files import write_atomic
from mimosis.common.kdf import KdfCost
from mimosis.source.seal import new_age_identity, open_sealed
from mimosis.vault import custody
from mimosis.vault.crypto import (
    KEY_BYTES,
    check_passphrase,
    key_file_digest,
    sha256_file,
    sha256_hex,
)
from mimosis.vault.errors import (
    AccessRevokedError,
    CustodyLogBrokenError,
    NotOfficerError,
    RetentionExpiredError,
    VaultError,
    VaultTamperedError,
)
from mimosis.vault.lifecycle import destroy_vault
from mimosis.vault.slots import (
    UserKeys,
    check_user_name,
    new_slot,
    read_slot,
    unlock_keys,
    unwrap_data_key,
    user_entry,
    wrap_data_key,
    write_slot,
)
from mimosis.vault.storage import decrypt_table, encrypt_table
from mimosis.vault.store import (
    CustodyHandle,
    Extract,
    check_retention,
    data_path,
    header_from_state,
    log_path,
    read_header,
    read_state,
    remove_generations,
    slot_path,
    write_header,
    write_state,
)

CLOCK_TOLERANCE = timedelta(days=1)


def _today() -> date:
    return datetime.now().astimezone().date()


def _check_clock(entries: list[custody.LogEntry]) -> None:
    """Refuse a clock set back before the last custody entry (it would defeat the retention
    date on an offline machine)."""
    if not entries:
        return
    last = datetime.fromisoformat(entries[-1].time)
    if datetime.now(UTC) + CLOCK_TOLERANCE < last:
        msg = (
            f"the system clock is earlier than the last custody log entry ({entries[-1].time});"
            " set the clock right before opening the vault"
        )
        raise VaultError(msg)


class Session:
    """A vault opened by one user. Hold it only as long as needed; nothing is written in the
    clear, and the data key lives only in this object's memory."""

    def __init__(
        self, vault: Path, state: dict[str, Any], data_key: bytes, user: str, keys: UserKeys
    ) -> None:
        self.vault = vault
        self.state = state
        self._data_key = data_key
        self.user = user
        self._keys = keys
        self.today = _today()

    # --- opening ---------------------------------------------------------------------

    @classmethod
    def unlock(
        cls,
        vault: Path,
        user: str,
        passphrase: str,
        key_file: Path,
        *,
        allow_expired: bool = False,
        today: date | None = None,
    ) -> Session:
        """Open the vault with a user's two factors. ``allow_expired`` (officer only) lets the
        officer destroy or extend an expired vault; reading data stays refused."""
        vault = Path(vault)
        header = read_header(vault)
        check_user_name(user)
        vault_id, generation = str(header["vault_id"]), int(header["generation"])
        retention = date.fromisoformat(str(header["retention_date"]))
        today = today or _today()
        if not allow_expired:
            check_retention(retention, today)
        digest = key_file_digest(key_file)
        slot = read_slot(slot_path(vault, generation, user), user)
        if slot.vault_id != vault_id:
            msg = f"the key slot of user {user!r} belongs to another vault (swapped)"
            raise VaultTamperedError(msg)
        if slot.generation != generation:
            msg = (
                f"user {user!r} has no access: the key slot is from key generation"
                f" {slot.generation}, the vault is at {generation} (access revoked or an old"
                " slot restored). Ask the access-control officer."
            )
            raise AccessRevokedError(msg)
        keys = unlock_keys(slot, passphrase, digest)
        data_key = unwrap_data_key(slot, keys, generation, retention)
        state = read_state(vault, data_key, vault_id, generation)
        if state["generation"] != generation or state["retention_date"] != retention.isoformat():
            msg = "the vault header disagrees with the authenticated state (altered)"
            raise VaultTamperedError(msg)
        known = state["users"].get(user)
        if known is None or known["sign_public"] != keys.sign_public:
            msg = f"user {user!r} has no access (revoked); ask the access-control officer"
            raise AccessRevokedError(msg)
        session = cls(vault, state, data_key, user, keys)
        session.today = today
        if allow_expired and not session.is_officer:
            msg = "only the access-control officer may act on an expired vault"
            raise RetentionExpiredError(msg)
        session._check_log()
        return session

    def _check_log(self) -> None:
        report = custody.verify(log_path(self.vault), vault_id=self.vault_id)
        if not report.ok:
            msg = (
                "the custody log does not verify, so the vault stays closed: "
                + "; ".join(report.problems[:3])
                + " (see `mimosis vault audit`)"
            )
            raise CustodyLogBrokenError(msg)
        anchor = self.state["log_anchor"]
        seq, head = int(anchor["seq"]), str(anchor["head"])
        if seq >= len(report.entries) or report.entries[seq].hash != head:
            msg = (
                f"the custody log lacks entry {seq} recorded in the vault state:"
                " entries were cut off its tail or it was rewritten"
            )
            raise CustodyLogBrokenError(msg)
        expected = {u: str(v["sign_public"]) for u, v in self.state["users"].items()}
        if report.users != expected or report.officer != self.state["officer"]:
            msg = "the custody log and the vault state disagree on who has access"
            raise CustodyLogBrokenError(msg)
        _check_clock(report.entries)

    # --- properties -------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return str(self.state["vault_id"])

    @property
    def generation(self) -> int:
        return int(self.state["generation"])

    @property
    def retention_date(self) -> date:
        return date.fromisoformat(str(self.state["retention_date"]))

    @property
    def is_officer(self) -> bool:
        return bool(self.state["officer"] == self.user)

    @property
    def head(self) -> str:
        return custody.head_of(log_path(self.vault))

    def _require_officer(self, what: str) -> None:
        if not self.is_officer:
            msg = f"only the access-control officer ({self.state['officer']}) may {what}"
            raise NotOfficerError(msg)

    # --- recording ----------------------------------------------------------------------

    def _save(self) -> None:
        entries = custody.read_entries(log_path(self.vault))
        self.state["log_anchor"] = {"seq": len(entries) - 1, "head": entries[-1].hash}
        write_state(self.vault, self._data_key, self.state)
        write_header(self.vault, header_from_state(self.state))

    def _record(self, event: str, details: dict[str, Any]) -> custody.LogEntry:
        """Commit the state, append the signed entry, then anchor the state to it."""
        write_state(self.vault, self._data_key, self.state)
        entry = custody.append(log_path(self.vault), event, self.user, details, self._keys.sign)
        self._save()
        return entry

    # --- reading ------------------------------------------------------------------------

    def read_extract(
        self, purpose: str, columns: Mapping[str, Sequence[str]] | None = None
    ) -> Extract:
        """Decrypt the tables into memory, record the open (who, when, purpose, how much).

        ``columns`` (column projection): decrypt only these tables, and of each only these
        columns, so that a stage which needs a part of the extract (``mimosis.model_input``)
        holds only that part in memory. Names the extract does not hold are skipped (an
        extract may carry a subset of the catalogue). Every file's SHA-256 is still checked
        whole before anything of it is decrypted."""
        purpose = " ".join(purpose.split())
        if not purpose:
            msg = "say why you open the data (a purpose is recorded in the custody log)"
            raise VaultError(msg)
        check_retention(self.retention_date, self.today)
        extract = self.state.get("extract")
        if extract is None:
            msg = "the vault holds no extract yet; the officer imports one (`mimosis vault import`)"
            raise VaultError(msg)
        held = extract["tables"]
        selection: dict[str, tuple[str, ...] | None]
        if columns is None:
            selection = dict.fromkeys(sorted(held))
        else:
            selection = {}
            for table_id in sorted(set(columns) & set(held)):
                present = set(held[table_id].get("columns", columns[table_id]))
                selection[table_id] = tuple(c for c in columns[table_id] if c in present)
        tables = {}
        for table_id, selected in selection.items():
            tables[table_id] = self._read_table(table_id, str(held[table_id]["sha256"]), selected)
        details: dict[str, Any] = {
            "purpose": purpose,
            "extract_id": extract["extract_id"],
            "tables": len(tables),
        }
        if columns is not None:  # what was decrypted, by count (names are in the catalogue)
            details["columns"] = sum(t.num_columns for t in tables.values())
        self._record("open", details)
        return Extract(
            tables=tables,
            extract_id=str(extract["extract_id"]),
            vault_id=self.vault_id,
            catalogue_version=str(extract["catalogue_version"]),
            authorisation=dict(extract["authorisation"]),
            retention_date=self.retention_date,
            class_schemes=dict(extract["class_schemes"]),
            coarsening=dict(extract["coarsening"]),
            risk_report=dict(extract["risk_report"]),
            opened_by=self.user,
            purpose=purpose,
            custody=CustodyHandle(log_path(self.vault), self.user, self._keys.sign),
            projection=None
            if columns is None
            else {t: tuple(c.column_names) for t, c in tables.items()},
        )

    def _read_table(self, table_id: str, sha256: str, columns: Sequence[str] | None = None) -> Any:
        path = data_path(self.vault, self.generation, table_id)
        try:
            data = path.read_bytes()
        except OSError:
            msg = f"the data file of table {table_id!r} is missing from the vault"
            raise VaultTamperedError(msg) from None
        if sha256_hex(data) != sha256:
            msg = (
                f"the data file of table {table_id!r} does not match the vault's authenticated"
                " hash: it was altered, truncated or swapped. Nothing was opened."
            )
            raise VaultTamperedError(msg)
        return decrypt_table(data, self._data_key, self.vault_id, table_id, columns)

    # --- access management (officer) ----------------------------------------------------

    def grant(
        self, user: str, passphrase: str, key_file: Path, kdf: KdfCost | None = None
    ) -> custody.LogEntry:
        """Give a new user access; ``passphrase`` is typed by that user and never stored."""
        self._require_officer("grant access")
        check_user_name(user)
        if user in self.state["users"]:
            msg = f"user {user!r} already has access"
            raise VaultError(msg)
        check_passphrase(passphrase)
        keys = UserKeys.generate()
        slot = new_slot(
            vault_id=self.vault_id,
            user=user,
            keys=keys,
            passphrase=passphrase,
            key_file_sha256=key_file_digest(key_file),
            kdf=kdf or KdfCost.production(),
            generation=self.generation,
            retention_date=self.retention_date,
            data_key=self._data_key,
        )
        write_slot(slot_path(self.vault, self.generation, user), slot)
        self.state["users"][user] = user_entry(keys, "user", self.user)
        return self._record(
            "grant", {"user": user, "sign_public": keys.sign_public, "box_public": keys.box_public}
        )

    def revoke(self, user: str) -> custody.LogEntry:
        """Withdraw a user's access and rotate the data key so that their slot opens nothing."""
        self._require_officer("revoke access")
        if user not in self.state["users"]:
            msg = f"user {user!r} has no access to revoke"
            raise VaultError(msg)
        if user == self.state["officer"]:
            msg = "the officer cannot revoke themself; hand the role over first (`handover`)"
            raise VaultError(msg)
        self._rotate(drop=user)
        return self._record("revoke", {"user": user, "generation": self.generation})

    def rotate(self) -> custody.LogEntry:
        """A new data key: re-encrypt the data and the state, re-wrap every remaining slot."""
        self._require_officer("rotate the data key")
        self._rotate()
        return self._record("rotate", {"generation": self.generation})

    def extend(self, retention_date: date, reference: str) -> custody.LogEntry:
        """Record a new authorisation's retention date (rotates the key: dates are bound)."""
        self._require_officer("record a new authorisation")
        if retention_date < self.today or not reference.strip():
            msg = "give a retention date not in the past and the new authorisation's reference"
            raise VaultError(msg)
        self.state["authorisation"]["reference"] = reference.strip()
        self._rotate(retention_date=retention_date)
        return self._record(
            "extend", {"retention_date": retention_date.isoformat(), "reference": reference}
        )

    def handover(self, to: str) -> custody.LogEntry:
        """Make another user the access-control officer."""
        self._require_officer("hand over the officer role")
        if to not in self.state["users"] or to == self.user:
            msg = f"{to!r} is not another user of this vault; grant them access first"
            raise VaultError(msg)
        self.state["users"][self.user]["role"] = "user"
        self.state["users"][to]["role"] = "officer"
        self.state["officer"] = to
        return self._record("handover", {"to": to})

    def trust_source(self, name: str, public_key_hex: str) -> custody.LogEntry:
        """Register a source's Ed25519 signing key (hex), received over a trusted channel."""
        self._require_officer("register a source key")
        key = public_key_hex.strip().lower()
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key) or not name.strip():
            msg = "a source key is 64 hexadecimal characters (an Ed25519 public key), with a name"
            raise VaultError(msg)
        self.state["trusted_sources"][name.strip()] = key
        return self._record("trust-source", {"source": name.strip(), "public_key": key})

    def handover_media(self, to: str, note: str) -> custody.LogEntry:
        """Record that the medium holding the vault passes to someone (chain of custody)."""
        if not to.strip():
            msg = "say to whom the medium is handed over"
            raise VaultError(msg)
        return self._record("media-handover", {"from": self.user, "to": to, "note": note})

    # --- import (officer) ---------------------------------------------------------------

    def import_sealed(
        self, sealed: Path, catalogue_versions: Collection[str] | None = None
    ) -> custody.LogEntry:
        """Verify a sealed extract (0003), store its tables encrypted, record custody."""
        self._require_officer("import an extract")
        if self.state.get("extract") is not None:
            msg = (
                f"the vault already holds extract {self.state['extract']['extract_id']};"
                " a vault holds one extract (create a new vault for another)"
            )
            raise VaultError(msg)
        opened = open_sealed(
            Path(sealed),
            str(self.state["age_identity"]),
            dict(self.state["trusted_sources"]),
            catalogue_versions=catalogue_versions,
            today=self.today,
        )
        manifest = opened.manifest
        retention = str(manifest["authorisation"]["retention_date"])
        if retention != self.state["retention_date"]:
            msg = (
                f"the extract's retention date {retention} differs from the vault's"
                f" {self.state['retention_date']}; create the vault with the extract's date"
            )
            raise VaultError(msg)
        tables = {}
        for table_id, table in opened.tables.items():
            encrypted = encrypt_table(table, self._data_key, self.vault_id, table_id)
            write_atomic(data_path(self.vault, self.generation, table_id), encrypted)
            tables[table_id] = {
                "rows": table.num_rows,
                "columns": list(table.column_names),
                "sha256": sha256_hex(encrypted),
            }
        self.state["extract"] = {
            "extract_id": manifest["extract_id"],
            "created_at": manifest["created_at"],
            "catalogue_version": manifest["catalogue_version"],
            "authorisation": manifest["authorisation"],
            "class_schemes": manifest["class_schemes"],
            "coarsening": manifest["coarsening"],
            "custody": manifest["custody"],
            "source": opened.signer,
            "signer_public_key": manifest["signer_public_key"],
            "manifest_sha256": sha256_file(Path(sealed) / "manifest.json"),
            "risk_report": dict(opened.risk_report),
            "tables": tables,
        }
        return self._record(
            "import",
            {
                "extract_id": manifest["extract_id"],
                "source": opened.signer,
                "manifest_sha256": self.state["extract"]["manifest_sha256"],
                "made_by": manifest["custody"]["made_by"],
                "tables": {t: v["rows"] for t, v in tables.items()},
            },
        )

    # --- rotation -----------------------------------------------------------------------

    def _rotate(self, drop: str | None = None, retention_date: date | None = None) -> None:
        old_gen, new_gen = self.generation, self.generation + 1
        new_key = secrets.token_bytes(KEY_BYTES)
        remove_generations(self.vault, keep=old_gen)  # leftovers of an interrupted rotation
        state = copy.deepcopy(self.state)
        state["generation"] = new_gen
        if retention_date is not None:
            state["retention_date"] = retention_date.isoformat()
        retention = date.fromisoformat(str(state["retention_date"]))
        if drop is not None:
            state["users"].pop(drop, None)
        state["age_identity"], state["age_recipient"] = new_age_identity()
        extract = state.get("extract")
        if extract is not None:
            for table_id, entry in extract["tables"].items():
                table = self._read_table(table_id, str(entry["sha256"]))
                encrypted = encrypt_table(table, new_key, self.vault_id, table_id)
                del table
                write_atomic(data_path(self.vault, new_gen, table_id), encrypted)
                entry["sha256"] = sha256_hex(encrypted)
        for user, known in state["users"].items():
            slot = read_slot(slot_path(self.vault, old_gen, user), user)
            if slot.box_public != known["box_public"]:
                msg = f"the key slot of user {user!r} does not match the vault state (altered)"
                raise VaultTamperedError(msg)
            envelope = wrap_data_key(
                known["box_public"],
                new_key,
                vault_id=self.vault_id,
                user=user,
                generation=new_gen,
                retention_date=retention,
            )
            write_slot(slot_path(self.vault, new_gen, user), slot.with_envelope(new_gen, envelope))
        write_state(self.vault, new_key, state)
        write_header(self.vault, header_from_state(state))  # the commit point
        self.state, self._data_key = state, new_key
        remove_generations(self.vault, keep=new_gen)

    # --- destruction (officer) -----------------------------------------------------------

    def destroy(self, record: Path, reason: str) -> dict[str, Any]:
        """Crypto-shred the vault and write a signed destruction record at ``record``, which
        must lie outside the vault. The session is unusable afterwards."""
        self._require_officer("destroy the vault")
        record = Path(record).resolve()
        if record.is_relative_to(self.vault.resolve()) or record.exists():
            msg = f"the destruction record {record} must be a new file outside the vault"
            raise VaultError(msg)
        self._record(
            "destroy",
            {"reason": reason, "retention_date": self.state["retention_date"]},
        )
        signed = destroy_vault(self.vault, self.state, self.user, self._keys.sign, record)
        self._data_key = b""
        self.state = {}
        return signed
