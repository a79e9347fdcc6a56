"""One generator run: build the population, run every registered block, check each table
against the catalogue, write the files and the manifest."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis import __version__
from mimosis.catalogue import Catalogue, catalogue
from mimosis.errors import UserError
from mimosis.synth.context import SynthConfig, SynthContext
from mimosis.synth.nrn import NrnRegistry, to_strings
from mimosis.synth.params import design
from mimosis.synth.population import Population, build_population
from mimosis.synth.registry import GENERATORS, BlockSpec
from mimosis.synth.schema import check_table
from mimosis.synth.writer import (
    DESIGN_FILE,
    WrittenFile,
    remove_stale,
    write_manifest,
    write_parquet,
)

GENERATOR_VERSION = "1.0"  # bump when the same seed gives different data
Progress = Callable[[str], None]


@dataclass
class SynthRun:
    context: SynthContext
    files: dict[str, WrittenFile] = field(default_factory=dict)  # table id -> file
    design_file: WrittenFile | None = None
    missing_blocks: tuple[str, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)
    manifest_path: Path | None = None


def _quiet(_: str) -> None:
    return None


def _check_block(cat: Catalogue, spec: BlockSpec, tables: dict[str, pa.Table]) -> None:
    block = cat.block(spec.block_id)
    expected = {t.id for t in block.tables}
    if set(tables) != expected:
        msg = (
            f"block {spec.block_id!r} generator returned tables {sorted(tables)},"
            f" the catalogue block has {sorted(expected)}"
        )
        raise UserError(msg)
    for table in block.tables:
        check_table(table, tables[table.id])


def design_table(population: Population) -> pa.Table:
    """Per person: stratum, inclusion probabilities and weights (not a catalogue table: the
    source's record of its own sample draw; see docs/synth-design.md)."""
    p, h = population.persons, population.households
    strata = population.strata
    area = np.array([s.area for s in strata], dtype=object)[p.stratum]
    status = np.array([s.status for s in strata], dtype=object)[p.stratum]
    return pa.table(
        {
            "person_id": to_strings(p.nrn),
            "household_id": pa.array(h.id[p.household]),
            "stratum_area": pa.array(area, type=pa.string()),
            "stratum_status": pa.array(status, type=pa.string()),
            "person_inclusion_probability": pa.array(p.probability),
            "household_inclusion_probability": pa.array(h.probability[p.household]),
            "design_weight": pa.array(h.design_weight[p.household]),
            "weight": pa.array(p.weight),
        }
    )


def generate(config: SynthConfig, progress: Progress = _quiet, write: bool = True) -> SynthRun:
    """Generate (and unless ``write`` is False, write) the source dataset of ``config``."""
    cat = catalogue()
    started = time.perf_counter()
    progress(f"population: {config.persons:,} sampled persons, seed {config.seed}")
    registry = NrnRegistry()
    population = build_population(config, cat, registry)
    ctx = SynthContext(config, cat, population, registry)
    run = SynthRun(ctx)
    run.seconds["population"] = time.perf_counter() - started
    progress(
        f"population: {len(population.persons):,} persons in {len(population.households):,}"
        f" households ({run.seconds['population']:.1f} s)"
    )
    out = config.out
    if write:
        run.design_file = write_parquet(out, DESIGN_FILE, design_table(population))
    done = set()
    for spec in GENERATORS:
        t0 = time.perf_counter()
        tables = spec.generate(ctx)
        _check_block(cat, spec, tables)
        ctx.tables.update(tables)
        if write:
            for table_id, table in tables.items():
                run.files[table_id] = write_parquet(out, f"{table_id}.parquet", table)
        run.seconds[spec.block_id] = time.perf_counter() - t0
        done.add(spec.block_id)
        rows = ", ".join(f"{k} {v.num_rows:,} rows" for k, v in tables.items())
        progress(f"block {spec.block_id}: {rows} ({run.seconds[spec.block_id]:.1f} s)")
    run.missing_blocks = tuple(b.id for b in cat.blocks if b.id not in done)
    if write:
        remove_stale(out, [t.id for _, t in cat.tables()], [f.file for f in run.files.values()])
        run.manifest_path = write_manifest(out, manifest(run))
    run.seconds["total"] = time.perf_counter() - started
    return run


def manifest(run: SynthRun) -> dict[str, Any]:
    """What the folder holds and how it was made; no timestamps, so a seed gives one file."""
    ctx = run.context
    pop = ctx.population
    plan = design()
    return {
        "dataset": "mimosis synthetic source dataset",
        "generator": "mimosis.synth",
        "generator_version": GENERATOR_VERSION,
        "package_version": __version__,
        "catalogue_version": ctx.catalogue.version,
        "seed": ctx.config.seed,
        "sampled_persons": int(pop.persons.sampled.sum()),
        "persons": len(pop.persons),
        "households": len(pop.households),
        "reference_date": plan.reference_date,
        "tables": {
            table_id: {"file": f.file, "rows": f.rows, "bytes": f.bytes, "sha256": f.sha256}
            for table_id, f in run.files.items()
        },
        "missing_blocks": list(run.missing_blocks),
        "sample_design": {
            "file": run.design_file.file if run.design_file else None,
            "population_total": plan.total_population,
            "universe_scale": pop.universe_scale,
            "universe_persons": pop.universe_persons,
            "strata": [
                {
                    "area": s.area,
                    "status": s.status,
                    "population": s.population,
                    "sample": s.sample,
                    "fraction": round(s.fraction, 6),
                }
                for s in pop.strata
            ],
        },
    }
