"""Writing the source dataset: one Parquet file per catalogue table, the sample-design file and
``manifest.json``, each written to a sibling partial file and renamed into place, so a reader
never sees half a file. (Source side: the files are plain, as the source's own data is.)"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.common.files import write_text_atomic

MANIFEST = "manifest.json"
DESIGN_FILE = "sample_design.parquet"
COMPRESSION = "zstd"


@dataclass(frozen=True)
class WrittenFile:
    file: str
    rows: int
    bytes: int
    sha256: str


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


def write_parquet(out: Path, name: str, table: pa.Table) -> WrittenFile:
    """Write ``table`` to ``out/name`` atomically (partial file + rename)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    partial = path.with_name(f".{name}.partial-{os.getpid()}")
    try:
        pq.write_table(table, partial, compression=COMPRESSION)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return WrittenFile(name, table.num_rows, path.stat().st_size, _digest(path))


def remove_stale(out: Path, table_ids: Iterable[str], written: Iterable[str]) -> list[str]:
    """Delete ``<table>.parquet`` files of catalogue tables this run did not write, so that the
    folder holds exactly what the manifest lists. Returns the removed file names."""
    keep = set(written)
    removed = []
    for table_id in table_ids:
        name = f"{table_id}.parquet"
        if name not in keep and (out / name).exists():
            (out / name).unlink()
            removed.append(name)
    return removed


def write_manifest(out: Path, manifest: Mapping[str, Any]) -> Path:
    path = out / MANIFEST
    write_text_atomic(path, json.dumps(manifest, indent=2, sort_keys=False) + "\n")
    return path


def read_manifest(out: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return result
