"""The source's secrets: the pseudonymisation secret and the Ed25519 signing key, in one keystore
file encrypted under a passphrase; and the encrypted per-extract mapping files.

Keystore (JSON): a public header (format, keystore id, creation time, signing public key, KDF
parameters) and ``AES-256-GCM(Argon2id(passphrase, salt), secrets)`` with the header as
associated data, so that any change to the header (a swapped public key, weaker KDF costs) makes
the keystore refuse to open. The secrets never leave this module in the clear except in memory.

Mapping files (``<extract_id>.mapping``): for each identifier space, the extract's sequence
numbers beside the keyed pseudonyms (HMAC) they stand for, sorted by sequence number; encrypted
with AES-256-GCM under a key derived (HKDF) from the pseudonymisation secret. They hold no
national register number: re-identifying needs the secret AND the source's own register.

The passphrase comes from the environment variable ``MIMOSIS_SOURCE_PASSPHRASE`` (automation)
or is typed at the prompt (the CLI); it needs at least 20 characters with a lower-case letter,
an upper-case letter, a digit and a special character (Beraadslaging 17/020, point 17).
"""

from __future__ import annotations

import json
import os
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mimosis.common.files import write_atomic
from mimosis.common.kdf import KdfCost, argon2id
from mimosis.common.passphrase import passphrase_problems
from mimosis.source.errors import KeystoreError

FORMAT = "mimosis-source-keystore/1"
MAPPING_MAGIC = b"mimosis-source-mapping/1\n"
PASSPHRASE_ENV = "MIMOSIS_SOURCE_PASSPHRASE"  # noqa: S105 (the variable's name, not a secret)
KEYSTORE_ENV = "MIMOSIS_SOURCE_KEYSTORE"
DEFAULT_KEYSTORE = Path("source-keys") / "keystore.json"
SECRET_BYTES = 32
NONCE_BYTES = 12


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_ENV) or None


@dataclass(frozen=True)
class SourceKeys:
    """The opened keystore, in memory only."""

    keystore_id: str
    pseudonym_secret: bytes = field(repr=False)  # never printed, even in a traceback
    signing_key: Ed25519PrivateKey | None = field(default=None, repr=False)

    @classmethod
    def ephemeral(cls, pseudonym_secret: bytes | None = None) -> SourceKeys:
        """Keys held in memory only (tests, benchmarks, risk reports): never for a real extract
        that must be linkable later."""
        return cls(
            keystore_id=f"ephemeral-{uuid.uuid4()}",
            pseudonym_secret=pseudonym_secret or secrets.token_bytes(SECRET_BYTES),
            signing_key=Ed25519PrivateKey.generate(),
        )

    def _derive(self, info: str) -> bytes:
        return HKDF(
            algorithm=hashes.SHA256(), length=SECRET_BYTES, salt=None, info=info.encode()
        ).derive(self.pseudonym_secret)

    def space_key(self, space: str) -> bytes:
        """The HMAC key of one identifier space (domain separation between spaces)."""
        return self._derive(f"mimosis/pseudonym/v1/{space}")

    def mapping_key(self) -> bytes:
        return self._derive("mimosis/mapping/v1")

    def signer(self) -> Ed25519PrivateKey:
        if self.signing_key is None:
            raise KeystoreError("this keystore holds no signing key")
        return self.signing_key

    def signing_public_hex(self) -> str:
        raw = (
            self.signer()
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )
        return raw.hex()


def _kek(passphrase: str, salt: bytes, cost: KdfCost) -> bytes:
    return argon2id(passphrase, salt, cost, SECRET_BYTES)


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def init_keystore(path: Path, passphrase: str, *, cost: KdfCost | None = None) -> SourceKeys:
    """Create a keystore with a fresh pseudonymisation secret and signing key. Never overwrites."""
    path = Path(path)
    problems = passphrase_problems(passphrase)
    if problems:
        raise KeystoreError("the keystore passphrase needs " + ", ".join(problems))
    if path.exists():
        raise KeystoreError(f"{path} already exists; a keystore is never overwritten")
    cost = cost or KdfCost.production()
    signing = Ed25519PrivateKey.generate()
    keys = SourceKeys(
        keystore_id=str(uuid.uuid4()),
        pseudonym_secret=secrets.token_bytes(SECRET_BYTES),
        signing_key=signing,
    )
    salt = secrets.token_bytes(16)
    header = {
        "format": FORMAT,
        "keystore_id": keys.keystore_id,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "signing_public_key": keys.signing_public_hex(),
        "kdf": {
            "name": "argon2id",
            "salt": salt.hex(),
            "memory_kib": cost.memory_kib,
            "iterations": cost.iterations,
            "lanes": cost.lanes,
        },
        "cipher": "AES-256-GCM",
    }
    raw_signing = signing.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    plain = json.dumps(
        {"pseudonym_secret": keys.pseudonym_secret.hex(), "signing_key": raw_signing.hex()}
    ).encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(_kek(passphrase, salt, cost)).encrypt(nonce, plain, _aad(header))
    body = {**header, "nonce": nonce.hex(), "ciphertext": sealed.hex()}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(body, indent=2, sort_keys=True) + "\n").encode())
    path.chmod(0o600)
    return keys


def read_header(path: Path) -> dict[str, Any]:
    """The keystore's public header (unverified until the keystore is opened)."""
    path = Path(path)
    try:
        body = json.loads(path.read_bytes())
    except OSError:
        raise KeystoreError(f"keystore {path} not found or not readable") from None
    except ValueError:
        raise KeystoreError(f"keystore {path} is not a keystore (not JSON)") from None
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise KeystoreError(f"keystore {path} is not a {FORMAT} file")
    return body


def open_keystore(path: Path, passphrase: str) -> SourceKeys:
    """Decrypt the keystore in memory; a wrong passphrase or any alteration is refused."""
    path = Path(path)
    body = read_header(path)
    try:
        header = {k: v for k, v in body.items() if k not in {"nonce", "ciphertext"}}
        kdf = header["kdf"]
        cost = KdfCost(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        if kdf["name"] != "argon2id" or not (8 <= cost.memory_kib <= 4 * 1024 * 1024):
            raise ValueError("kdf")
        kek = _kek(passphrase, bytes.fromhex(kdf["salt"]), cost)
        nonce, sealed = bytes.fromhex(body["nonce"]), bytes.fromhex(body["ciphertext"])
    except (KeyError, TypeError, ValueError):
        raise KeystoreError(f"keystore {path} is malformed") from None
    try:
        plain = json.loads(AESGCM(kek).decrypt(nonce, sealed, _aad(header)))
    except InvalidTag:
        msg = f"cannot open keystore {path}: wrong passphrase, or the file was altered"
        raise KeystoreError(msg) from None
    signing = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(plain["signing_key"]))
    keys = SourceKeys(
        keystore_id=str(header["keystore_id"]),
        pseudonym_secret=bytes.fromhex(plain["pseudonym_secret"]),
        signing_key=signing,
    )
    if keys.signing_public_hex() != header["signing_public_key"]:
        raise KeystoreError(f"keystore {path}: the public key does not match the signing key")
    return keys


# --- mapping files --------------------------------------------------------------------------


def write_mapping(path: Path, keys: SourceKeys, extract_id: str, plain: bytes) -> None:
    """Encrypt a mapping (already serialised, in memory) and write it; never overwrites."""
    path = Path(path)
    if path.exists():
        raise KeystoreError(f"{path} already exists; a mapping is never overwritten")
    header = json.dumps({"extract_id": extract_id, "keystore_id": keys.keystore_id}).encode()
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(keys.mapping_key()).encrypt(nonce, plain, MAPPING_MAGIC + header)
    write_atomic(path, MAPPING_MAGIC + header + b"\n" + nonce + sealed)
    path.chmod(0o600)


def read_mapping(path: Path, keys: SourceKeys) -> tuple[str, bytes]:
    """(extract id, the mapping's plaintext bytes), decrypted in memory."""
    data = Path(path).read_bytes()
    if not data.startswith(MAPPING_MAGIC):
        raise KeystoreError(f"{path} is not a mapping file")
    rest = data[len(MAPPING_MAGIC) :]
    header, _, tail = rest.partition(b"\n")
    nonce, sealed = tail[:NONCE_BYTES], tail[NONCE_BYTES:]
    try:
        plain = AESGCM(keys.mapping_key()).decrypt(nonce, sealed, MAPPING_MAGIC + header)
    except InvalidTag:
        msg = f"cannot open mapping {path}: another keystore's, or the file was altered"
        raise KeystoreError(msg) from None
    return str(json.loads(header)["extract_id"]), plain
