"""Small worlds for the vault tests: a source signing key, a vault with an officer and users,
a sealed extract with a planted sentinel value, all with a cheap Argon2 setting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.source.seal import Authorisation, public_key_hex, seal
from mimosis.vault import KdfCost, Session, Vault, new_key_file

KDF = KdfCost.insecure_fast()
SENTINEL = "ZQXSENTINEL7731"  # a planted record value: must never appear on disk in the clear
PASSPHRASES = {
    "olga": "Officer-Olga-Passphrase-2024!",
    "bob": "Bob-the-Analyst#Passphrase77",
    "carol": "Carol-Researcher$Passphrase99",
}
RETENTION = date.today() + timedelta(days=365)


def sample_tables(rows: int = 40) -> dict[str, pa.Table]:
    municipality = [f"M{i % 7:02d}" for i in range(rows)]
    municipality[3] = SENTINEL
    person = pa.table(
        {
            "person_id": pa.array(range(rows), pa.int64()),
            "birth_year": pa.array([1950 + i % 60 for i in range(rows)], pa.int16()),
            "sex": pa.array(["F" if i % 2 else "M" for i in range(rows)]),
            "municipality": pa.array(municipality),
            "wage_class": pa.array([i % 12 for i in range(rows)], pa.int8()),
            "weight": pa.array([10.5 + i for i in range(rows)], pa.float64()),
        }
    )
    income = pa.table(
        {
            "person_id": pa.array([i // 4 for i in range(rows * 4)], pa.int64()),
            "quarter": pa.array([f"2015Q{1 + i % 4}" for i in range(rows * 4)]),
            "benefit_class": pa.array([i % 9 for i in range(rows * 4)], pa.int16()),
        }
    )
    return {"person": person, "income_quarter": income}


def authorisation(retention: date = RETENTION) -> Authorisation:
    return Authorisation(
        reference="Beraadslaging 17/020",
        decision_date="2017-02-07",
        recipient="FOD SZ",
        retention_date=retention,
    )


def seal_extract(
    out: Path, recipient: str, key: Ed25519PrivateKey, retention: date = RETENTION
) -> dict[str, object]:
    return seal(
        out,
        sample_tables(),
        {"k_anonymity": {"min": 5}, "uniques": 0},
        authorisation=authorisation(retention),
        catalogue_version="test-catalogue",
        class_schemes={"wage": [0, 1000, 2000]},
        coarsening={"municipality": "district"},
        made_by="ksz.operator",
        handed_to="olga",
        signing_key=key,
        recipient=recipient,
    )


@dataclass
class World:
    root: Path
    vault: Path
    key_files: dict[str, Path] = field(default_factory=dict)
    source_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    head: str = ""

    def unlock(self, user: str = "olga", **kwargs: object) -> Session:
        return Vault.unlock(
            self.vault,
            user,
            PASSPHRASES[user],
            self.key_files[user],
            **kwargs,  # type: ignore[arg-type]
        )

    def open(self, user: str = "bob", purpose: str = "test run") -> object:
        return Vault.open(self.vault, user, PASSPHRASES[user], self.key_files[user], purpose)


def make_world(root: Path, *, users: tuple[str, ...] = ("bob",), extract: bool = True) -> World:
    root.mkdir(parents=True, exist_ok=True)
    world = World(root=root, vault=root / "vault")
    for user in ("olga", *users):
        world.key_files[user] = root / f"{user}.key"
        new_key_file(world.key_files[user])
    world.head = Vault.init(
        world.vault,
        "olga",
        PASSPHRASES["olga"],
        world.key_files["olga"],
        retention_date=RETENTION,
        authorisation=authorisation().as_dict(),
        kdf=KDF,
    )
    session = world.unlock()
    session.trust_source("ksz", public_key_hex(world.source_key))
    for user in users:
        session.grant(user, PASSPHRASES[user], world.key_files[user], kdf=KDF)
    if extract:
        sealed = root / "sealed"
        seal_extract(sealed, Vault.status(world.vault)["header"]["age_recipient"], world.source_key)
        session.import_sealed(sealed)
    world.head = session.head
    return world
