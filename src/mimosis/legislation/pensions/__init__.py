"""Statutory pensions: the retirement pension of employees and of the self-employed, the
survivor pension and transition allowance, the guaranteed minimums and the earnings limits
while drawing a pension. See README.md; ``career.py`` turns career rows into the programme's
inputs.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.pensions import (
    cumulation,
    eligibility,
    employee,
    inputs,
    self_employed,
    survivor,
    totals,
)


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [
        *inputs.variables(),
        *eligibility.variables(),
        *cumulation.variables(),
        *employee.variables(),
        *self_employed.variables(),
        *survivor.variables(),
        *totals.variables(),
    ]
