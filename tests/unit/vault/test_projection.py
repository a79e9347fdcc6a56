"""Opening part of the extract (column projection): only the columns asked are decrypted, code
columns come dictionary-encoded, the open is logged, and every integrity check still holds."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from mimosis.vault import Vault, VaultError, VaultTamperedError
from mimosis.vault.storage import decrypt_table
from tests.unit.vault.helpers import PASSPHRASES, SENTINEL, World, make_world, sample_tables


@pytest.fixture
def world(tmp_path: Path) -> World:
    return make_world(tmp_path)


def _open(world: World, columns: dict[str, list[str]], purpose: str = "model input") -> object:
    return Vault.open(
        world.vault, "bob", PASSPHRASES["bob"], world.key_files["bob"], purpose, columns=columns
    )


def _data_files(world: World) -> list[Path]:
    return sorted((world.vault / "gen-1" / "data").glob("*.parquet"))


def test_only_the_columns_asked_are_returned_with_the_same_values(world: World) -> None:
    extract = _open(world, {"person": ["person_id", "sex", "wage_class"]})
    assert set(extract.tables) == {"person"}  # type: ignore[attr-defined]
    person = extract.tables["person"]  # type: ignore[attr-defined]
    assert person.column_names == ["person_id", "sex", "wage_class"]
    assert pa.types.is_dictionary(person.schema.field("sex").type)  # a code column
    original = sample_tables()["person"]
    assert person.column("sex").cast(pa.string()).equals(original.column("sex"))
    assert person.column("person_id").equals(original.column("person_id"))
    assert person.column("wage_class").equals(original.column("wage_class"))
    assert extract.projection == {"person": ("person_id", "sex", "wage_class")}  # type: ignore[attr-defined]


def test_tables_and_columns_the_extract_lacks_are_skipped(world: World) -> None:
    extract = _open(world, {"person": ["person_id", "no_such_column"], "no_such_table": ["x"]})
    assert list(extract.tables) == ["person"]  # type: ignore[attr-defined]
    assert extract.tables["person"].column_names == ["person_id"]  # type: ignore[attr-defined]


def test_a_projected_open_is_logged_with_what_was_decrypted(world: World) -> None:
    _open(world, {"person": ["person_id", "sex"], "income_quarter": ["person_id"]}, "baseline")
    last = Vault.audit(world.vault).entries[-1]
    assert (last.event, last.actor, last.details["purpose"]) == ("open", "bob", "baseline")
    assert (last.details["tables"], last.details["columns"]) == (2, 3)


def test_a_flipped_byte_outside_the_columns_read_is_still_refused(world: World) -> None:
    """The SHA-256 of the whole file is checked before any column is decrypted."""
    person = next(p for p in _data_files(world) if p.stem == "person")
    raw = bytearray(person.read_bytes())
    raw[len(raw) // 3] ^= 0x01
    person.write_bytes(bytes(raw))
    with pytest.raises(VaultTamperedError, match="altered, truncated or swapped") as refused:
        _open(world, {"person": ["person_id"]})
    assert SENTINEL not in str(refused.value)


def test_a_swapped_file_is_refused_by_the_keys_when_projecting(world: World) -> None:
    session = world.unlock("bob")
    income = next(p for p in _data_files(world) if p.stem == "income_quarter")
    key = session._data_key
    with pytest.raises(VaultTamperedError, match="swapped"):
        decrypt_table(income.read_bytes(), key, session.vault_id, "person", ["person_id"])


def test_an_unknown_column_is_refused_by_name_only(world: World) -> None:
    session = world.unlock("bob")
    person = next(p for p in _data_files(world) if p.stem == "person")
    with pytest.raises(VaultError, match="no column") as refused:
        decrypt_table(person.read_bytes(), session._data_key, session.vault_id, "person", ["x"])
    assert SENTINEL not in str(refused.value)


def test_a_projected_open_writes_no_plaintext(world: World) -> None:
    before = {p: p.stat().st_mtime_ns for p in world.root.rglob("*") if p.is_file()}
    extract = _open(world, {"person": ["person_id", "municipality"]})
    municipality = extract.tables["person"].column("municipality").cast(pa.string())  # type: ignore[attr-defined]
    assert SENTINEL in municipality.to_pylist()  # decrypted, in memory
    changed = [
        p for p in world.root.rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime_ns
    ]
    assert changed  # the custody log and the state record the open
    for path in world.root.rglob("*"):
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes(), path
