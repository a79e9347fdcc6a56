"""A test system for the income-tax programme alone.

The variables it reads from other programmes (employee social contributions, social and fiscal
work bonus, unemployment benefit) are declared here as plain inputs with the metadata those
programmes give them, so the income-tax formulas are tested on given amounts, independently of
the other programmes' state; the spine's taxable replacement-income aggregates are built over
the shared inputs and the unemployment stub. Case files give these amounts explicitly, so they
run unchanged against the full system.
"""

from __future__ import annotations

from functools import lru_cache

from mimosis.engine import TaxBenefitSystem, Variable
from mimosis.legislation import income_tax, inputs, replacement
from mimosis.legislation.entities import ENTITIES
from mimosis.legislation.replacement import ReplacementIncome
from mimosis.legislation.system import SHARED_REPLACEMENT_INCOMES, load_belgian_parameters

_REF = [{"act": "test stub", "article": "declared by another programme"}]


def _stub(name: str, period_unit: str) -> Variable:
    return Variable(
        name,
        entity="person",
        period_unit=period_unit,  # type: ignore[arg-type]
        dtype="float",
        unit=f"EUR/{period_unit}",
        behaviour="flow",
        label={"en": name, "nl": name, "fr": name},
        reference=_REF,
    )


STUBS = (
    _stub("employee_social_contributions", "month"),
    _stub("work_bonus_social", "month"),
    _stub("work_bonus_fiscal", "year"),
    _stub("unemployment_benefit", "month"),
)


@lru_cache(maxsize=1)
def income_tax_system() -> TaxBenefitSystem:
    base = [*inputs.variables(), *STUBS]
    components = [
        *SHARED_REPLACEMENT_INCOMES,
        ReplacementIncome("unemployment_benefit", "unemployment"),
    ]
    aggregates = replacement.variables(components, {v.name: v for v in base})
    variables = [*base, *aggregates, *income_tax.variables()]
    return TaxBenefitSystem(ENTITIES, variables, load_belgian_parameters(strict=False))
