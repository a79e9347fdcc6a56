"""Child benefits (family allowances): the federal rules (AKBW / LGAF) until each community's
takeover, the Flemish Groeipakket (2019), the Walloon (2019/2020), Brussels (2020) and
German-speaking Community (2019) systems. See README.md.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.child_benefits import (
    brussels,
    family,
    federal,
    flanders,
    german_speaking,
    inputs,
    total,
    wallonia,
)
from mimosis.legislation.income import IncomeComponent


def variables() -> list[Variable]:
    """Every variable of the programme (inputs first)."""
    return [
        *inputs.variables(),
        *family.variables(),
        *federal.variables(),
        *flanders.variables(),
        *wallonia.variables(),
        *brussels.variables(),
        *german_speaking.variables(),
        *total.variables(),
    ]


def income_components() -> list[IncomeComponent]:
    """What the programme adds to net income: the benefit, attributed to the child."""
    return [IncomeComponent("child_benefit", "income")]
