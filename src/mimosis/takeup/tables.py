"""Take-up tables: non-take-up and its reverse by group, the cost of automatic granting by
group, and its effect on poverty. ``StatTable``s with disclosure counts."""

from __future__ import annotations

import numpy as np

from mimosis.incentives.data import BoolArray
from mimosis.indicators.frame import (
    Groups,
    count_cells,
    load_conventions,
    share_cells,
    sum_cells,
    weighted_quantiles,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable
from mimosis.takeup.analysis import GROUPINGS, TakeupResults

MONTHS = 12


def _groups(results: TakeupResults, by: str, keep: BoolArray) -> tuple[Groups, Groups]:
    if by not in results.labels:
        msg = f"unknown grouping {by!r}; expected one of {', '.join(GROUPINGS)}"
        raise ValueError(msg)
    labels = results.labels[by]
    names = tuple(sorted(set(labels.tolist())))
    code = np.where(keep, np.searchsorted(np.asarray(names, dtype=str), labels), -1).astype(
        np.int64
    )
    return Groups.from_codes(results.frame, names, code), Groups.everyone(results.frame, keep=keep)


def _both(fn, groups: Groups, total: Groups, *args: object) -> list[Cell]:  # type: ignore[no-untyped-def]
    return list(fn(groups, *args)) + list(fn(total, *args))


def non_takeup_table(results: TakeupResults, right: str, by: str = "region") -> StatTable:
    """Eligible by the rules vs receiving in the data, by group."""
    if right not in results.received:
        msg = f"{right}: the data do not observe this right; no take-up table"
        raise ValueError(msg)
    w = results.frame.weight
    eligible = results.entitlement[right] > 0
    receives = results.received[right]
    everyone = np.ones(eligible.size, dtype=bool)
    g_all, _ = _groups(results, by, everyone)
    g_el, t_el = _groups(results, by, eligible)
    g_rec, t_rec = _groups(results, by, receives)
    rows = (*g_all.labels, "total")
    columns = {
        "eligible": _both(count_cells, g_el, t_el, w),
        "receiving": _both(count_cells, g_rec, t_rec, w),
        "non_take_up_rate": _both(share_cells, g_el, t_el, w, ~receives, Statistic.RATE),
        "receiving_not_eligible_share": _both(
            share_cells, g_rec, t_rec, w, ~eligible, Statistic.RATE
        ),
    }
    cells = {(r, c): col[i] for c, col in columns.items() for i, r in enumerate(rows)}
    return StatTable(
        f"takeup_{right}_by_{by}",
        f"Take-up of {right}: eligible by the rules, receiving in the data ({results.period})",
        rows,
        tuple(columns),
        cells,
        row_label=by,
        unit="persons (weighted); rates: share of the eligible not receiving, share of the "
        "receivers not eligible by the model",
        notes=("Receiving while not eligible by the model is a validation signal, not fraud.",),
    )


def granting_cost_table(results: TakeupResults, by: str = "region") -> StatTable:
    """The yearly cost of automatic granting (amount rights) and the new beneficiaries, by group."""
    w = results.frame.weight
    everyone = np.ones(w.size, dtype=bool)
    groups, total = _groups(results, by, everyone)
    rows = (*groups.labels, "total")
    columns: dict[str, list[Cell]] = {}
    extra_total = np.zeros(w.size)
    for right in results.rights:
        name = right.variable
        gain = results.granted[name] - results.taken[name]
        if name.endswith("_eligible"):  # a yes/no right has no amount: count the new ones
            columns[f"{name}_new_beneficiaries"] = _both(
                count_cells, *_groups(results, by, gain > 0), w
            )
            continue
        extra_total = extra_total + gain
        columns[f"{name}_cost"] = _both(sum_cells, groups, total, w, MONTHS * gain)
        columns[f"{name}_new_beneficiaries"] = _both(
            count_cells, *_groups(results, by, gain > 0), w
        )
    columns["total_cost"] = _both(sum_cells, groups, total, w, MONTHS * extra_total)
    cells = {(r, c): col[i] for c, col in columns.items() for i, r in enumerate(rows)}
    return StatTable(
        f"takeup_automatic_granting_cost_by_{by}",
        f"Automatic granting: yearly cost and new beneficiaries by {by.replace('_', ' ')}"
        f" ({results.period} x 12)",
        rows,
        tuple(columns),
        cells,
        row_label=by,
        total_row="total",
        unit="EUR per year (weighted totals); persons (weighted)",
    )


def poverty_effect_table(results: TakeupResults, by: str = "region") -> StatTable:
    """At-risk-of-poverty rate under the take-up assumption and under automatic granting, with
    the poverty line of the assumption's world for both (an anchored line)."""
    w = results.frame.weight
    share = load_conventions().poverty_line_share_of_median
    line = share * float(weighted_quantiles(results.income, w, np.array([0.5]))[0])
    everyone = np.ones(w.size, dtype=bool)
    groups, total = _groups(results, by, everyone)
    rows = (*groups.labels, "total")
    poor_before: BoolArray = results.income < line
    poor_after: BoolArray = results.income_granted < line
    columns = {
        "poverty_rate_assumption": _both(
            share_cells, groups, total, w, poor_before, Statistic.RATE
        ),
        "poverty_rate_automatic_granting": _both(
            share_cells, groups, total, w, poor_after, Statistic.RATE
        ),
        "persons_lifted_out_of_poverty": _both(
            count_cells, *_groups(results, by, poor_before & ~poor_after), w
        ),
        "persons": _both(count_cells, groups, total, w),
    }
    cells = {(r, c): col[i] for c, col in columns.items() for i, r in enumerate(rows)}
    return StatTable(
        f"takeup_automatic_granting_poverty_by_{by}",
        f"Automatic granting: at-risk-of-poverty rate by {by.replace('_', ' ')} ({results.period})",
        rows,
        tuple(columns),
        cells,
        row_label=by,
        unit="share of persons (line: 60 % of the median equivalised income under the "
        "assumption); persons (weighted)",
    )
