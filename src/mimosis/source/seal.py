"""The sealed extract (docs/decisions/0003-sealed-extract-format.md): both of its ends.

``seal`` is called by the source once the tables are minimised, pseudonymised and coarsened: it
serialises each table to Parquet in memory, encrypts it with age to the recipient, and writes
only ciphertext, into ``<out>.partial-*`` renamed to ``<out>`` when complete. ``open_sealed`` is
called by the vault on import: it checks the signature against trusted source keys, the file
list, every hash, decrypts in memory only and checks the row counts. Any failure refuses the
whole extract with a message naming the file and the check.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pyrage  # type: ignore[import-untyped]
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mimosis.common.files import write_atomic
from mimosis.errors import UserError

FORMAT = "mimosis-sealed-extract/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
RISK_REPORT = "risk_report.json.age"
MIN_SIGNING_PASSPHRASE = 20


class SealedExtractError(UserError):
    """A sealed extract is refused; the message names the file and the check that failed."""


@dataclass(frozen=True)
class Authorisation:
    """The authorisation the extract is sent under (e.g. Beraadslaging 17/020)."""

    reference: str
    decision_date: str  # ISO date of the decision ("date" in the manifest)
    recipient: str  # the receiving organisation
    retention_date: date  # last day the recipient may keep the data

    def as_dict(self) -> dict[str, str]:
        return {
            "reference": self.reference,
            "date": self.decision_date,
            "recipient": self.recipient,
            "retention_date": self.retention_date.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Authorisation:
        return cls(
            reference=str(data["reference"]),
            decision_date=str(data["date"]),
            recipient=str(data["recipient"]),
            retention_date=date.fromisoformat(str(data["retention_date"])),
        )


@dataclass(frozen=True)
class SealedExtract:
    """An opened and fully verified sealed extract, in memory."""

    manifest: Mapping[str, Any]
    tables: Mapping[str, pa.Table]
    risk_report: Mapping[str, Any]
    signer: str  # the name under which the signing key is trusted


# --- age (typed wrappers around pyrage) ---------------------------------------------------


def new_age_identity() -> tuple[str, str]:
    """A new age X25519 identity: (secret ``AGE-SECRET-KEY-1…``, public recipient ``age1…``)."""
    identity = pyrage.x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def age_encrypt(data: bytes, recipient: str) -> bytes:
    try:
        target = pyrage.x25519.Recipient.from_str(recipient)
    except Exception:
        msg = "the recipient is not a valid age X25519 recipient (`age1…`)"
        raise SealedExtractError(msg) from None
    return bytes(pyrage.encrypt(data, [target]))


def age_decrypt(data: bytes, identity: str) -> bytes:
    """Decrypt in memory; raises ValueError when the identity does not match or data is bad."""
    try:
        return bytes(pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)]))
    except Exception as exc:
        raise ValueError(str(exc)) from None


# --- the source's signing key -------------------------------------------------------------


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def generate_signing_key(path: Path, passphrase: str) -> str:
    """Create the source's Ed25519 signing key, stored encrypted under ``passphrase`` (PKCS#8,
    the best encryption `cryptography` offers). Returns the public key (hex) to give the
    recipient. Never overwrites an existing key."""
    path = Path(path)
    if len(passphrase) < MIN_SIGNING_PASSPHRASE:
        msg = f"the signing key's passphrase needs at least {MIN_SIGNING_PASSPHRASE} characters"
        raise UserError(msg)
    if path.exists():
        msg = f"{path} already exists; the signing key is never overwritten"
        raise UserError(msg)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    write_atomic(path, pem)
    path.chmod(0o600)
    return public_key_hex(key)


def load_signing_key(path: Path, passphrase: str) -> Ed25519PrivateKey:
    try:
        pem = Path(path).read_bytes()
    except OSError:
        msg = f"signing key {path} not found or not readable"
        raise UserError(msg) from None
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        msg = f"cannot load signing key {path}: wrong passphrase or not a signing key"
        raise UserError(msg) from None
    if not isinstance(key, Ed25519PrivateKey):
        msg = f"{path} is not an Ed25519 signing key"
        raise UserError(msg)
    return key


# --- sealing ----------------------------------------------------------------------------


def _table_file(table_id: str) -> str:
    if not table_id.isidentifier() or not table_id.isascii() or table_id != table_id.lower():
        msg = f"table id {table_id!r} is not a lower-case identifier"
        raise SealedExtractError(msg)
    return f"tables/{table_id}.parquet.age"


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def _manifest_bytes(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def seal(
    out_dir: Path,
    tables: Mapping[str, pa.Table],
    risk_report: Mapping[str, Any],
    *,
    authorisation: Authorisation,
    catalogue_version: str,
    class_schemes: Mapping[str, Any],
    coarsening: Mapping[str, Any],
    made_by: str,
    handed_to: str,
    signing_key: Ed25519PrivateKey,
    recipient: str,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Write a sealed extract to ``out_dir`` (which must not exist) and return its manifest.

    Nothing but ciphertext and the signed manifest reaches disk; the folder appears whole or
    not at all."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        msg = f"{out_dir} already exists; a sealed extract is never overwritten"
        raise SealedExtractError(msg)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    partial = out_dir.with_name(f"{out_dir.name}.partial-{secrets.token_hex(4)}")
    try:
        entries = []
        for table_id in sorted(tables):
            table = tables[table_id]
            name = _table_file(table_id)
            plain = _parquet_bytes(table)
            sealed = age_encrypt(plain, recipient)
            write_atomic(partial / name, sealed)
            entries.append(
                {
                    "table": table_id,
                    "file": name,
                    "rows": table.num_rows,
                    "columns": list(table.column_names),
                    "sha256_plain": hashlib.sha256(plain).hexdigest(),
                    "sha256_sealed": hashlib.sha256(sealed).hexdigest(),
                }
            )
            del plain
        report_sealed = age_encrypt(_manifest_bytes(risk_report), recipient)
        write_atomic(partial / RISK_REPORT, report_sealed)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "extract_id": str(uuid.uuid4()),
            "created_at": stamp,
            "authorisation": authorisation.as_dict(),
            "catalogue_version": catalogue_version,
            "tables": entries,
            "risk_report": {
                "file": RISK_REPORT,
                "sha256_sealed": hashlib.sha256(report_sealed).hexdigest(),
            },
            "class_schemes": dict(class_schemes),
            "coarsening": dict(coarsening),
            "custody": {"made_by": made_by, "made_at": stamp, "handed_to": handed_to},
            "signer_public_key": public_key_hex(signing_key),
            "recipient": recipient,
        }
        body = _manifest_bytes(manifest)
        write_atomic(partial / MANIFEST, body)
        write_atomic(partial / SIGNATURE, signing_key.sign(body).hex().encode())
        partial.replace(out_dir)
    finally:
        if partial.exists():
            shutil.rmtree(partial)
    return manifest


# --- opening ----------------------------------------------------------------------------


def _refuse(path: Path, what: str) -> SealedExtractError:
    return SealedExtractError(f"sealed extract {path} refused: {what}")


def _read(path: Path, name: str) -> bytes:
    try:
        return (path / name).read_bytes()
    except OSError:
        raise _refuse(path, f"{name} is missing") from None


def _verify_manifest(path: Path, trusted_keys: Mapping[str, str]) -> tuple[dict[str, Any], str]:
    body = _read(path, MANIFEST)
    if not (path / SIGNATURE).exists():
        raise _refuse(path, f"{SIGNATURE} is missing: the extract is not signed")
    try:
        signature = bytes.fromhex(_read(path, SIGNATURE).decode("ascii").strip())
        manifest = json.loads(body)
        signer_hex = str(manifest["signer_public_key"])
        signer_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(signer_hex))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise _refuse(path, "manifest.json or manifest.sig is malformed") from None
    names = [name for name, key in trusted_keys.items() if key.lower() == signer_hex.lower()]
    if not names:
        raise _refuse(
            path,
            f"signed by key {signer_hex[:16]}…, which is not a trusted source key"
            " (the officer registers source keys with `mimosis vault trust-source`)",
        )
    try:
        signer_key.verify(signature, body)
    except InvalidSignature:
        raise _refuse(
            path, "manifest.sig does not verify: manifest.json was altered or not signed"
        ) from None
    if manifest.get("format") != FORMAT:
        raise _refuse(path, f"format {manifest.get('format')!r} is not {FORMAT!r}")
    return manifest, names[0]


def _check_file_list(path: Path, manifest: Mapping[str, Any]) -> None:
    listed = {MANIFEST, SIGNATURE, str(manifest["risk_report"]["file"])}
    for entry in manifest["tables"]:
        if entry["file"] != _table_file(str(entry["table"])):
            raise _refuse(path, f"table {entry['table']!r} has unexpected file {entry['file']!r}")
        listed.add(entry["file"])
    if manifest["risk_report"]["file"] != RISK_REPORT:
        raise _refuse(path, "the risk report has an unexpected file name")
    present = set()
    for item in path.rglob("*"):
        if item.is_symlink():
            raise _refuse(path, f"{item.relative_to(path)} is a symbolic link")
        if item.is_file():
            present.add(item.relative_to(path).as_posix())
    extra = sorted(present - listed)
    if extra:
        raise _refuse(path, f"unlisted file(s) {', '.join(extra)}")
    missing = sorted(listed - present)
    if missing:
        raise _refuse(path, f"missing file(s) {', '.join(missing)}")


def _open_file(path: Path, name: str, sha256_sealed: str, identity: str) -> bytes:
    sealed = _read(path, name)
    if hashlib.sha256(sealed).hexdigest() != sha256_sealed:
        raise _refuse(path, f"{name}: sha256 of the sealed file does not match (altered or cut)")
    try:
        return age_decrypt(sealed, identity)
    except ValueError:
        raise _refuse(path, f"{name}: cannot decrypt with this vault's age identity") from None


def open_sealed(
    path: Path,
    identity: str,
    trusted_keys: Mapping[str, str],
    *,
    catalogue_versions: Collection[str] | None = None,
    today: date | None = None,
) -> SealedExtract:
    """Verify a sealed extract per 0003 and return it decrypted, in memory only.

    ``identity`` is the recipient's age secret; ``trusted_keys`` maps a source name to its
    Ed25519 public key (hex); ``catalogue_versions``, when given, lists the accepted versions."""
    path = Path(path)
    if not path.is_dir():
        raise _refuse(path, "not a folder")
    manifest, signer = _verify_manifest(path, trusted_keys)
    try:
        _check_file_list(path, manifest)
        tables: dict[str, pa.Table] = {}
        for entry in manifest["tables"]:
            name = str(entry["file"])
            plain = _open_file(path, name, str(entry["sha256_sealed"]), identity)
            if hashlib.sha256(plain).hexdigest() != entry["sha256_plain"]:
                raise _refuse(path, f"{name}: sha256 of the decrypted Parquet does not match")
            try:
                table = pq.read_table(pa.BufferReader(plain))
            except (pa.ArrowException, OSError):
                raise _refuse(path, f"{name}: not a readable Parquet table") from None
            if table.num_rows != int(entry["rows"]):
                raise _refuse(path, f"{name}: {table.num_rows} rows, manifest says {entry['rows']}")
            if list(table.column_names) != list(entry["columns"]):
                raise _refuse(path, f"{name}: columns differ from the manifest")
            tables[str(entry["table"])] = table
        report = manifest["risk_report"]
        report_plain = _open_file(path, RISK_REPORT, str(report["sha256_sealed"]), identity)
        risk_report = json.loads(report_plain)
        version = str(manifest["catalogue_version"])
        authorisation = Authorisation.from_dict(manifest["authorisation"])
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse(path, f"manifest.json lacks or garbles a field ({exc})") from None
    if catalogue_versions is not None and version not in catalogue_versions:
        raise _refuse(path, f"catalogue version {version[:12]}… is not known to this software")
    today = today or datetime.now(UTC).date()
    if authorisation.retention_date < today:
        raise _refuse(
            path, f"its retention date {authorisation.retention_date.isoformat()} has passed"
        )
    return SealedExtract(manifest, tables, risk_report, signer)
