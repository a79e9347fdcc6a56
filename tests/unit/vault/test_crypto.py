"""The building blocks: passphrase policy, key files, Argon2id over both factors."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mimosis.errors import UserError
from mimosis.vault import KdfCost, WeakPassphraseError, check_passphrase, new_key_file
from mimosis.vault.crypto import derive_slot_key, key_file_digest, passphrase_problems, shred

GOOD = "Correct-Horse-Battery-42!"


def test_a_good_passphrase_passes() -> None:
    assert passphrase_problems(GOOD) == []
    check_passphrase(GOOD)


@pytest.mark.parametrize(
    ("passphrase", "rule"),
    [
        ("Short-Pass-1!", "at least 20 characters"),
        ("correct-horse-battery-42!", "an upper-case letter"),
        ("CORRECT-HORSE-BATTERY-42!", "a lower-case letter"),
        ("Correct-Horse-Battery-xx!", "a digit"),
        ("CorrectHorseBattery42xyz", "a special character"),
        ("Correct Horse Battery 42 x", "a special character"),  # a space is not special
    ],
)
def test_each_policy_rule_is_enforced(passphrase: str, rule: str) -> None:
    with pytest.raises(WeakPassphraseError, match=rule):
        check_passphrase(passphrase)


def test_the_refusal_lists_every_broken_rule() -> None:
    problems = passphrase_problems("abc")
    assert len(problems) == 4  # length, upper, digit, special
    assert isinstance(WeakPassphraseError("x"), UserError)


def test_key_file_is_64_random_bytes_owner_only_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "me.key"
    new_key_file(path)
    assert len(path.read_bytes()) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        new_key_file(path)
    assert path.read_bytes() == before
    other = tmp_path / "other.key"
    new_key_file(other)
    assert other.read_bytes() != before


def test_missing_or_short_key_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not found"):
        key_file_digest(tmp_path / "nope.key")
    short = tmp_path / "short.key"
    short.write_bytes(b"x" * 8)
    with pytest.raises(UserError, match="between"):
        key_file_digest(short)


def test_the_slot_key_depends_on_both_factors() -> None:
    params = KdfCost.insecure_fast()
    salt, context = b"s" * 16, b"ctx"
    base = derive_slot_key(GOOD, b"k" * 32, salt, params, context)
    assert derive_slot_key(GOOD, b"k" * 32, salt, params, context) == base
    assert derive_slot_key(GOOD + "x", b"k" * 32, salt, params, context) != base
    assert derive_slot_key(GOOD, b"j" * 32, salt, params, context) != base
    assert derive_slot_key(GOOD, b"k" * 32, salt, params, b"other") != base


def test_production_cost_is_strong() -> None:
    params = KdfCost.production()
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3


def test_shred_overwrites_then_deletes(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_bytes(b"A" * 5000)
    shred(path)
    assert not path.exists()
