from __future__ import annotations

import time
from datetime import date
from typing import Any

import numpy as np
import pytest

from mimosis.engine import (
    Context,
    CycleError,
    DependencyError,
    Simulation,
    TaxBenefitSystem,
    UndeclaredDependencyError,
    UndeclaredParameterError,
    Variable,
    VariableError,
    parameters_from_dict,
)
from tests.unit.engine.engine_toy import (
    HOUSEHOLD,
    build_population,
    build_variables,
    label,
    toy_parameters_dict,
)

PARAMS = parameters_from_dict(toy_parameters_dict())


def var(
    name: str,
    deps: list[Any] | None = None,
    params: list[str] | None = None,
    formula: Any = None,
    **kw: Any,
) -> Variable:
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "year",
        "dtype": "float",
        "unit": "EUR/year",
        "behaviour": "flow",
        "label": label(name),
    }
    fields.update(kw)
    if formula is None and (deps or params) and "formulas" not in kw:

        def formula(ctx: Context) -> Any:
            return ctx.zeros()

    return Variable(
        name, dependencies=deps or [], parameters=params or [], formula=formula, **fields
    )


def test_misspelt_dependency_names_variable_and_dependency() -> None:
    variables = [var("gross"), var("net", deps=["gros"])]
    with pytest.raises(
        DependencyError,
        match=r"'net' depends on unknown variable 'gros' \(did you mean 'gross'\?\)",
    ):
        TaxBenefitSystem([HOUSEHOLD], variables, PARAMS)


def test_cycle_is_named() -> None:
    variables = [var("a", deps=["b"]), var("b", deps=["c"]), var("c", deps=["a"])]
    with pytest.raises(CycleError, match="a -> b -> c -> a"):
        TaxBenefitSystem([HOUSEHOLD], variables, PARAMS)


def test_lagged_self_dependency_is_not_a_cycle() -> None:
    from mimosis.engine import dep

    TaxBenefitSystem([HOUSEHOLD], [var("stock_x", deps=[dep("stock_x", lag=1)])], PARAMS)


def test_unknown_parameter_path() -> None:
    with pytest.raises(DependencyError, match=r"'x' declares unknown parameter 'toy_tax\.scal'"):
        TaxBenefitSystem([HOUSEHOLD], [var("x", deps=[], params=["toy_tax.scal"])], PARAMS)


def test_unknown_entity_and_duplicates() -> None:
    with pytest.raises(VariableError, match="unknown entity 'family'"):
        TaxBenefitSystem([HOUSEHOLD], [var("x", entity="family")], PARAMS)
    with pytest.raises(VariableError, match="declared twice"):
        TaxBenefitSystem([HOUSEHOLD], [var("x"), var("x")], PARAMS)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"unit": "EUR/month"}, "flow per month"),
        ({"unit": "percent"}, "unit must be one of"),
        ({"dtype": "bool"}, "dtype 'bool' goes with unit 'bool'"),
        ({"dtype": "float", "unit": "bool"}, "dtype 'bool' goes with unit 'bool'"),
        ({"label": {"en": "x", "nl": "x"}}, "label must have exactly"),
        ({"behaviour": "stocks"}, "behaviour"),
        ({"period_unit": "week"}, "period_unit"),
        ({"dtype": "enum"}, "enum"),
    ],
)
def test_metadata_checks(kw: dict[str, Any], message: str) -> None:
    with pytest.raises(VariableError, match=message):
        var("x", **kw)


def test_input_variable_cannot_declare_dependencies() -> None:
    with pytest.raises(VariableError, match="input variable"):
        Variable(
            "x",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=label("x"),
            dependencies=["y"],
        )


def test_variables_are_immutable() -> None:
    v = var("x")
    with pytest.raises(AttributeError):
        v.unit = "EUR"  # type: ignore[misc]


def test_undeclared_dependency_at_run_time() -> None:
    def sneaky(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") + ctx.get("income_tax")

    variables = [*build_variables(), var("sneaky", deps=["yearly_earnings"], formula=sneaky)]
    sim = Simulation(TaxBenefitSystem([HOUSEHOLD], variables, PARAMS), build_population())
    with pytest.raises(UndeclaredDependencyError, match="'sneaky' at 2025 asked for 'income_tax'"):
        sim.compute(["sneaky"], "2025")


def test_undeclared_period_at_run_time() -> None:
    def sneaky(ctx: Context) -> Any:
        return ctx.get("yearly_earnings", ctx.period.last_year)

    variables = [*build_variables(), var("sneaky", deps=["yearly_earnings"], formula=sneaky)]
    sim = Simulation(TaxBenefitSystem([HOUSEHOLD], variables, PARAMS), build_population())
    with pytest.raises(UndeclaredDependencyError, match="'yearly_earnings' at 2024"):
        sim.compute(["sneaky"], "2025")


def test_undeclared_parameter_at_run_time() -> None:
    def sneaky(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") * ctx.params.number("toy_benefit.ceiling")

    variables = [
        *build_variables(),
        var("sneaky", deps=["yearly_earnings"], params=["toy_tax"], formula=sneaky),
    ]
    sim = Simulation(TaxBenefitSystem([HOUSEHOLD], variables, PARAMS), build_population())
    with pytest.raises(
        UndeclaredParameterError, match=r"'sneaky' read parameter 'toy_benefit\.ceiling'"
    ):
        sim.compute(["sneaky"], "2025")


def test_dated_formulas() -> None:
    def old(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") * 0.5

    def new(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") * 2.0

    v = var(
        "reformed",
        deps=["yearly_earnings"],
        formulas={date(2020, 1, 1): old, date(2025, 1, 1): new},
    )
    pop = build_population()
    pop.inputs["earnings"][next(iter(pop.inputs["earnings"])).offset(-1)] = np.full(6, 1200.0)
    pop.inputs["earnings"][next(iter(pop.inputs["earnings"])).offset(-6)] = np.full(6, 1200.0)
    sim = Simulation(TaxBenefitSystem([HOUSEHOLD], [*build_variables(), v], PARAMS), pop)
    assert sim.compute(["reformed"], "2025")["reformed"][0] == 24000.0
    assert sim.compute(["reformed"], "2024")["reformed"][0] == 600.0
    # before the first version: the default value
    assert sim.compute(["reformed"], "2019")["reformed"][0] == 0.0


def test_from_modules_and_load_time() -> None:
    import types

    module = types.ModuleType("toy_module")
    module.VARIABLES = tuple(build_variables())  # type: ignore[attr-defined]
    system = TaxBenefitSystem.from_modules([HOUSEHOLD], [module], PARAMS)
    assert "net_income" in system.variables
    assert system.consumers("income_tax") == ("net_income",)
    empty = types.ModuleType("empty")
    with pytest.raises(VariableError, match="no VARIABLES"):
        TaxBenefitSystem.from_modules([HOUSEHOLD], [empty], PARAMS)


def test_loading_hundreds_of_variables_is_fast() -> None:
    variables = [var("v0")]
    for i in range(1, 400):
        variables.append(var(f"v{i}", deps=[f"v{i - 1}", f"v{i // 2}"] if i > 1 else ["v0"]))
    start = time.perf_counter()
    TaxBenefitSystem([HOUSEHOLD], variables, PARAMS)
    assert time.perf_counter() - start < 1.0


def test_evolve_makes_a_new_variable() -> None:
    v = var("x", deps=["y"])
    w = v.evolve(unit="EUR")
    assert w is not v and w.unit == "EUR" and w.dependencies == v.dependencies
    assert w.formulas() == v.formulas()
