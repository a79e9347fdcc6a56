"""A vault's beginning and end, and what can be asked of it without opening it.

``init_vault`` creates the vault with its officer; ``destroy_vault`` crypto-shreds it at the end
of the retention period (or earlier) and leaves a signed destruction record outside it;
``vault_status`` reads the plaintext header and the custody log (no secrets needed);
``record_release`` adds a release entry for a table that left through disclosure control.
"""

from __future__ import annotations

import json
import secrets
import shutil
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mimosis.common.files import write_atomic
from mimosis.common.kdf import KdfCost
from mimosis.source.seal import new_age_identity
from mimosis.vault import custody
from mimosis.vault.crypto import KEY_BYTES, canonical, check_passphrase, key_file_digest
from mimosis.vault.errors import VaultError, VaultTamperedError
from mimosis.vault.slots import UserKeys, check_user_name, new_slot, user_entry, write_slot
from mimosis.vault.store import (
    VAULT_FORMAT,
    Extract,
    gen_dir,
    header_from_state,
    header_path,
    log_path,
    remove_generations,
    slot_path,
    write_header,
    write_state,
)

RECORD_FORMAT = "mimosis-destruction-record/1"


def init_vault(
    vault: Path,
    officer: str,
    passphrase: str,
    key_file: Path,
    *,
    retention_date: date,
    authorisation: dict[str, str],
    kdf: KdfCost | None = None,
) -> str:
    """Create an empty vault whose first user is the access-control officer; return the head
    of the custody log (for the officer to keep outside the vault)."""
    vault = Path(vault)
    check_user_name(officer)
    check_passphrase(passphrase)
    digest = key_file_digest(key_file)
    if retention_date < datetime.now().astimezone().date():
        msg = f"the retention date {retention_date.isoformat()} has already passed"
        raise VaultError(msg)
    if vault.exists() and any(vault.iterdir()):
        msg = f"{vault} exists and is not empty; a vault needs a new or empty folder"
        raise VaultError(msg)
    partial = vault.with_name(f"{vault.name}.partial-{secrets.token_hex(4)}")
    data_key = secrets.token_bytes(KEY_BYTES)
    keys = UserKeys.generate()
    identity, recipient = new_age_identity()
    state: dict[str, Any] = {
        "vault_id": str(uuid.uuid4()),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generation": 1,
        "retention_date": retention_date.isoformat(),
        "authorisation": dict(authorisation),
        "officer": officer,
        "users": {officer: user_entry(keys, "officer", officer)},
        "trusted_sources": {},
        "age_identity": identity,
        "age_recipient": recipient,
        "extract": None,
    }
    slot = new_slot(
        vault_id=state["vault_id"],
        user=officer,
        keys=keys,
        passphrase=passphrase,
        key_file_sha256=digest,
        kdf=kdf or KdfCost.production(),
        generation=1,
        retention_date=retention_date,
        data_key=data_key,
    )
    try:
        write_slot(slot_path(partial, 1, officer), slot)
        entry = custody.append(
            log_path(partial),
            "init",
            officer,
            {
                "vault_id": state["vault_id"],
                "sign_public": keys.sign_public,
                "box_public": keys.box_public,
                "retention_date": state["retention_date"],
                "authorisation": authorisation.get("reference", ""),
                "age_recipient": recipient,
            },
            keys.sign,
        )
        state["log_anchor"] = {"seq": 0, "head": entry.hash}
        write_state(partial, data_key, state)
        write_header(partial, header_from_state(state))
        if vault.exists():
            vault.rmdir()
        partial.replace(vault)
    finally:
        if partial.exists():
            shutil.rmtree(partial)
    return entry.hash


def destroy_vault(
    vault: Path,
    state: dict[str, Any],
    officer: str,
    sign_key: Ed25519PrivateKey,
    record: Path,
) -> dict[str, Any]:
    """Write the signed destruction record, then shred every generation (slots, state, data)
    and leave only a tombstone header and the custody log (public keys, names and hashes)."""
    files = []
    for folder in sorted(vault.glob("gen-*")):
        for item in sorted(folder.rglob("*")):
            if item.is_file():
                name = item.relative_to(vault).as_posix()
                files.append({"file": name, "bytes": item.stat().st_size})
    log_bytes = log_path(vault).read_bytes()
    entries = custody.parse_log(log_bytes)
    body: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "vault_id": state["vault_id"],
        "destroyed_at": entries[-1].time,
        "destroyed_by": officer,
        "retention_date": state["retention_date"],
        "authorisation": state["authorisation"],
        "extract_id": (state.get("extract") or {}).get("extract_id"),
        "files": files,
        "custody_log": log_bytes.decode("utf-8"),
        "log_head": entries[-1].hash,
        "method": (
            "crypto-shredding: every key slot and the state holding the wrapped keys were"
            " overwritten with random bytes and deleted, then the encrypted data files were"
            " overwritten and deleted"
        ),
    }
    signed = {**body, "signature": sign_key.sign(canonical(body)).hex()}
    write_atomic(record, (json.dumps(signed, indent=2, sort_keys=True) + "\n").encode())
    remove_generations(vault, keep=None)
    tombstone = {
        "format": VAULT_FORMAT,
        "vault_id": state["vault_id"],
        "destroyed_at": body["destroyed_at"],
        "destruction_record": str(record),
    }
    write_atomic(header_path(vault), (json.dumps(tombstone, indent=2) + "\n").encode())
    return signed


def verify_destruction_record(record: Path) -> dict[str, Any]:
    """Check a destruction record: its custody log verifies and ends with the destruction,
    signed by the officer of that moment, whose key also signed the record."""
    try:
        signed = json.loads(Path(record).read_bytes())
        body = {k: v for k, v in signed.items() if k != "signature"}
        signature = bytes.fromhex(signed["signature"])
        report = custody.verify_bytes(
            str(body["custody_log"]).encode("utf-8"), vault_id=str(body["vault_id"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        msg = f"{record} is not a readable destruction record"
        raise VaultTamperedError(msg) from None
    problems = list(report.problems)
    if not report.entries or report.entries[-1].event != "destroy":
        problems.append("its custody log does not end with the destruction")
    elif report.entries[-1].hash != body.get("log_head"):
        problems.append("its log head does not match its custody log")
    officer_key = report.users.get(report.officer or "", "")
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(officer_key)).verify(
            signature, canonical(body)
        )
    except (InvalidSignature, ValueError):
        problems.append("the record's signature does not verify with the officer's key")
    if problems:
        msg = f"destruction record {record} does not verify: " + "; ".join(problems)
        raise VaultTamperedError(msg)
    return dict(body)


def vault_status(vault: Path) -> dict[str, Any]:
    """What can be said without opening: header (unauthenticated), slots, custody log."""
    vault = Path(vault)
    try:
        header = json.loads(header_path(vault).read_bytes())
    except (OSError, ValueError):
        msg = f"no vault at {vault}"
        raise VaultError(msg) from None
    report = custody.verify(log_path(vault), vault_id=header.get("vault_id"))
    status: dict[str, Any] = {"header": header, "log_entries": len(report.entries)}
    status["log_head"] = report.head
    status["log_problems"] = report.problems
    status["last_entry"] = (
        None
        if not report.entries
        else {k: getattr(report.entries[-1], k) for k in ("seq", "time", "event", "actor")}
    )
    if header.get("destroyed_at"):
        status["destroyed"] = True
        return status
    generation = int(header["generation"])
    slots = gen_dir(vault, generation) / "slots"
    status["slots"] = sorted(p.stem for p in slots.glob("*.json")) if slots.is_dir() else []
    retention = date.fromisoformat(str(header["retention_date"]))
    status["days_left"] = (retention - datetime.now().astimezone().date()).days
    status["destroyed"] = False
    return status


def record_release(
    extract: Extract, *, description: str, sha256: str, destination: str
) -> custody.LogEntry:
    """Record in the custody log that a released table left (what, its hash, to whom)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256.lower()):
        msg = "the release's sha256 must be 64 hexadecimal characters"
        raise VaultError(msg)
    handle = extract.custody
    return custody.append(
        handle.log,
        "release",
        handle.user,
        {
            "extract_id": extract.extract_id,
            "description": description,
            "sha256": sha256.lower(),
            "destination": destination,
        },
        handle.sign_key,
    )
