from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np
import pytest

from mimosis.engine import (
    Context,
    FormulaError,
    NotRetainedError,
    Period,
    PopulationError,
    Simulation,
    TaxBenefitSystem,
    Variable,
    dep,
)
from tests.unit.engine.engine_toy import HOUSEHOLD, build_population, build_variables, label

Y2025 = Period.parse("2025")


def test_baseline_values(system: TaxBenefitSystem, population: Any) -> None:
    out = Simulation(system, population).compute(
        ["net_income", "disposable_income", "nb_adults"], "2025"
    )
    # person 0: 12 000 a year; tax 25% above 10 000 -> 500
    assert out["net_income"].tolist() == [11500.0, 6000.0, 0.0, 42500.0, 1200.0, 0.0]
    # household 2: 1 200 a year, under the ceiling: benefit 5 x 100 + 7 x 102 (indexed in June)
    assert out["disposable_income"][2] == pytest.approx(1200.0 + 5 * 100 + 7 * 102)
    assert out["nb_adults"].tolist() == [2, 1, 1]


def test_outputs_are_read_only(system: TaxBenefitSystem, population: Any) -> None:
    out = Simulation(system, population).compute(["net_income"], "2025")
    with pytest.raises(ValueError, match="read-only"):
        out["net_income"][0] = 1.0


def test_intermediates_are_freed(system: TaxBenefitSystem, population: Any) -> None:
    sim = Simulation(system, population)
    sim.compute(["disposable_income"], "2025")
    assert sim.is_retained("disposable_income", "2025")
    for name in ("net_income", "income_tax", "yearly_earnings", "household_net_income"):
        assert not sim.is_retained(name, "2025")
        with pytest.raises(NotRetainedError):
            sim.get(name, "2025")
    assert not sim.is_retained("benefit", "2025-03")
    assert sim.retained() == [("disposable_income", Y2025)]


def test_keep_names_and_all(system: TaxBenefitSystem, population: Any) -> None:
    sim = Simulation(system, population)
    sim.compute(["disposable_income"], "2025", keep=["income_tax"])
    assert sim.is_retained("income_tax", "2025")
    assert not sim.is_retained("net_income", "2025")
    sim2 = Simulation(system, population)
    sim2.compute(["disposable_income"], "2025", keep="all")
    assert sim2.is_retained("net_income", "2025") and sim2.is_retained("benefit", "2025-07")


def test_second_compute_reuses_retained(
    system: TaxBenefitSystem, population: Any, calls: Counter[str]
) -> None:
    sim = Simulation(system, population)
    sim.compute(["net_income"], "2025")
    calls.clear()
    sim.compute(["household_net_income"], "2025")
    assert calls == Counter({"household_net_income": 1})
    assert sim.is_retained("net_income", "2025")  # retained by the first call, not freed


def test_peak_is_bounded_by_frontier() -> None:
    """A long chain keeps at most a couple of arrays alive at any time."""
    alive: list[int] = []

    def step(name: str, prev: str) -> Variable:
        def formula(ctx: Context) -> Any:
            alive.append(len(sim._store))
            return ctx.get(prev) + 1.0

        return Variable(
            name,
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR",
            behaviour="stock",
            label=label(name),
            dependencies=[prev],
            formula=formula,
        )

    chain = [
        Variable(
            "x0",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR",
            behaviour="stock",
            label=label("x0"),
        )
    ]
    chain += [step(f"x{i}", f"x{i - 1}") for i in range(1, 50)]
    system = TaxBenefitSystem([HOUSEHOLD], chain, build_system_params())
    bare = build_population()
    bare.inputs.clear()
    sim = Simulation(system, bare)
    out = sim.compute(["x49"], "2025")
    assert out["x49"][0] == 49.0
    assert max(alive) <= 1  # only the previous link of the chain is alive


def build_system_params() -> Any:
    from mimosis.engine import parameters_from_dict
    from tests.unit.engine.engine_toy import toy_parameters_dict

    return parameters_from_dict(toy_parameters_dict())


def test_period_conversions(system: TaxBenefitSystem, population: Any) -> None:
    sim = Simulation(system, population)
    # a yearly flow asked for a month: spread pro rata
    monthly = sim.compute(["net_income"], "2025-03")["net_income"]
    assert monthly[0] == pytest.approx(11500.0 / 12)
    # a monthly flow asked for a quarter / a year: summed
    q = sim.compute(["benefit"], "2025-Q2")["benefit"]
    assert q[2] == pytest.approx(100 + 100 + 102)
    # a yearly stock asked for a month: same value
    assert sim.compute(["nb_adults"], "2025-05")["nb_adults"].tolist() == [2, 1, 1]


def test_inputs_at_month_level_are_summed() -> None:
    pop = build_population()
    months = {f"2025-{m:02d}": np.full(6, float(m)) for m in range(1, 13)}
    pop = pop.replace_inputs({"earnings": months})
    pop.inputs["earnings"].pop(Y2025)
    sim = Simulation(_system(), pop)
    assert sim.compute(["yearly_earnings"], "2025")["yearly_earnings"][0] == sum(range(1, 13))


def _system(
    extra: list[Variable] | None = None, calls: Counter[str] | None = None
) -> TaxBenefitSystem:
    return TaxBenefitSystem(
        [HOUSEHOLD], [*build_variables(calls), *(extra or [])], build_system_params()
    )


def test_input_overrides_formula_at_that_period() -> None:
    pop = build_population().replace_inputs({"income_tax": {"2025": np.zeros(6)}})
    out = Simulation(_system(), pop).compute(["net_income"], "2025")
    assert out["net_income"][3] == 60000.0


def test_absent_input_takes_default() -> None:
    pop = build_population()
    pop.inputs.pop("age")
    out = Simulation(_system(), pop).compute(["nb_adults"], "2025")
    assert out["nb_adults"].tolist() == [3, 1, 2]  # default age 40


def test_lagged_dependency() -> None:
    def growth(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") - ctx.get("yearly_earnings", ctx.period.last_year)

    v = Variable(
        "earnings_growth",
        entity="person",
        period_unit="year",
        dtype="float",
        unit="EUR/year",
        behaviour="flow",
        label=label("growth"),
        dependencies=["yearly_earnings", dep("yearly_earnings", at="year", lag=1)],
        formula=growth,
    )
    pop = build_population().replace_inputs({"earnings": {"2024": np.full(6, 6000.0)}})
    out = Simulation(_system([v]), pop).compute(["earnings_growth"], "2025")
    assert out["earnings_growth"][0] == 6000.0


def test_fixed_legislation_date(system: TaxBenefitSystem, population: Any) -> None:
    sim = Simulation(system, population, date(2025, 1, 1))  # before the index jump, all year
    assert sim.compute(["benefit"], "2025")["benefit"][2] == pytest.approx(1200.0)
    snap = system.parameters.at(date(2025, 12, 1))
    sim2 = Simulation(system, population, snap)
    assert sim2.compute(["benefit"], "2025")["benefit"][2] == pytest.approx(12 * 102.0)


def test_bad_inputs_are_refused(system: TaxBenefitSystem) -> None:
    with pytest.raises(PopulationError, match="'earnigs' is not a variable"):
        Simulation(system, build_population().replace_inputs({"earnigs": {"2025": np.zeros(6)}}))
    with pytest.raises(PopulationError, match="one value per person"):
        Simulation(system, build_population().replace_inputs({"earnings": {"2025": np.zeros(5)}}))
    with pytest.raises(PopulationError, match="does not fit"):
        Simulation(system, build_population().replace_inputs({"age": {"2025": np.zeros(6)}}))


def test_formula_result_checks() -> None:
    def bad_shape(ctx: Context) -> Any:
        return np.zeros(2)

    def bad_bool(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") * 1.0

    vs = [
        Variable(
            "bad_shape",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR",
            behaviour="stock",
            label=label("x"),
            dependencies=["yearly_earnings"],
            formula=bad_shape,
        ),
        Variable(
            "bad_bool",
            entity="person",
            period_unit="year",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            label=label("x"),
            dependencies=["yearly_earnings"],
            formula=bad_bool,
        ),
    ]
    sim = Simulation(_system(vs), build_population())
    with pytest.raises(FormulaError, match="shape"):
        sim.compute(["bad_shape"], "2025")
    with pytest.raises(FormulaError, match="booleans"):
        sim.compute(["bad_bool"], "2025")


def test_enum_inputs() -> None:
    status = Variable(
        "status",
        entity="person",
        period_unit="year",
        dtype="enum",
        unit=None,
        behaviour="stock",
        label=label("status"),
        enum_values=("single", "married"),
    )

    def married(ctx: Context) -> Any:
        return ctx.get("status") == 1

    is_married = Variable(
        "is_married",
        entity="person",
        period_unit="year",
        dtype="bool",
        unit="bool",
        behaviour="stock",
        label=label("m"),
        dependencies=["status"],
        formula=married,
    )
    codes = np.array(["married", "married", "single", "single", "married", "single"])
    pop = build_population().replace_inputs({"status": {"2025": codes}})
    out = Simulation(_system([status, is_married]), pop).compute(["is_married"], "2025")
    assert out["is_married"].tolist() == [True, True, False, False, True, False]


def test_snapshot_must_come_from_the_system(system: TaxBenefitSystem, population: Any) -> None:
    from mimosis.engine import EngineError

    other = build_system_params().at(date(2025, 1, 1))
    with pytest.raises(EngineError, match="snapshot"):
        Simulation(system, population, other)


def test_tune_allocator_is_opt_in_and_safe() -> None:
    from mimosis.engine import tune_allocator

    assert tune_allocator() in (True, False)
