"""Weighted statistics of a generated source dataset, one per calibration target id.

A target (``targets.yaml``) states its statistic as a filter (the denominator, or the counted
units) and a subset (the numerator) in a small vocabulary. Counts, shares and rates whose
filter keys are all understood here are measured generically from the ``person`` table and the
weights; other statistics (means, quantiles, benefit counts) need an explicit function in
:data:`MEASURES`, keyed by target id; block authors add theirs there. A target that cannot be
measured yet (its block is missing) gives ``None`` and is reported as not measured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue
from mimosis.synth.geography import municipality_parents
from mimosis.synth.targets import Target
from mimosis.synth.writer import DESIGN_FILE

REFERENCE_DATE = np.datetime64("2015-01-01", "D")
REGIONS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
SEX = {"1": "male", "2": "female"}
EU_CLASSES = ("EU14", "EU13")
HOUSEHOLD_TYPES = {
    "MAR_CH": "couple_with_children",
    "UNM_CH": "couple_with_children",
    "MAR_NOCH": "couple_without_children",
    "UNM_NOCH": "couple_without_children",
    "SINGLE_PARENT": "single_parent",
    "ONE_PERSON": "one_person",
    "OTHER": "other",
    "COLLECTIVE": "collective",
}
TIMINGS = frozenset({"1_january"})  # the person table describes 1 January 2015


def ages(birth: np.ndarray, on: np.datetime64 = REFERENCE_DATE) -> np.ndarray:
    """Completed years on ``on`` for datetime64[D] birth dates."""
    b = birth.astype("datetime64[D]")
    years = on.astype("datetime64[Y]").astype(np.int64) - b.astype("datetime64[Y]").astype(np.int64)
    birthday = b.astype("datetime64[D]") - b.astype("datetime64[Y]").astype("datetime64[D]")
    day_of_year = on - on.astype("datetime64[Y]").astype("datetime64[D]")
    completed: np.ndarray = years - (birthday > day_of_year).astype(np.int64)
    return completed


@dataclass(frozen=True)
class Frame:
    """Rows (persons or households) with their weights and the vocabulary's columns."""

    weight: np.ndarray
    columns: Mapping[str, np.ndarray]

    def mask(self, conditions: Mapping[str, object]) -> np.ndarray | None:
        out = np.ones(self.weight.size, dtype=bool)
        for key, value in conditions.items():
            part = self._condition(key, value)
            if part is None:
                return None
            out &= part
        return out

    def _condition(self, key: str, value: object) -> np.ndarray | None:
        everyone = np.ones(self.weight.size, dtype=bool)
        if key in ("unit", "measure"):  # the frame is the unit; the table is 1 January
            return everyone if key == "unit" or value in TIMINGS else None
        if key == "scope":
            scopes = {
                "legal_population": everyone,
                "private_households": self.columns["household_type"] != "collective",
            }
            return scopes.get(str(value))
        column = self.columns.get(key)
        if column is None:
            return None
        if key == "nationality":
            return _nationality(column, str(value))
        if key in ("age", "household_size") and isinstance(value, list):
            low, high = value
            low = -np.inf if low is None else low
            high = np.inf if high is None else high
            return np.asarray((column >= low) & (column <= high))
        wanted = np.asarray(value if isinstance(value, list) else [value])
        return np.isin(column, wanted)


def _nationality(nationality: np.ndarray, group: str) -> np.ndarray | None:
    belgian = nationality == "BE"
    eu = np.isin(nationality, EU_CLASSES)
    groups = {"belgian": belgian, "non_belgian": ~belgian, "eu_non_belgian": eu}
    groups["non_eu"] = ~belgian & ~eu
    return groups.get(group)


@dataclass(frozen=True)
class MeasureData:
    persons: Frame
    households: Frame

    @classmethod
    def from_tables(
        cls, catalogue: Catalogue, tables: Mapping[str, pa.Table], weight: np.ndarray
    ) -> MeasureData:
        """From the generated tables and one weight per row of the person table."""
        person = tables["person"]
        region_of = {
            code: REGIONS.get(p[2], "") for code, p in municipality_parents(catalogue).items()
        }
        municipality = person.column("municipality").to_numpy(zero_copy_only=False)
        region = np.array([region_of.get(m, "") for m in np.unique(municipality)], dtype=object)
        region = region[np.unique(municipality, return_inverse=True)[1]]
        sex = np.vectorize(SEX.get, otypes=[object])(
            person.column("sex").to_numpy(zero_copy_only=False)
        )
        hh_type = person.column("household_type").to_numpy(zero_copy_only=False)
        hh_type = np.vectorize(HOUSEHOLD_TYPES.get, otypes=[object])(hh_type)
        household = person.column("household_id").to_numpy()
        uniq, first, inverse, size = np.unique(
            household, return_index=True, return_inverse=True, return_counts=True
        )
        person_columns = {
            "age": ages(person.column("birth_date").to_numpy().astype("datetime64[D]")),
            "sex": sex,
            "region": region,
            "household_type": hh_type,
            "nationality": person.column("current_nationality").to_numpy(zero_copy_only=False),
            "household_size": size[inverse],
        }
        household_columns = {
            "region": region[first],
            "household_type": hh_type[first],
            "household_size": size,
        }
        del uniq
        return cls(Frame(weight, person_columns), Frame(weight[first], household_columns))

    @classmethod
    def load(cls, catalogue: Catalogue, out: Path) -> MeasureData:
        """From a written dataset folder (the person table and the sample-design file)."""
        person = pq.read_table(out / "person.parquet")
        design = pq.read_table(out / DESIGN_FILE, columns=["person_id", "weight"])
        if not person.column("person_id").equals(design.column("person_id")):
            raise ValueError(f"{out}: {DESIGN_FILE} rows do not match person.parquet")
        return cls.from_tables(catalogue, {"person": person}, design.column("weight").to_numpy())


def _mean_household_size(data: MeasureData) -> float:
    frame = data.households
    private = frame.columns["household_type"] != "collective"
    w = frame.weight[private]
    return float(np.sum(w * frame.columns["household_size"][private]) / np.sum(w))


Measure = Callable[[MeasureData], float]

# Statistics that are not a plain count or share of the filter vocabulary; block authors add
# theirs here (target id -> function).
MEASURES: dict[str, Measure] = {
    "households_mean_size": _mean_household_size,
}


def measure(target: Target, data: MeasureData) -> float | None:
    """The synthetic value of ``target``, or None if the data cannot measure it yet."""
    if target.id in MEASURES:
        return MEASURES[target.id](data)
    unit = str(target.population.filter.get("unit"))
    frame = {"person": data.persons, "household": data.households}.get(unit)
    # shares and rates need their numerator as a subset; a condition in words needs MEASURES
    generic = target.kind == "count" or (
        target.kind in ("share", "rate") and bool(target.population.subset)
    )
    if frame is None or not generic:
        return None
    base = frame.mask(target.population.filter)
    subset = frame.mask(target.population.subset)
    if base is None or subset is None:
        return None
    total = float(frame.weight[base].sum())
    if target.kind == "count":
        return total
    return float(frame.weight[base & subset].sum()) / total if total > 0 else None


def measure_all(targets: tuple[Target, ...], data: MeasureData) -> dict[str, float]:
    """Every target the data can measure, by id."""
    out = {}
    for target in targets:
        value = measure(target, data)
        if value is not None:
            out[target.id] = value
    return out
