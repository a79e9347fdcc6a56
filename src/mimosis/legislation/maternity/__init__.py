"""Maternity benefits (ZIV/AMI): employees and the unemployed (wage-related, coordinated Act
of 14 July 1994 art. 113-117; RD 3 July 1996 art. 216-219) and the self-employed (weekly flat
amounts, RD 20 July 1971 art. 93-97). See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.maternity import variables as _variables

#: taxable replacement incomes of the programme (proposed hook, see README)
TAXABLE_REPLACEMENT_INCOMES: tuple[str, ...] = ("maternity_benefit",)


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return _variables.variables()


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income."""
    return [IncomeComponent("maternity_benefit", "income")]


def taxable_replacement_income_components() -> tuple[str, ...]:
    """Variables to add to the taxable replacement incomes (proposed hook, see README)."""
    return TAXABLE_REPLACEMENT_INCOMES
