"""The components of net income, read from the system (``legislation/system.py``): which
variable is earnings, a benefit (income), a tax or contribution (deduction) or a reduction of
those, and their household totals in a simulation.

The decomposition of every incentive rate rests on the identity of ``legislation/income.py``:
``disposable_income`` (household) = sum over members of (incomes - deductions + reductions),
a group amount being attributed to the group's principal member. The change of disposable
income is therefore exactly the signed sum of the changes of the components' household totals.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from mimosis.engine import PERSON, Reform, Simulation, TaxBenefitSystem
from mimosis.incentives.data import FloatArray
from mimosis.legislation.entities import PRINCIPAL_ROLE
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.system import PROGRAMMES, SHARED_COMPONENTS

Kind = Literal["income", "deduction", "reduction"]
EARNINGS = "employee_gross_wage"
INCOMES = "income_before_deductions"
DEDUCTIONS = "personal_deductions"


@dataclass(frozen=True)
class Component:
    """One net-income component: its variable, kind, programme and sign in net income."""

    variable: str
    kind: Kind
    programme: str

    @property
    def sign(self) -> float:
        """+1 for what adds to net income (incomes, reductions), -1 for deductions."""
        return -1.0 if self.kind == "deduction" else 1.0


def _declared_components() -> dict[str, tuple[Kind, str]]:
    """Variable -> (kind, programme), as ``system.py`` assembles them."""
    found: dict[str, tuple[Kind, str]] = {
        c.variable: (c.kind, "earnings_and_incomes") for c in SHARED_COMPONENTS
    }
    for programme in PROGRAMMES:
        listed: tuple[IncomeComponent, ...] = programme.income_components
        try:
            module = importlib.import_module(f"mimosis.legislation.{programme.name}")
        except ImportError:
            module = None
        own = getattr(module, "income_components", None)
        if callable(own):
            listed = tuple(
                c if isinstance(c, IncomeComponent) else IncomeComponent(*c) for c in own()
            )
        for c in listed:
            found[c.variable] = (c.kind, programme.name)
    return found


def income_components(system: TaxBenefitSystem) -> tuple[Component, ...]:
    """The components net income is built from in ``system``, in a stable order.

    The list is read from the dependencies of ``income_before_deductions`` (incomes) and
    ``personal_deductions`` (deductions and reductions); the programme and the deduction /
    reduction distinction come from the programme declarations.
    """
    declared = _declared_components()
    out: list[Component] = []
    for d in system.variable(INCOMES).dependencies:
        programme = declared.get(d.variable, ("income", "other"))[1]
        out.append(Component(d.variable, "income", programme))
    for d in system.variable(DEDUCTIONS).dependencies:
        kind, programme = declared.get(d.variable, ("deduction", "other"))
        out.append(
            Component(d.variable, "reduction" if kind == "reduction" else "deduction", programme)
        )
    return tuple(out)


def household_totals(
    sim: Simulation,
    components: tuple[Component, ...],
    period: str,
    retain_for: Sequence[Reform | str] = (),
) -> dict[str, FloatArray]:
    """Per component, its household total over ``period`` (group amounts on the principal
    member, as in net income), plus ``disposable_income``. Everything is computed in one call;
    ``retain_for`` as in ``Simulation.compute``."""
    names = [c.variable for c in components]
    out = sim.compute([*names, "disposable_income"], period, retain_for=retain_for)
    return _by_household(sim, components, out)


def household_totals_with(
    sim: Simulation, reform: Reform, components: tuple[Component, ...], period: str
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """``household_totals`` of ``sim`` and of ``sim.derive(reform)``, computed in one
    execution (``Simulation.compute_with``: nothing is retained for the derivation)."""
    names = [*(c.variable for c in components), "disposable_income"]
    out, derived = sim.compute_with(reform, names, period)
    reformed = derived.compute(names, period)
    derived.release()
    return _by_household(sim, components, out), _by_household(sim, components, reformed)


def _by_household(
    sim: Simulation, components: tuple[Component, ...], out: dict[str, np.ndarray]
) -> dict[str, FloatArray]:
    population = sim.population
    household = population.group(population.household)
    totals: dict[str, FloatArray] = {}
    for c in components:
        values = np.asarray(out[c.variable], dtype=np.float64)
        entity = sim.system.variable(c.variable).entity
        if entity != PERSON:
            group = population.group(entity)
            principal = group.has_role(PRINCIPAL_ROLE[entity])
            values = np.where(principal, group.project(values), 0.0)
        totals[c.variable] = household.sum(values)
    totals["disposable_income"] = np.asarray(out["disposable_income"], dtype=np.float64)
    return totals


def downstream(system: TaxBenefitSystem, inputs: Sequence[str]) -> frozenset[str]:
    """Every variable that depends, directly or not, on one of ``inputs`` (and those)."""
    seen = set(inputs)
    todo = list(inputs)
    while todo:
        for consumer in system.consumers(todo.pop()):
            if consumer not in seen:
                seen.add(consumer)
                todo.append(consumer)
    return frozenset(seen)
