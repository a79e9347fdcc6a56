"""Key slots: one file per user and key generation, like LUKS key slots, plus what makes
revocation real.

A slot holds the user's two private keys (X25519 to receive the data key, Ed25519 to sign
custody entries), encrypted with AES-256-GCM under a key that Argon2id derives from the
passphrase AND the key file together; and an *envelope*: the vault's data key encrypted to the
user's X25519 public key, bound (as AES-GCM associated data) to the vault id, the user, the key
generation and the retention date. Because the envelope needs only the public key, the officer
can re-wrap a new data key for every remaining user at rotation without knowing their
passphrases; a revoked user gets no new envelope, and their old slot (or a copy) opens only the
previous data key, which no longer decrypts anything.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from mimosis.common.files import write_atomic
from mimosis.common.kdf import KdfCost
from mimosis.vault.crypto import (
    DecryptionFailedError,
    canonical,
    derive_slot_key,
    envelope_open,
    envelope_seal,
    open_bytes,
    seal_bytes,
    x25519_public_hex,
)
from mimosis.vault.errors import (
    AccessRevokedError,
    VaultError,
    VaultTamperedError,
    WrongCredentialsError,
)

SLOT_FORMAT = "mimosis-vault-slot/1"
USER_NAME = re.compile(r"^[a-z][a-z0-9._-]{0,63}$")
SALT_BYTES = 16


def check_user_name(user: str) -> str:
    if not USER_NAME.match(user):
        msg = (
            f"user name {user!r} is not allowed: use lower-case letters, digits, '.', '_' or '-',"
            " starting with a letter (e.g. jan.peeters)"
        )
        raise VaultError(msg)
    return user


@dataclass(frozen=True)
class UserKeys:
    """A user's private keys, in memory only while the vault is open."""

    box: X25519PrivateKey
    sign: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> UserKeys:
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @property
    def box_public(self) -> str:
        return x25519_public_hex(self.box)

    @property
    def sign_public(self) -> str:
        raw = self.sign.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return raw.hex()

    def raw(self) -> bytes:
        box = self.box.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        sign = self.sign.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        return box + sign


@dataclass(frozen=True)
class Slot:
    vault_id: str
    user: str
    generation: int
    kdf: KdfCost
    salt: str
    box_public: str
    sign_public: str
    private_keys: str  # AES-GCM(Argon2id(passphrase, key file), X25519 || Ed25519 private keys)
    envelope: dict[str, str]  # the data key, encrypted to box_public

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": SLOT_FORMAT,
            "vault_id": self.vault_id,
            "user": self.user,
            "generation": self.generation,
            "kdf": {"algorithm": "argon2id", "salt": self.salt, **self.kdf.as_dict()},
            "box_public": self.box_public,
            "sign_public": self.sign_public,
            "private_keys": self.private_keys,
            "envelope": self.envelope,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slot:
        if data.get("format") != SLOT_FORMAT:
            raise ValueError
        return cls(
            vault_id=str(data["vault_id"]),
            user=str(data["user"]),
            generation=int(data["generation"]),
            kdf=KdfCost.from_dict(data["kdf"]),
            salt=str(data["kdf"]["salt"]),
            box_public=str(data["box_public"]),
            sign_public=str(data["sign_public"]),
            private_keys=str(data["private_keys"]),
            envelope={str(k): str(v) for k, v in data["envelope"].items()},
        )

    def with_envelope(self, generation: int, envelope: dict[str, str]) -> Slot:
        return Slot(
            self.vault_id,
            self.user,
            generation,
            self.kdf,
            self.salt,
            self.box_public,
            self.sign_public,
            self.private_keys,
            envelope,
        )


def _kdf_context(vault_id: str, user: str) -> bytes:
    return canonical({"purpose": "slot-kek", "vault_id": vault_id, "user": user})


def _keys_aad(vault_id: str, user: str, box_public: str, sign_public: str) -> bytes:
    return canonical(
        {
            "purpose": "slot-keys",
            "vault_id": vault_id,
            "user": user,
            "box_public": box_public,
            "sign_public": sign_public,
        }
    )


def envelope_aad(vault_id: str, user: str, generation: int, retention_date: date) -> bytes:
    return canonical(
        {
            "purpose": "data-key",
            "vault_id": vault_id,
            "user": user,
            "generation": generation,
            "retention_date": retention_date.isoformat(),
        }
    )


def new_slot(
    *,
    vault_id: str,
    user: str,
    keys: UserKeys,
    passphrase: str,
    key_file_sha256: bytes,
    kdf: KdfCost,
    generation: int,
    retention_date: date,
    data_key: bytes,
) -> Slot:
    """Lock a user's keys under their two factors and wrap the data key for them."""
    salt = secrets.token_bytes(SALT_BYTES)
    kek = derive_slot_key(passphrase, key_file_sha256, salt, kdf, _kdf_context(vault_id, user))
    aad = _keys_aad(vault_id, user, keys.box_public, keys.sign_public)
    return Slot(
        vault_id=vault_id,
        user=user,
        generation=generation,
        kdf=kdf,
        salt=salt.hex(),
        box_public=keys.box_public,
        sign_public=keys.sign_public,
        private_keys=seal_bytes(kek, keys.raw(), aad).hex(),
        envelope=wrap_data_key(
            keys.box_public,
            data_key,
            vault_id=vault_id,
            user=user,
            generation=generation,
            retention_date=retention_date,
        ),
    )


def wrap_data_key(
    box_public: str,
    data_key: bytes,
    *,
    vault_id: str,
    user: str,
    generation: int,
    retention_date: date,
) -> dict[str, str]:
    aad = envelope_aad(vault_id, user, generation, retention_date)
    return envelope_seal(box_public, data_key, aad)


def unlock_keys(slot: Slot, passphrase: str, key_file_sha256: bytes) -> UserKeys:
    """The user's private keys, or WrongCredentialsError (without saying which factor is wrong)."""
    kek = derive_slot_key(
        passphrase,
        key_file_sha256,
        bytes.fromhex(slot.salt),
        slot.kdf,
        _kdf_context(slot.vault_id, slot.user),
    )
    aad = _keys_aad(slot.vault_id, slot.user, slot.box_public, slot.sign_public)
    try:
        raw = open_bytes(kek, bytes.fromhex(slot.private_keys), aad)
    except DecryptionFailedError:
        raise WrongCredentialsError(slot.user) from None
    keys = UserKeys(
        X25519PrivateKey.from_private_bytes(raw[:32]),
        Ed25519PrivateKey.from_private_bytes(raw[32:]),
    )
    if keys.box_public != slot.box_public or keys.sign_public != slot.sign_public:
        msg = f"the key slot of user {slot.user!r} is inconsistent (altered)"
        raise VaultTamperedError(msg)
    return keys


def unwrap_data_key(slot: Slot, keys: UserKeys, generation: int, retention_date: date) -> bytes:
    aad = envelope_aad(slot.vault_id, slot.user, generation, retention_date)
    try:
        return envelope_open(keys.box, slot.envelope, aad)
    except DecryptionFailedError:
        msg = (
            f"user {slot.user!r} has no access: the key slot does not open this vault's"
            " current key generation (access revoked, an old slot restored, or the vault"
            " header altered). Ask the access-control officer."
        )
        raise AccessRevokedError(msg) from None


def read_slot(path: Path, user: str) -> Slot:
    if not path.exists():
        msg = (
            f"user {user!r} has no key slot in this vault (never granted, or revoked);"
            " ask the access-control officer"
        )
        raise AccessRevokedError(msg)
    try:
        slot = Slot.from_dict(json.loads(path.read_bytes()))
    except (ValueError, KeyError, TypeError):
        msg = f"the key slot of user {user!r} is not readable (altered)"
        raise VaultTamperedError(msg) from None
    if slot.user != user:
        msg = f"the key slot file of user {user!r} holds another user's slot (swapped)"
        raise VaultTamperedError(msg)
    return slot


def write_slot(path: Path, slot: Slot) -> None:
    write_atomic(path, (json.dumps(slot.as_dict(), sort_keys=True, indent=2) + "\n").encode())


def user_entry(keys: UserKeys, role: str, granted_by: str) -> dict[str, str]:
    """A user as the vault state records them (public keys only)."""
    return {
        "role": role,
        "box_public": keys.box_public,
        "sign_public": keys.sign_public,
        "granted_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "granted_by": granted_by,
    }
