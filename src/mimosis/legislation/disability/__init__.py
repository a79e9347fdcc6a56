"""Allowances to persons with disabilities (Law of 27 February 1987): the income replacement
allowance, the integration allowance and the assistance to the elderly. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.disability import (
    elderly,
    income_replacement,
    inputs,
    integration,
    resources,
)
from mimosis.legislation.income import IncomeComponent


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [
        *inputs.variables(),
        *resources.variables(),
        *income_replacement.variables(),
        *integration.variables(),
        *elderly.variables(),
    ]


def income_components() -> list[IncomeComponent]:
    """The allowances are (tax-exempt) incomes of the person."""
    return [
        IncomeComponent("disability_income_replacement_allowance", "income"),
        IncomeComponent("disability_integration_allowance", "income"),
        IncomeComponent("disability_assistance_elderly", "income"),
    ]
