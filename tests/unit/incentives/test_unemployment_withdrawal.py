"""The METR and PTR of a fully unemployed person see the withdrawal of benefit days (issue 9).

A tiny population (March 2025): an unemployed person living alone in month 2 of the right,
last wage 5,000 (daily amount 85.81, the RVA maximum of months 1-3 valid from 01.02.2025;
26 days = 2,231.06 a month), and a full-time worker in a second household. A day worked is a
day without benefit (RD 25/11/1991 art. 44, 71; parameters/unemployment/work_days.yaml).

- METR at a first earning of 100 EUR: work fraction 100 / 2,111.88 (the minimum wage of
  March 2025) = 0.0474 -> 0.0474 x 26 = 1.231 days, rounded up to the half day = 1.5 days
  worked; benefit 85.81 x 24.5 = 2,102.35 instead of 2,231.06: the benefit alone takes
  128.71 / 100.
- METR at one hour a week (the hour increment): 1/38 x 26 = 0.684 days -> 1 day worked;
  benefit 85.81 x 25 = 2,145.25, a loss of 85.81 on 2,111.88 / 38 = 55.58 earned.
- PTR of a full-time job at the minimum wage: labour status employee and work fraction 1, so
  the whole 2,231.06 is withdrawn: the benefit alone takes 2,231.06 / 2,111.88.
"""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Period, Simulation
from mimosis.incentives.data import SimpleModelInput, household_types
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import IncentiveResults, compute_incentives
from mimosis.incentives.wages import WageModel
from mimosis.legislation.population import population_from_columns
from mimosis.legislation.system import build_system

YEAR = 2025
PERIOD = "2025-03"
DAILY = 85.81
FULL_MONTH = 2231.06  # 85.81 x 26
#: GGMMI of March 2025 (parameter sickness_invalidity.family_situation.minimum_wage: 2,070.52
#: indexed x 1.02 from February 2025)
MINIMUM_WAGE = 2111.88
UNEMPLOYED = 0

WAGES = WageModel(
    ("intercept", "age", "age_squared_per_100", "female"),
    np.array([np.log(2800.0), 0.0, 0.0, 0.0]),
    (),
    ("flanders",),
    100,
    80,
    0.0,
)


def _model_input(**overrides: np.ndarray) -> SimpleModelInput:
    """Person 0: the unemployed; person 1: a full-time worker (another household)."""
    hh = np.array([0, 1])
    year = Period.of_year(YEAR)
    inputs = {
        "birth_year": np.array([1985, 1980]),
        "birth_month": np.array([1, 1]),
        "sex": np.array(["female", "male"]),
        "labour_status": np.array(["unemployed", "employee"]),
        "employee_gross_wage": 12 * np.array([0.0, 3500.0]),
        "work_fraction": np.array([1.0, 1.0]),  # the default of a person without a job
        "is_blue_collar": np.zeros(2, dtype=bool),
        "unemployment_reference_gross_wage": 12 * np.array([5000.0, 0.0]),
        "unemployment_start_year": np.array([2025, 0]),
        "unemployment_start_month": np.array([2, 1]),
        "unemployment_years_of_work": np.array([10, 0]),
    }
    inputs.update(overrides)
    held = {k: {year: v} for k, v in inputs.items()}
    held["region"] = {year: np.array(["flanders", "flanders"])}
    child = np.zeros(2, dtype=bool)
    population = population_from_columns(
        hh, np.array(["head", "head"]), np.array(["single", "single"]), child, inputs=held
    )
    return SimpleModelInput(
        year=YEAR,
        population=population,
        weight=np.ones(2),
        household=hh.astype(np.int64),
        age=np.array([40, 45], dtype=np.int64),
        stratum=np.zeros(2, dtype=np.int64),
        household_type=household_types(population, child),
        region=np.array(["flanders", "flanders"]),
        labour_status=np.array(["unemployed", "employee"]),
    )


@pytest.fixture(scope="module")
def system():  # type: ignore[no-untyped-def]
    return build_system()


def _results(system, increment: str) -> IncentiveResults:  # type: ignore[no-untyped-def]
    options = IncentiveOptions(increment=increment, month=3)  # type: ignore[arg-type]
    return compute_incentives(_model_input(), system, options=options, wage_model=WAGES)


@pytest.fixture(scope="module")
def results(system) -> IncentiveResults:  # type: ignore[no-untyped-def]
    return _results(system, "percent")


def _row(results: IncentiveResults) -> int:
    return int(np.flatnonzero(results.persons == UNEMPLOYED)[0])


def _part(results: IncentiveResults, measure: str, name: str) -> float:
    names = [c.variable for c in results.components]
    return float(results.rates["baseline"][measure].parts[_row(results), names.index(name)])


def _simulate(system, **overrides: np.ndarray) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    sim = Simulation(system, _model_input(**overrides).population)
    got = sim.compute(["disposable_income", "unemployment_benefit"], PERIOD)
    return {k: np.asarray(v) for k, v in got.items()}


def test_baseline_pays_the_full_month(system) -> None:  # type: ignore[no-untyped-def]
    base = _simulate(system)
    assert base["unemployment_benefit"][UNEMPLOYED] == pytest.approx(FULL_MONTH, abs=1e-9)


def test_first_earning_withdraws_one_and_a_half_days(system, results) -> None:  # type: ignore[no-untyped-def]
    """METR at 100 EUR: the benefit part is (2,231.06 - 2,102.35) / 100 = 1.2871."""
    lost = FULL_MONTH - round(DAILY * 24.5, 2)
    assert lost == pytest.approx(128.71, abs=1e-9)
    assert _part(results, "metr", "unemployment_benefit") == pytest.approx(lost / 100.0, abs=1e-9)
    # the whole rate against two plain simulations (the same inputs as the pass)
    base = _simulate(system)
    job = _simulate(
        system,
        employee_gross_wage=12 * np.array([100.0, 3500.0]),
        work_fraction=np.array([100.0 / MINIMUM_WAGE, 1.0]),
    )
    assert job["unemployment_benefit"][UNEMPLOYED] == pytest.approx(2102.35, abs=1e-9)
    expected = 1 - (job["disposable_income"][0] - base["disposable_income"][0]) / 100.0
    rate = results.rates["baseline"]["metr"].rate[_row(results)]
    assert rate == pytest.approx(expected, abs=1e-9)
    assert rate > 1.0  # a first small job costs more than it earns


def test_one_more_hour_a_week_withdraws_one_day(system) -> None:  # type: ignore[no-untyped-def]
    """Hour increment: 1/38 x 26 = 0.68 days -> 1 day; 85.81 lost on 55.58 earned."""
    res = _results(system, "hour")
    earned = MINIMUM_WAGE / (38.0 * 52.0 / 12.0) * 52.0 / 12.0  # one hour a week, a month
    assert earned == pytest.approx(55.58, abs=0.01)
    lost = FULL_MONTH - round(DAILY * 25, 2)
    assert lost == pytest.approx(DAILY, abs=1e-9)
    assert _part(res, "metr", "unemployment_benefit") == pytest.approx(lost / earned, abs=1e-9)


def test_ptr_of_a_full_time_job_withdraws_the_whole_benefit(system, results) -> None:  # type: ignore[no-untyped-def]
    """PTR at the minimum wage: the benefit part is 2,231.06 / 2,111.88 = 1.0564."""
    assert results.ptr_job[_row(results)] == "minimum_wage"
    part = _part(results, "ptr", "unemployment_benefit")
    assert part == pytest.approx(FULL_MONTH / MINIMUM_WAGE, abs=1e-9)
    base = _simulate(system)
    job = _simulate(
        system,
        labour_status=np.array(["employee", "employee"]),
        employee_gross_wage=12 * np.array([MINIMUM_WAGE, 3500.0]),
        work_fraction=np.array([1.0, 1.0]),
    )
    assert job["unemployment_benefit"][UNEMPLOYED] == 0.0
    expected = 1 - (job["disposable_income"][0] - base["disposable_income"][0]) / MINIMUM_WAGE
    rate = results.rates["baseline"]["ptr"].rate[_row(results)]
    assert rate == pytest.approx(expected, abs=1e-9)


def test_a_full_time_job_alone_ends_the_benefit(system) -> None:  # type: ignore[no-untyped-def]
    """Even with the labour status left at 'unemployed', a full-time wage job leaves no day."""
    job = _simulate(
        system,
        employee_gross_wage=12 * np.array([MINIMUM_WAGE, 3500.0]),
        work_fraction=np.array([1.0, 1.0]),
    )
    assert job["unemployment_benefit"][UNEMPLOYED] == 0.0
