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
    equivalence_scale,
    equivalised,
    gini,
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
    codes,
    load_conventions,
    sum_cells,
)
from mimosis.indicators.sorted_income import SortedIncome
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


def _age_groups(frame: PersonFrame) -> Groups:
    """``Groups.of(frame, age_groups(frame.age))``, from the band numbers rather than labels."""
    bounds = np.array([b for b, _ in AGE_BANDS])
    names, code = codes(np.searchsorted(bounds, frame.age, side="right") - 1)
    labels = tuple(AGE_BANDS[int(n)][1] for n in names)
    order = sorted(range(len(labels)), key=labels.__getitem__)  # Groups.of sorts the labels
    rank = np.empty(len(labels), dtype=np.int64)
    rank[order] = np.arange(len(labels))
    return Groups.from_codes(frame, tuple(labels[i] for i in order), rank[code])


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
    frame: PersonFrame,
    incomes: Sequence[tuple[FloatArray, SortedIncome]],
    groups: Groups,
    what: str,
) -> StatTable:
    tables = [
        (
            side,
            poverty_table(
                frame, income=income, labels=groups, title="", name="", median=dist.median()
            ),
        )
        for side, (income, dist) in zip(("baseline", "reform"), incomes, strict=True)
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


def _inequality(everyone: Groups, base: SortedIncome, reform: SortedIncome) -> StatTable:
    """As ``distribution.inequality_table`` for baseline and reform, from the sorted incomes."""
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    cells = {}
    for side, dist in (("baseline", base), ("reform", reform)):
        cells[(side, "gini")] = Cell(dist.gini(), Statistic.RATIO, n, hh)
        cells[(side, "s80_s20")] = Cell(dist.s80_s20(), Statistic.RATIO, n, hh)
        cells[(side, "median")] = Cell(dist.median(), Statistic.QUANTILE, n, hh)
    return StatTable(
        "inequality",
        "Inequality of equivalised disposable income, baseline and reform",
        ("baseline", "reform"),
        ("gini", "s80_s20", "median"),
        cells,
        row_label="scenario",
        unit="Gini (0-1); S80/S20 ratio; median in EUR per month",
    )


def _present(frame: PersonFrame, groups: Groups) -> Groups:
    """The groups with at least one person (as ``Groups.of`` makes them)."""
    keep = np.flatnonzero(groups.n_persons > 0)
    if keep.size == len(groups.labels):
        return groups
    recode = np.full(len(groups.labels) + 1, -1, dtype=np.int64)
    recode[keep] = np.arange(keep.size)
    names = tuple(groups.labels[g] for g in keep)
    return Groups.from_codes(frame, names, recode[groups.code])


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
    household disposable incomes in EUR per month.

    The same tables as the functions of ``distribution`` and ``budget`` make one by one, with
    the shared work done once: each income sorted once (over households), each breakdown's
    groups made once."""
    opts = options or StandardOptions()
    scale = equivalence_scale(frame, load_conventions())
    base = equivalised(frame, baseline_income, scale)
    reform = equivalised(frame, reform_income, scale)
    sorted_base, sorted_reform = SortedIncome.of(frame, base), SortedIncome.of(frame, reform)
    limits = sorted_base.quantiles(np.arange(1, 10) / 10)
    decile_code = np.searchsorted(limits, base, side="left").astype(np.int64)
    deciles = Groups.from_codes(frame, DECILES, decile_code)
    household_type = Groups.of(frame, breakdowns.household_type)
    incomes = ((base, sorted_base), (reform, sorted_reform))
    threshold = opts.winners_threshold
    pct = f"{threshold:.0%}"

    def winners(groups: Groups, what: str) -> StatTable:
        return winners_losers_table(
            frame,
            baseline=base,
            reform=reform,
            labels=groups,
            threshold=threshold,
            name=f"winners_losers_by_{what}",
            title=(
                f"Persons gaining or losing more than {pct} of their income,"
                f" by {what.replace('_', ' ')}"
            ),
        )

    by_age = _age_groups(frame)
    return [
        *budget_tables(frame, programmes),
        decile_impact_table(frame, base, reform, deciles=deciles),
        _reordered(winners(_present(frame, deciles), "decile"), DECILES),
        winners(household_type, "household_type"),
        _reordered(_poverty(frame, incomes, by_age, "age_group"), [b for _, b in AGE_BANDS]),
        _poverty(frame, incomes, household_type, "household_type"),
        _poverty(frame, incomes, Groups.of(frame, breakdowns.region), "region"),
        _inequality(Groups.everyone(frame), sorted_base, sorted_reform),
        headline_table(
            frame, programmes, base, reform, opts, sorted_incomes=(sorted_base, sorted_reform)
        ),
    ]


def budget_tables(
    frame: PersonFrame, programmes: Sequence[ProgrammeAmounts]
) -> tuple[StatTable, StatTable]:
    """The budget by programme and by paying level: the same tables as
    ``budget.budget_table`` and ``budget.budget_by_level_table``, with the whole-population
    cells computed in linear time (one partition per cell instead of a sort) and over the
    persons with an amount only (most programmes pay or take nothing from most persons)."""
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])

    def total(weighted: FloatArray) -> Cell:
        top1, top2, absolute = contributions(weighted)
        return Cell(float(weighted.sum()), Statistic.SUM, n, hh, top1, top2, absolute)

    cells: dict[tuple[str, str], Cell] = {}
    effects: dict[str, FloatArray] = {}
    for p in programmes:
        some = np.flatnonzero((p.baseline != 0) | (p.reform != 0))
        weight, baseline, reform = frame.weight[some], p.baseline[some], p.reform[some]
        change = reform - baseline
        effect = change if p.kind == "revenue" else -change
        level = effects.setdefault(p.level, np.zeros(frame.n_persons))
        level[some] += effect
        for column, values in (
            ("baseline", baseline),
            ("reform", reform),
            ("change", change),
            ("budget_effect", effect),
        ):
            cells[(p.name, column)] = total(weight * values)
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
    level_cells = {(lv, "budget_effect"): total(frame.weight * effects[lv]) for lv in levels}
    level_cells[("total", "budget_effect")] = total(
        frame.weight * np.sum([effects[lv] for lv in levels], axis=0)
        if levels
        else np.zeros(frame.n_persons)
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
    """Per person, the effect of every programme on the budget balance (summed over the
    persons with an amount: adding zeros changes nothing)."""
    total = np.zeros(n)
    for p in programmes:
        some = np.flatnonzero((p.baseline != 0) | (p.reform != 0))
        change = p.reform[some] - p.baseline[some]
        total[some] += change if p.kind == "revenue" else -change
    return total


def headline_table(
    frame: PersonFrame,
    programmes: Sequence[ProgrammeAmounts],
    base: FloatArray,
    reform: FloatArray,
    options: StandardOptions,
    *,
    sorted_incomes: tuple[SortedIncome, SortedIncome] | None = None,
) -> StatTable:
    """Net budget effect, poverty rates and Gini, with percentile intervals over Rao-Wu
    replicates (households resampled within the design strata; one set of replicate weights
    for every statistic, so that differences get their own interval).

    The replicates' statistics are computed over households when the incomes are the same for
    every member (``SortedIncome``); ``sorted_incomes``: ``base`` and ``reform`` sorted, when
    already done."""
    share = load_conventions().poverty_line_share_of_median
    effect = _effect(programmes, frame.n_persons)
    sorted_base, sorted_reform = sorted_incomes or (
        SortedIncome.of(frame, base),
        SortedIncome.of(frame, reform),
    )
    household_effect = np.bincount(
        frame.household, weights=frame.weight * effect, minlength=frame.n_households
    )

    def statistics(multiplier: FloatArray) -> list[float]:
        pb, gb = sorted_base.replicate(multiplier, share)
        pr, gr = sorted_reform.replicate(multiplier, share)
        return [float(np.sum(multiplier * household_effect)), pb, pr, pr - pb, gb, gr, gr - gb]

    estimates = statistics(np.ones(frame.n_households))
    estimates[0] = float(np.dot(frame.weight, effect))
    reps = np.array(
        [statistics(m) for m in replicate_multipliers(frame, options.replicates, options.seed)]
    ).reshape(options.replicates, len(HEADLINES))
    alpha = (1 - options.level) / 2
    low, high = np.quantile(reps, [alpha, 1 - alpha], axis=0)
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    ratio = Cell(0.0, Statistic.RATIO, n, hh)
    rate = Cell(0.0, Statistic.RATE, n, hh)
    kinds = [sum_cells(everyone, frame.weight, effect)[0], rate, rate, rate, ratio, ratio, ratio]
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
