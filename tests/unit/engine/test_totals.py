"""``Simulation.totals`` (one plan over several periods, outputs added up as they come) and the
reuse of a node equal by construction to the previous period's (``memo_hits``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np
import pytest

from mimosis.engine import (
    Context,
    Period,
    Population,
    Simulation,
    TaxBenefitSystem,
    Variable,
    reform_from_dict,
)
from tests.unit.engine.engine_toy import label

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]
OUTPUTS = ["disposable_income", "benefit", "nb_adults"]
CEILING = {
    "name": "higher_ceiling",
    "description": "raise the benefit ceiling",
    "changes": [{"path": "toy_benefit.ceiling", "from": date(2025, 1, 1), "value": 5000.0}],
}


def per_month_sum(sim: Simulation, names: list[str]) -> dict[str, np.ndarray[Any, Any]]:
    out: dict[str, np.ndarray[Any, Any]] = {}
    for month in MONTHS:
        for name, arr in sim.compute(names, month).items():
            out[name] = out.get(name, 0.0) + np.asarray(arr, dtype=np.float64)
    return out


def test_totals_equal_the_sum_of_the_months(
    system: TaxBenefitSystem, population: Population
) -> None:
    totals = Simulation(system, population).totals(OUTPUTS, MONTHS)
    expected = per_month_sum(Simulation(system, population), OUTPUTS)
    for name in OUTPUTS:
        np.testing.assert_allclose(totals[name], expected[name], rtol=1e-12)
        assert totals[name].dtype == np.float64


def test_totals_compute_shared_and_equal_nodes_once(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    sim = Simulation(system, population)
    sim.totals(OUTPUTS, MONTHS)
    # the yearly chain once for the twelve months; the benefit twice: the index step of June
    # makes June-December differ from January-May, every other month equals the one before
    assert calls["income_tax"] == 1 and calls["household_net_income"] == 1
    assert calls["benefit"] == 2
    assert sim.memo_hits["benefit"] == 10
    assert calls["disposable_income"] == 1  # a yearly variable: one node for the twelve months


def test_totals_free_every_output_node(system: TaxBenefitSystem, population: Population) -> None:
    sim = Simulation(system, population)
    sim.totals(OUTPUTS, MONTHS)
    assert sim.retained() == []


def test_derived_totals_reuse_what_the_reform_does_not_reach(
    system: TaxBenefitSystem, population: Population, calls: Counter[str]
) -> None:
    reform = reform_from_dict(CEILING)
    base = Simulation(system, population)
    base_totals = base.totals(OUTPUTS, MONTHS, retain_for=[reform])
    calls.clear()
    derived = base.derive(reform)
    totals = derived.totals(OUTPUTS, MONTHS)
    assert totals["nb_adults"] is base_totals["nb_adults"]  # not reached: the same array
    assert set(calls) == {"benefit", "disposable_income"}
    full = Simulation(reform.apply(system), population).totals(OUTPUTS, MONTHS)
    for name in OUTPUTS:
        np.testing.assert_allclose(totals[name], full[name], rtol=1e-12)
    # household 1 (42,500 a year) becomes eligible: 5 months at 100 and 7 at 102
    assert totals["benefit"][1] == pytest.approx(5 * 100 + 7 * 102)


def _month_number_system(system: TaxBenefitSystem, calls: Counter[str]) -> TaxBenefitSystem:
    """Adds a variable whose formula reads its period (the month number), one that reads the
    period but gives the same result every month, and one downstream of each."""

    def month_number(ctx: Context) -> Any:
        calls["month_number"] += 1
        return ctx.full(float(ctx.period.start.month))

    def flat_in_period(ctx: Context) -> Any:
        calls["flat_in_period"] += 1
        return ctx.full(1.0 if ctx.period.start.year == 2025 else 0.0)

    def twice(ctx: Context) -> Any:
        calls["twice"] += 1
        return 2 * ctx.get("month_number")

    def after_flat(ctx: Context) -> Any:
        calls["after_flat"] += 1
        return 3 * ctx.get("flat_in_period")

    def monthly(name: str, deps: list[str], formula: Any) -> Variable:
        return Variable(
            name,
            entity="person",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=label(name),
            dependencies=deps,
            formula=formula,
            reference=[{"act": "toy", "article": "1"}],
        )

    return system.replace_variables(
        [
            monthly("month_number", [], month_number),
            monthly("flat_in_period", [], flat_in_period),
            monthly("twice", ["month_number"], twice),
            monthly("after_flat", ["flat_in_period"], after_flat),
        ]
    )


def test_a_formula_reading_its_period_is_computed_for_every_period(
    system: TaxBenefitSystem, population: Population
) -> None:
    counts: Counter[str] = Counter()
    sim = Simulation(_month_number_system(system, counts), population)
    totals = sim.totals(["twice"], MONTHS)
    assert totals["twice"][0] == 2 * sum(range(1, 13))
    assert counts["month_number"] == 12 and counts["twice"] == 12


def test_equal_results_of_a_period_reading_formula_let_downstream_be_reused(
    system: TaxBenefitSystem, population: Population
) -> None:
    counts: Counter[str] = Counter()
    sim = Simulation(_month_number_system(system, counts), population)
    totals = sim.totals(["after_flat"], MONTHS)
    assert totals["after_flat"][0] == 36.0
    assert counts["flat_in_period"] == 12  # reads its period: always computed
    assert counts["after_flat"] == 1  # its input is equal every month: computed once


def test_totals_over_one_period_equal_compute(
    system: TaxBenefitSystem, population: Population
) -> None:
    year = Period.parse("2025")
    totals = Simulation(system, population).totals(["disposable_income"], [year])
    direct = Simulation(system, population).compute(["disposable_income"], year)
    np.testing.assert_array_equal(totals["disposable_income"], direct["disposable_income"])


def test_pruning_the_full_plan_equals_planning_with_stops(
    system: TaxBenefitSystem, population: Population
) -> None:
    from mimosis.engine.planner import build_plan, prune, resolve

    requests = [resolve(system.variable(n), Period.parse(m)) for n in OUTPUTS for m in MONTHS]
    roots = [k for r in requests for k in r.nodes]

    def has_input(name: str, period: Period) -> bool:
        return period in population.inputs.get(name, {})

    full = build_plan(system, requests, has_input, lambda _: False)
    for stopped in ({"household_net_income"}, {"benefit", "nb_adults"}, set()):

        def stop(key: Any, names: set[str] = stopped) -> bool:
            return key[0] in names

        direct = build_plan(system, requests, has_input, stop)
        pruned = prune(full, roots, stop)
        assert list(pruned.nodes) == [k for k in full.nodes if k in direct.nodes]
        assert {k: n.kind for k, n in pruned.nodes.items()} == {
            k: n.kind for k, n in direct.nodes.items()
        }
        assert pruned.consumers == direct.consumers


def test_plans_and_reformed_systems_are_reused(
    system: TaxBenefitSystem, population: Population
) -> None:
    reform = reform_from_dict(CEILING)
    base = Simulation(system, population)
    base.totals(OUTPUTS, MONTHS, retain_for=[reform])
    first, second = base.derive(reform), base.derive(reform)
    assert first.system is second.system  # the reform applied once
    np.testing.assert_array_equal(
        first.totals(OUTPUTS, MONTHS)["benefit"], second.totals(OUTPUTS, MONTHS)["benefit"]
    )
