"""Each refusal the authorisation demands, as the security suite lists them: wrong factors,
revoked access (also with a restored slot), expired retention, unsigned or altered extracts."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.errors import UserError
from mimosis.vault import (
    AccessRevokedError,
    RetentionExpiredError,
    Vault,
    WrongCredentialsError,
    new_key_file,
)
from tests.unit.vault.helpers import PASSPHRASES, RETENTION, make_world, seal_extract


def test_two_factors_are_both_required(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    stranger_key = tmp_path / "stranger.key"
    new_key_file(stranger_key)
    with pytest.raises(WrongCredentialsError):
        Vault.open(world.vault, "bob", PASSPHRASES["bob"], stranger_key, "x")
    with pytest.raises(WrongCredentialsError):
        Vault.open(world.vault, "bob", PASSPHRASES["olga"], world.key_files["bob"], "x")
    with pytest.raises(UserError, match="not found"):
        Vault.open(world.vault, "bob", PASSPHRASES["bob"], tmp_path / "none", "x")


def test_a_revoked_users_old_slot_opens_nothing(tmp_path: Path) -> None:
    world = make_world(tmp_path, users=("bob", "carol"))
    stolen = tmp_path / "stolen-slot.json"
    shutil.copy(world.vault / "gen-1" / "slots" / "bob.json", stolen)
    world.unlock().revoke("bob")
    target = world.vault / "gen-2" / "slots" / "bob.json"
    shutil.copy(stolen, target)
    with pytest.raises(AccessRevokedError):
        world.open("bob")
    slot = json.loads(stolen.read_text())
    slot["generation"] = 2
    target.write_text(json.dumps(slot))
    with pytest.raises(AccessRevokedError):
        world.open("bob")
    assert world.open("carol").tables["person"].num_rows == 40


def test_past_the_retention_date_nothing_opens(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    later = RETENTION + timedelta(days=1)
    for user in ("olga", "bob"):
        with pytest.raises(RetentionExpiredError, match="destroy"):
            Vault.open(
                world.vault, user, PASSPHRASES[user], world.key_files[user], "x", today=later
            )


def test_import_refuses_altered_and_untrusted_extracts(tmp_path: Path) -> None:
    world = make_world(tmp_path, extract=False)
    recipient = Vault.status(world.vault)["header"]["age_recipient"]
    session = world.unlock()
    seal_extract(tmp_path / "x", recipient, Ed25519PrivateKey.generate())
    with pytest.raises(UserError, match="not a trusted source key"):
        session.import_sealed(tmp_path / "x")
    seal_extract(tmp_path / "y", recipient, world.source_key)
    (tmp_path / "y" / "manifest.sig").unlink()
    with pytest.raises(UserError, match="not signed"):
        session.import_sealed(tmp_path / "y")
    seal_extract(tmp_path / "z", recipient, world.source_key)
    path = tmp_path / "z" / "tables" / "income_quarter.parquet.age"
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(UserError, match=r"income_quarter\.parquet\.age"):
        session.import_sealed(tmp_path / "z")
    assert not list(world.vault.glob("gen-*/data/*"))
