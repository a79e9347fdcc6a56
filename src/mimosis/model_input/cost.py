"""What the coarsening costs: the same indicator inputs on the exact synthetic source and on
the coarsened extract, side by side.

``coarsening_cost(source_dir, extract, year)`` reads the plain synthetic source tables (the
folder ``mimosis synth`` wrote: synthetic, not personal data), puts them in the extract's
shape *without* coarsening (identifiers numbered per identifier space, dates as YYYYMM as the
derivation reads them, amounts exact), runs the same ``build`` on both, and compares weighted
statistics: counts, means and deciles of wages and of each observed benefit. Records cannot be
linked across the two (the extract is pseudonymised), so distributions are compared, each
with its own calibrated weights. Day-level dates are not used by the derivation, so the
difference measures the amount classes (and a coarser birth date or geography if the extract
used one) plus the imputation's randomness.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue, Kind, Treatment, catalogue
from mimosis.model_input.build import ExtractLike, ModelInput, build
from mimosis.model_input.errors import ModelInputError
from mimosis.source.coarsen import year_month

FloatArray = npt.NDArray[np.float64]
DECILES = (0.1, 0.25, 0.5, 0.75, 0.9)
BENEFITS = (
    "unemployment_benefit",
    "integration_income",
    "invalidity_benefit",
    "pension_gross",
    "disability_income_replacement_allowance",
    "child_benefit",
)


@dataclass(frozen=True)
class SourceExtract:
    """The plain source in the extract's shape (exact amounts), for ``build``."""

    tables: Mapping[str, pa.Table]
    class_schemes: Mapping[str, Any]
    coarsening: Mapping[str, Any]
    catalogue_version: str


def read_source(source_dir: Path, cat: Catalogue | None = None) -> SourceExtract:
    """Every catalogue table found in ``source_dir``: identifiers numbered, dates YYYYMM."""
    cat = cat or catalogue()
    raw: dict[str, pa.Table] = {}
    for _, table in cat.tables():
        path = Path(source_dir) / f"{table.id}.parquet"
        if path.exists():
            names = [v.id for v in table.variables]
            present = set(pq.read_schema(path).names)
            raw[table.id] = pq.read_table(path, columns=[c for c in names if c in present])
    if "person" not in raw:
        raise ModelInputError(f"{source_dir}: no table 'person' (not a synthetic source folder)")
    spaces: dict[str, list[pa.Array]] = {}
    for table_id, data in raw.items():
        for var in cat.table(table_id).variables:
            if var.kind is Kind.IDENTIFIER and var.id in data.column_names:
                col = data.column(var.id).combine_chunks().drop_null()
                spaces.setdefault(str(var.id_space), []).append(pc.unique(col))
    values = {s: pc.unique(pa.concat_arrays(a)) for s, a in spaces.items()}
    tables: dict[str, pa.Table] = {}
    for table_id, data in raw.items():
        columns = {}
        for var in cat.table(table_id).variables:
            if var.id not in data.column_names:
                continue
            col = data.column(var.id).combine_chunks()
            if var.kind is Kind.IDENTIFIER:
                col = pc.cast(pc.index_in(col, value_set=values[str(var.id_space)]), pa.int32())
            elif var.treatment is Treatment.YEAR_MONTH:
                col = year_month(col)
            columns[var.id] = col
        tables[table_id] = pa.table(columns)
    return SourceExtract(tables, {}, {}, cat.version)


def weighted_quantiles(
    values: FloatArray, weights: FloatArray, qs: tuple[float, ...]
) -> FloatArray:
    if values.size == 0:
        return np.full(len(qs), np.nan)
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    cum /= cum[-1]
    return np.asarray(values[order][np.searchsorted(cum, qs)], dtype=np.float64)


@dataclass(frozen=True)
class Statistic:
    name: str
    exact: float
    coarsened: float

    @property
    def difference(self) -> float:
        return self.coarsened - self.exact

    @property
    def relative(self) -> float:
        return self.difference / self.exact if self.exact else float("nan")


@dataclass(frozen=True)
class CoarseningCost:
    year: int
    statistics: tuple[Statistic, ...]

    def markdown(self) -> str:
        lines = [
            f"## Cost of the coarsening ({self.year})",
            "",
            "| statistic | exact source | coarsened extract | difference | relative |",
            "|---|---:|---:|---:|---:|",
        ]
        for s in self.statistics:
            lines.append(
                f"| {s.name} | {s.exact:,.2f} | {s.coarsened:,.2f} | {s.difference:+,.2f} |"
                f" {s.relative:+.2%} |"
            )
        return "\n".join(lines) + "\n"


def _describe(model: ModelInput) -> dict[str, float]:
    out: dict[str, float] = {
        "persons (unweighted)": float(model.household.size),
        "households (unweighted)": float(model.region.size),
    }
    w = model.weight
    period = model.population.inputs["employee_gross_wage"]
    wage = np.asarray(sum(period.values()), dtype=np.float64) / 12  # monthly mean of the year
    series = {"employee_gross_wage": wage, **{b: model.observed.get(b) for b in BENEFITS}}
    for name, values in series.items():
        if values is None:
            continue
        v = np.asarray(values, dtype=np.float64)
        has = v > 0
        out[f"{name}: recipients (weighted)"] = float(w[has].sum())
        out[f"{name}: mean monthly EUR"] = (
            float(np.average(v[has], weights=w[has])) if has.any() else 0.0
        )
        for q, value in zip(DECILES, weighted_quantiles(v[has], w[has], DECILES), strict=True):
            out[f"{name}: P{round(q * 100)}"] = float(value)
    return out


def coarsening_cost(
    source_dir: Path, extract: ExtractLike, year: int, *, seed: int = 20150101
) -> CoarseningCost:
    """Indicator inputs on the exact source and on the coarsened extract (see module doc)."""
    exact = build(read_source(Path(source_dir)), year, seed=seed, exact_amounts=True)
    coarse = build(extract, year, seed=seed)
    a, b = _describe(exact), _describe(coarse)
    stats = tuple(Statistic(k, a[k], b[k]) for k in a if k in b)
    return CoarseningCost(year, stats)
