"""Net and disposable income: components by declaration, group amounts, period conversion."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import (
    Context,
    Period,
    Simulation,
    TaxBenefitSystem,
    Variable,
    VariableError,
    load_parameters,
)
from mimosis.legislation import income, inputs
from mimosis.legislation.entities import ENTITIES
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.population import HouseholdSpec, PersonSpec, population_from_households
from mimosis.legislation.system import PARAMETERS_FOLDER, SHARED_COMPONENTS, build_system

LABEL = {"en": "x", "nl": "x", "fr": "x"}


def _money(name: str, entity: str, period_unit: str, formula) -> Variable:
    unit = {"month": "EUR/month", "year": "EUR/year"}[period_unit]
    return Variable(
        name,
        entity=entity,
        period_unit=period_unit,
        dtype="float",
        unit=unit,
        behaviour="flow",
        label=LABEL,
        dependencies=["employee_gross_wage"] if entity == "person" else [],
        formula=formula,
    )


def toy_programme() -> list[Variable]:
    def benefit(ctx: Context):  # 100 a month to every person without a wage
        return np.where(ctx.get("employee_gross_wage") > 0, 0.0, 100.0)

    def contribution(ctx: Context):  # 10 % of the wage
        return 0.1 * ctx.get("employee_gross_wage")

    def bonus(ctx: Context):  # 5 a month for every earner
        return np.where(ctx.get("employee_gross_wage") > 0, 5.0, 0.0)

    def tax(ctx: Context):  # 1,200 a year per fiscal household
        return ctx.full(1200.0)

    return [
        _money("toy_benefit", "person", "month", benefit),
        _money("toy_contribution", "person", "month", contribution),
        _money("toy_bonus", "person", "month", bonus),
        _money("toy_tax", "fiscal_household", "year", tax),
    ]


@pytest.fixture(scope="module")
def system() -> TaxBenefitSystem:
    shared = inputs.variables()
    own = toy_programme()
    declared = {v.name: v for v in [*shared, *own]}
    components = [
        *SHARED_COMPONENTS,
        IncomeComponent("toy_benefit", "income"),
        IncomeComponent("toy_contribution", "deduction"),
        IncomeComponent("toy_bonus", "reduction"),
        IncomeComponent("toy_tax", "deduction"),
    ]
    tree = load_parameters(PARAMETERS_FOLDER / "indices")
    return TaxBenefitSystem(
        ENTITIES, [*shared, *own, *income.variables(components, declared)], tree
    )


def couple(civil: str) -> HouseholdSpec:
    return HouseholdSpec(
        [
            PersonSpec(
                "a",
                "head",
                {"birth_year": 1980, "civil_status": civil, "employee_gross_wage": 3000.0},
            ),
            PersonSpec(
                "b", "partner", {"birth_year": 1981, "civil_status": civil, "pension_gross": 500.0}
            ),
            PersonSpec("c", "child", {"birth_year": 2015, "is_dependent_child": True}),
        ]
    )


def compute(system: TaxBenefitSystem, households, period: str = "2025-01"):
    pop = population_from_households(households, system.variables, Period.parse(period))
    sim = Simulation(system, pop)
    names = ["income_before_deductions", "personal_deductions", "net_income", "disposable_income"]
    return sim.compute(names, period)


def test_components_by_kind(system: TaxBenefitSystem) -> None:
    out = compute(system, [couple("married")])
    # a: wage 3000 -> gross 3000; deductions 300 + tax 1200/12 (declarant) - bonus 5
    assert out["income_before_deductions"].tolist() == pytest.approx([3000.0, 600.0, 100.0])
    assert out["personal_deductions"].tolist() == pytest.approx([395.0, 0.0, 0.0])
    assert out["net_income"].tolist() == pytest.approx([2605.0, 600.0, 100.0])
    assert out["disposable_income"].tolist() == pytest.approx([3305.0])


def test_group_amounts_go_to_each_group_principal(system: TaxBenefitSystem) -> None:
    # a de facto couple: two fiscal households, two taxes (one per declarant)
    out = compute(system, [couple("single")])
    assert out["personal_deductions"].tolist() == pytest.approx([395.0, 100.0, 0.0])
    assert out["disposable_income"].tolist() == pytest.approx([3205.0])


def test_household_total_equals_member_sum_over_a_year(system: TaxBenefitSystem) -> None:
    out = compute(system, [couple("married"), couple("single")], period="2025")
    net, disp = out["net_income"], out["disposable_income"]
    assert disp.tolist() == pytest.approx([net[:3].sum(), net[3:].sum()])
    assert disp[0] == pytest.approx(12 * 3305.0)


def test_a_component_must_be_an_amount() -> None:
    declared = {v.name: v for v in inputs.variables()}
    with pytest.raises(VariableError, match="not an amount"):
        income.variables([IncomeComponent("age", "income")], declared)
    with pytest.raises(VariableError, match="not a declared variable"):
        income.variables([IncomeComponent("nope", "income")], declared)
    with pytest.raises(VariableError, match="kind"):
        IncomeComponent("age", "bonus")  # type: ignore[arg-type]


def test_the_system_builds_with_no_programme_and_in_well_under_a_second() -> None:
    import time

    start = time.perf_counter()
    system = build_system([])
    assert "net_income" in system.variables and "disposable_income" in system.variables
    assert time.perf_counter() - start < 1.0
