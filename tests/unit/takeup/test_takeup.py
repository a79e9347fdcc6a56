"""Take-up: the mechanism pays only takers, the tables count what a direct computation counts,
the assumptions draw reproducibly."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mimosis.disclosure import release_table
from mimosis.engine import Simulation
from mimosis.errors import UserError
from mimosis.legislation.system import build_system
from mimosis.takeup.analysis import analyse_takeup, flag_inputs
from mimosis.takeup.assumptions import Assumption, load_assumption, takeup_flags
from mimosis.takeup.mechanism import automatic_granting, with_takeup
from mimosis.takeup.rights import present_rights
from mimosis.takeup.tables import granting_cost_table, non_takeup_table
from tests.unit.incentives.households import PERSONS, model_input

PERIOD = "2025-01"
IG = "integration_income"


@pytest.fixture(scope="module")
def system():  # type: ignore[no-untyped-def]
    return build_system()


def _data(observed_ig: np.ndarray):  # type: ignore[no-untyped-def]
    return dataclasses.replace(model_input(), observed={IG: observed_ig})


def test_the_baseline_pays_only_takers_and_granting_pays_every_eligible(system) -> None:  # type: ignore[no-untyped-def]
    rights, _ = present_rights(system)
    takeup_system = with_takeup(system, rights)
    data = model_input()
    plain = Simulation(system, data.population).compute([IG], PERIOD)[IG]
    assert plain[7] > 0  # the single on a top-up of integration income
    no = {r.variable: np.ones(len(PERSONS), dtype=bool) for r in rights}
    no[IG] = np.zeros(len(PERSONS), dtype=bool)
    population = data.population.replace_inputs(flag_inputs(2025, rights, no))
    sim = Simulation(takeup_system, population)
    got = sim.compute(
        [IG, f"{IG}_entitlement", "disposable_income"],
        PERIOD,
        retain_for=[automatic_granting(rights)],
    )
    assert got[IG][7] == 0.0
    np.testing.assert_array_equal(got[f"{IG}_entitlement"], plain)
    granted = sim.derive(automatic_granting(rights)).compute([IG, "disposable_income"], PERIOD)
    np.testing.assert_array_equal(granted[IG], plain)
    assert granted["disposable_income"][4] - got["disposable_income"][4] == pytest.approx(plain[7])


def test_takeup_counts_match_a_direct_computation(system) -> None:  # type: ignore[no-untyped-def]
    observed = np.zeros(len(PERSONS))
    observed[0] = 100.0  # receiving while not eligible by the model
    data = _data(observed)
    results = analyse_takeup(data, system, Assumption("observed"))
    eligible = results.entitlement[IG] > 0
    assert eligible.sum() == 1 and eligible[7]
    table = non_takeup_table(results, IG, "region")
    cell = table.cells[("total", "eligible")]
    assert cell.value == pytest.approx(float(data.weight[eligible].sum()))
    assert cell.n_persons == 1
    assert table.cells[("total", "receiving")].value == pytest.approx(1.0)
    assert table.cells[("total", "non_take_up_rate")].value == pytest.approx(1.0)
    assert table.cells[("total", "receiving_not_eligible_share")].value == pytest.approx(1.0)
    cost = granting_cost_table(results, "region")
    expected = 12 * results.entitlement[IG][7]
    assert cost.cells[("total", f"{IG}_cost")].value == pytest.approx(expected)
    released = release_table(table)  # 1 person: every cell is suppressed
    assert released.value("total", "eligible") is None


def test_rates_top_up_the_eligible_non_recipients_reproducibly() -> None:
    from mimosis.takeup.rights import Right

    right = Right(IG, "integration income")
    n = 1000
    eligible = np.arange(n) < 800
    receives = np.arange(n) < 400  # observed take-up 50 % among the eligible
    labels = np.array(["a"] * n)
    assumption = Assumption("rates", seed=3, by="region", rates={IG: {"default": 0.75}})
    flags = takeup_flags(
        assumption, (right,), {IG: eligible}, {IG: receives.astype(float)}, {"region": labels}
    )
    again = takeup_flags(
        assumption, (right,), {IG: eligible}, {IG: receives.astype(float)}, {"region": labels}
    )
    np.testing.assert_array_equal(flags[IG], again[IG])
    assert flags[IG][:400].all()  # observed recipients keep taking up
    share = flags[IG][eligible].mean()
    assert 0.7 < share < 0.8
    full = takeup_flags(
        Assumption("full"), (right,), {IG: eligible}, {IG: receives.astype(float)}, {}
    )
    assert full[IG].all()


def test_assumption_files_are_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "rates.yaml"
    bad.write_text("rates: {integration_income: {default: 1.5}}\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"within 0\.\.1"):
        load_assumption(str(bad))
    with pytest.raises(UserError, match="not 'observed'"):
        load_assumption(str(tmp_path / "missing.yaml"))
    good = tmp_path / "ok.yaml"
    good.write_text(
        "seed: 2\nby: household_type\nrates: {integration_income: {default: 0.7}}\n",
        encoding="utf-8",
    )
    assert load_assumption(str(good)).by == "household_type"
