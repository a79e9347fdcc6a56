"""The standard set of tables of a reform, composed from the group statistics of ``frame``,
``distribution``, ``budget`` and ``bootstrap``: budget by programme and by paying level, decile
impacts, winners and losers by decile and household type, at-risk-of-poverty rates by age
group, household type and region (baseline and reform), inequality, and the headline numbers
with design-respecting bootstrap confidence intervals.

Incomes are equivalised household disposable incomes (modified OECD scale), in EUR per month;
persons are counted individually. The poverty line is 60 % of the median of the distribution it
is applied to (the reform's own median for the reform: a floating line, as Eurostat's indicator).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mimosis.indicators.bootstrap import replicate_multipliers
from mimosis.indicators.budget import ProgrammeAmounts
from mimosis.indicators.distribution import (
    DECILES,
    decile_impact_table,
    decile_of,
    equivalence_scale,
    equivalised,
    gini,
    inequality_table,
    poverty_table,
    s80_s20,
    winners_losers_table,
)
from mimosis.indicators.frame import (
    FloatArray,
    Groups,
    IntArray,
    PersonFrame,
    StrArray,
    load_conventions,
    share_cells,
    sum_cells,
    weighted_quantiles,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable, contributions

#: age bands of the poverty tables (completed years at 1 January): lower bounds and labels
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "0-17"),
    (18, "18-24"),
    (25, "25-54"),
    (55, "55-64"),
    (65, "65-79"),
    (80, "80+"),
)
HEADLINES = (
    "net_budget_effect",
    "poverty_rate_baseline",
    "poverty_rate_reform",
    "poverty_rate_change",
    "gini_baseline",
    "gini_reform",
    "gini_change",
)


@dataclass(frozen=True)
class Breakdowns:
    """Per-person labels for the group tables."""

    household_type: StrArray
    region: StrArray


@dataclass(frozen=True)
class StandardOptions:
    winners_threshold: float = 0.01  # a change of more than 1 % of baseline income
    replicates: int = 100  # bootstrap replicates for the headline intervals
    level: float = 0.95
    seed: int = 0


def age_groups(age: IntArray) -> StrArray:
    """Each person's age band label."""
    bounds = np.array([b for b, _ in AGE_BANDS])
    labels = np.array([label for _, label in AGE_BANDS])
    result: StrArray = labels[np.searchsorted(bounds, age, side="right") - 1]
    return result


def _reordered(table: StatTable, first: Sequence[str]) -> StatTable:
    """The table with its rows in the order of ``first`` (others, e.g. total, after)."""
    rows = [r for r in first if r in table.rows] + [r for r in table.rows if r not in first]
    return dataclasses.replace(table, rows=tuple(rows))


def _merged(
    name: str, title: str, parts: Sequence[tuple[str, StatTable]], shared: Sequence[str] = ()
) -> StatTable:
    """Columns of several tables with the same rows side by side: ``{prefix}_{column}``, and the
    ``shared`` columns once (from the first table)."""
    first = parts[0][1]
    cells: dict[tuple[str, str], Cell] = {}
    columns: list[str] = []
    for prefix, table in parts:
        for column in table.columns:
            if column in shared:
                continue
            new = f"{column}_{prefix}"
            columns.append(new)
            for row in table.rows:
                cells[(row, new)] = table.cells[(row, column)]
    for column in shared:
        columns.append(column)
        for row in first.rows:
            cells[(row, column)] = first.cells[(row, column)]
    return StatTable(
        name, title, first.rows, tuple(columns), cells, row_label=first.row_label, unit=first.unit
    )


def _poverty(
    frame: PersonFrame, base: FloatArray, reform: FloatArray, labels: StrArray, what: str
) -> StatTable:
    tables = [
        (side, poverty_table(frame, income=income, labels=labels, title="", name=""))
        for side, income in (("baseline", base), ("reform", reform))
    ]
    merged = _merged(
        f"poverty_by_{what}",
        f"At-risk-of-poverty rate by {what.replace('_', ' ')}, baseline and reform",
        tables,
        shared=("persons",),
    )
    return dataclasses.replace(
        merged,
        row_label=what.replace("_", " "),
        unit="share of persons below 60 % of the median equivalised income; persons (weighted)",
    )


def _inequality(frame: PersonFrame, base: FloatArray, reform: FloatArray) -> StatTable:
    parts = [
        inequality_table(frame, income, side, "")
        for side, income in (("baseline", base), ("reform", reform))
    ]
    cells = {
        (side, column): t.cells[("total", column)]
        for side, t in zip(("baseline", "reform"), parts, strict=True)
        for column in t.columns
    }
    return StatTable(
        "inequality",
        "Inequality of equivalised disposable income, baseline and reform",
        ("baseline", "reform"),
        parts[0].columns,
        cells,
        row_label="scenario",
        unit="Gini (0-1); S80/S20 ratio; median in EUR per month",
    )


def standard_tables(
    frame: PersonFrame,
    *,
    breakdowns: Breakdowns,
    programmes: Sequence[ProgrammeAmounts],
    baseline_income: FloatArray,
    reform_income: FloatArray,
    options: StandardOptions | None = None,
) -> list[StatTable]:
    """Every standard table of a reform. ``baseline_income`` and ``reform_income`` are per
    household disposable incomes in EUR per month."""
    opts = options or StandardOptions()
    scale = equivalence_scale(frame, load_conventions())
    base = equivalised(frame, baseline_income, scale)
    reform = equivalised(frame, reform_income, scale)
    deciles = np.array(DECILES)[decile_of(frame, base)]
    ages = age_groups(frame.age)
    threshold = opts.winners_threshold
    pct = f"{threshold:.0%}"

    def winners(labels: StrArray, what: str) -> StatTable:
        return winners_losers_table(
            frame,
            baseline=base,
            reform=reform,
            labels=labels,
            threshold=threshold,
            name=f"winners_losers_by_{what}",
            title=(
                f"Persons gaining or losing more than {pct} of their income,"
                f" by {what.replace('_', ' ')}"
            ),
        )

    return [
        *budget_tables(frame, programmes),
        decile_impact_table(frame, base, reform),
        _reordered(winners(deciles, "decile"), DECILES),
        winners(breakdowns.household_type, "household_type"),
        _reordered(_poverty(frame, base, reform, ages, "age_group"), [b for _, b in AGE_BANDS]),
        _poverty(frame, base, reform, breakdowns.household_type, "household_type"),
        _poverty(frame, base, reform, breakdowns.region, "region"),
        _inequality(frame, base, reform),
        headline_table(frame, programmes, base, reform, opts),
    ]


def budget_tables(
    frame: PersonFrame, programmes: Sequence[ProgrammeAmounts]
) -> tuple[StatTable, StatTable]:
    """The budget by programme and by paying level: the same tables as
    ``budget.budget_table`` and ``budget.budget_by_level_table``, with the whole-population
    cells computed in linear time (one partition per cell instead of a sort), which matters
    with some twenty programmes and four columns at a million persons."""
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])

    def total(values: FloatArray) -> Cell:
        weighted = frame.weight * values
        top1, top2, absolute = contributions(weighted)
        return Cell(float(weighted.sum()), Statistic.SUM, n, hh, top1, top2, absolute)

    cells: dict[tuple[str, str], Cell] = {}
    effects: dict[str, FloatArray] = {}
    for p in programmes:
        effect = _effect([p], frame.n_persons)
        level = effects.get(p.level)
        effects[p.level] = effect if level is None else level + effect
        for column, values in (
            ("baseline", p.baseline),
            ("reform", p.reform),
            ("change", p.reform - p.baseline),
            ("budget_effect", effect),
        ):
            cells[(p.name, column)] = total(values)
    by_programme = StatTable(
        "budget_by_programme",
        "Yearly amounts by programme and effect of the reform on the budget balance",
        tuple(p.name for p in programmes),
        ("baseline", "reform", "change", "budget_effect"),
        cells,
        row_label="programme",
        unit="EUR per year (weighted totals); budget effect: + improves the balance",
    )
    levels = sorted(effects)
    level_cells = {(lv, "budget_effect"): total(effects[lv]) for lv in levels}
    level_cells[("total", "budget_effect")] = total(
        np.sum([effects[lv] for lv in levels], axis=0) if levels else np.zeros(frame.n_persons)
    )
    by_level = StatTable(
        "budget_by_level",
        "Effect of the reform on the budget balance by paying level",
        (*levels, "total"),
        ("budget_effect",),
        level_cells,
        row_label="level",
        total_row="total",
        unit="EUR per year; + improves the balance",
    )
    return by_programme, by_level


def _effect(programmes: Sequence[ProgrammeAmounts], n: int) -> FloatArray:
    total = np.zeros(n)
    for p in programmes:
        change = p.reform - p.baseline
        total = total + (change if p.kind == "revenue" else -change)
    return total


class _Sorted:
    """An income distribution sorted once, for fast weighted statistics under many weights."""

    def __init__(self, income: FloatArray) -> None:
        self.order = np.argsort(income, kind="stable")
        self.values = income[self.order]

    def poverty_rate(self, weight: FloatArray, share_of_median: float) -> float:
        w = weight[self.order]
        cum = np.cumsum(w)
        median = self.values[min(int(np.searchsorted(cum, 0.5 * cum[-1])), len(cum) - 1)]
        below = int(np.searchsorted(self.values, share_of_median * median, side="left"))
        return float(cum[below - 1] / cum[-1]) if below > 0 else 0.0

    def gini(self, weight: FloatArray) -> float:
        w = weight[self.order]
        cum_w = np.cumsum(w)
        cum_xw = np.cumsum(self.values * w)
        if cum_xw[-1] == 0:
            return 0.0
        lorenz = cum_xw / cum_xw[-1]
        previous = np.concatenate(([0.0], lorenz[:-1]))
        return 1.0 - float(np.sum(w / cum_w[-1] * (lorenz + previous)))


def headline_table(
    frame: PersonFrame,
    programmes: Sequence[ProgrammeAmounts],
    base: FloatArray,
    reform: FloatArray,
    options: StandardOptions,
) -> StatTable:
    """Net budget effect, poverty rates and Gini, with percentile intervals over Rao-Wu
    replicates (households resampled within the design strata; one set of replicate weights
    for every statistic, so that differences get their own interval)."""
    share = load_conventions().poverty_line_share_of_median
    effect = _effect(programmes, frame.n_persons)
    sorted_base, sorted_reform = _Sorted(base), _Sorted(reform)

    def statistics(w: FloatArray) -> list[float]:
        pb, pr = sorted_base.poverty_rate(w, share), sorted_reform.poverty_rate(w, share)
        gb, gr = sorted_base.gini(w), sorted_reform.gini(w)
        return [float(np.dot(w, effect)), pb, pr, pr - pb, gb, gr, gr - gb]

    estimates = statistics(frame.weight)
    reps = np.array(
        [
            statistics(frame.weight * m[frame.household])
            for m in replicate_multipliers(frame, options.replicates, options.seed)
        ]
    ).reshape(options.replicates, len(HEADLINES))
    alpha = (1 - options.level) / 2
    low, high = np.quantile(reps, [alpha, 1 - alpha], axis=0)
    everyone = Groups.everyone(frame)
    line = share * weighted_quantiles(base, frame.weight, np.array([0.5]))[0]
    templates = [
        sum_cells(everyone, frame.weight, effect)[0],
        share_cells(everyone, frame.weight, base < line, Statistic.RATE)[0],
    ]
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    ratio = Cell(0.0, Statistic.RATIO, n, hh)
    rate = dataclasses.replace(templates[1], group_share=None)
    kinds = [templates[0], rate, rate, rate, ratio, ratio, ratio]
    cells: dict[tuple[str, str], Cell] = {}
    for i, row in enumerate(HEADLINES):
        for column, value in (("estimate", estimates[i]), ("ci_low", low[i]), ("ci_high", high[i])):
            cells[(row, column)] = dataclasses.replace(kinds[i], value=float(value))
    return StatTable(
        "headline",
        "Headline numbers with bootstrap confidence intervals",
        HEADLINES,
        ("estimate", "ci_low", "ci_high"),
        cells,
        row_label="indicator",
        unit="budget effect in EUR per year (+ improves the balance); rates and Gini as fractions",
        notes=(
            (
                f"{options.level:.0%} percentile intervals over {options.replicates} Rao-Wu"
                " bootstrap replicates (households resampled within strata)."
            ),
        ),
    )


__all__ = [
    "AGE_BANDS",
    "HEADLINES",
    "Breakdowns",
    "StandardOptions",
    "age_groups",
    "budget_tables",
    "gini",
    "headline_table",
    "s80_s20",
    "standard_tables",
]
