"""The columns ``build`` reads (needs.py): every name is the catalogue's, and a model input
built from only those columns, code columns dictionary-encoded as the vault's projected open
returns them, is identical to one built from the whole extract."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mimosis.catalogue import catalogue
from mimosis.model_input import ModelInput, build, needed_columns
from tests.unit.model_input.helpers import World


def _projected(world: World) -> Any:
    """The extract as ``Vault.open(..., columns=needed_columns())`` hands it over."""
    tables: dict[str, pa.Table] = {}
    for name, columns in needed_columns().items():
        if name not in world.extract.tables:
            continue
        table = world.extract.tables[name]
        table = table.select([c for c in columns if c in table.column_names])
        for i, field in enumerate(table.schema):
            if pa.types.is_string(field.type):
                table = table.set_column(i, field.name, pc.dictionary_encode(table.column(i)))
        tables[name] = table
    return dataclasses.replace(world.extract, tables=tables)


def _arrays(model: ModelInput) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: getattr(model, name)
        for name in ("weight", "household", "age", "stratum", "household_type", "region")
    }
    out["labour_status"] = model.labour_status
    out.update({f"observed.{k}": v for k, v in model.observed.items()})
    out.update({f"category.{k}": v for k, v in model.observed_categories.items()})
    for name, by_period in model.population.inputs.items():
        out.update({f"input.{name}.{p}": v for p, v in by_period.items()})
    for name, group in model.population.groups.items():
        out[f"group.{name}"] = group.index
        out[f"roles.{name}"] = group.roles
    return out


def test_every_needed_column_is_in_the_catalogue() -> None:
    cat = catalogue()
    for name, columns in needed_columns().items():
        table = cat.table(name)
        known = {v.id for v in table.variables}
        assert set(columns) <= known, (name, sorted(set(columns) - known))
        assert columns[0] == "person_id"


def test_the_projected_extract_gives_the_same_model_input(
    world: World, model_2025: ModelInput
) -> None:
    projected = build(_projected(world), 2025, seed=5)
    full, part = _arrays(model_2025), _arrays(projected)
    assert full.keys() == part.keys()
    for name, values in full.items():
        assert np.asarray(values).dtype == np.asarray(part[name]).dtype, name
        assert np.array_equal(values, part[name], equal_nan=values.dtype.kind == "f"), name
    assert projected.calibration.markdown() == model_2025.calibration.markdown()
    assert projected.imputation.markdown() == model_2025.imputation.markdown()
    assert projected.strata == model_2025.strata
    assert projected.dropped_inputs == model_2025.dropped_inputs
