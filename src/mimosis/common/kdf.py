"""The Argon2id cost and derivation, in one place for the source's keystore and the vault."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


@dataclass(frozen=True)
class KdfCost:
    """Argon2id cost, stored with what it protects (a keystore header, a vault slot) so that
    it can be raised later without breaking what exists.

    ``production()`` (64 MiB, 3 passes, 4 lanes) is the default everywhere. ``insecure_fast()``
    exists only so that tests and benchmarks stay fast; the CLI exposes it behind explicit
    ``--insecure-fast-kdf`` options, which print a warning.
    """

    memory_kib: int
    iterations: int
    lanes: int

    @classmethod
    def production(cls) -> KdfCost:
        return cls(memory_kib=64 * 1024, iterations=3, lanes=4)

    @classmethod
    def insecure_fast(cls) -> KdfCost:
        return cls(memory_kib=64, iterations=1, lanes=1)

    def as_dict(self) -> dict[str, int]:
        return {"memory_kib": self.memory_kib, "iterations": self.iterations, "lanes": self.lanes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KdfCost:
        return cls(int(data["memory_kib"]), int(data["iterations"]), int(data["lanes"]))


def argon2id(
    passphrase: str,
    salt: bytes,
    cost: KdfCost,
    length: int,
    *,
    secret: bytes | None = None,
    associated: bytes | None = None,
) -> bytes:
    """Argon2id of the passphrase (Unicode NFC, UTF-8), with an optional secret (a key file's
    hash) and associated data."""
    return Argon2id(
        salt=salt,
        length=length,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
        ad=associated,
        secret=secret,
    ).derive(unicodedata.normalize("NFC", passphrase).encode("utf-8"))
