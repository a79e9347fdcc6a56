from __future__ import annotations

from datetime import date

import pytest

from mimosis.engine import (
    EngineError,
    Population,
    Simulation,
    TaxBenefitSystem,
    explain,
    explain_diff,
    reform_from_dict,
)


def test_trace_of_a_person(system: TaxBenefitSystem, population: Population) -> None:
    sim = Simulation(system, population)
    sim.compute(["net_income"], "2025", explain=True)
    trace = explain(sim, "net_income", "2025", entity="person", index=3)
    assert trace.values == (42500.0,)
    tax = trace.find("income_tax")
    assert tax is not None and tax.values == (17500.0,)
    assert [u.path for u in tax.parameters] == ["toy_tax.scale"]
    assert tax.parameters[0].references[0].act == "Toy Act"
    earnings = trace.find("earnings")
    assert earnings is not None and earnings.kind == "conversion (sum)"
    assert all(c.kind == "input" for c in earnings.children)
    text = trace.render()
    assert "income_tax [2025] = 17500" in text
    assert "param toy_tax.scale = scale(rates {0: 0, 10000: 0.25, 40000: 0.5})" in text
    assert "(see above)" in text  # yearly_earnings is read twice


def test_trace_of_a_household_shows_members(
    system: TaxBenefitSystem, population: Population
) -> None:
    sim = Simulation(system, population)
    sim.compute(["disposable_income"], "2025", explain=True)
    trace = explain(sim, "disposable_income", "2025", entity="household", index=0)
    net = trace.find("net_income")
    assert net is not None
    assert net.indices == (0, 1, 2)
    assert net.values == (11500.0, 6000.0, 0.0)
    benefit_june = trace.find("benefit")
    assert benefit_june is not None


def test_explain_needs_explain_run(system: TaxBenefitSystem, population: Population) -> None:
    sim = Simulation(system, population)
    sim.compute(["net_income"], "2025")
    with pytest.raises(EngineError, match="explain=True"):
        explain(sim, "net_income", "2025", entity="person", index=0)
    with pytest.raises(EngineError, match="out of range"):
        explain(sim, "net_income", "2025", entity="person", index=99)


def test_diff_baseline_reform(system: TaxBenefitSystem, population: Population) -> None:
    base = Simulation(system, population)
    base.compute(["disposable_income"], "2025", explain=True)
    reform = base.derive(
        reform_from_dict(
            {
                "name": "r",
                "description": "d",
                "changes": [
                    {"path": "toy_benefit.ceiling", "from": date(2025, 1, 1), "value": 5000.0}
                ],
            }
        )
    )
    reform.compute(["disposable_income"], "2025", explain=True)
    diff = explain_diff(base, reform, "disposable_income", "2025", entity="household", index=1)
    assert diff.changed
    assert diff.baseline == (42500.0,)
    assert [c.variable for c in diff.children] == ["benefit"]  # household income did not change
    month = diff.children[0].children[0]
    assert month.parameter_changes == [("toy_benefit.ceiling", "2000.0", "5000.0")]
    assert "toy_benefit.ceiling: 2000.0 -> 5000.0" in diff.render()
    # a household the reform does not affect: no changed branch
    same = explain_diff(base, reform, "disposable_income", "2025", entity="household", index=2)
    assert not same.changed
