"""Both ends of the sealed-extract format (docs/decisions/0003) and each refusal."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mimosis.errors import UserError
from mimosis.source.seal import (
    FORMAT,
    SealedExtractError,
    generate_signing_key,
    load_signing_key,
    new_age_identity,
    open_sealed,
    public_key_hex,
)
from tests.unit.vault.helpers import PASSPHRASES, sample_tables, seal_extract

Sealed = tuple[Path, str, dict[str, str], Ed25519PrivateKey]


@pytest.fixture
def sealed(tmp_path: Path) -> Sealed:
    identity, recipient = new_age_identity()
    key = Ed25519PrivateKey.generate()
    out = tmp_path / "extract"
    seal_extract(out, recipient, key)
    return out, identity, {"ksz": public_key_hex(key)}, key


def test_round_trip_gives_identical_tables(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    opened = open_sealed(out, identity, trusted)
    assert opened.signer == "ksz"
    assert opened.manifest["format"] == FORMAT
    for name, table in sample_tables().items():
        assert opened.tables[name].equals(table)
    assert opened.risk_report["uniques"] == 0


def test_the_folder_holds_exactly_the_format(sealed: Sealed) -> None:
    out = sealed[0]
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "manifest.json",
        "manifest.sig",
        "risk_report.json.age",
        "tables/income_quarter.parquet.age",
        "tables/person.parquet.age",
    ]
    body = (out / "manifest.json").read_bytes()
    manifest = json.loads(body)
    assert body.decode() == json.dumps(manifest, sort_keys=True, indent=2) + "\n"
    assert len(bytes.fromhex((out / "manifest.sig").read_text())) == 64
    assert not list(out.parent.glob("*.partial-*"))


def _refused(out: Path, identity: str, trusted: dict[str, str], match: str) -> None:
    with pytest.raises(SealedExtractError, match=match):
        open_sealed(out, identity, trusted)


def test_unsigned_extract_is_refused(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    (out / "manifest.sig").unlink()
    _refused(out, identity, trusted, "not signed")


def test_altered_manifest_is_refused(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["tables"][0]["rows"] += 1
    (out / "manifest.json").write_text(json.dumps(manifest, sort_keys=True, indent=2) + "\n")
    _refused(out, identity, trusted, "altered or not signed")


def test_truncated_table_file_is_refused(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    path = out / "tables/person.parquet.age"
    path.write_bytes(path.read_bytes()[:-100])
    _refused(out, identity, trusted, r"tables/person.parquet.age: sha256 of the sealed file")


def test_extra_and_missing_files_are_refused(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    (out / "tables/extra.parquet.age").write_bytes(b"x")
    _refused(out, identity, trusted, "unlisted file")
    (out / "tables/extra.parquet.age").unlink()
    (out / "tables/person.parquet.age").unlink()
    _refused(out, identity, trusted, "missing file")


def test_untrusted_source_key_is_refused(sealed: Sealed) -> None:
    out, identity, _, _ = sealed
    other = public_key_hex(Ed25519PrivateKey.generate())
    _refused(out, identity, {"other": other}, "not a trusted source key")


def test_re_signed_by_an_untrusted_key_is_refused(sealed: Sealed) -> None:
    out, identity, trusted, _ = sealed
    forger = Ed25519PrivateKey.generate()
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["signer_public_key"] = public_key_hex(forger)
    body = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
    (out / "manifest.json").write_bytes(body)
    (out / "manifest.sig").write_text(forger.sign(body).hex())
    _refused(out, identity, trusted, "not a trusted source key")


def test_wrong_recipient_cannot_decrypt(sealed: Sealed) -> None:
    out, _, trusted, _ = sealed
    other_identity, _ = new_age_identity()
    _refused(out, other_identity, trusted, "cannot decrypt")


def test_expired_retention_and_unknown_catalogue_are_refused(tmp_path: Path) -> None:
    identity, recipient = new_age_identity()
    key = Ed25519PrivateKey.generate()
    out = tmp_path / "old"
    seal_extract(out, recipient, key, retention=date.today() - timedelta(days=1))
    _refused(out, identity, {"ksz": public_key_hex(key)}, "retention date .* has passed")
    shutil.rmtree(out)
    seal_extract(out, recipient, key)
    with pytest.raises(SealedExtractError, match="catalogue version"):
        open_sealed(out, identity, {"ksz": public_key_hex(key)}, catalogue_versions={"v2"})


def test_seal_never_overwrites(sealed: Sealed) -> None:
    out, _, _, key = sealed
    _, recipient = new_age_identity()
    with pytest.raises(SealedExtractError, match="already exists"):
        seal_extract(out, recipient, key)


def test_a_failed_seal_leaves_no_partial_folder(tmp_path: Path) -> None:
    with pytest.raises(SealedExtractError, match="recipient"):
        seal_extract(tmp_path / "x", "not-a-recipient", Ed25519PrivateKey.generate())
    assert list(tmp_path.iterdir()) == []


def test_signing_key_is_stored_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "source.key"
    public = generate_signing_key(path, PASSPHRASES["olga"])
    assert b"ENCRYPTED" in path.read_bytes()
    assert public_key_hex(load_signing_key(path, PASSPHRASES["olga"])) == public
    with pytest.raises(UserError, match="wrong passphrase"):
        load_signing_key(path, PASSPHRASES["bob"])
    with pytest.raises(UserError, match="never overwritten"):
        generate_signing_key(path, PASSPHRASES["olga"])
