"""Invariants of the unemployment and social-assistance programmes on many single persons.

Single-person households over a grid of wages, start dates and resources: the daily amount
stays between the category minimum and the months 1-3 maximum and does not fall when the
wage rises within a phase; the integration income never exceeds the category amount and
does not rise with resources.
"""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Population, Simulation, TaxBenefitSystem
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.population import population_from_columns
from mimosis.legislation.system import build_system

PERIOD = "2025-03"


@pytest.fixture(scope="module")
def system() -> TaxBenefitSystem:
    # social assistance counts the IVT and the GRAPA: their programmes (and what they read)
    return build_system(
        [
            "pensions",
            "social_contributions",
            "unemployment",
            "income_guarantee_elderly",
            "disability",
            "social_assistance",
        ]
    )


def _singles(n: int, inputs: dict[str, np.ndarray]) -> Population:
    return population_from_columns(
        np.arange(n),
        np.array(["head"] * n),
        np.array(["single"] * n),
        np.zeros(n, dtype=bool),
        inputs={k: {PERIOD: v} for k, v in inputs.items()},
    )


def test_daily_amount_bounded_and_monotone_in_wage(system: TaxBenefitSystem) -> None:
    wages = np.linspace(500, 6000, 56)
    months = np.array([2, 5, 10, 13, 20, 27, 33, 39, 45, 60])
    w, m = (a.ravel() for a in np.meshgrid(wages, months))
    n = w.size
    total = 2025 * 12 + 2 - (m - 1)  # March 2025 is month m
    pop = _singles(
        n,
        {
            "birth_year": np.full(n, 1985),
            "labour_status": np.full(n, LABOUR_STATUS.index("unemployed")),
            "unemployment_reference_gross_wage": w,
            "unemployment_start_year": total // 12,
            "unemployment_start_month": total % 12 + 1,
            "unemployment_years_of_work": np.full(n, 17),
        },
    )
    daily = Simulation(system, pop).compute(["unemployment_daily_amount"], PERIOD)[
        "unemployment_daily_amount"
    ]
    assert daily.min() >= 55.29 - 1e-9  # living-alone minimum (RVA 01.02.2025)
    assert daily.max() <= 85.81 + 1e-9  # months 1-3 maximum
    by_phase = daily.reshape(months.size, wages.size)
    assert np.all(np.diff(by_phase, axis=1) >= -1e-9)


def test_integration_income_bounded_and_decreasing(system: TaxBenefitSystem) -> None:
    resources = np.linspace(0, 1500, 151)
    n = resources.size
    pop = _singles(
        n,
        {"birth_year": np.full(n, 1990), "social_assistance_other_resources": resources},
    )
    ri = Simulation(system, pop).compute(["integration_income"], PERIOD)["integration_income"]
    assert ri.max() <= 1314.20 + 1e-9  # category 2, February 2025
    assert ri.min() >= 0
    assert np.all(np.diff(ri) <= 1e-9)
    assert ri[-1] == 0
