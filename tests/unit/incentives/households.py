"""Hypothetical households for the incentive and take-up tests (2025, inputs over the year)."""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import Period
from mimosis.incentives.data import SimpleModelInput, household_types
from mimosis.legislation.population import population_from_columns

YEAR = 2025

# one row per person: household, role, age, civil status, labour status, monthly gross wage,
# work fraction, dependent child
PERSONS: list[tuple[int, str, int, str, str, float, float, bool]] = [
    (0, "head", 40, "single", "employee", 4000.0, 1.0, False),  # single
    (1, "head", 45, "married", "employee", 3000.0, 1.0, False),  # couple, one earner
    (1, "partner", 43, "married", "inactive", 0.0, 0.0, False),
    (2, "head", 38, "married", "employee", 2500.0, 1.0, False),  # couple, two earners
    (2, "partner", 36, "married", "employee", 2000.0, 0.8, False),
    (3, "head", 33, "single", "employee", 1800.0, 0.8, False),  # single parent
    (3, "child", 8, "single", "student", 0.0, 0.0, True),
    (4, "head", 30, "single", "employee", 1480.0, 0.7, False),  # single on the integration income
]
NAMES = ("single", "couple_one_earner", "couple_two_earners", "single_parent", "integration_income")


def columns(wage: np.ndarray | None = None, **overrides: Any) -> dict[str, Any]:
    hh = np.array([p[0] for p in PERSONS])
    inputs = {
        "birth_year": YEAR - np.array([p[2] for p in PERSONS]),
        "sex": np.array(["female", "male", "female", "male", "female", "female", "male", "male"]),
        "labour_status": np.array([p[4] for p in PERSONS]),
        "employee_gross_wage": 12 * (np.array([p[5] for p in PERSONS]) if wage is None else wage),
        "work_fraction": np.array([p[6] for p in PERSONS]),
        "is_blue_collar": np.zeros(len(PERSONS), dtype=bool),
    }
    inputs.update(overrides)
    return {"hh": hh, "inputs": inputs}


def model_input(wage: np.ndarray | None = None, **overrides: Any) -> SimpleModelInput:
    c = columns(wage, **overrides)
    hh = c["hh"]
    year = Period.of_year(YEAR)
    n_hh = int(hh.max()) + 1
    inputs = {k: {year: v} for k, v in c["inputs"].items()}
    inputs["region"] = {year: np.array(["flanders"] * n_hh)}
    child = np.array([p[7] for p in PERSONS])
    population = population_from_columns(
        hh,
        np.array([p[1] for p in PERSONS]),
        np.array([p[3] for p in PERSONS]),
        child,
        inputs=inputs,
    )
    return SimpleModelInput(
        year=YEAR,
        population=population,
        weight=np.ones(len(PERSONS)),
        household=hh.astype(np.int64),
        age=np.array([p[2] for p in PERSONS], dtype=np.int64),
        stratum=np.zeros(len(PERSONS), dtype=np.int64),
        household_type=household_types(population, child),
        region=np.array(["flanders"] * n_hh),
        labour_status=np.array([p[4] for p in PERSONS]),
        education=np.array(["high", "medium", "low", "high", "medium", "medium", "low", "low"]),
    )


def wages() -> np.ndarray:
    return np.array([p[5] for p in PERSONS])
