"""What every block generator receives: the configuration, the catalogue, the generated
population (persons and households as arrays), the tables generated so far, a random-stream
factory and the national-register-number registry."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue
from mimosis.errors import UserError
from mimosis.synth.nrn import NrnRegistry
from mimosis.synth.schema import arrow_schema, arrow_type

if TYPE_CHECKING:
    from mimosis.synth.economy import Economy
    from mimosis.synth.population import Population

DEFAULT_PERSONS = 20_000
DEFAULT_SEED = 20150101
FULL_SCALE_PERSONS = 400_000


@dataclass(frozen=True)
class SynthConfig:
    """What to generate: how many sampled persons, from which seed, into which folder."""

    persons: int = DEFAULT_PERSONS
    seed: int = DEFAULT_SEED
    out: Path = Path("out/source")

    def __post_init__(self) -> None:
        if not 100 <= self.persons <= 2_000_000:
            msg = f"--persons must be between 100 and 2,000,000 sampled persons, got {self.persons}"
            raise UserError(msg)
        if not 0 <= self.seed < 2**63:
            msg = f"--seed must be a non-negative integer below 2**63, got {self.seed}"
            raise UserError(msg)


def stream_key(name: str) -> tuple[int, int]:
    """A stable 64-bit key (two 32-bit words) for a stream name; independent of Python's hash."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little"), int.from_bytes(digest[4:8], "little")


def make_rng(seed: int, name: str) -> np.random.Generator:
    """The random stream ``name`` of a run with ``seed``: ``SeedSequence(seed, spawn_key=...)``,
    so that streams are statistically independent and adding a stream changes no other one."""
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=stream_key(name)))


# a pyarrow Array or ChunkedArray, or a numpy array (pyarrow has no type stubs)
ColumnData = Any


@dataclass
class SynthContext:
    """Shared state of one generator run. Block generators read it and return their tables."""

    config: SynthConfig
    catalogue: Catalogue
    population: Population
    nrn: NrnRegistry
    tables: dict[str, pa.Table] = field(default_factory=dict)
    _economy: Economy | None = field(default=None, repr=False)

    @property
    def economy(self) -> Economy:
        """The labour-market layer (``synth/economy.py``): built on first use from its own
        random streams, then shared by every economy-based block (employment, unemployment,
        career, and the benefit and income blocks that read its flags)."""
        if self._economy is None:
            from mimosis.synth.economy import build_economy

            self._economy = build_economy(self)
        return self._economy

    def rng(self, block_id: str, part: str = "") -> np.random.Generator:
        """A random stream of its own for a block (and an optional named part of it)."""
        name = f"block:{block_id}" + (f":{part}" if part else "")
        return make_rng(self.config.seed, name)

    def build_table(self, table_id: str, columns: Mapping[str, ColumnData]) -> pa.Table:
        """An Arrow table with exactly the catalogue's columns, in order and with the derived
        types. Every catalogue column must be given; numpy arrays are converted; a column that
        is nullable may be an Arrow array with nulls."""
        table = self.catalogue.table(table_id)
        names = [v.id for v in table.variables]
        missing = [n for n in names if n not in columns]
        extra = [n for n in columns if n not in names]
        if missing or extra:
            msg = f"table {table_id!r}: missing columns {missing}, unknown columns {extra}"
            raise UserError(msg)
        arrays = []
        for var in table.variables:
            data = columns[var.id]
            target = arrow_type(var)
            arr = data if isinstance(data, pa.Array | pa.ChunkedArray) else pa.array(data)
            if arr.type != target:
                arr = arr.cast(target)
            arrays.append(arr)
        return pa.Table.from_arrays(arrays, schema=arrow_schema(table))
