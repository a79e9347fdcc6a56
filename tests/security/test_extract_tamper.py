"""A tampered, truncated, incomplete or padded sealed extract is refused when opened."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mimosis.source.keys import SourceKeys
from mimosis.source.seal import SealedExtractError, open_sealed
from tests.unit.source.helpers import TODAY, Source, make_source, run_extract


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Source, Path, SourceKeys]:
    base = Path(tmp_path_factory.mktemp("tamper"))
    source = make_source(base / "source", persons=120, seed=5)
    keys = SourceKeys.ephemeral()
    run_extract(source, base / "sealed", keys=keys, select={"blocks": ["person", "income"]})
    return source, base / "sealed", keys


def _copy(sealed: tuple[Source, Path, SourceKeys], tmp_path: Path) -> Path:
    target = tmp_path / "copy"
    shutil.copytree(sealed[1], target)
    return target


def _open(sealed: tuple[Source, Path, SourceKeys], path: Path) -> None:
    source, _, keys = sealed
    open_sealed(path, source.identity, {"source": keys.signing_public_hex()}, today=TODAY)


def test_the_untouched_extract_opens(sealed) -> None:
    _open(sealed, sealed[1])


def test_a_flipped_byte_is_detected(sealed, tmp_path: Path) -> None:
    path = _copy(sealed, tmp_path)
    target = path / "tables" / "person.parquet.age"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(SealedExtractError, match=r"person\.parquet\.age: sha256"):
        _open(sealed, path)


def test_a_truncated_file_is_detected(sealed, tmp_path: Path) -> None:
    path = _copy(sealed, tmp_path)
    target = path / "tables" / "income_quarter.parquet.age"
    target.write_bytes(target.read_bytes()[:-100])
    with pytest.raises(SealedExtractError, match="altered or cut"):
        _open(sealed, path)


def test_a_missing_or_extra_file_is_detected(sealed, tmp_path: Path) -> None:
    path = _copy(sealed, tmp_path)
    (path / "tables" / "income_benefit.parquet.age").unlink()
    with pytest.raises(SealedExtractError, match="missing"):
        _open(sealed, path)
    path2 = tmp_path / "copy2"
    shutil.copytree(sealed[1], path2)
    (path2 / "tables" / "extra.parquet.age").write_bytes(b"x")
    with pytest.raises(SealedExtractError, match="unlisted"):
        _open(sealed, path2)


def test_an_altered_manifest_or_foreign_signer_is_detected(sealed, tmp_path: Path) -> None:
    path = _copy(sealed, tmp_path)
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["authorisation"]["retention_date"] = "2099-12-31"
    (path / "manifest.json").write_text(json.dumps(manifest, sort_keys=True, indent=2) + "\n")
    with pytest.raises(SealedExtractError, match="does not verify"):
        _open(sealed, path)
    source, original, _ = sealed
    with pytest.raises(SealedExtractError, match="not a trusted source key"):
        open_sealed(
            original,
            source.identity,
            {"other": SourceKeys.ephemeral().signing_public_hex()},
            today=TODAY,
        )
