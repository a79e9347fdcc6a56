"""What the vault leaves on disk: only ciphertext, every column encrypted, tampering detected.

A planted record value (``SENTINEL``) must never be found in any file written during seal ->
import -> open -> rotate -> release -> destroy, nor in any error message or log entry."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mimosis.vault import Vault, VaultTamperedError, record_release
from mimosis.vault.storage import decrypt_table
from tests.unit.vault.helpers import RETENTION, SENTINEL, World, make_world, sample_tables

ROOT = Path(__file__).resolve().parents[2] / "src" / "mimosis"


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path, users=("bob", "carol"))


def _data_files(world: World) -> list[Path]:
    files = sorted(world.vault.glob("gen-*/data/*.parquet"))
    assert {p.stem for p in files} == {"person", "income_quarter"}
    return files


def test_the_sentinel_would_be_visible_in_plain_parquet() -> None:
    """Control: the same table written without encryption shows the planted value, so the
    absence checks below have teeth."""
    sink = pa.BufferOutputStream()
    pq.write_table(sample_tables()["person"], sink, compression="zstd")
    assert SENTINEL.encode() in sink.getvalue().to_pybytes()


def test_every_column_and_the_footer_are_encrypted(world: World) -> None:
    for path in _data_files(world):
        raw = path.read_bytes()
        assert raw[:4] == b"PARE" and raw[-4:] == b"PARE"  # encrypted footer mode
        assert SENTINEL.encode() not in raw
        # even the schema is inside the encrypted footer (only the master key id, which names
        # the table, is readable: the catalogue's table names are public)
        for column in ("municipality", "birth_year", "person_id", "benefit_class", "weight"):
            assert column.encode() not in raw
        with pytest.raises((OSError, pa.ArrowException)):
            pq.read_table(path)  # a standard reader without the keys gets nothing


def test_no_plaintext_reaches_disk_during_a_whole_life(world: World) -> None:
    extract = world.open("bob", "look")
    record_release(extract, description="t1", sha256="cd" * 32, destination="report")
    world.unlock().revoke("carol")
    world.open("olga", "again")
    later = RETENTION + timedelta(days=1)
    world.unlock("olga", allow_expired=True, today=later).destroy(world.root / "record.json", "end")
    scanned = 0
    for path in world.root.rglob("*"):
        if path.is_file():
            scanned += 1
            assert SENTINEL.encode() not in path.read_bytes(), path
    assert scanned >= 8


def test_a_flipped_byte_in_a_data_file_is_refused(world: World) -> None:
    path = _data_files(world)[1]
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultTamperedError, match="altered, truncated or swapped") as refused:
        world.open("bob")
    assert SENTINEL not in str(refused.value)


def test_a_swapped_data_file_is_refused(world: World) -> None:
    income, person = _data_files(world)
    person.write_bytes(income.read_bytes())
    with pytest.raises(VaultTamperedError):
        world.open("bob")


def test_a_file_of_another_table_is_refused_by_the_keys_themselves(world: World) -> None:
    """Even past the hash list: the reading KMS client accepts only the expected table's key."""
    session = world.unlock("bob")
    income, person = _data_files(world)
    key = session._data_key
    assert decrypt_table(person.read_bytes(), key, session.vault_id, "person").num_rows == 40
    with pytest.raises(VaultTamperedError, match="swapped"):
        decrypt_table(income.read_bytes(), key, session.vault_id, "person")


def test_a_truncated_data_file_is_refused(world: World) -> None:
    path = _data_files(world)[0]
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(VaultTamperedError):
        world.open("bob")


def test_logs_status_and_errors_carry_no_record_values(world: World) -> None:
    world.open("bob", "purpose text")
    assert SENTINEL not in (world.vault / "custody.log").read_text()
    assert SENTINEL not in str(Vault.status(world.vault))
    assert SENTINEL not in repr(world.open("carol"))


@pytest.mark.parametrize("banned", ["import tempfile", "import pickle", "import shelve"])
def test_vault_modules_use_no_temporary_files_or_pickle(banned: str) -> None:
    files = [
        *sorted((ROOT / "vault").glob("*.py")),
        ROOT / "source" / "seal.py",
        ROOT / "cli" / "vault.py",
    ]
    for path in files:
        assert banned not in path.read_text(), path
