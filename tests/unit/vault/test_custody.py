"""The custody log: hash-chained, signed per user, anchored outside itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.vault import CustodyLogBrokenError, Vault, custody, read_head_file
from mimosis.vault.crypto import canonical
from tests.unit.vault.helpers import World, make_world


@pytest.fixture
def world(tmp_path: Path) -> World:
    made = make_world(tmp_path)
    made.open("bob", "first look")
    return made


def _lines(world: World) -> list[bytes]:
    return (world.vault / "custody.log").read_bytes().splitlines()


def _write(world: World, lines: list[bytes]) -> None:
    (world.vault / "custody.log").write_bytes(b"".join(line + b"\n" for line in lines))


def test_an_untouched_log_verifies(world: World) -> None:
    report = Vault.audit(world.vault, head=world.head)
    assert report.ok, report.problems
    assert [e.event for e in report.entries] == [
        "init",
        "trust-source",
        "grant",
        "import",
        "open",
    ]
    assert report.officer == "olga"
    assert set(report.users) == {"olga", "bob"}
    assert report.entries[-1].details["purpose"] == "first look"


def test_an_edited_entry_breaks_signature_and_chain(world: World) -> None:
    lines = _lines(world)
    lines[3] = lines[3].replace(b'"tables":{', b'"tables":{"extra":1,')
    _write(world, lines)
    problems = " ".join(Vault.audit(world.vault).problems)
    assert "entry 3" in problems and "bad signature" in problems
    assert "entry 4" in problems and "does not chain" in problems
    with pytest.raises(CustodyLogBrokenError, match="does not verify"):
        world.open("bob")


def test_a_removed_entry_breaks_the_chain(world: World) -> None:
    lines = _lines(world)
    del lines[2]
    _write(world, lines)
    assert not Vault.audit(world.vault).ok


def test_a_cut_tail_is_caught_by_the_kept_head_and_by_the_vault(world: World) -> None:
    head = Vault.audit(world.vault).head
    _write(world, _lines(world)[:-1])
    assert Vault.audit(world.vault).ok  # the log alone cannot see its missing tail ...
    report = Vault.audit(world.vault, head=head)  # ... the head kept outside it can
    assert any("cut off its tail" in p for p in report.problems)
    with pytest.raises(CustodyLogBrokenError, match="cut off its tail"):
        world.open("bob")  # and the anchor in the encrypted state too


def test_a_line_cut_mid_write_is_refused(world: World) -> None:
    raw = (world.vault / "custody.log").read_bytes()
    (world.vault / "custody.log").write_bytes(raw[:-20])
    assert any("incomplete" in p for p in Vault.audit(world.vault).problems)


def test_forged_entries_are_refused(world: World) -> None:
    lines = _lines(world)
    last = json.loads(lines[-1])
    forger = Ed25519PrivateKey.generate()
    body = {
        "seq": len(lines),
        "time": last["time"],
        "event": "grant",
        "actor": "bob",
        "details": {"user": "mallory", "sign_public": "00" * 32},
        "prev": custody.sha256_hex(lines[-1]),
    }
    body["sig"] = forger.sign(canonical(body)).hex()
    _write(world, [*lines, canonical(body)])
    problems = " ".join(Vault.audit(world.vault).problems)
    assert "bad signature" in problems


def test_a_non_officer_cannot_sign_officer_events(world: World) -> None:
    session = world.unlock("bob")
    custody.append(
        world.vault / "custody.log",
        "grant",
        "bob",
        {"user": "mallory", "sign_public": "00" * 32},
        session._keys.sign,
    )
    assert any("only the officer" in p for p in Vault.audit(world.vault).problems)


def test_a_rewritten_log_does_not_open_the_vault(world: World) -> None:
    # an intruder replaces the whole log with one of their own, consistently signed
    intruder = Ed25519PrivateKey.generate()
    fake = world.vault / "fake.log"
    vault_id = Vault.status(world.vault)["header"]["vault_id"]
    public = intruder.public_key().public_bytes_raw().hex()
    custody.append(fake, "init", "olga", {"vault_id": vault_id, "sign_public": public}, intruder)
    fake.replace(world.vault / "custody.log")
    assert Vault.audit(world.vault).ok
    assert not Vault.audit(world.vault, head=world.head).ok
    with pytest.raises(CustodyLogBrokenError):
        world.open("bob")


def test_head_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "head"
    path.write_text("ab" * 32 + "\n")
    assert read_head_file(path) == "ab" * 32
    path.write_text("")
    with pytest.raises(CustodyLogBrokenError):
        read_head_file(path)
