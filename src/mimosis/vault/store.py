"""The vault on disk: its layout, its plaintext header and its encrypted, authenticated state.

::

    <vault>/vault.json                 header: ids, key generation, retention date, age recipient
    <vault>/custody.log                the custody log (custody.py)
    <vault>/gen-<N>/state.enc          the state, AES-256-GCM under a key derived from the data key
    <vault>/gen-<N>/slots/<user>.json  one key slot per user (slots.py)
    <vault>/gen-<N>/data/<table>.parquet  the tables, every column encrypted (storage.py)

The header is plaintext and not trusted by itself: the generation and retention date it
announces are bound into every slot's envelope and repeated inside the state, so altering them
makes opening fail. Everything that decides who may do what (the users and their roles, the
officer, the trusted source keys, the extract's metadata and the hashes of its data files, the
age identity and the custody-log anchor) lives in the state. A rotation writes a whole new
``gen-<N+1>`` folder and commits by rewriting the header; the old folder is then shredded.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.common.files import write_atomic
from mimosis.vault.crypto import (
    DecryptionFailedError,
    canonical,
    open_bytes,
    seal_bytes,
    shred,
    subkey,
)
from mimosis.vault.errors import RetentionExpiredError, VaultError, VaultTamperedError

VAULT_FORMAT = "mimosis-vault/1"
HEADER = "vault.json"
LOG = "custody.log"
STATE = "state.enc"


def header_path(vault: Path) -> Path:
    return vault / HEADER


def log_path(vault: Path) -> Path:
    return vault / LOG


def gen_dir(vault: Path, generation: int) -> Path:
    return vault / f"gen-{generation}"


def slot_path(vault: Path, generation: int, user: str) -> Path:
    return gen_dir(vault, generation) / "slots" / f"{user}.json"


def data_path(vault: Path, generation: int, table_id: str) -> Path:
    return gen_dir(vault, generation) / "data" / f"{table_id}.parquet"


def read_header(vault: Path) -> dict[str, Any]:
    path = header_path(vault)
    if not path.exists():
        msg = f"no vault at {vault} (no {HEADER}); create one with `mimosis vault init`"
        raise VaultError(msg)
    try:
        header = json.loads(path.read_bytes())
        if not isinstance(header, dict) or header.get("format") != VAULT_FORMAT:
            raise ValueError
    except ValueError:
        msg = f"{path} is not a mimosis vault header (altered?)"
        raise VaultTamperedError(msg) from None
    if header.get("destroyed_at"):
        msg = (
            f"the vault at {vault} was destroyed on {header['destroyed_at']}; nothing can be"
            f" opened. Destruction record: {header.get('destruction_record')}"
        )
        raise VaultError(msg)
    return header


def write_header(vault: Path, header: Mapping[str, Any]) -> None:
    write_atomic(header_path(vault), (json.dumps(header, sort_keys=True, indent=2) + "\n").encode())


def _state_key(data_key: bytes, vault_id: str) -> bytes:
    return subkey(data_key, f"mimosis-vault/state/{vault_id}")


def _state_aad(vault_id: str, generation: int) -> bytes:
    return canonical({"purpose": "state", "vault_id": vault_id, "generation": generation})


def write_state(vault: Path, data_key: bytes, state: Mapping[str, Any]) -> None:
    vault_id, generation = str(state["vault_id"]), int(state["generation"])
    sealed = seal_bytes(
        _state_key(data_key, vault_id), canonical(state), _state_aad(vault_id, generation)
    )
    write_atomic(gen_dir(vault, generation) / STATE, sealed)


def read_state(vault: Path, data_key: bytes, vault_id: str, generation: int) -> dict[str, Any]:
    path = gen_dir(vault, generation) / STATE
    try:
        sealed = path.read_bytes()
    except OSError:
        msg = f"the vault state {path} is missing"
        raise VaultTamperedError(msg) from None
    try:
        plain = open_bytes(_state_key(data_key, vault_id), sealed, _state_aad(vault_id, generation))
    except DecryptionFailedError:
        msg = f"the vault state {path} does not authenticate (altered, or from another key)"
        raise VaultTamperedError(msg) from None
    state: dict[str, Any] = json.loads(plain)
    return state


def check_retention(retention_date: date, today: date) -> None:
    """Refuse any open past the authorised retention date (Beraadslaging 17/020, point 12)."""
    if today > retention_date:
        msg = (
            f"the retention date {retention_date.isoformat()} authorised for this data has"
            " passed (Beraadslaging 17/020, point 12): the data may no longer be opened. The"
            " access-control officer must destroy it now (`mimosis vault destroy`), or, if a"
            " new authorisation was obtained, record it (`mimosis vault extend`)."
        )
        raise RetentionExpiredError(msg)


@dataclass(frozen=True)
class CustodyHandle:
    """What an opened extract needs to add custody entries (e.g. a release) for its user."""

    log: Path
    user: str
    sign_key: Any = field(repr=False)  # Ed25519PrivateKey, in memory only


@dataclass(frozen=True)
class Extract:
    """The extract in memory: the only form in which records leave the vault."""

    tables: Mapping[str, pa.Table]
    extract_id: str
    vault_id: str
    catalogue_version: str
    authorisation: Mapping[str, Any]
    retention_date: date
    class_schemes: Mapping[str, Any]
    coarsening: Mapping[str, Any]
    risk_report: Mapping[str, Any]
    opened_by: str
    purpose: str
    custody: CustodyHandle = field(repr=False, compare=False)
    #: the columns decrypted per table when the open asked for a part (None: everything)
    projection: Mapping[str, tuple[str, ...]] | None = None

    def __repr__(self) -> str:  # never print record values
        rows = ", ".join(f"{k}: {v.num_rows} rows" for k, v in self.tables.items())
        return f"Extract({self.extract_id}, {rows}, opened by {self.opened_by})"


def remove_generations(vault: Path, keep: int | None) -> None:
    """Shred every key generation folder except ``keep``: each file (slots, state, data) is
    overwritten with random bytes and deleted, then the folders are removed."""
    for folder in sorted(vault.glob("gen-*")):
        if (keep is not None and folder == gen_dir(vault, keep)) or not folder.is_dir():
            continue
        for item in sorted(folder.rglob("*")):
            if item.is_file() and not item.is_symlink():
                shred(item)
        shutil.rmtree(folder)


def header_from_state(state: Mapping[str, Any]) -> dict[str, Any]:
    """The plaintext header: informative, never trusted alone (see the module docstring)."""
    extract = state.get("extract")
    return {
        "format": VAULT_FORMAT,
        "vault_id": state["vault_id"],
        "created_at": state["created_at"],
        "generation": state["generation"],
        "retention_date": state["retention_date"],
        "authorisation": state["authorisation"].get("reference", ""),
        "officer": state["officer"],
        "age_recipient": state["age_recipient"],
        "extract": None
        if extract is None
        else {
            "extract_id": extract["extract_id"],
            "tables": {t: v["rows"] for t, v in extract["tables"].items()},
        },
    }
