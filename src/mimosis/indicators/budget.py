"""Budget effect of a reform by programme and by paying level (federal, regions,
communities, local)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mimosis.indicators.frame import FloatArray, Groups, PersonFrame, sum_cells
from mimosis.indicators.tables import Cell, StatTable

Kind = Literal["expenditure", "revenue"]


@dataclass(frozen=True)
class ProgrammeAmounts:
    """One programme's amounts per person over a year, before and after the reform.

    ``kind``: a benefit is expenditure, a tax or contribution revenue. ``level``: who pays or
    receives it (federal, region, community, local)."""

    name: str
    kind: Kind
    level: str
    baseline: FloatArray
    reform: FloatArray


def _effect(programme: ProgrammeAmounts) -> FloatArray:
    """Effect on the public budget balance: more revenue or less expenditure is positive."""
    change = programme.reform - programme.baseline
    return change if programme.kind == "revenue" else -change


def budget_table(frame: PersonFrame, programmes: Sequence[ProgrammeAmounts]) -> StatTable:
    """Weighted yearly totals per programme before and after, the change, and the effect on
    the budget balance."""
    everyone = Groups.everyone(frame)
    cells: dict[tuple[str, str], Cell] = {}
    for p in programmes:
        for column, values in (
            ("baseline", p.baseline),
            ("reform", p.reform),
            ("change", p.reform - p.baseline),
            ("budget_effect", _effect(p)),
        ):
            cells[(p.name, column)] = sum_cells(everyone, frame.weight, values)[0]
    return StatTable(
        "budget_by_programme",
        "Yearly amounts by programme and effect of the reform on the budget balance",
        tuple(p.name for p in programmes),
        ("baseline", "reform", "change", "budget_effect"),
        cells,
        row_label="programme",
        unit="EUR per year (weighted totals); budget effect: + improves the balance",
    )


def budget_by_level_table(frame: PersonFrame, programmes: Sequence[ProgrammeAmounts]) -> StatTable:
    """The effect on the budget balance by paying level, with the total."""
    everyone = Groups.everyone(frame)
    levels = sorted({p.level for p in programmes})
    cells: dict[tuple[str, str], Cell] = {}
    total = np.zeros(frame.n_persons)
    for level in levels:
        effect = np.zeros(frame.n_persons)
        for p in programmes:
            if p.level == level:
                effect = effect + _effect(p)
        total = total + effect
        cells[(level, "budget_effect")] = sum_cells(everyone, frame.weight, effect)[0]
    cells[("total", "budget_effect")] = sum_cells(everyone, frame.weight, total)[0]
    return StatTable(
        "budget_by_level",
        "Effect of the reform on the budget balance by paying level",
        (*levels, "total"),
        ("budget_effect",),
        cells,
        row_label="level",
        total_row="total",
        unit="EUR per year; + improves the balance",
    )
