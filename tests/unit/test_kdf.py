"""The one Argon2id derivation of the source keystore and the vault: known answers (the values
the two sides derived before they shared it), so that keystores and vault slots made earlier
keep opening."""

from __future__ import annotations

import unicodedata

from mimosis.common.kdf import KdfCost, argon2id

PASSPHRASE = "Ça-va Passphrase 2024!"  # composed "Ç"
SALT = b"s" * 16
FAST = KdfCost.insecure_fast()


def test_keystore_form_known_answer() -> None:
    got = argon2id(PASSPHRASE, SALT, FAST, 32)
    assert got.hex() == "cb2f19b6bdf28aa4e94fcdb20ebf9597a134fce44e45d85e0b170f8d81ffbc55"


def test_vault_slot_form_known_answer() -> None:
    got = argon2id(PASSPHRASE, SALT, FAST, 32, secret=b"k" * 32, associated=b"vault/user")
    assert got.hex() == "54154fcd36ae06fdc73bb59b3430542d21e3ac6cfc194da68f5730efbd2f0e87"


def test_passphrase_is_normalised_and_cost_round_trips() -> None:
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    assert argon2id(decomposed, SALT, FAST, 32) == argon2id(PASSPHRASE, SALT, FAST, 32)
    assert KdfCost.from_dict(KdfCost.production().as_dict()) == KdfCost.production()
