"""Sickness and invalidity benefits (ZIV/AMI, coordinated Act of 14 July 1994): primary
incapacity and invalidity of employees (wage-related, with ceilings by cohort and minima) and
of the self-employed (flat amounts), authorised work and cumulation with occupational-risk
benefits. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.sickness_invalidity import amounts, benefit, inputs, situation

#: taxable replacement incomes of the programme (WIB 92 art. 31 2°, art. 34): the hook
#: proposed for the income tax, the means tests and the special contribution (see README)
TAXABLE_REPLACEMENT_INCOMES: tuple[str, ...] = ("sickness_benefit", "invalidity_benefit")


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [
        *inputs.variables(),
        *situation.variables(),
        *amounts.variables(),
        *benefit.variables(),
    ]


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income."""
    return [IncomeComponent(name, "income") for name in TAXABLE_REPLACEMENT_INCOMES]


def taxable_replacement_income_components() -> tuple[str, ...]:
    """Variables to add to the taxable replacement incomes (proposed hook, see README)."""
    return TAXABLE_REPLACEMENT_INCOMES
