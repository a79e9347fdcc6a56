"""Unit checks of the social_contributions, work_bonus and self_employed programmes.

- the published indexed thresholds move by the 2 % index step between legal changes;
- invariants on a grid of wages: the work bonus never exceeds the personal contributions, the
  structural reduction never exceeds the employer contributions, amounts are non-negative.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

import mimosis
from mimosis.engine import Membership, Population, Simulation, load_parameters
from mimosis.legislation.entities import ENTITIES
from mimosis.legislation.system import build_system

ROOT = Path(mimosis.__file__).parent / "parameters"


@pytest.mark.parametrize(
    ("path", "steps"),
    [
        # (from, to) pairs that are pure index steps (x 1.02 per step)
        (
            "social_contributions.structural_reduction.private_sector.low_wage_threshold",
            [(date(2018, 1, 1), date(2018, 10, 1), 1), (date(2022, 4, 1), date(2023, 1, 1), 4)],
        ),
        (
            "work_bonus.social.part_a.lower_limit",
            [(date(2024, 5, 1), date(2025, 2, 1), 1), (date(2020, 3, 1), date(2021, 9, 1), 1)],
        ),
    ],
)
def test_index_steps(path: str, steps: list[tuple[date, date, int]]) -> None:
    tree = load_parameters(ROOT)
    for start, end, n in steps:
        before = tree.at(start)[path]
        after = tree.at(end)[path]
        assert isinstance(before, float) and isinstance(after, float)
        assert after == pytest.approx(
            before * 1.02**n, abs=0.05
        )  # each amount is re-derived and rounded by the law


def _population(wages: np.ndarray, blue: np.ndarray, fraction: np.ndarray) -> Population:
    n = len(wages)
    hh = np.arange(n)
    roles = {
        "household": Membership(hh, np.array(["head"] * n)),
        "fiscal_household": Membership(hh, np.array(["declarant"] * n)),
        "family_unit": Membership(hh, np.array(["adult"] * n)),
    }
    inputs = {
        "employee_gross_wage": {"2025": wages * 12},
        "is_blue_collar": {"2025": blue},
        "work_fraction": {"2025": fraction},
        "labour_status": {"2025": np.zeros(n, dtype=np.int16)},
    }
    return Population(list(ENTITIES), roles, inputs=inputs)


def test_invariants_on_a_wage_grid() -> None:
    system = build_system(["social_contributions", "work_bonus"])
    wages = np.linspace(0.0, 6000.0, 121)
    n = len(wages)
    pop = _population(
        np.concatenate([wages, wages]),
        np.repeat([False, True], n),
        np.tile(np.where(np.arange(n) % 3 == 0, 0.5, 1.0), 2),
    )
    sim = Simulation(system, pop)
    month = sim.compute(
        [
            "work_bonus_social",
            "employee_social_contributions",
            "special_social_security_contribution",
        ],
        "2025-05",
    )
    assert np.all(month["work_bonus_social"] >= 0)
    assert np.all(month["work_bonus_social"] <= month["employee_social_contributions"] + 1e-9)
    assert np.all(month["special_social_security_contribution"] >= 0)
    quarter = sim.compute(["structural_reduction", "employer_social_contributions"], "2025-Q2")
    assert np.all(quarter["structural_reduction"] >= 0)
    assert np.all(
        quarter["structural_reduction"] <= quarter["employer_social_contributions"] + 1e-9
    )
