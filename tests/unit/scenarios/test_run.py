"""Baseline and reform over a year: months, sharing, attribution of group amounts."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Period, reform_from_dict
from mimosis.scenarios.run import ScenarioError, ScenarioResult, plan_months, run_scenario
from mimosis.testing.model_input import StandInModelInput


def test_month_plans() -> None:
    months, factor = plan_months(2025, "all")
    assert [str(m) for m in months][:2] == ["2025-01", "2025-02"] and factor == 1.0
    assert len(months) == 12
    assert plan_months(2025, "quarterly")[1] == 3.0
    assert plan_months(2025, "january") == ((Period.parse("2025-01"),), 12.0)
    with pytest.raises(ScenarioError):
        plan_months(2025, "weekly")  # type: ignore[arg-type]


def test_the_reform_changes_only_what_it_reaches(integration_run: ScenarioResult) -> None:
    changed = {
        name
        for name in integration_run.baseline
        if not np.array_equal(integration_run.baseline[name], integration_run.reform[name])
    }
    assert changed, "the integration-income reform changed nothing"
    assert changed <= {
        "integration_income_federal",
        "integration_income_local",
        # taxes and benefits that count the integration income as a resource
        "income_guarantee_elderly",
        "income_tax_federal",
        "income_tax_regional",
        "income_tax_municipal",
    }
    gain = integration_run.reform_disposable - integration_run.baseline_disposable
    assert np.all(gain >= -1e-6)
    assert gain.sum() > 0


def test_group_amounts_go_to_one_member_and_keep_their_total(
    small_input: StandInModelInput, integration_run: ScenarioResult
) -> None:
    from mimosis.engine import Simulation
    from mimosis.legislation.system import default_system

    sim = Simulation(default_system(), small_input.population)
    tax = sim.compute(["personal_income_tax_federal"], "2025")["personal_income_tax_federal"]
    per_person = integration_run.baseline["income_tax_federal"]
    assert per_person.shape == (small_input.population.n_persons,)
    assert per_person.sum() == pytest.approx(float(np.sum(tax)), rel=1e-9)


def test_january_plan_is_twelve_times_january(small_input: StandInModelInput) -> None:
    reform = reform_from_dict(
        {
            "name": "nothing",
            "description": "tax-free sum unchanged",
            "changes": [
                {"path": "income_tax.tax_free_amount.basic", "from": "2025-01-01", "value": 4785}
            ],
        }
    )
    result = run_scenario(small_input, reform, plan="january")
    assert result.plan == "january"
    for name, amount in result.baseline.items():
        assert np.allclose(amount, result.reform[name]), name
    from mimosis.engine import Simulation
    from mimosis.legislation.system import default_system

    sim = Simulation(default_system(), small_input.population)
    january = sim.compute(["unemployment_benefit"], "2025-01")["unemployment_benefit"]
    assert np.allclose(result.baseline["unemployment"], 12 * np.asarray(january))
