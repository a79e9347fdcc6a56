"""Work accidents of employees in the private sector (Work Accidents Act of 10 April 1971):
temporary incapacity, permanent incapacity allowances and annuities, help of a third party
and the limitation at pension. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.work_accidents import variables as _variables

#: taxable replacement incomes of the programme (proposed hook, see README)
TAXABLE_REPLACEMENT_INCOMES: tuple[str, ...] = ("work_accident_benefit",)


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return _variables.variables()


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income."""
    return [IncomeComponent("work_accident_benefit", "income")]


def taxable_replacement_income_components() -> tuple[str, ...]:
    """Variables to add to the taxable replacement incomes (proposed hook, see README)."""
    return TAXABLE_REPLACEMENT_INCOMES
