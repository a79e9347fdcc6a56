"""Net income (person, month) and disposable income (household, month).

The components are declared, not written here: each programme contributes ``IncomeComponent``
entries (``system.py`` assembles those of the programmes present), so a later programme adds
itself without editing this file:

- ``income``: gross earnings, replacement incomes and benefits (added to
  ``income_before_deductions``);
- ``deduction``: personal social contributions and taxes (added to ``personal_deductions``);
- ``reduction``: reductions of those contributions and taxes paid through them (e.g. the
  social work bonus), subtracted from ``personal_deductions``.

``net_income = income_before_deductions - personal_deductions``; ``disposable_income`` is the
household sum of its members' net incomes.

A component of another entity than the person (the personal income tax of the fiscal
household, a household benefit) is attributed to the member holding the entity's principal
role (``entities.PRINCIPAL_ROLE``: the declarant, the family unit's adult, the household's
head): household totals are exact, the split between members is a convention. A component
with another period (the yearly tax, yearly business income) is read over the month by the
engine's flow conversion (one twelfth of the year).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from mimosis.engine import PERSON, Context, Variable, VariableError
from mimosis.legislation.entities import HOUSEHOLD, PRINCIPAL_ROLE

Kind = Literal["income", "deduction", "reduction"]
FloatArray = npt.NDArray[np.float64]

_DEFINITION = {
    "act": "mimosis",
    "article": "definition of net and disposable income (docs/legislation-guide.md)",
}


@dataclass(frozen=True)
class IncomeComponent:
    """A variable that enters net income, and how."""

    variable: str
    kind: Kind

    def __post_init__(self) -> None:
        if self.kind not in ("income", "deduction", "reduction"):
            raise VariableError(
                f"income component {self.variable!r}: kind must be income, deduction or reduction"
            )


def _on_persons(ctx: Context, variable: Variable, values: Any) -> FloatArray:
    """A component as a person array (group amounts go to the principal member)."""
    arr = np.asarray(values, dtype=np.float64)
    if variable.entity == PERSON:
        return arr
    group = ctx.group(variable.entity)
    principal = group.has_role(PRINCIPAL_ROLE[variable.entity])
    return np.where(principal, group.project(arr), 0.0)


def _sum_formula(components: tuple[tuple[Variable, float], ...]) -> Any:
    def formula(ctx: Context) -> FloatArray:
        total = ctx.zeros()
        for variable, sign in components:
            total = total + sign * _on_persons(ctx, variable, ctx.get(variable.name))
        return total

    return formula


def _net_income(ctx: Context) -> FloatArray:
    return np.asarray(
        ctx.get("income_before_deductions") - ctx.get("personal_deductions"), dtype=np.float64
    )


def _disposable_income(ctx: Context) -> FloatArray:
    return np.asarray(ctx.group(HOUSEHOLD.name).sum(ctx.get("net_income")), dtype=np.float64)


def _money(name: str, label: dict[str, str], entity: str = PERSON, **kw: Any) -> Variable:
    return Variable(
        name,
        entity=entity,
        period_unit="month",
        dtype="float",
        unit="EUR/month",
        behaviour="flow",
        label=label,
        reference=[_DEFINITION],
        **kw,
    )


def variables(
    components: Sequence[IncomeComponent], declared: dict[str, Variable]
) -> list[Variable]:
    """``income_before_deductions``, ``personal_deductions``, ``net_income``,
    ``disposable_income`` over the ``components`` (each must be among ``declared``)."""
    incomes: list[tuple[Variable, float]] = []
    deductions: list[tuple[Variable, float]] = []
    for c in components:
        variable = declared.get(c.variable)
        if variable is None:
            raise VariableError(f"income component {c.variable!r} is not a declared variable")
        if variable.dtype != "float" or variable.unit not in (
            "EUR/month",
            "EUR/quarter",
            "EUR/year",
        ):
            raise VariableError(f"income component {c.variable!r} is not an amount per period")
        if c.kind == "income":
            incomes.append((variable, 1.0))
        else:
            deductions.append((variable, 1.0 if c.kind == "deduction" else -1.0))
    return [
        _money(
            "income_before_deductions",
            {
                "en": "Gross earnings, replacement incomes and benefits",
                "nl": "Bruto arbeidsinkomen, vervangingsinkomens en uitkeringen",
                "fr": "Revenus bruts du travail, revenus de remplacement et prestations",
            },
            dependencies=[v.name for v, _ in incomes],
            formula=_sum_formula(tuple(incomes)),
        ),
        _money(
            "personal_deductions",
            {
                "en": "Personal social contributions and taxes (net of reductions)",
                "nl": "Persoonlijke sociale bijdragen en belastingen (na verminderingen)",
                "fr": "Cotisations sociales personnelles et impôts (après réductions)",
            },
            dependencies=[v.name for v, _ in deductions],
            formula=_sum_formula(tuple(deductions)),
        ),
        _money(
            "net_income",
            {"en": "Net income", "nl": "Netto-inkomen", "fr": "Revenu net"},
            dependencies=["income_before_deductions", "personal_deductions"],
            formula=_net_income,
        ),
        _money(
            "disposable_income",
            {
                "en": "Household disposable income",
                "nl": "Beschikbaar gezinsinkomen",
                "fr": "Revenu disponible du ménage",
            },
            entity=HOUSEHOLD.name,
            dependencies=["net_income"],
            formula=_disposable_income,
        ),
    ]
