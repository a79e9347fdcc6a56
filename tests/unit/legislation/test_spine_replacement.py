"""The taxable replacement-income aggregate, the pension wiring and strict building."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from mimosis.engine import Period, Simulation, TaxBenefitSystem, VariableError
from mimosis.legislation import inputs, replacement
from mimosis.legislation.population import HouseholdSpec, PersonSpec, population_from_households
from mimosis.legislation.replacement import KIND_VARIABLES, TOTAL, ReplacementIncome
from mimosis.legislation.system import PROGRAMMES, ProgrammeError, build_system

PERIOD = Period.parse("2025-03")


@pytest.fixture(scope="module")
def full() -> TaxBenefitSystem:
    return build_system()


def _deps(system: TaxBenefitSystem, name: str) -> set[str]:
    return {getattr(d, "variable", d) for d in system.variables[name].dependencies}


def test_every_declared_replacement_income_is_in_its_kind(full: TaxBenefitSystem) -> None:
    expected = {
        "pension": {"pension_income"},
        "unemployment": {"unemployment_benefit", "unemployment_income_guarantee_allowance"},
        "sickness_invalidity": {"sickness_benefit", "invalidity_benefit", "maternity_benefit"},
        "other": {
            "other_replacement_income_gross",
            "work_accident_benefit",
            "occupational_disease_benefit",
        },
    }
    for kind, names in expected.items():
        assert _deps(full, KIND_VARIABLES[kind]) == names  # type: ignore[index]
    assert _deps(full, TOTAL) == set(KIND_VARIABLES.values())


def test_only_the_pensions_programme_reads_the_observed_pension(full: TaxBenefitSystem) -> None:
    pensions = importlib.import_module("mimosis.legislation.pensions")
    own = {v.name for v in pensions.variables()}
    readers = {n for n, v in full.variables.items() if "pension_gross" in _deps(full, n)}
    assert readers <= own, f"read pension_gross instead of pension_income: {readers - own}"


def test_family_categories_do_not_read_the_aggregate(full: TaxBenefitSystem) -> None:
    aggregates = {TOTAL, *KIND_VARIABLES.values()}
    for name in (
        "unemployment_family_category",
        "sickness_invalidity_family_situation",
        "pensions_household_rate",
    ):
        assert not _deps(full, name) & aggregates, name


def test_programmes_are_listed_in_dependency_order(full: TaxBenefitSystem) -> None:
    owner: dict[str, int] = {}
    for position, programme in enumerate(PROGRAMMES):
        module = importlib.import_module(f"mimosis.legislation.{programme.name}")
        for v in module.variables():
            owner.setdefault(v.name, position)
    # the aggregates come right after the last programme they sum
    for name in KIND_VARIABLES.values():
        owner[name] = max((owner.get(d, -1) for d in _deps(full, name)), default=-1)
    owner[TOTAL] = max(owner[name] for name in KIND_VARIABLES.values())
    for name, position in owner.items():
        for dep in _deps(full, name):
            assert owner.get(dep, -1) <= position, f"{name} reads {dep} of a later programme"


def test_spine_alone_pension_income_is_the_observed_pension() -> None:
    system = build_system([])
    person = PersonSpec(
        "a",
        "head",
        {"birth_year": 1950, "pension_gross": 1200.0, "other_replacement_income_gross": 50.0},
    )
    pop = population_from_households([HouseholdSpec([person])], system.variables, PERIOD)
    out = Simulation(system, pop).compute(
        ["pension_income", "taxable_pension_income", TOTAL, "net_income"], PERIOD
    )
    assert out["pension_income"][0] == 1200.0
    assert out["taxable_pension_income"][0] == 1200.0
    assert out[TOTAL][0] == 1250.0
    assert out["net_income"][0] == 1250.0


def test_a_component_must_be_a_person_amount_per_month() -> None:
    declared = {v.name: v for v in inputs.variables()}
    with pytest.raises(VariableError, match="person amount per month"):
        replacement.variables([ReplacementIncome("self_employed_net_income", "other")], declared)
    with pytest.raises(VariableError, match="not a declared variable"):
        replacement.variables([ReplacementIncome("nothing", "other")], declared)
    with pytest.raises(VariableError, match="kind must be"):
        ReplacementIncome("pension_income", "wage")  # type: ignore[arg-type]


def test_build_is_strict_by_default() -> None:
    with pytest.raises(ProgrammeError, match="unknown programmes"):
        build_system(["housing"])
    system = build_system(["unemployment"])
    assert np.isin(["unemployment_benefit", TOTAL], list(system.variables)).all()
