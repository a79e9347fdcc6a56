"""METR, PTR and replacement rates of hypothetical households: each checked against an
independent brute-force computation (two plain simulations) or against a hand computation."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Simulation
from mimosis.incentives.components import income_components
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import IncentiveResults, compute_incentives
from mimosis.incentives.wages import WageModel
from mimosis.legislation.system import build_system
from tests.unit.incentives.households import PERSONS, model_input, wages

PERIOD = "2025-01"


@pytest.fixture(scope="module")
def system():  # type: ignore[no-untyped-def]
    return build_system()


#: a fixed wage model (the test households are too few to estimate one): 2,800 EUR full time
WAGES = WageModel(
    ("intercept", "age", "age_squared_per_100", "female"),
    np.array([np.log(2800.0), 0.0, 0.0, 0.0]),
    (),
    ("flanders",),
    100,
    80,
    0.0,
)


@pytest.fixture(scope="module")
def results(system) -> IncentiveResults:  # type: ignore[no-untyped-def]
    options = IncentiveOptions(increment="percent")
    return compute_incentives(model_input(), system, options=options, wage_model=WAGES)


def _disposable(system, wage: np.ndarray, **overrides) -> np.ndarray:  # type: ignore[no-untyped-def]
    sim = Simulation(system, model_input(wage, **overrides).population)
    return np.asarray(sim.compute(["disposable_income"], PERIOD)["disposable_income"])


def _row(results: IncentiveResults, person: int) -> int:
    return int(np.flatnonzero(results.persons == person)[0])


@pytest.mark.parametrize("person", [0, 1, 3, 4, 5, 7])
def test_metr_of_each_worker_equals_two_plain_simulations(system, results, person) -> None:  # type: ignore[no-untyped-def]
    base = wages()
    bumped = base.copy()
    bumped[person] *= 1.01
    hh = PERSONS[person][0]
    d0, d1 = _disposable(system, base)[hh], _disposable(system, bumped)[hh]
    expected = 1 - (d1 - d0) / (0.01 * base[person])
    got = results.rates["baseline"]["metr"].rate[_row(results, person)]
    assert got == pytest.approx(expected, abs=1e-9)


def test_two_earners_are_perturbed_in_separate_passes(system, results) -> None:  # type: ignore[no-untyped-def]
    """Head and partner of household 2 each get their own rate: neither sees the other's raise."""
    metr = results.rates["baseline"]["metr"].rate
    head, partner = metr[_row(results, 3)], metr[_row(results, 4)]
    base = wages()
    both = base.copy()
    both[[3, 4]] *= 1.01
    joint = 1 - (_disposable(system, both)[2] - _disposable(system, base)[2]) / (
        0.01 * base[[3, 4]].sum()
    )
    assert not np.isclose(joint, head) or not np.isclose(joint, partner) or head == partner


def test_decomposition_adds_up_to_the_rate(results) -> None:  # type: ignore[no-untyped-def]
    for system_name, measures in results.rates.items():
        for measure, r in measures.items():
            ok = ~np.isnan(r.rate)
            assert ok.any(), (system_name, measure)
            np.testing.assert_allclose(r.parts[ok].sum(axis=1), r.rate[ok], rtol=0, atol=1e-12)


def test_high_earner_pays_the_employee_contribution_rate(results) -> None:  # type: ignore[no-untyped-def]
    """Single at 4,000 a month (white collar): above the work-bonus range, the employee
    contribution is 13.07 % of the raise (Act of 29 June 1981 art. 38 §3, 1°), to the cent on
    the 40 EUR raise (0.01 / 40 = 0.00025)."""
    names = [c.variable for c in results.components]
    parts = results.rates["baseline"]["metr"].parts[_row(results, 0)]
    assert parts[names.index("employee_social_contributions")] == pytest.approx(0.1307, abs=0.00025)
    assert parts[names.index("work_bonus_social")] == pytest.approx(0.0, abs=1e-9)


def test_integration_income_cliff_gives_a_rate_above_100_percent(results) -> None:  # type: ignore[no-untyped-def]
    """Single at 1,480 a month on a top-up of integration income (hand computation, 2025).

    Net earnings counted: 1,480 x (1 - 0.1307) = 1,286.56 a month, 15,438.77 a year, below the
    single amount 15,461.53 (RD 11/7/2002 art. 22 §2: the general exemption of 250 applies):
    integration income (15,461.53 - (15,438.77 - 250)) / 12 = 22.73 a month. After the 1 %
    raise (14.80): 1,494.80 x 0.8693 x 12 = 15,593.09 >= 15,461.53: the exemption no longer
    applies and nothing is paid. The integration income alone takes 22.73 / 14.80 = 153.6 %.
    """
    row = _row(results, 7)
    names = [c.variable for c in results.components]
    metr = results.rates["baseline"]["metr"]
    net = 1480.0 * (1 - 0.1307) * 12
    before = round((15461.53 - (net - 250.0)) / 12, 2)
    assert before == pytest.approx(22.73, abs=0.01)
    assert metr.parts[row, names.index("integration_income")] == pytest.approx(
        before / 14.80, abs=1e-3
    )
    assert metr.rate[row] > 1.0


def test_ptr_of_a_worker_against_an_out_of_work_population(system, results) -> None:  # type: ignore[no-untyped-def]
    """Single at 4,000: PTR = 1 - (D in work - D unemployed in the first month) / 4,000."""
    wage = wages()
    out = wage.copy()
    out[0] = 0.0
    status = np.array([p[4] for p in PERSONS], dtype="<U16")
    status[0] = "unemployed"
    fraction = np.array([p[6] for p in PERSONS])
    fraction[0] = 0.0
    d_out = _disposable(
        system,
        out,
        labour_status=status,
        work_fraction=fraction,
        unemployment_reference_gross_wage=12 * np.where(np.arange(len(PERSONS)) == 0, 4000.0, 0.0),
        unemployment_start_year=np.full(len(PERSONS), 2025),
        unemployment_start_month=np.full(len(PERSONS), 1),
    )[0]
    d_in = _disposable(system, wage)[0]
    row = _row(results, 0)
    assert results.rates["baseline"]["ptr"].rate[row] == pytest.approx(
        1 - (d_in - d_out) / 4000.0, abs=1e-9
    )
    assert results.rates["baseline"]["replacement"].rate[row] == pytest.approx(
        d_out / d_in, abs=1e-12
    )
    assert results.ptr_job[row] == "own_job"


def test_non_worker_gets_minimum_wage_and_predicted_wage_rates(results) -> None:  # type: ignore[no-untyped-def]
    row = _row(results, 2)  # the inactive partner of household 1
    assert results.ptr_job[row] == "minimum_wage"
    assert not np.isnan(results.rates["baseline"]["ptr"].rate[row])
    assert not np.isnan(results.rates["baseline"]["ptr_predicted"].rate[row])
    assert np.isnan(results.rates["baseline"]["ptr_predicted"].rate[_row(results, 0)])


def test_children_are_not_analysed(results) -> None:  # type: ignore[no-untyped-def]
    assert 6 not in results.persons.tolist()


def test_components_come_from_the_system(system) -> None:  # type: ignore[no-untyped-def]
    comps = {c.variable: c for c in income_components(system)}
    assert comps["employee_gross_wage"].kind == "income"
    assert comps["work_bonus_social"].kind == "reduction"
    assert comps["personal_income_tax_individual"].kind == "deduction"


@pytest.mark.parametrize("increment", ["amount", "hour"])
def test_other_increments_add_up(system, increment) -> None:  # type: ignore[no-untyped-def]
    options = IncentiveOptions(increment=increment)
    res = compute_incentives(model_input(), system, options=options, wage_model=WAGES)
    r = res.rates["baseline"]["metr"]
    ok = ~np.isnan(r.rate)
    assert ok.sum() == len(res.persons)
    np.testing.assert_allclose(r.parts[ok].sum(axis=1), r.rate[ok], atol=1e-12)
