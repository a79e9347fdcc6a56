"""The child-benefit formulas restricted to their scheme's children (``for_schemes``) give what
the unrestricted formulas give, on a population with children under every scheme, in every
month of years before, during and after the communities' takeovers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mimosis.engine import Simulation, TaxBenefitSystem
from mimosis.legislation.system import default_system
from mimosis.testing.model_input import standin_model_input

OUTPUTS = ["child_benefit", "child_benefit_social_supplement", "child_benefit_household"]


def _unrestricted(system: TaxBenefitSystem) -> tuple[TaxBenefitSystem, list[str]]:
    """The system with every restricted formula replaced by the formula it wraps."""
    replaced = []
    names = []
    for name, variable in system.variables.items():
        formulas: dict[Any, Any] = variable.formulas()
        inner = {d: getattr(f, "__wrapped__", None) for d, f in formulas.items()}
        if formulas and all(f is not None for f in inner.values()):
            replaced.append(variable.evolve(formulas=inner))
            names.append(name)
    return system.replace_variables(replaced), names


@pytest.mark.parametrize(("year", "schemes"), [(2018, 2), (2020, 3), (2022, 4), (2025, 4)])
def test_restricted_formulas_equal_the_full_ones(year: int, schemes: int) -> None:
    system = default_system()
    full_system, names = _unrestricted(system)
    assert len(names) >= 14  # Brussels 5, Wallonia 4, federal 4, Flanders 3
    model_input = standin_model_input(persons=3_000, year=year, seed=7)
    scheme = None
    for month in range(1, 13):
        period = f"{year}-{month:02d}"
        outputs = [*OUTPUTS, *names, "child_benefits_scheme"]
        fast = Simulation(system, model_input.population).compute(outputs, period)
        slow = Simulation(full_system, model_input.population).compute(outputs, period)
        for name in [*OUTPUTS, *names]:
            np.testing.assert_array_equal(fast[name], slow[name], err_msg=f"{name} {period}")
        scheme = fast["child_benefits_scheme"]
    assert scheme is not None and np.unique(scheme).size >= schemes  # none + those in force
