"""Simulated versus observed (the amounts in the data) and versus public aggregates, as tables
that carry their disclosure statistics (EUROMOD country reports, "validation" chapter).

Recipients are persons with a positive amount, weighted, averaged over the simulated months;
amounts are weighted yearly totals in EUR. Observed amounts are the model input's ``observed``
monthly amounts (imputed from classes and uprated), times the months.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from mimosis.engine import EngineError, Simulation, TaxBenefitSystem
from mimosis.errors import UserError
from mimosis.indicators.distribution import equivalence_scale, equivalised, gini, s80_s20
from mimosis.indicators.frame import (
    FloatArray,
    Groups,
    PersonFrame,
    load_conventions,
    share_cells,
    sum_cells,
    weighted_quantiles,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable
from mimosis.scenarios.inputs import ModelInputLike
from mimosis.scenarios.run import DISPOSABLE, MonthPlan, Progress, plan_months
from mimosis.scenarios.tables import person_frame

AGGREGATES_FILE = Path(__file__).parent / "data" / "aggregates.yaml"
Measure = Literal["recipients", "amount", "population", "poverty_rate", "gini", "s80_s20"]


class ValidationDataError(UserError):
    """The aggregates file is malformed, or the simulation for validation failed."""


class Aggregate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    label: str
    measure: Measure
    variable: str | None = None
    year: int
    value: float
    source: str
    status: Literal["V", "P", "V3", "D", "U"]
    note: str = ""


class Aggregates(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    aggregates: tuple[Aggregate, ...]


def load_aggregates(path: Path = AGGREGATES_FILE) -> tuple[Aggregate, ...]:
    try:
        return Aggregates.model_validate(yaml.safe_load(path.read_text("utf-8"))).aggregates
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValidationDataError(f"{path}: invalid aggregates file: {exc}") from None


@dataclass(frozen=True)
class Baseline:
    """Per-person simulated amounts of a year (records, in memory only)."""

    yearly: dict[str, FloatArray]  # EUR per year
    recipients: dict[str, FloatArray]  # per person: share of simulated months with an amount
    disposable: FloatArray  # per household, mean EUR per month
    months: int
    seconds: float


def simulate_baseline(
    model_input: ModelInputLike,
    variables: Sequence[str],
    *,
    plan: MonthPlan = "all",
    system: TaxBenefitSystem | None = None,
    progress: Progress | None = None,
) -> Baseline:
    from mimosis.legislation.system import default_system

    system = system or default_system()
    months, factor = plan_months(model_input.year, plan)
    names = [v for v in dict.fromkeys(variables) if v in system.variables]
    sim = Simulation(system, model_input.population)
    yearly: dict[str, FloatArray] = {}
    paid: dict[str, FloatArray] = {}
    started = time.perf_counter()
    try:
        for i, month in enumerate(months):
            values = sim.compute([*names, DISPOSABLE], month)
            for name, arr in values.items():
                a = np.asarray(arr, dtype=np.float64)
                yearly[name] = yearly.get(name, 0.0) + a * factor
                paid[name] = paid.get(name, 0.0) + (a > 0) / len(months)
            if progress is not None:
                progress("simulating", i + 1, len(months))
    except EngineError as exc:
        raise ValidationDataError(f"baseline of {model_input.year}: {exc}") from None
    sim.release()
    disposable = yearly.pop(DISPOSABLE) / 12.0
    paid.pop(DISPOSABLE)
    return Baseline(yearly, paid, disposable, len(months), time.perf_counter() - started)


def _count(frame: PersonFrame, share_paid: FloatArray) -> Cell:
    """Average monthly weighted recipients, with the unweighted counts of anyone paid."""
    groups = Groups.everyone(frame, keep=share_paid > 0)
    return Cell(
        float(np.dot(frame.weight, share_paid)),
        Statistic.COUNT,
        int(groups.n_persons[0]),
        int(groups.n_households[0]),
    )


def _ratio(a: Cell, b: Cell) -> Cell:
    value = a.value / b.value if b.value else 0.0
    return Cell(
        value, Statistic.RATIO, min(a.n_persons, b.n_persons), min(a.n_households, b.n_households)
    )


def observed_table(
    frame: PersonFrame, baseline: Baseline, observed: Mapping[str, FloatArray]
) -> StatTable:
    """Recipients and yearly amounts, simulated and observed, for every benefit in the data."""
    rows = [name for name in observed if name in baseline.yearly]
    everyone = Groups.everyone(frame)
    cells: dict[tuple[str, str], Cell] = {}
    for name in rows:
        sim_n = _count(frame, baseline.recipients[name])
        obs_n = _count(frame, (observed[name] > 0).astype(np.float64))
        sim_a = sum_cells(everyone, frame.weight, baseline.yearly[name])[0]
        obs_a = sum_cells(everyone, frame.weight, observed[name] * 12.0)[0]
        for column, cell in (
            ("recipients_simulated", sim_n),
            ("recipients_observed", obs_n),
            ("recipients_ratio", _ratio(sim_n, obs_n)),
            ("amount_simulated", sim_a),
            ("amount_observed", obs_a),
            ("amount_ratio", _ratio(sim_a, obs_a)),
        ):
            cells[(name, column)] = cell
    return StatTable(
        "validation_observed",
        "Simulated versus observed in the data: recipients and yearly amounts by benefit",
        tuple(rows),
        (
            "recipients_simulated",
            "recipients_observed",
            "recipients_ratio",
            "amount_simulated",
            "amount_observed",
            "amount_ratio",
        ),
        cells,
        row_label="benefit",
        unit="recipients: persons, average month (weighted); amounts: EUR per year (weighted)",
    )


def _simulated(frame: PersonFrame, baseline: Baseline, agg: Aggregate) -> Cell | None:
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    if agg.measure == "population":
        return Cell(float(frame.weight.sum()), Statistic.COUNT, n, hh)
    if agg.measure in ("recipients", "amount"):
        if agg.variable is None or agg.variable not in baseline.yearly:
            return None
        if agg.measure == "recipients":
            return _count(frame, baseline.recipients[agg.variable])
        return sum_cells(everyone, frame.weight, baseline.yearly[agg.variable])[0]
    income = equivalised(frame, baseline.disposable, equivalence_scale(frame))
    if agg.measure == "poverty_rate":
        line = load_conventions().poverty_line_share_of_median * float(
            weighted_quantiles(income, frame.weight, np.array([0.5]))[0]
        )
        return share_cells(everyone, frame.weight, income < line, Statistic.RATE)[0]
    value = gini(income, frame.weight) if agg.measure == "gini" else s80_s20(income, frame.weight)
    return Cell(value, Statistic.RATIO, n, hh)


def aggregates_table(
    frame: PersonFrame, baseline: Baseline, aggregates: Sequence[Aggregate], year: int
) -> StatTable:
    """The simulated baseline against the public aggregates of ``year``."""
    cells: dict[tuple[str, str], Cell] = {}
    rows: list[str] = []
    notes: list[str] = []
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    for agg in (a for a in aggregates if a.year == year):
        simulated = _simulated(frame, baseline, agg)
        if simulated is None:
            notes.append(f"{agg.id}: {agg.variable} is not simulated; not compared.")
            continue
        public = Cell(agg.value, simulated.statistic, n, hh)  # a published figure, not records
        rows.append(agg.id)
        cells[(agg.id, "simulated")] = simulated
        cells[(agg.id, "published")] = public
        cells[(agg.id, "ratio")] = Cell(
            simulated.value / agg.value if agg.value else 0.0,
            Statistic.RATIO,
            simulated.n_persons,
            simulated.n_households,
        )
        extra = f"; {agg.note}" if agg.note else ""
        notes.append(f"{agg.id}: {agg.label}. {agg.source} [{agg.status}]{extra}.")
    return StatTable(
        "validation_aggregates",
        f"Simulated baseline {year} versus published aggregates",
        tuple(rows),
        ("simulated", "published", "ratio"),
        cells,
        row_label="aggregate",
        unit="as the aggregate: persons, EUR per year, or a rate / index",
        notes=(
            (
                "Status: V official, P press citing the producer, V3 third party, D derived,"
                " U unverified."
            ),
            *notes,
        ),
    )


def validation_tables(
    model_input: ModelInputLike,
    *,
    plan: MonthPlan = "all",
    progress: Progress | None = None,
    aggregates: Sequence[Aggregate] | None = None,
) -> tuple[list[StatTable], float]:
    aggs = load_aggregates() if aggregates is None else tuple(aggregates)
    wanted = [*model_input.observed, *(a.variable for a in aggs if a.variable)]
    baseline = simulate_baseline(model_input, wanted, plan=plan, progress=progress)
    frame = person_frame(model_input)
    tables = [
        observed_table(frame, baseline, model_input.observed),
        aggregates_table(frame, baseline, aggs, model_input.year),
    ]
    return tables, baseline.seconds
