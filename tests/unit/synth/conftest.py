"""A small generated dataset shared by the synth tests (2,000 sampled persons, two seeds)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mimosis.synth.context import SynthConfig
from mimosis.synth.generate import SynthRun, generate

N_TEST = 2_000
SEED = 7


@dataclass
class Generated:
    run: SynthRun
    out: Path

    def table(self, table_id: str) -> pa.Table:
        return pq.read_table(self.out / f"{table_id}.parquet")


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = Path(tmp_path_factory.mktemp("synth")) / "a"
    return Generated(generate(SynthConfig(persons=N_TEST, seed=SEED, out=out)), out)


@pytest.fixture(scope="session")
def generated_again(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = Path(tmp_path_factory.mktemp("synth")) / "b"
    return Generated(generate(SynthConfig(persons=N_TEST, seed=SEED, out=out)), out)


@pytest.fixture(scope="session")
def generated_other_seed(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    out = Path(tmp_path_factory.mktemp("synth")) / "c"
    return Generated(generate(SynthConfig(persons=N_TEST, seed=SEED + 1, out=out)), out)
