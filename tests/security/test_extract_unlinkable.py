"""Pseudonyms: the same secret gives the same HMAC pseudonym in a later extract; another secret
gives unlinkable ones; sequence numbers are drawn anew for every extract."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from mimosis.source.keys import SourceKeys, read_mapping
from tests.unit.source.helpers import Source, make_source, run_extract

SELECT = {"tables": {"person": ["person_id", "birth_date", "sex", "municipality"]}}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    return make_source(Path(tmp_path_factory.mktemp("link")) / "source", persons=400, seed=9)


def _extract(
    source: Source, base: Path, name: str, keys: SourceKeys
) -> tuple[dict[int, bytes], pa.Table]:
    result, opened, _ = run_extract(
        source, base / name, keys=keys, mapping_dir=base / f"{name}-maps", select=SELECT
    )
    assert result.mapping_file is not None
    _, plain = read_mapping(result.mapping_file, keys)
    mapping = pq.read_table(pa.BufferReader(plain))
    person = mapping.filter(pc.equal(mapping.column("space"), "person"))
    seq_to_pseudonym = dict(
        zip(
            person.column("sequence").to_pylist(),
            person.column("pseudonym").to_pylist(),
            strict=True,
        )
    )
    return seq_to_pseudonym, opened.tables["person"]


def test_same_secret_links_another_secret_does_not(source: Source, tmp_path: Path) -> None:
    secret = b"\x17" * 32
    first, t1 = _extract(source, tmp_path, "a", SourceKeys.ephemeral(secret))
    again, t2 = _extract(source, tmp_path, "b", SourceKeys.ephemeral(secret))
    other, _ = _extract(source, tmp_path, "c", SourceKeys.ephemeral(b"\x18" * 32))
    assert set(first.values()) == set(again.values())  # same persons, same pseudonyms
    assert set(first.values()).isdisjoint(other.values())  # unlinkable under another secret
    # sequence numbers are per extract: the same pseudonym carries another number
    moved = sum(first[s] != again[s] for s in first)
    assert moved > 0.9 * len(first)
    # the source can still relate the two extracts through the pseudonyms, the recipient cannot
    back = {p: s for s, p in again.items()}
    pairs = {s: back[p] for s, p in first.items()}
    rows1 = {r["person_id"]: r for r in t1.to_pylist()}
    rows2 = {r["person_id"]: r for r in t2.to_pylist()}
    assert all(
        {k: v for k, v in rows1[s].items() if k != "person_id"}
        == {k: v for k, v in rows2[pairs[s]].items() if k != "person_id"}
        for s in rows1
    )
