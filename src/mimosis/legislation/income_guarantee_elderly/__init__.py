"""Income guarantee for the elderly (IGO / GRAPA): Law of 22 March 2001 and Royal Decree of 23
May 2001. A means-tested allowance for persons who reached the statutory pension age, paid
by the Federal Pension Service. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.income_guarantee_elderly import guarantee, inputs, resources


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [*inputs.variables(), *resources.variables(), *guarantee.variables()]


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income (the GRAPA is not taxable)."""
    return [IncomeComponent("income_guarantee_elderly", "income")]
