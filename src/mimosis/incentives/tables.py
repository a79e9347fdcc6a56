"""Work-incentive tables: rate distributions, decompositions by instrument, traps and their
causes, the reform's change, the wage model. Every table is a ``StatTable`` whose cells carry
their unweighted person and household counts (``indicators.frame``), so that disclosure control
applies before anything leaves."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np

from mimosis.incentives.data import (
    BoolArray,
    FloatArray,
    IntArray,
    StrArray,
    person_frame,
)
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import IncentiveResults, Rates
from mimosis.indicators.distribution import DECILES, decile_of
from mimosis.indicators.frame import (
    Groups,
    PersonFrame,
    count_cells,
    share_cells,
    sum_cells,
    weighted_quantiles,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable
from mimosis.scenarios.inputs import ModelInputLike

#: rates are published in percentage points: disclosure control rounds means and quantiles
#: to whole units, which is a whole percentage point here
POINTS = 100.0
BREAKDOWNS = ("decile", "household_type", "labour_status", "role", "region")
MEASURES = ("metr", "ptr", "ptr_predicted", "replacement")
TITLES = {
    "metr": "Marginal effective tax rate",
    "ptr": "Participation tax rate (own job for workers, minimum-wage job for non-workers)",
    "ptr_predicted": "Participation tax rate at the predicted wage (non-workers)",
    "replacement": "Household replacement rate (out-of-work over in-work disposable income)",
}


class Breakdown:
    """The analysed adults (only them: every table is about them) with their group labels and
    the frame of their weights and households; arrays in the order of ``results.persons``."""

    def __init__(self, data: ModelInputLike, results: IncentiveResults) -> None:
        everyone = person_frame(data)
        persons = results.persons
        hh = np.asarray(data.household)
        deciles = decile_of(everyone, results.equivalised_income)[persons]
        self.frame: PersonFrame = PersonFrame(
            weight=everyone.weight[persons],
            household=everyone.household[persons],
            age=everyone.age[persons],
            stratum=everyone.stratum[persons],
        )
        self.labels: dict[str, StrArray] = {
            "decile": np.asarray(DECILES, dtype=str)[deciles],
            "household_type": np.asarray(data.household_type, dtype=str)[hh[persons]],
            "labour_status": np.asarray(data.labour_status, dtype=str)[persons],
            "role": np.asarray(results.role, dtype=str),
            "region": np.asarray(data.region, dtype=str)[hh[persons]],
        }
        self.persons = persons
        #: per breakdown: its sorted labels and each adult's code (computed once)
        self._codes: dict[str, tuple[tuple[str, ...], IntArray]] = {}

    def groups(self, by: str, keep: BoolArray) -> tuple[Groups, Groups]:
        """The groups of ``by`` (every label of the analysed adults, in sorted order, so that
        the tables of one analysis share their rows) restricted to ``keep``, and the total."""
        if by not in self.labels:
            msg = f"unknown breakdown {by!r}; expected one of {', '.join(BREAKDOWNS)}"
            raise ValueError(msg)
        if by not in self._codes:
            uniques, inverse = np.unique(self.labels[by], return_inverse=True)
            self._codes[by] = (tuple(str(u) for u in uniques), inverse.astype(np.int64))
        names, all_codes = self._codes[by]
        code = np.where(keep, all_codes, -1)
        groups = Groups.from_codes(self.frame, names, code)
        return groups, Groups.everyone(self.frame, keep=keep)

    def spread(self, values: FloatArray) -> FloatArray:
        """A per-analysed-adult array, as the tables read it (the frame holds those adults)."""
        return np.asarray(values, dtype=np.float64)


def _bands(limits: tuple[float, ...]) -> list[tuple[str, float, float]]:
    edges = [-np.inf, *limits, np.inf]
    out = []
    for lo, hi in itertools.pairwise(edges):
        name = (
            f"below_{limits[0]:.0%}"
            if lo == -np.inf
            else f"{lo:.0%}_plus"
            if hi == np.inf
            else f"{lo:.0%}_{hi:.0%}"
        )
        out.append((name.replace("%", "pct"), lo, hi))
    return out


def _median_cells(frame: PersonFrame, groups: Groups, values: FloatArray) -> list[Cell]:
    cells = []
    for g in range(len(groups.labels)):
        inside = groups.code == g
        value = (
            float(weighted_quantiles(values[inside], frame.weight[inside], np.array([0.5]))[0])
            if inside.any()
            else 0.0
        )
        cells.append(
            Cell(value, Statistic.QUANTILE, int(groups.n_persons[g]), int(groups.n_households[g]))
        )
    return cells


def _columns_table(
    name: str, title: str, rows: tuple[str, ...], columns: Mapping[str, list[Cell]], **kw: str
) -> StatTable:
    cells = {(r, c): column[i] for c, column in columns.items() for i, r in enumerate(rows)}
    return StatTable(name, title, rows, tuple(columns), cells, **kw)  # type: ignore[arg-type]


def distribution_table(
    breakdown: Breakdown,
    results: IncentiveResults,
    options: IncentiveOptions,
    *,
    measure: str = "metr",
    by: str = "decile",
    system: str = "baseline",
) -> StatTable:
    """Mean, median and shares in bands of a rate, by group and in total."""
    rate = breakdown.spread(_rates(results, system, measure).rate)
    keep = ~np.isnan(rate)
    values = np.where(keep, rate, 0.0)
    points = POINTS * values
    groups, total = breakdown.groups(by, keep)
    frame = breakdown.frame
    columns: dict[str, list[Cell]] = {
        "mean": sum_cells(groups, frame.weight, points, mean=True)
        + sum_cells(total, frame.weight, points, mean=True),
        "median": _median_cells(frame, groups, points) + _median_cells(frame, total, points),
    }
    for band, lo, hi in _bands(options.bands):
        flag = keep & (values >= lo) & (values < hi)
        columns[band] = share_cells(groups, frame.weight, flag) + share_cells(
            total, frame.weight, flag
        )
    columns["persons"] = count_cells(groups, frame.weight) + count_cells(total, frame.weight)
    return _columns_table(
        f"incentives_{measure}_by_{by}_{system}",
        f"{TITLES[measure]} by {by.replace('_', ' ')} ({system}, {results.period})",
        (*groups.labels, "total"),
        columns,
        row_label=by,
        unit="mean and median: percentage points of the earnings change; bands: shares of "
        "persons; persons (weighted)",
    )


def _rates(results: IncentiveResults, system: str, measure: str) -> Rates:
    try:
        return results.rates[system][measure]
    except KeyError:
        msg = f"no {measure!r} rates for the {system!r} system (was a reform given?)"
        raise ValueError(msg) from None


def decomposition_table(
    breakdown: Breakdown,
    results: IncentiveResults,
    *,
    measure: str = "metr",
    by: str = "role",
    system: str = "baseline",
) -> StatTable:
    """Mean contribution of each instrument to a rate, by group: the rows add up to the mean
    rate (``total``)."""
    r = _rates(results, system, measure)
    comps = results.rr_components if measure == "replacement" else results.components
    rate = breakdown.spread(r.rate)
    keep = ~np.isnan(rate)
    groups, total = breakdown.groups(by, keep)
    frame = breakdown.frame
    rows = [c.variable for c in comps]
    cells: dict[tuple[str, str], Cell] = {}
    for j, row in enumerate([*rows, "total"]):
        part = breakdown.spread(r.parts[:, j]) if j < len(rows) else rate
        values = POINTS * np.where(keep, part, 0.0)
        by_group = sum_cells(groups, frame.weight, values, mean=True)
        for g, label in enumerate(groups.labels):
            cells[(row, label)] = by_group[g]
        cells[(row, "all")] = sum_cells(total, frame.weight, values, mean=True)[0]
    return StatTable(
        f"incentives_{measure}_decomposition_by_{by}_{system}",
        f"{TITLES[measure]}: mean contribution of each instrument ({system}, {results.period})",
        (*rows, "total"),
        (*groups.labels, "all"),
        cells,
        row_label="instrument (net-income component)",
        unit="percentage points of the earnings change (replacement: of in-work income)",
        notes=(
            (
                "A deduction (tax, contribution) that rises with earnings and a benefit or "
                "reduction that falls add to the rate; the rows add up to the total."
            ),
        ),
    )
