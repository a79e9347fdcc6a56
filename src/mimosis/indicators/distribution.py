"""Distribution indicators on equivalised disposable income: deciles, decile impacts, winners
and losers, at-risk-of-poverty rates, Gini and S80/S20."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from mimosis.indicators.frame import (
    Conventions,
    FloatArray,
    Groups,
    IntArray,
    PersonFrame,
    StrArray,
    count_cells,
    load_conventions,
    share_cells,
    sum_cells,
    weighted_quantiles,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable

DECILES = tuple(f"D{d}" for d in range(1, 11))


def equivalence_scale(frame: PersonFrame, conventions: Conventions | None = None) -> FloatArray:
    """Modified OECD scale per household: the first adult, other adults, children."""
    c = conventions or load_conventions()
    h = frame.n_households
    child = frame.age < c.child_age_below
    adults = np.bincount(frame.household, weights=(~child).astype(np.float64), minlength=h)
    children = np.bincount(frame.household, weights=child.astype(np.float64), minlength=h)
    first = np.minimum(adults, 1.0)
    # a household of children only: the first child counts as the first adult
    first_child = np.where(adults == 0, np.minimum(children, 1.0), 0.0)
    scale: FloatArray = (
        c.first_adult_weight * (first + first_child)
        + c.other_adult_weight * (adults - first)
        + c.child_weight * (children - first_child)
    )
    return scale


def equivalised(frame: PersonFrame, household_income: FloatArray, scale: FloatArray) -> FloatArray:
    """Each person's equivalised household income."""
    return frame.to_persons(household_income / scale)


def decile_of(frame: PersonFrame, income: FloatArray) -> IntArray:
    """Each person's decile (0..9) of the person-weighted distribution of ``income``."""
    limits = weighted_quantiles(income, frame.weight, np.arange(1, 10) / 10)
    return np.searchsorted(limits, income, side="left").astype(np.int64)


def _table(
    name: str, title: str, rows: tuple[str, ...], columns: Mapping[str, list[Cell]], **kw: str
) -> StatTable:
    cells = {(row, col): cells[i] for col, cells in columns.items() for i, row in enumerate(rows)}
    return StatTable(name, title, rows, tuple(columns), cells, **kw)  # type: ignore[arg-type]


def _groups(frame: PersonFrame, labels: StrArray | Groups) -> Groups:
    return labels if isinstance(labels, Groups) else Groups.of(frame, labels)


def _with_total(frame: PersonFrame, groups: Groups) -> tuple[Groups, Groups]:
    return groups, Groups.everyone(frame, keep=groups.code >= 0)


def poverty_table(
    frame: PersonFrame,
    *,
    income: FloatArray,
    labels: StrArray | Groups,
    title: str,
    name: str,
    conventions: Conventions | None = None,
    median: float | None = None,
) -> StatTable:
    """At-risk-of-poverty rate (income below 60 % of the median) by group, and overall.
    ``labels``: per person, or the groups already made of them; ``median``: of ``income``
    (person-weighted), when already known."""
    c = conventions or load_conventions()
    if median is None:
        median = float(weighted_quantiles(income, frame.weight, np.array([0.5]))[0])
    line = c.poverty_line_share_of_median * median
    poor = income < line
    groups, total = _with_total(frame, _groups(frame, labels))
    rows = (*groups.labels, "total")
    rates = share_cells(groups, frame.weight, poor, Statistic.RATE) + share_cells(
        total, frame.weight, poor, Statistic.RATE
    )
    persons = count_cells(groups, frame.weight) + count_cells(total, frame.weight)
    return _table(
        name,
        title,
        rows,
        {"at_risk_of_poverty_rate": rates, "persons": persons},
        row_label="group",
        unit="rate (share of persons); persons (weighted)",
    )


def gini(values: FloatArray, weight: FloatArray) -> float:
    order = np.argsort(values, kind="stable")
    x, w = values[order], weight[order]
    cum_w = np.cumsum(w)
    cum_xw = np.cumsum(x * w)
    total_w, total_xw = cum_w[-1], cum_xw[-1]
    if total_xw == 0:
        return 0.0
    # area under the Lorenz curve by trapezoids over weighted persons
    lorenz = cum_xw / total_xw
    previous = np.concatenate(([0.0], lorenz[:-1]))
    area = float(np.sum(w / total_w * (lorenz + previous) / 2))
    return 1.0 - 2.0 * area


def s80_s20(values: FloatArray, weight: FloatArray) -> float:
    limits = weighted_quantiles(values, weight, np.array([0.2, 0.8]))
    bottom = values <= limits[0]
    top = values > limits[1]
    low = np.sum((values * weight)[bottom])
    return float(np.sum((values * weight)[top]) / low) if low > 0 else float("nan")


def inequality_table(frame: PersonFrame, income: FloatArray, name: str, title: str) -> StatTable:
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    median = float(weighted_quantiles(income, frame.weight, np.array([0.5]))[0])
    cells = {
        ("total", "gini"): Cell(gini(income, frame.weight), Statistic.RATIO, n, hh),
        ("total", "s80_s20"): Cell(s80_s20(income, frame.weight), Statistic.RATIO, n, hh),
        ("total", "median"): Cell(median, Statistic.QUANTILE, n, hh),
    }
    return StatTable(
        name, title, ("total",), ("gini", "s80_s20", "median"), cells, unit="ratio; EUR"
    )


def decile_impact_table(
    frame: PersonFrame,
    baseline: FloatArray,
    reform: FloatArray,
    name: str = "decile_impact",
    deciles: Groups | None = None,
) -> StatTable:
    """Mean equivalised income by baseline decile, before and after, and the change.
    ``deciles``: ``Groups.from_codes(frame, DECILES, decile_of(frame, baseline))`` when
    already made."""
    groups = (
        Groups.from_codes(frame, DECILES, decile_of(frame, baseline))
        if deciles is None
        else deciles
    )
    total = Groups.everyone(frame)
    change = reform - baseline

    def both(values: FloatArray) -> list[Cell]:
        return sum_cells(groups, frame.weight, values, mean=True) + sum_cells(
            total, frame.weight, values, mean=True
        )

    base_cells, reform_cells, change_cells = both(baseline), both(reform), both(change)
    pct = [
        Cell(
            c.value / b.value if b.value else 0.0,
            Statistic.RATIO,
            c.n_persons,
            c.n_households,
        )
        for b, c in zip(base_cells, change_cells, strict=True)
    ]
    return _table(
        name,
        "Mean equivalised disposable income by decile of the baseline",
        (*DECILES, "total"),
        {
            "baseline": base_cells,
            "reform": reform_cells,
            "change": change_cells,
            "change_share": pct,
        },
        row_label="decile",
        unit="EUR per month (equivalised); change as a share of the baseline",
    )


def winners_losers_table(
    frame: PersonFrame,
    *,
    baseline: FloatArray,
    reform: FloatArray,
    labels: StrArray | Groups,
    threshold: float,
    name: str,
    title: str,
) -> StatTable:
    """Shares of persons whose equivalised income rises or falls by more than ``threshold``
    (a share of their baseline income, e.g. 0.01), by group (``labels`` per person, or the
    groups already made of them)."""
    change = reform - baseline
    scale = np.maximum(np.abs(baseline), 1.0)
    gain = change > threshold * scale
    lose = change < -threshold * scale
    groups = _groups(frame, labels)
    total = Groups.everyone(frame)
    rows = (*groups.labels, "total")
    columns = {
        "gaining": share_cells(groups, frame.weight, gain) + share_cells(total, frame.weight, gain),
        "losing": share_cells(groups, frame.weight, lose) + share_cells(total, frame.weight, lose),
        "persons": count_cells(groups, frame.weight) + count_cells(total, frame.weight),
    }
    return _table(name, title, rows, columns, row_label="group", unit="share of persons")
