"""A drawn stand-in for the model input, until ``mimosis.model_input`` feeds the synthetic
extract in: households of 1 to 5 persons, couples, children, employees with lognormal wages and
part-time fractions, self-employed, pensioners, unemployed, inactive; education and region.
It exercises every formula at any size; it is not a realistic Belgium and its results are not
estimates (the CLI says so when it uses it). Money flows are held over the year.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Period
from mimosis.incentives.data import SimpleModelInput, household_types
from mimosis.legislation.population import population_from_columns

EDUCATION = ("low", "medium", "high")


def drawn_model_input(persons: int, year: int = 2025, seed: int = 1) -> SimpleModelInput:
    """About ``persons`` persons in households (seeded)."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice([1, 2, 3, 4, 5], size=max(persons // 2, 1), p=[0.34, 0.31, 0.15, 0.13, 0.07])
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), persons) + 1]
    n_hh, n = sizes.size, int(sizes.sum())
    hh = np.repeat(np.arange(n_hh), sizes)
    start = np.repeat(np.cumsum(sizes) - sizes, sizes)
    pos = np.arange(n) - start
    couple = (sizes >= 2) & (rng.random(n_hh) < 0.75)
    is_partner = (pos == 1) & couple[hh]
    is_child = (pos >= 1) & ~is_partner
    role = np.where(pos == 0, "head", np.where(is_partner, "partner", "child"))
    union = rng.choice(["married", "legal_cohabitant", "single"], size=n_hh, p=[0.6, 0.15, 0.25])
    civil = np.where((pos <= 1) & couple[hh], union[hh], "single")
    partner = np.where(
        pos == 0, np.where(couple[hh], start + 1, -1), np.where(is_partner, start, -1)
    )
    adult_age = rng.integers(20, 85, size=n_hh)
    age = np.where(
        is_child, rng.integers(0, 28, size=n), adult_age[hh] + rng.integers(-3, 4, size=n)
    )
    age = np.clip(age, 0, 100)
    working_age = (age >= 18) & (age < 65)
    status = np.where(
        ~working_age,
        np.where(age >= 65, "retired", "student"),
        rng.choice(
            ["employee", "self_employed", "unemployed", "inactive", "sick_or_invalid"],
            size=n,
            p=[0.64, 0.09, 0.08, 0.12, 0.07],
        ),
    )
    education = rng.choice(EDUCATION, size=n, p=[0.25, 0.4, 0.35])
    female = rng.random(n) < 0.5
    region_hh = rng.choice(["flanders", "wallonia", "brussels"], size=n_hh, p=[0.58, 0.32, 0.1])
    edu_effect = np.select([education == "medium", education == "high"], [0.15, 0.4], 0.0)
    log_wage = (
        np.log(2600) + 0.03 * (age - 40) - 0.0006 * (age - 40) ** 2 + edu_effect - 0.08 * female
    )
    fte_wage = np.exp(log_wage + rng.normal(0, 0.3, size=n))
    employee = status == "employee"
    fraction = np.where(employee, np.where(rng.random(n) < 0.25, 0.5, 1.0), 0.0)
    wage = np.where(employee, fte_wage * fraction, 0.0)
    unemployed = status == "unemployed"
    months_out = rng.integers(1, 48, size=n)
    first = Period.of_month(year, 1)
    start_month = np.array([first.offset(-int(m) + 1).start.month for m in range(1, 49)])
    start_year = np.array([first.offset(-int(m) + 1).start.year for m in range(1, 49)])
    y = Period.of_year(year)
    inputs = {
        "birth_year": {y: year - age},
        "birth_month": {y: np.ones(n, dtype=np.int64)},
        "sex": {y: np.where(female, "female", "male")},
        "labour_status": {y: status},
        "employee_gross_wage": {y: 12 * wage},
        "work_fraction": {y: fraction},
        "is_blue_collar": {y: rng.random(n) < 0.4},
        "self_employed_net_income": {
            y: np.where(status == "self_employed", rng.lognormal(np.log(30000), 0.7, n), 0.0)
        },
        "pension_gross": {
            y: 12 * np.where(status == "retired", rng.lognormal(np.log(1500), 0.45, n), 0.0)
        },
        "unemployment_reference_gross_wage": {y: 12 * np.where(unemployed, fte_wage, 0.0)},
        "unemployment_start_year": {y: np.where(unemployed, start_year[months_out - 1], 0)},
        "unemployment_start_month": {y: np.where(unemployed, start_month[months_out - 1], 1)},
        "unemployment_years_of_work": {y: np.where(unemployed, rng.integers(0, 30, n), 0)},
        "region": {y: region_hh},
    }
    weights = np.full(n_hh, 11_800_000 / n)
    population = population_from_columns(
        hh,
        role,
        civil,
        is_child & (age < 25),
        partner=partner,
        inputs=inputs,
        household_weights=weights,
    )
    return SimpleModelInput(
        year=year,
        population=population,
        weight=weights[hh],
        household=hh.astype(np.int64),
        age=age.astype(np.int64),
        stratum=np.zeros(n, dtype=np.int64),
        household_type=household_types(population, is_child & (age < 25)),
        region=region_hh.astype(str),
        labour_status=status.astype(str),
        observed={},
        education=education.astype(str),
    )
