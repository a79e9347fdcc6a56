"""The vault end to end through its Python API: open, refuse, manage access, retain, destroy."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from mimosis.errors import UserError
from mimosis.vault import (
    AccessRevokedError,
    NotOfficerError,
    RetentionExpiredError,
    Vault,
    VaultError,
    WeakPassphraseError,
    WrongCredentialsError,
    new_key_file,
    record_release,
    verify_destruction_record,
)
from tests.unit.vault.helpers import (
    KDF,
    PASSPHRASES,
    RETENTION,
    SENTINEL,
    World,
    make_world,
    sample_tables,
)


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def test_seal_import_open_round_trip(world: World) -> None:
    extract = world.open("bob", "baseline 2015")
    for name, table in sample_tables().items():
        assert extract.tables[name].equals(table)
    assert extract.retention_date == RETENTION
    assert extract.catalogue_version == "test-catalogue"
    assert extract.class_schemes == {"wage": [0, 1000, 2000]}
    assert extract.authorisation["reference"] == "Beraadslaging 17/020"
    assert extract.risk_report["uniques"] == 0
    assert SENTINEL not in repr(extract)
    last = Vault.audit(world.vault).entries[-1]
    assert (last.event, last.actor, last.details["purpose"]) == ("open", "bob", "baseline 2015")


def test_wrong_passphrase_and_wrong_key_file_give_the_same_message(world: World) -> None:
    other_key = world.root / "other.key"
    new_key_file(other_key)
    with pytest.raises(WrongCredentialsError) as wrong_pass:
        Vault.open(world.vault, "bob", PASSPHRASES["carol"], world.key_files["bob"], "x")
    with pytest.raises(WrongCredentialsError) as wrong_key:
        Vault.open(world.vault, "bob", PASSPHRASES["bob"], other_key, "x")
    assert str(wrong_pass.value) == str(wrong_key.value)
    assert "passphrase or key file is wrong for user 'bob'" in str(wrong_pass.value)
    assert isinstance(wrong_pass.value, UserError)


def test_missing_key_file_is_refused(world: World) -> None:
    with pytest.raises(VaultError, match="not found"):
        Vault.open(world.vault, "bob", PASSPHRASES["bob"], world.root / "gone.key", "x")


def test_unknown_user_and_empty_purpose_are_refused(world: World) -> None:
    with pytest.raises(AccessRevokedError, match="no key slot"):
        Vault.open(world.vault, "mallory", PASSPHRASES["bob"], world.key_files["bob"], "x")
    with pytest.raises(VaultError, match="purpose"):
        world.open("bob", "   ")


def test_weak_passphrase_refused_at_init_and_grant(tmp_path: Path) -> None:
    key = tmp_path / "k"
    new_key_file(key)
    for weak in ("Short-1!a", "no-upper-case-letter-42!", "NO-LOWER-CASE-LETTER-42!"):
        with pytest.raises(WeakPassphraseError):
            Vault.init(
                tmp_path / "v",
                "olga",
                weak,
                key,
                retention_date=RETENTION,
                authorisation={"reference": "x"},
                kdf=KDF,
            )
    assert not (tmp_path / "v").exists()
    world = make_world(tmp_path / "w", users=(), extract=False)
    for weak in ("No-Digits-In-This-One!", "NoSpecialCharacter1234x"):
        with pytest.raises(WeakPassphraseError):
            world.unlock().grant("bob", weak, key, kdf=KDF)
    assert "bob" not in Vault.status(world.vault)["slots"]


def test_only_the_officer_manages(world: World) -> None:
    session = world.unlock("bob")
    for action in (
        lambda: session.grant("carol", PASSPHRASES["carol"], world.key_files["bob"], kdf=KDF),
        lambda: session.revoke("olga"),
        session.rotate,
        lambda: session.handover("bob"),
        lambda: session.trust_source("x", "00" * 32),
        lambda: session.destroy(world.root / "record.json", "no"),
    ):
        with pytest.raises(NotOfficerError, match="only the access-control officer"):
            action()


def test_revoked_user_is_refused_even_with_a_restored_slot(world: World) -> None:
    slot = world.vault / "gen-1" / "slots" / "bob.json"
    kept = slot.read_bytes()
    world.unlock().revoke("bob")
    with pytest.raises(AccessRevokedError):
        world.open("bob")
    # the revoked user puts back a copy of the old slot file, as is and with its generation
    # edited to the current one: neither opens anything
    restored = world.vault / "gen-2" / "slots" / "bob.json"
    restored.write_bytes(kept)
    with pytest.raises(AccessRevokedError, match="generation 1"):
        world.open("bob")
    data = json.loads(kept)
    data["generation"] = 2
    restored.write_text(json.dumps(data))
    with pytest.raises(AccessRevokedError):
        world.open("bob")
    assert not (world.vault / "gen-1").exists()


def test_rotate_keeps_data_readable_for_remaining_users(tmp_path: Path) -> None:
    world = make_world(tmp_path, users=("bob", "carol"))
    before = {p.name: p.read_bytes() for p in (world.vault / "gen-1" / "data").iterdir()}
    recipient = Vault.status(world.vault)["header"]["age_recipient"]
    world.unlock().rotate()
    world.unlock().revoke("bob")
    assert Vault.status(world.vault)["header"]["generation"] == 3
    after = {p.name: p.read_bytes() for p in (world.vault / "gen-3" / "data").iterdir()}
    assert before.keys() == after.keys()
    assert all(before[name] != after[name] for name in before)
    assert Vault.status(world.vault)["header"]["age_recipient"] != recipient
    for user in ("olga", "carol"):
        extract = world.open(user)
        assert extract.tables["person"].equals(sample_tables()["person"])
    with pytest.raises(AccessRevokedError):
        world.open("bob")


def test_handover_moves_the_officer_role(tmp_path: Path) -> None:
    world = make_world(tmp_path, users=("bob",))
    with pytest.raises(VaultError, match="cannot revoke themself"):
        world.unlock().revoke("olga")
    world.unlock().handover("bob")
    assert Vault.status(world.vault)["header"]["officer"] == "bob"
    with pytest.raises(NotOfficerError):
        world.unlock("olga").rotate()
    world.unlock("bob").revoke("olga")
    with pytest.raises(AccessRevokedError):
        world.open("olga")
    assert world.open("bob").tables["person"].num_rows == 40
    assert Vault.audit(world.vault).ok


def test_expired_retention_refuses_every_open(world: World) -> None:
    later = RETENTION + timedelta(days=1)
    with pytest.raises(RetentionExpiredError, match="has passed") as refused:
        Vault.open(world.vault, "bob", PASSPHRASES["bob"], world.key_files["bob"], "x", today=later)
    assert "mimosis vault destroy" in str(refused.value)
    assert "new authorisation" in str(refused.value)
    with pytest.raises(RetentionExpiredError):
        world.unlock("bob", allow_expired=True, today=later)
    officer = world.unlock("olga", allow_expired=True, today=later)
    with pytest.raises(RetentionExpiredError):
        officer.read_extract("still reading")


def test_extend_records_a_new_retention_date(world: World) -> None:
    later = RETENTION + timedelta(days=1)
    new_date = RETENTION + timedelta(days=400)
    world.unlock("olga", allow_expired=True, today=later).extend(new_date, "Beraadslaging 24/001")
    extract = Vault.open(
        world.vault, "bob", PASSPHRASES["bob"], world.key_files["bob"], "x", today=later
    )
    assert extract.retention_date == new_date


def test_altered_retention_date_in_the_header_is_refused(world: World) -> None:
    header_path = world.vault / "vault.json"
    header = json.loads(header_path.read_text())
    header["retention_date"] = "2099-12-31"
    header_path.write_text(json.dumps(header))
    with pytest.raises(AccessRevokedError, match="header altered"):
        world.open("bob")


def test_import_refusals(tmp_path: Path) -> None:
    world = make_world(tmp_path, extract=False)
    session = world.unlock()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tests.unit.vault.helpers import seal_extract

    recipient = Vault.status(world.vault)["header"]["age_recipient"]
    seal_extract(tmp_path / "untrusted", recipient, Ed25519PrivateKey.generate())
    with pytest.raises(UserError, match="not a trusted source key"):
        session.import_sealed(tmp_path / "untrusted")
    with pytest.raises(VaultError, match="no extract yet"):
        world.open("bob")
    seal_extract(tmp_path / "good", recipient, world.source_key)
    session.import_sealed(tmp_path / "good")
    with pytest.raises(VaultError, match="already holds extract"):
        session.import_sealed(tmp_path / "good")
    events = [e.event for e in Vault.audit(world.vault).entries]
    assert events == ["init", "trust-source", "grant", "import"]


def test_release_and_media_handover_are_recorded(world: World) -> None:
    extract = world.open("bob")
    record_release(extract, description="table 3", sha256="ab" * 32, destination="minister")
    world.unlock("bob").handover_media("courier.jan", "to building B, sealed bag")
    report = Vault.audit(world.vault)
    assert report.ok
    assert [e.event for e in report.entries[-2:]] == ["release", "media-handover"]


def test_destroy_leaves_no_key_material_and_refuses_open(world: World) -> None:
    record = world.root / "destruction.json"
    later = RETENTION + timedelta(days=1)
    world.unlock("olga", allow_expired=True, today=later).destroy(record, "retention reached")
    remaining = sorted(p.relative_to(world.vault).as_posix() for p in world.vault.rglob("*"))
    assert remaining == ["custody.log", "vault.json"]
    assert "private_keys" not in (world.vault / "custody.log").read_text()
    assert "envelope" not in (world.vault / "vault.json").read_text()
    with pytest.raises(VaultError, match="destroyed"):
        world.open("bob")
    body = verify_destruction_record(record)
    assert body["destroyed_by"] == "olga"
    assert any(f["file"].endswith("slots/bob.json") for f in body["files"])
    # a forged record does not verify
    signed = json.loads(record.read_text())
    signed["destroyed_by"] = "bob"
    record.write_text(json.dumps(signed))
    with pytest.raises(VaultError, match="signature"):
        verify_destruction_record(record)


def test_destruction_record_must_lie_outside_the_vault(world: World) -> None:
    with pytest.raises(VaultError, match="outside the vault"):
        world.unlock().destroy(world.vault / "record.json", "x")
    assert world.open("bob").tables


def test_init_refuses_a_used_folder_or_past_retention(tmp_path: Path) -> None:
    world = make_world(tmp_path, users=(), extract=False)
    with pytest.raises(VaultError, match="not empty"):
        Vault.init(
            world.vault,
            "olga",
            PASSPHRASES["olga"],
            world.key_files["olga"],
            retention_date=RETENTION,
            authorisation={},
            kdf=KDF,
        )
    with pytest.raises(VaultError, match="already passed"):
        Vault.init(
            tmp_path / "new",
            "olga",
            PASSPHRASES["olga"],
            world.key_files["olga"],
            retention_date=RETENTION - timedelta(days=400),
            authorisation={},
            kdf=KDF,
        )
    shutil.rmtree(world.vault)
