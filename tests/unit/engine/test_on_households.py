"""``Simulation.on_households``: a simulation seen on some households, derivations from it
recompute those households only and give what the whole population gives for them."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
import pytest

from mimosis.engine import Population, Simulation, TaxBenefitSystem, reform_from_dict
from mimosis.engine.errors import PopulationError
from mimosis.engine.narrow import Overlay

OUTPUTS = ["disposable_income", "benefit", "net_income"]
KEPT = np.array([True, False, True])  # households 0 (3 persons) and 2 (2 persons)
PERSONS = np.array([0, 1, 2, 4, 5])


def test_population_of_households_keeps_whole_households(population: Population) -> None:
    sub, rows = population.of_households(KEPT, lambda name: "person")
    assert sub.n_persons == 5 and sub.count("household") == 2
    np.testing.assert_array_equal(rows["person"], PERSONS)
    np.testing.assert_array_equal(rows["household"], [0, 2])
    np.testing.assert_array_equal(sub.group("household").index, [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(sub.household_weights, [1.0, 3.0])
    held = next(iter(sub.inputs["earnings"].values()))
    np.testing.assert_array_equal(held, np.array([1000.0, 500.0, 0.0, 100.0, 0.0]) * 12)
    with pytest.raises(PopulationError, match="one flag per household"):
        population.of_households(np.array([True, False]), lambda name: "person")


def test_derivation_on_households_equals_the_full_one(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    base = Simulation(system, population)
    base.compute(OUTPUTS, "2025-01", retain_for=["earnings"])
    raised = np.array([1000.0, 2500.0, 0.0, 5000.0, 3000.0, 0.0]) * 12
    full = base.with_inputs({"earnings": raised}).compute(OUTPUTS, "2025-01")
    view = base.on_households(KEPT)
    calls.clear()
    derived = view.with_inputs({"earnings": raised[PERSONS]})
    got = derived.compute(OUTPUTS, "2025-01")
    np.testing.assert_allclose(got["net_income"], full["net_income"][PERSONS])
    for name in ("disposable_income", "benefit"):
        np.testing.assert_allclose(got[name], full[name][[0, 2]])
    assert calls["income_tax"] == 1  # recomputed on the kept persons only
    # a reform derived from it: the same as on the whole population
    reform = reform_from_dict(
        {
            "name": "higher_ceiling",
            "description": "raise the benefit ceiling",
            "changes": [{"path": "toy_benefit.ceiling", "from": date(2025, 1, 1), "value": 5e3}],
        }
    )
    full_reform = base.with_inputs({"earnings": raised}).derive(reform)
    want = full_reform.compute(OUTPUTS, "2025-01")
    got = derived.derive(reform).compute(OUTPUTS, "2025-01")
    np.testing.assert_allclose(got["disposable_income"], want["disposable_income"][[0, 2]])
    assert not np.allclose(want["benefit"], full["benefit"])  # the reform changed something
    # the origin is read, never changed
    assert base.compute(["net_income"], "2025-01")["net_income"].shape == (6,)


def test_the_view_reads_retained_arrays_for_its_households(
    system: TaxBenefitSystem, population: Population
) -> None:
    base = Simulation(system, population)
    whole = base.compute(OUTPUTS, "2025-01")
    view = base.on_households(KEPT)
    np.testing.assert_allclose(view.get("net_income", "2025-01"), whole["net_income"][PERSONS])
    np.testing.assert_allclose(
        view.get("disposable_income", "2025-01"), whole["disposable_income"][[0, 2]]
    )
    view.release()
    assert base.is_retained("net_income", "2025-01")  # releasing the view keeps the origin's


def test_overlay_reads_through_and_writes_its_own() -> None:
    source = {"a": 1, "b": 2}
    overlay: Overlay[str, int] = Overlay(source, lambda key, value: value * 10)
    assert overlay["a"] == 10 and "b" in overlay and len(overlay) == 2
    overlay["c"] = 3
    del overlay["a"]
    assert "a" not in overlay and sorted(overlay) == ["b", "c"]
    with pytest.raises(KeyError):
        overlay["a"]
    overlay["a"] = 5
    assert overlay["a"] == 5
    assert source == {"a": 1, "b": 2}
