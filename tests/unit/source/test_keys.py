"""The source keystore and the encrypted mapping files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mimosis.common.kdf import KdfCost
from mimosis.source.errors import KeystoreError
from mimosis.source.keys import (
    SourceKeys,
    init_keystore,
    open_keystore,
    passphrase_problems,
    read_mapping,
    write_mapping,
)

GOOD = "Correct-Horse-Battery-Staple-42"
FAST = KdfCost.insecure_fast()


def test_a_keystore_opens_with_its_passphrase_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "keystore.json"
    made = init_keystore(path, GOOD, cost=FAST)
    opened = open_keystore(path, GOOD)
    assert opened.pseudonym_secret == made.pseudonym_secret
    assert opened.signing_public_hex() == made.signing_public_hex()
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(KeystoreError, match="wrong passphrase"):
        open_keystore(path, GOOD + "x")


def test_the_file_holds_no_secret_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "keystore.json"
    keys = init_keystore(path, GOOD, cost=FAST)
    text = path.read_text()
    assert keys.pseudonym_secret.hex() not in text
    assert GOOD not in text
    assert "pseudonym_secret" not in text
    assert keys.pseudonym_secret.hex() not in repr(keys)


def test_a_weak_passphrase_is_refused(tmp_path: Path) -> None:
    assert passphrase_problems("short") != []
    assert passphrase_problems("alllowercaseandlong1234!") == ["an upper-case letter"]
    assert passphrase_problems("NoSpecialCharacterHere123") == [
        "a special character (not a letter, digit or space)"
    ]
    assert passphrase_problems(GOOD) == []
    with pytest.raises(KeystoreError, match="needs"):
        init_keystore(tmp_path / "k.json", "password", cost=FAST)


def test_a_keystore_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "keystore.json"
    init_keystore(path, GOOD, cost=FAST)
    with pytest.raises(KeystoreError, match="never overwritten"):
        init_keystore(path, GOOD, cost=FAST)


def test_an_altered_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "keystore.json"
    init_keystore(path, GOOD, cost=FAST)
    body = json.loads(path.read_text())
    body["signing_public_key"] = SourceKeys.ephemeral().signing_public_hex()
    path.write_text(json.dumps(body))
    with pytest.raises(KeystoreError, match="altered"):
        open_keystore(path, GOOD)
    path.write_text("{not json")
    with pytest.raises(KeystoreError, match="not JSON"):
        open_keystore(path, GOOD)
    with pytest.raises(KeystoreError, match="not found"):
        open_keystore(tmp_path / "missing.json", GOOD)


def test_space_keys_are_domain_separated() -> None:
    keys = SourceKeys.ephemeral(b"s" * 32)
    assert keys.space_key("person") != keys.space_key("household")
    assert keys.space_key("person") == SourceKeys.ephemeral(b"s" * 32).space_key("person")
    assert keys.space_key("person") != keys.mapping_key()


def test_a_mapping_round_trips_under_the_same_secret_only(tmp_path: Path) -> None:
    keys = SourceKeys.ephemeral()
    path = tmp_path / "m" / "x.mapping"
    write_mapping(path, keys, "extract-1", b"payload")
    assert b"payload" not in path.read_bytes()
    assert read_mapping(path, keys) == ("extract-1", b"payload")
    with pytest.raises(KeystoreError, match="another keystore"):
        read_mapping(path, SourceKeys.ephemeral())
    with pytest.raises(KeystoreError, match="never overwritten"):
        write_mapping(path, keys, "extract-1", b"payload")
