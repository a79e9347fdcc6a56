"""The vault's cryptographic building blocks, each small and named for what it protects.

- the passphrase policy of Beraadslaging 17/020, point 17 (>= 20 characters, a lower-case letter,
  an upper-case letter, a digit, a special character);
- key files (the second factor): 64 random bytes, owner-only;
- Argon2id over the passphrase AND the key file (the key file's SHA-256 is Argon2's secret input),
  with the cost parameters stored per slot;
- AES-256-GCM for everything the vault encrypts itself, HKDF-SHA256 to derive purpose keys from
  the data key, and an X25519 envelope that lets the officer re-wrap the data key for a user
  without knowing that user's passphrase.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mimosis.common.kdf import KdfCost, argon2id
from mimosis.common.passphrase import passphrase_problems
from mimosis.vault.errors import VaultError, WeakPassphraseError

KEY_BYTES = 32
NONCE_BYTES = 12
KEY_FILE_BYTES = 64
KEY_FILE_MIN_BYTES = 32
KEY_FILE_MAX_BYTES = 1 << 20


class DecryptionFailedError(Exception):
    """An AES-GCM tag did not verify (internal: callers turn it into a precise VaultError)."""


def check_passphrase(passphrase: str) -> None:
    """Refuse a new passphrase that breaks the policy of Beraadslaging 17/020, point 17."""
    problems = passphrase_problems(passphrase)
    if problems:
        msg = "the passphrase is too weak (Beraadslaging 17/020, point 17); it needs " + "; ".join(
            problems
        )
        raise WeakPassphraseError(msg)


def new_key_file(path: Path) -> None:
    """Write a new key file: 64 random bytes, readable by its owner only; never overwrites."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        msg = f"key file {path} already exists; choose another path (an existing key is kept)"
        raise VaultError(msg) from None
    except OSError as exc:
        msg = f"cannot create key file {path}: {exc.strerror}"
        raise VaultError(msg) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_FILE_BYTES))
        handle.flush()
        os.fsync(handle.fileno())


def key_file_digest(path: Path) -> bytes:
    """SHA-256 of a key file (the second factor), after checking it is a plausible key file."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        msg = f"key file {path} not found or not readable"
        raise VaultError(msg) from None
    if not stat.S_ISREG(info.st_mode):
        msg = f"key file {path} is not a regular file"
        raise VaultError(msg)
    if not KEY_FILE_MIN_BYTES <= info.st_size <= KEY_FILE_MAX_BYTES:
        msg = (
            f"key file {path} has {info.st_size} bytes; a key file holds between"
            f" {KEY_FILE_MIN_BYTES} and {KEY_FILE_MAX_BYTES} bytes (`mimosis vault keyfile new`)"
        )
        raise VaultError(msg)
    return hashlib.sha256(path.read_bytes()).digest()


def derive_slot_key(
    passphrase: str, key_file_sha256: bytes, salt: bytes, params: KdfCost, context: bytes
) -> bytes:
    """Argon2id(passphrase; salt; secret = key file hash; associated data = vault and user)."""
    return argon2id(passphrase, salt, params, KEY_BYTES, secret=key_file_sha256, associated=context)


def subkey(key: bytes, purpose: str) -> bytes:
    """A key for one purpose, derived from the data key (HKDF-SHA256, info = purpose)."""
    hkdf = HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=purpose.encode("utf-8"))
    return hkdf.derive(key)


def seal_bytes(key: bytes, plain: bytes, aad: bytes) -> bytes:
    """AES-256-GCM: nonce || ciphertext || tag."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, aad)


def open_bytes(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
    except (InvalidTag, ValueError):
        raise DecryptionFailedError from None


def x25519_public_hex(private: X25519PrivateKey) -> str:
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return raw.hex()


def envelope_seal(public_hex: str, plain: bytes, aad: bytes) -> dict[str, str]:
    """Encrypt to an X25519 public key (ephemeral-static ECDH, HKDF, AES-256-GCM)."""
    recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
    ephemeral = X25519PrivateKey.generate()
    ephemeral_hex = x25519_public_hex(ephemeral)
    key = _envelope_key(ephemeral.exchange(recipient), ephemeral_hex, public_hex)
    return {"ephemeral": ephemeral_hex, "sealed": seal_bytes(key, plain, aad).hex()}


def envelope_open(private: X25519PrivateKey, envelope: dict[str, str], aad: bytes) -> bytes:
    peer = X25519PublicKey.from_public_bytes(bytes.fromhex(envelope["ephemeral"]))
    key = _envelope_key(private.exchange(peer), envelope["ephemeral"], x25519_public_hex(private))
    return open_bytes(key, bytes.fromhex(envelope["sealed"]), aad)


def _envelope_key(shared: bytes, ephemeral_hex: str, recipient_hex: str) -> bytes:
    salt = bytes.fromhex(ephemeral_hex) + bytes.fromhex(recipient_hex)
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=salt, info=b"mimosis-vault/envelope").derive(
        shared
    )


def canonical(data: Any) -> bytes:
    """Canonical JSON bytes (sorted keys, no spaces): what gets hashed, signed or bound as AAD."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def shred(path: Path) -> None:
    """Overwrite a file with random bytes, flush it to the device, then delete it.

    On SSDs (wear levelling) and copy-on-write or journalling file systems the old blocks may
    survive an overwrite; that is why the vault's real guarantee is crypto-shredding: once every
    key slot and the wrapped keys are gone, the remaining ciphertext cannot be decrypted.
    """
    path = Path(path)
    if not path.exists():
        return
    size = path.stat().st_size
    with path.open("r+b") as handle:
        remaining = size
        while remaining > 0:
            step = min(remaining, 1 << 20)
            handle.write(secrets.token_bytes(step))
            remaining -= step
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
