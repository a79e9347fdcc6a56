"""Unemployment and inactivity traps, what causes them, the reform's change of the rates, and
the wage model's coefficients, as ``StatTable``s.

- Exposed to the unemployment trap: workers (their out-of-work situation is unemployment or
  the means-tested minimum) and the registered unemployed without a wage (into a job at the
  predicted wage). Exposed to the inactivity trap: the other non-workers (inactive, students,
  sick or invalid, retired before 65) into a job at the predicted wage.
- Trapped: PTR above ``options.ptr_trap``, or replacement rate above ``options.replacement_trap``
  (each reported separately).
- Cause: among the persons with a PTR above the threshold, the instrument with the largest
  contribution to their PTR.
"""

from __future__ import annotations

import numpy as np

from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import IncentiveResults
from mimosis.incentives.tables import POINTS, Breakdown, _columns_table, _rates
from mimosis.indicators.frame import Groups, count_cells, share_cells, sum_cells
from mimosis.indicators.tables import Cell, Statistic, StatTable

TRAPS = ("unemployment_trap", "inactivity_trap")


def _trap_rates(
    breakdown: Breakdown, results: IncentiveResults, system: str
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per trap: (exposed mask, PTR, replacement rate) per analysed adult."""
    ptr = _rates(results, system, "ptr").rate
    predicted = _rates(results, system, "ptr_predicted").rate
    replacement = _rates(results, system, "replacement").rate
    status = breakdown.labels["labour_status"]  # per analysed adult
    worker = np.asarray(results.role) == "worker"
    non_worker = np.asarray(results.role) == "non_worker"
    unemployed = non_worker & (status == "unemployed")
    the_ptr = np.where(worker, ptr, predicted)
    out = {}
    for trap, exposed in (
        ("unemployment_trap", worker | unemployed),
        ("inactivity_trap", non_worker & ~unemployed),
    ):
        ok = exposed & ~np.isnan(the_ptr)
        out[trap] = (
            breakdown.spread(ok.astype(float)) == 1.0,
            breakdown.spread(the_ptr),
            breakdown.spread(replacement),
        )
    return out


def trap_table(
    breakdown: Breakdown,
    results: IncentiveResults,
    options: IncentiveOptions,
    *,
    by: str = "household_type",
    system: str = "baseline",
) -> StatTable:
    """Shares of the exposed persons caught in each trap, by group."""
    frame = breakdown.frame
    columns: dict[str, list[Cell]] = {}
    rows: tuple[str, ...] = ()
    for trap, (exposed, ptr, rr) in _trap_rates(breakdown, results, system).items():
        regroup, total = breakdown.groups(by, exposed)
        rows = (*regroup.labels, "total")
        high_ptr = exposed & (np.nan_to_num(ptr) > options.ptr_trap)
        high_rr = exposed & (np.nan_to_num(rr) > options.replacement_trap)
        w = frame.weight
        ptr_name = f"{trap}_ptr_above_{options.ptr_trap:.0%}".replace("%", "pct")
        rr_name = f"{trap}_replacement_above_{options.replacement_trap:.0%}".replace("%", "pct")
        columns[ptr_name] = share_cells(regroup, w, high_ptr) + share_cells(total, w, high_ptr)
        columns[rr_name] = share_cells(regroup, w, high_rr) + share_cells(total, w, high_rr)
        columns[f"{trap}_exposed_persons"] = count_cells(regroup, w) + count_cells(total, w)
    return _columns_table(
        f"incentives_traps_by_{by}_{system}",
        f"Unemployment and inactivity traps by {by.replace('_', ' ')} ({system}, {results.period})",
        rows,
        columns,
        row_label=by,
        unit="shares of the exposed persons; persons (weighted)",
    )


def trap_cause_table(
    breakdown: Breakdown,
    results: IncentiveResults,
    options: IncentiveOptions,
    *,
    system: str = "baseline",
) -> StatTable:
    """For the persons with a PTR above the threshold, the share whose largest contributor is
    each instrument."""
    frame = breakdown.frame
    names = [c.variable for c in results.components]
    ptr_parts = _rates(results, system, "ptr").parts
    pred_parts = _rates(results, system, "ptr_predicted").parts
    worker = np.asarray(results.role) == "worker"
    parts = np.where(worker[:, None], ptr_parts, pred_parts)
    largest = np.argmax(parts, axis=1) if parts.shape[1] else np.zeros(parts.shape[0], dtype=int)
    cause = np.asarray(largest, dtype=np.int64)  # per analysed adult, as the frame
    cells: dict[tuple[str, str], Cell] = {}
    for trap, (exposed, ptr, _) in _trap_rates(breakdown, results, system).items():
        trapped = exposed & (np.nan_to_num(ptr) > options.ptr_trap)
        groups = Groups.everyone(frame, keep=trapped)
        for j, name in enumerate(names):
            cells[(name, trap)] = share_cells(groups, frame.weight, cause == j)[0]
        cells[("trapped_persons", trap)] = count_cells(groups, frame.weight)[0]
    return StatTable(
        f"incentives_trap_causes_{system}",
        "Which instrument causes the traps: largest contribution to the PTR"
        f" ({system}, {results.period})",
        (*names, "trapped_persons"),
        TRAPS,
        cells,
        row_label="instrument (net-income component)",
        unit="share of the trapped persons; persons (weighted)",
    )


def reform_change_table(
    breakdown: Breakdown, results: IncentiveResults, *, measure: str = "metr", by: str = "decile"
) -> StatTable:
    """Mean rate under the baseline and the reform, and the change, by group."""
    base = breakdown.spread(_rates(results, "baseline", measure).rate)
    reform = breakdown.spread(_rates(results, "reform", measure).rate)
    keep = ~np.isnan(base) & ~np.isnan(reform)
    groups, total = breakdown.groups(by, keep)
    frame = breakdown.frame
    columns = {}
    for name, values in (("baseline", base), ("reform", reform), ("change", reform - base)):
        v = POINTS * np.where(keep, values, 0.0)
        columns[name] = sum_cells(groups, frame.weight, v, mean=True) + sum_cells(
            total, frame.weight, v, mean=True
        )
    return _columns_table(
        f"incentives_{measure}_reform_by_{by}",
        f"Mean {measure.replace('_', ' ')} before and after the reform by"
        f" {by.replace('_', ' ')} ({results.period})",
        (*groups.labels, "total"),
        columns,
        row_label=by,
        unit="percentage points of the earnings change",
    )


def wage_model_table(breakdown: Breakdown, results: IncentiveResults) -> StatTable | None:
    """The wage model's coefficients (ratios estimated on n_observations employees)."""
    model = results.wage_model
    if model is None:
        return None
    n, households = model.n_observations, model.n_households
    cells = {
        (name, "coefficient"): Cell(float(value), Statistic.RATIO, n, households)
        for name, value in zip(model.names, model.coefficients, strict=True)
    }
    cells[("r_squared", "coefficient")] = Cell(model.r_squared, Statistic.RATIO, n, households)
    return StatTable(
        "incentives_wage_model",
        "Wage model: log full-time-equivalent monthly gross wage (weighted least squares)",
        (*model.names, "r_squared"),
        ("coefficient",),
        cells,
        row_label="regressor",
        unit="coefficient on the log wage",
        notes=(f"estimated on {n} employees of the analysed ages",),
    )
