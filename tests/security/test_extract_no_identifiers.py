"""No national register number or other source identifier reaches the sealed extract, and
nothing but the sealed extract and the encrypted mapping is written during extraction.

Every sealed file is decrypted and every byte scanned for every source identifier (as text and,
for numeric identifiers, as little-endian int64), in the Parquet as sealed and re-serialised
uncompressed without dictionaries, plus every value of every column."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mimosis.source.keys import SourceKeys
from mimosis.source.seal import age_decrypt
from tests.unit.source.helpers import Source, make_source, run_extract


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Source, Path, set[Path]]:
    base = Path(tmp_path_factory.mktemp("sentinel"))
    source = make_source(base / "source", persons=250, seed=21)
    work = base / "work"
    work.mkdir()
    before = set(base.rglob("*"))
    cwd = Path.cwd()
    os.chdir(work)  # anything written relative to the working folder would land here
    try:
        run_extract(source, work / "sealed", keys=SourceKeys.ephemeral(), mapping_dir=work / "maps")
    finally:
        os.chdir(cwd)
    created = set(base.rglob("*")) - before
    return source, work, created


def _plain_files(source: Source, work: Path) -> dict[str, bytes]:
    sealed = work / "sealed"
    out = {
        "manifest.json": (sealed / "manifest.json").read_bytes(),
        "manifest.sig": (sealed / "manifest.sig").read_bytes(),
    }
    for path in sorted(sealed.rglob("*.age")):
        plain = age_decrypt(path.read_bytes(), source.identity)
        out[path.name] = plain
        if path.name.endswith(".parquet.age"):
            table = pq.read_table(pa.BufferReader(plain))
            sink = io.BytesIO()
            pq.write_table(table, sink, compression="none", use_dictionary=False)
            out[path.name + " (uncompressed)"] = sink.getvalue()
            out[path.name + " (values)"] = json.dumps(table.to_pylist(), default=str).encode()
    return out


def test_only_the_sealed_extract_and_the_encrypted_mapping_are_written(run) -> None:
    _, work, created = run
    allowed = (work / "sealed", work / "maps")
    for path in created:
        assert path == work or any(path == a or a in path.parents for a in allowed), path
    assert not [p for p in created if "partial" in p.name]
    names = {
        p.relative_to(work / "sealed").as_posix()
        for p in (work / "sealed").rglob("*")
        if p.is_file()
    }
    assert all(
        n in {"manifest.json", "manifest.sig", "risk_report.json.age"} or n.endswith(".parquet.age")
        for n in names
    )


def test_no_source_identifier_in_any_byte_of_the_output(run) -> None:
    source, work, _ = run
    identifiers = source.identifiers()
    assert len(identifiers) > 500
    nrns = source.nrns()
    assert all(len(n) == 11 and n.isdigit() for n in nrns)
    blobs = _plain_files(source, work)
    blobs |= {str(p): p.read_bytes() for p in work.rglob("*") if p.is_file()}  # ciphertext too
    patterns = {i.encode() for i in identifiers}
    patterns |= {int(i).to_bytes(8, "little") for i in identifiers if len(i) == 10}
    for name, blob in blobs.items():
        found = [p for p in patterns if p in blob]
        assert not found, f"{len(found)} source identifier(s) found in {name}"


def test_no_identifier_value_survives_as_a_value(run) -> None:
    source, work, _ = run
    identifiers = source.identifiers()
    for path in (work / "sealed" / "tables").iterdir():
        table = pq.read_table(pa.BufferReader(age_decrypt(path.read_bytes(), source.identity)))
        for column in table.columns:
            values = {str(v) for v in column.drop_null().to_pylist()}
            assert values.isdisjoint(identifiers), f"{path.name}: {column}"
