"""Social assistance: the integration income (leefloon / revenu d'intégration) of the Act of
26 May 2002, its means test and the federal reimbursement to the CPAS. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.social_assistance import inputs, integration_income, resources


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [*inputs.variables(), *resources.variables(), *integration_income.variables()]


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income."""
    return [IncomeComponent("integration_income", "income")]
