"""Full unemployment benefits of the RVA/ONEM (RD 25/11/1991): family category, phases and
degressivity, daily amounts, the integration allowance, the 2026 limitation in time, the
income-guarantee allowance, the PWA/ALE cumulation and the benefit days left by work. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.unemployment import (
    amount,
    benefit,
    category,
    days,
    entitlement,
    inputs,
    phase,
)


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [
        *inputs.variables(),
        *category.variables(),
        *phase.variables(),
        *amount.variables(),
        *entitlement.variables(),
        *days.variables(),
        *benefit.variables(),
    ]


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income."""
    return [
        IncomeComponent("unemployment_benefit", "income"),
        IncomeComponent("unemployment_income_guarantee_allowance", "income"),
        IncomeComponent("unemployment_ale_income", "income"),
    ]
