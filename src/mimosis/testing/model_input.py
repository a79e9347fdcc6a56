"""A stand-in for ``mimosis.model_input.ModelInput`` (docs/decisions/0006-model-input.md), drawn
from simple distributions, for tests, benchmarks and the scenarios stage until the model-input
stage feeds the synthetic extract in.

It has the contract's fields and meanings. It is not a realistic Belgium: households of 1 to 6
persons, couples (married, legally cohabiting or de facto), children, employees with lognormal
wages, self-employed, pensioners, unemployed with a reference wage, sick or invalid persons with
a daily wage, and persons without income who may claim the integration income. Inputs are given
for the whole year (a yearly array of a monthly flow is spread evenly over the months; a stock
holds every month), so every month of the year can be simulated.

Weights: the design is a stratified sample (strata = region x household size), with household
weights that sum to the Belgian population of 1 January 2015 (Statbel, 11,209,044), Brussels
oversampled x 2 and compensated in the weights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Period, Population

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
StrArray = npt.NDArray[np.str_]

BELGIAN_POPULATION_2015 = 11_209_044  # Statbel, legal population 1 January 2015
REGIONS = ("flanders", "wallonia", "brussels")
REGION_SHARES = (0.575, 0.32, 0.105)  # Statbel key figures 2015
SAMPLE_REGION_SHARES = (0.52, 0.29, 0.19)  # Brussels oversampled (about x 2)
STATUSES = ("employee", "self_employed", "unemployed", "inactive", "sick_or_invalid")
STATUS_SHARES = (0.60, 0.09, 0.09, 0.14, 0.08)


@dataclass(frozen=True)
class StandInModelInput:
    """The fields of the contract of decision 0006 (calibration and imputation reports are
    empty: nothing is calibrated or imputed here)."""

    year: int
    population: Population
    weight: FloatArray
    household: IntArray
    age: IntArray
    stratum: IntArray
    household_type: StrArray
    region: StrArray
    labour_status: StrArray
    observed: Mapping[str, FloatArray]
    calibration: Any = None
    imputation: Any = None
    notes: tuple[str, ...] = field(default=("stand-in model input (mimosis.testing)",))


def _household_types(sizes: IntArray, couple: npt.NDArray[np.bool_]) -> StrArray:
    """One-person, couple without / with children, single parent, other (LIPRO-like)."""
    kind = np.where(
        sizes == 1,
        "one_person",
        np.where(
            couple,
            np.where(sizes == 2, "couple_without_children", "couple_with_children"),
            "single_parent",
        ),
    )
    return kind.astype(np.str_)


def standin_model_input(
    persons: int = 20_000, year: int = 2025, seed: int = 1
) -> StandInModelInput:
    """About ``persons`` persons in whole households, with inputs for every month of ``year``."""
    rng = np.random.default_rng(seed)
    sizes = rng.choice(
        [1, 2, 3, 4, 5, 6], size=max(persons // 2, 1), p=[0.34, 0.31, 0.15, 0.13, 0.05, 0.02]
    )
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), persons)) + 1]
    n_hh, n = int(sizes.size), int(sizes.sum())
    hh = np.repeat(np.arange(n_hh), sizes).astype(np.int64)
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
    adult_age = rng.integers(19, 92, size=n_hh)
    age = np.where(
        is_child, rng.integers(0, 24, size=n), adult_age[hh] + rng.integers(-3, 4, size=n)
    )
    age = np.clip(age, 0, 100).astype(np.int64)
    dependent = is_child & (age < 25)
    working_age = (age >= 18) & (age < 65)
    status = np.where(
        working_age,
        rng.choice(STATUSES, size=n, p=STATUS_SHARES),
        np.where(age >= 65, "retired", "student"),
    ).astype(np.str_)
    region_hh = rng.choice(REGIONS, size=n_hh, p=SAMPLE_REGION_SHARES).astype(np.str_)
    employee = status == "employee"
    fraction = np.where(employee & (rng.random(n) < 0.25), 0.5, np.where(employee, 1.0, 0.0))
    wage = np.where(employee, rng.lognormal(np.log(3300), 0.45, size=n) * fraction, 0.0)
    unemployed = status == "unemployed"
    sick = status == "sick_or_invalid"
    ref_wage = rng.lognormal(np.log(2800), 0.35, size=n)
    pension = np.where(status == "retired", rng.lognormal(np.log(1500), 0.45, n), 0.0)
    self_emp = np.where(status == "self_employed", rng.lognormal(np.log(28000), 0.8, n), 0.0)
    months = 12.0
    y = Period.parse(str(year))
    inputs: dict[str, dict[Any, Any]] = {
        "birth_year": {y: year - age},
        "birth_month": {y: rng.integers(1, 13, size=n)},
        "sex": {y: rng.choice(["male", "female"], size=n)},
        "labour_status": {y: status},
        "employee_gross_wage": {y: wage * months},
        "work_fraction": {y: np.where(employee, fraction, 0.0)},
        "is_blue_collar": {y: rng.random(n) < 0.4},
        "self_employed_net_income": {y: self_emp},
        "self_employed_occupation": {
            y: np.where(status == "self_employed", "main", "not_self_employed")
        },
        "pension_gross": {y: pension * months},
        "unemployment_reference_gross_wage": {y: np.where(unemployed, ref_wage * months, 0.0)},
        "unemployment_start_year": {y: np.where(unemployed, year - rng.integers(0, 4, n), 0)},
        "unemployment_years_of_work": {y: np.where(unemployed, rng.integers(0, 30, n), 0)},
        "sickness_invalidity_daily_wage": {y: np.where(sick, ref_wage / 26.0, 0.0)},
        "sickness_invalidity_start_year": {y: np.where(sick, year - rng.integers(0, 6, n), 0)},
        "region": {y: region_hh},
    }
    sample_share = np.array(SAMPLE_REGION_SHARES)[
        np.searchsorted(REGIONS, region_hh, sorter=np.argsort(REGIONS))
    ]
    true_share = np.array(REGION_SHARES)[
        np.searchsorted(REGIONS, region_hh, sorter=np.argsort(REGIONS))
    ]
    raw = true_share / sample_share
    hh_weight = raw * BELGIAN_POPULATION_2015 / float(np.sum(raw[hh]))
    population = _population(
        hh,
        role=role,
        civil=civil,
        dependent=dependent,
        partner=partner,
        inputs=inputs,
        weights=hh_weight,
    )
    stratum_hh = np.searchsorted(REGIONS, region_hh, sorter=np.argsort(REGIONS)) * 10 + np.minimum(
        sizes, 5
    )
    observed = _observed(rng, status, ref_wage, pension)
    return StandInModelInput(
        year=year,
        population=population,
        weight=hh_weight[hh],
        household=hh,
        age=age,
        stratum=stratum_hh[hh].astype(np.int64),
        household_type=_household_types(sizes, couple),
        region=region_hh,
        labour_status=status,
        observed=observed,
    )


def _population(
    hh: IntArray,
    *,
    role: Any,
    civil: Any,
    dependent: Any,
    partner: Any,
    inputs: dict[str, dict[Any, Any]],
    weights: FloatArray,
) -> Population:
    from mimosis.legislation.population import population_from_columns

    return population_from_columns(
        hh, role, civil, dependent, partner=partner, inputs=inputs, household_weights=weights
    )


def _observed(
    rng: np.random.Generator, status: StrArray, ref_wage: FloatArray, pension: FloatArray
) -> dict[str, FloatArray]:
    """Monthly amounts "as observed in the data": what an administrative file would report,
    drawn around the statutory levels (not computed by the model)."""
    n = status.size
    unemployed = status == "unemployed"
    sick = status == "sick_or_invalid"
    inactive = (status == "inactive") & (rng.random(n) < 0.12)
    return {
        "unemployment_benefit": np.where(unemployed, np.clip(ref_wage * 0.55, 1050, 1800), 0.0),
        "invalidity_benefit": np.where(sick, np.clip(ref_wage * 0.6, 1150, 2300), 0.0),
        "integration_income": np.where(inactive, rng.choice([860.0, 1290.0, 1740.0], size=n), 0.0),
        "pension_gross": pension.astype(np.float64),
    }
