"""Personal income tax (personenbelasting / impôt des personnes physiques), WIB 92 / CIR 92.

Income years 2015-2026 (assessment year = income year + 1). See README.md in this folder for
the legal base, the scope and the known gaps. Nothing runs at import time.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.income_tax import base, levels, tax


def variables() -> list[Variable]:
    """Every variable of the programme, in computation order."""
    return [*base.VARIABLES, *tax.VARIABLES, *levels.VARIABLES]


def income_components() -> tuple[IncomeComponent, ...]:
    """What the programme contributes to net income: the tax of each taxpayer (the household
    total is ``personal_income_tax``; per person the split between spouses is the legal one)."""
    return (IncomeComponent("personal_income_tax_individual", "deduction"),)
