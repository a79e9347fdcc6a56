"""Typed use cases of the work-incentive analysis (re-exported by ``mimosis.app``): released
tables only leave; the per-person rates stay inside this package."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mimosis.disclosure import Policy, ReleasedTable, release_table
from mimosis.engine import EngineError, Reform, TaxBenefitSystem, load_reform
from mimosis.errors import UserError
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import IncentiveResults, compute_incentives
from mimosis.incentives.tables import (
    BREAKDOWNS,
    MEASURES,
    Breakdown,
    decomposition_table,
    distribution_table,
)
from mimosis.incentives.traps import (
    reform_change_table,
    trap_cause_table,
    trap_table,
    wage_model_table,
)
from mimosis.indicators.tables import StatTable
from mimosis.scenarios.inputs import ModelInputLike


@dataclass(frozen=True)
class ChartSeries:
    """Chart-ready data from a released table: one series per column, None where suppressed."""

    table: str
    title: str
    x_label: str
    x: tuple[str, ...]
    series: dict[str, tuple[float | None, ...]]
    unit: str


@dataclass(frozen=True)
class IncentiveRelease:
    """What leaves: released tables, chart data, and run statistics (no records)."""

    tables: list[ReleasedTable]
    charts: list[ChartSeries]
    timings: dict[str, float] = field(default_factory=dict)
    passes: int = 0
    drawn: bool = False


def load_reform_file(path: Path | None) -> Reform | None:
    """A parameter reform from YAML (``None``: no reform)."""
    if path is None:
        return None
    try:
        return load_reform(path)
    except (EngineError, OSError) as e:
        raise UserError(str(e) if str(path) in str(e) else f"{path}: {e}") from None


def incentive_tables(
    data: ModelInputLike,
    results: IncentiveResults,
    options: IncentiveOptions,
    *,
    breakdowns: Sequence[str] = ("decile", "household_type", "labour_status"),
    measures: Sequence[str] = MEASURES,
) -> list[StatTable]:
    """Every work-incentive table of ``results`` (before disclosure control); with
    ``measures``, only the tables of these measures (the traps need ``ptr`` and
    ``replacement``, the wage model ``ptr_predicted``)."""
    breakdown = Breakdown(data, results)
    systems = tuple(results.rates)
    traps = {"ptr", "replacement"} <= set(measures)
    tables: list[StatTable] = []
    for system in systems:
        for measure in (m for m in MEASURES if m in measures):
            for by in breakdowns:
                tables.append(
                    distribution_table(
                        breakdown, results, options, measure=measure, by=by, system=system
                    )
                )
            tables.append(decomposition_table(breakdown, results, measure=measure, system=system))
        if traps:
            for by in breakdowns:
                tables.append(trap_table(breakdown, results, options, by=by, system=system))
            tables.append(trap_cause_table(breakdown, results, options, system=system))
    if "reform" in systems:
        for measure in (m for m in ("metr", "ptr") if m in measures):
            for by in breakdowns:
                tables.append(reform_change_table(breakdown, results, measure=measure, by=by))
    model = wage_model_table(breakdown, results) if "ptr_predicted" in measures else None
    if model is not None:
        tables.append(model)
    return tables


def chart_series(table: ReleasedTable) -> ChartSeries:
    """A released table as chart data (rows on the x axis)."""
    return ChartSeries(
        table=table.name,
        title=table.title,
        x_label=table.row_label,
        x=table.rows,
        series={c: tuple(table.value(r, c) for r in table.rows) for c in table.columns},
        unit=table.unit,
    )


def released_incentive_tables(
    data: ModelInputLike,
    system: TaxBenefitSystem,
    *,
    reform: Reform | None = None,
    options: IncentiveOptions | None = None,
    breakdowns: Sequence[str] = ("decile", "household_type", "labour_status"),
    policy: Policy | None = None,
    drawn: bool = False,
    measures: Sequence[str] = MEASURES,
    max_rank: int | None = None,
    notes: Sequence[str] = (),
) -> IncentiveRelease:
    """Work incentives of every adult of ``data``, baseline and ``reform``: the tables after
    disclosure control, and chart data for the mean rates by decile.

    To save time, ``measures`` restricts the rates computed (``metr``, ``ptr``,
    ``ptr_predicted``, ``replacement``: the last comes with ``ptr``) and ``max_rank`` the
    adults (1: heads and partners); ``notes`` are added to every table."""
    unknown = [b for b in breakdowns if b not in BREAKDOWNS]
    if unknown:
        raise UserError(f"unknown breakdowns {unknown}; expected some of {', '.join(BREAKDOWNS)}")
    options = options or IncentiveOptions()
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise UserError(f"unknown measures {unknown}; expected some of {', '.join(MEASURES)}")
    results = compute_incentives(
        data,
        system,
        reform=reform,
        options=options,
        max_rank=max_rank,
        slots=tuple(m for m in measures if m != "replacement"),
    )
    tables = incentive_tables(data, results, options, breakdowns=breakdowns, measures=measures)
    released = [
        release_table(dataclasses.replace(t, notes=(*t.notes, *notes)), policy) for t in tables
    ]
    charts = [chart_series(t) for t in released if "_by_decile" in t.name]
    return IncentiveRelease(released, charts, results.timings, results.passes, drawn)
