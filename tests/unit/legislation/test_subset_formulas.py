"""Formulas restricted to the persons they concern (``Context.on_subset``: child benefits per
scheme, survivor pensions) give what the unrestricted formulas give. First the child-benefit
formulas restricted to their scheme's children (``for_schemes``), which give what
the unrestricted formulas give, on a population with children under every scheme, in every
month of years before, during and after the communities' takeovers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mimosis.engine import Simulation, TaxBenefitSystem
from mimosis.legislation.system import default_system
from mimosis.testing.model_input import standin_model_input

OUTPUTS = [
    "child_benefit",
    "child_benefit_social_supplement",
    "child_benefit_household",
    "income_guarantee_elderly",
    "social_assistance_own_resources",
    "sickness_benefit",
    "invalidity_benefit",
    "unemployment_benefit",
]
#: intermediates counted only where they are used (0 elsewhere by design): equal where the
#: restricted formula computes them, and the programme's output equal everywhere
COUNTED_WHERE_USED = {
    "income_guarantee_elderly_own_resources",
    "income_guarantee_elderly_shared_resources",
    "sickness_invalidity_daily_amount",
    "sickness_invalidity_self_employed_daily_amount",
}
#: intermediates computed for the persons the programme pays (the default elsewhere): equal for
#: these persons, and the programme's output (``OUTPUTS``) equal everywhere
CLAIMANTS = "claimants"  # a right opened, or registered as unemployed
WITH_RIGHT = "with_right"  # a right opened
COMPUTED_FOR = {
    "unemployment_family_category": CLAIMANTS,
    "unemployment_is_privileged_cohabitant": CLAIMANTS,
    "unemployment_days_worked": WITH_RIGHT,
    "unemployment_compensated_days": WITH_RIGHT,
}
_FOR_MASKS = ["unemployment_start_year", "labour_status"]


def _masks(values: dict[str, Any], system: TaxBenefitSystem) -> dict[str, Any]:
    unemployed = system.variable("labour_status").enum_values.index("unemployed")
    with_right = np.asarray(values["unemployment_start_year"]) > 0
    return {
        WITH_RIGHT: with_right,
        CLAIMANTS: with_right | (np.asarray(values["labour_status"]) == unemployed),
    }


def _unrestricted(system: TaxBenefitSystem) -> tuple[TaxBenefitSystem, list[str]]:
    """The system with every restricted formula replaced by the formula it wraps."""
    replaced = []
    names = []
    for name, variable in system.variables.items():
        formulas: dict[Any, Any] = variable.formulas()
        inner = {d: getattr(f, "__wrapped__", None) for d, f in formulas.items()}
        if formulas and all(f is not None for f in inner.values()):
            replaced.append(variable.evolve(formulas=inner))
            names.append(name)
    return system.replace_variables(replaced), names


@pytest.mark.parametrize(("year", "schemes"), [(2018, 2), (2020, 4), (2022, 5), (2025, 5)])
def test_restricted_formulas_equal_the_full_ones(year: int, schemes: int) -> None:
    system = default_system()
    full_system, names = _unrestricted(system)
    assert len(names) >= 14  # Brussels 5, Wallonia 4, federal 4, Flanders 3
    model_input = standin_model_input(persons=3_000, year=year, seed=7)
    # German-speaking households (the stand-in has none): a third of the households; those in
    # Wallonia come under the German-speaking Community
    n_households = model_input.population.count("household")
    german = np.random.default_rng(2).random(n_households) < 0.35
    population = model_input.population.replace_inputs(
        {"language_community": {str(year): np.where(german, "german", "french")}}
    )
    scheme = None
    tested = dict.fromkeys(COMPUTED_FOR, 0)
    for month in range(1, 13):
        period = f"{year}-{month:02d}"
        outputs = [*OUTPUTS, *names, "child_benefits_scheme", *_FOR_MASKS]
        fast = Simulation(system, population).compute(outputs, period)
        slow = Simulation(full_system, population).compute(outputs, period)
        masks = _masks(fast, system)
        for name in [*OUTPUTS, *names]:
            if name in COMPUTED_FOR:
                rows = masks[COMPUTED_FOR[name]]
                np.testing.assert_array_equal(fast[name][rows], slow[name][rows], err_msg=name)
                tested[name] += int(rows.sum())
                continue
            if name in COUNTED_WHERE_USED:
                computed = fast[name] != 0
                np.testing.assert_array_equal(fast[name][computed], slow[name][computed])
                assert computed.any()
                continue
            np.testing.assert_array_equal(fast[name], slow[name], err_msg=f"{name} {period}")
        scheme = fast["child_benefits_scheme"]
    assert scheme is not None and np.unique(scheme).size >= schemes  # none + those in force
    assert all(tested.values()), tested  # every restriction met persons it concerns


def test_survivor_formulas_restricted_to_the_widowed() -> None:
    """The stand-in has no survivors: give a fifth of its adults a deceased spouse (death
    dates 1995-2025, careers, children at the death) and compare the restricted survivor
    formulas with the full ones every month of 2025."""
    from mimosis.legislation.inputs import CIVIL_STATUS

    system = default_system()
    full_system, names = _unrestricted(system)
    survivor = {"survivor_pension", "pensions_transition_allowance"}
    assert survivor <= set(names)
    model_input = standin_model_input(persons=3_000, year=2025, seed=11)
    population = model_input.population
    n = population.n_persons
    rng = np.random.default_rng(3)
    widowed = (np.asarray(model_input.age) >= 25) & (rng.random(n) < 0.2)
    held = population.inputs.get("civil_status")
    if held:
        codes = np.asarray(next(iter(held.values())))
        names = codes if codes.dtype.kind in "US" else np.asarray(CIVIL_STATUS)[codes]
    else:
        names = np.full(n, "single")
    civil = np.where(widowed, "widowed", names)
    inputs = {
        "civil_status": civil,
        "pensions_survivor_death_year": np.where(widowed, rng.integers(1995, 2026, n), 0),
        "pensions_survivor_death_month": np.where(widowed, rng.integers(1, 13, n), 0),
        "pensions_survivor_deceased_revalued_wages": np.where(
            widowed, rng.uniform(2e5, 1.8e6, n), 0.0
        ),
        "pensions_survivor_deceased_career_years": np.where(widowed, rng.integers(5, 46, n), 0),
        "pensions_survivor_career_denominator": np.where(widowed, rng.integers(20, 46, n), 0),
        "pensions_survivor_child_at_death": widowed & (rng.random(n) < 0.4),
        "pensions_survivor_child_under_13_at_death": widowed & (rng.random(n) < 0.2),
    }
    population = population.replace_inputs({k: {"2025": v} for k, v in inputs.items()})
    outputs = [*sorted(survivor), "pension_income"]
    paid = 0.0
    for month in range(1, 13):
        period = f"2025-{month:02d}"
        fast = Simulation(system, population).compute(outputs, period)
        slow = Simulation(full_system, population).compute(outputs, period)
        for name in outputs:
            np.testing.assert_array_equal(fast[name], slow[name], err_msg=f"{name} {period}")
        paid += float(fast["survivor_pension"].sum() + fast["pensions_transition_allowance"].sum())
    assert paid > 0  # the survivor rules were exercised


def _family_situation_everyone(ctx: Any) -> Any:
    """Reference: art. 225-226 evaluated for every person (the formula before it was limited
    to the persons in incapacity)."""
    from mimosis.legislation.groups import couple_index, members, other_values
    from mimosis.legislation.sickness_invalidity.common import COHABITANT, SINGLE, WITH_FAMILY
    from mimosis.legislation.sickness_invalidity.situation import _FS, _REPLACEMENT

    p = ctx.params
    professional = ctx.get("employee_gross_wage") + ctx.get("self_employed_net_income")
    replacement = sum((ctx.get(name) for name in _REPLACEMENT), np.zeros(ctx.size))
    income = professional + replacement
    has_income = income > 0
    fu = ctx.group("family_unit")
    _, has_partner = couple_index(ctx, "family_unit", "adult", "partner")
    other_income = other_values(ctx, "family_unit", "adult", "partner", income)
    other_replacement = other_values(ctx, "family_unit", "adult", "partner", replacement)
    is_couple_role = fu.has_role("adult") | fu.has_role("partner")
    has_children = (members(ctx, "family_unit", "child") > 0) & is_couple_role
    household = ctx.group("household")
    household_size = members(ctx, "household")
    lives_alone = household_size == 1
    others_with_income = (
        household.project(household.count(has_income)) - fu.project(fu.count(has_income))
    ) > 0
    others_outside_unit = household_size > members(ctx, "family_unit")
    partner_dependent = has_partner & (other_income <= p.number(f"{_FS}.dependant_income_limit"))
    others_dependent = ~has_partner & others_outside_unit & ~others_with_income
    with_family = (
        partner_dependent
        | has_children
        | others_dependent
        | (lives_alone & ctx.get("sickness_invalidity_pays_maintenance"))
    )
    upper = np.where(
        other_replacement > 0,
        p.number(f"{_FS}.replacement_income_upper_limit"),
        p.number(f"{_FS}.minimum_wage"),
    )
    single = lives_alone | (has_partner & ~others_with_income & (other_income <= upper))
    return np.select([with_family, single], [WITH_FAMILY, SINGLE], default=COHABITANT).astype(
        np.int16
    )


def test_family_situation_of_the_incapacitated_equals_the_person_wide_rule() -> None:
    system = default_system()
    name = "sickness_invalidity_family_situation"
    reference = system.replace_variables(
        [system.variables[name].evolve(formula=_family_situation_everyone)]
    )
    model_input = standin_model_input(persons=4_000, year=2025, seed=5)
    checked = 0
    for month in (1, 6, 12):
        period = f"2025-{month:02d}"
        outputs = [name, "sickness_invalidity_incapacity_month", "sickness_benefit"]
        fast = Simulation(system, model_input.population).compute(outputs, period)
        slow = Simulation(reference, model_input.population).compute(outputs, period)
        rows = fast["sickness_invalidity_incapacity_month"] > 0
        np.testing.assert_array_equal(fast[name][rows], slow[name][rows])
        np.testing.assert_array_equal(fast["sickness_benefit"], slow["sickness_benefit"])
        checked += int(rows.sum())
        assert np.unique(fast[name][rows]).size == 3  # every situation exercised
    assert checked > 100


@pytest.mark.parametrize("year", [2022, 2025])
def test_elderly_assistance_restricted_to_assessed_households(year: int) -> None:
    """Give a quarter of the persons aged 60+ self-reliance points (some of them German-speaking
    with a care category) and compare the restricted allowance formulas with the full ones."""
    system = default_system()
    full_system, names = _unrestricted(system)
    outputs = ["disability_assistance_elderly", "disability_elderly_care_allowance_german_speaking"]
    assert set(outputs) <= set(names)
    model_input = standin_model_input(persons=3_000, year=year, seed=13)
    n = model_input.population.n_persons
    rng = np.random.default_rng(5)
    old = np.asarray(model_input.age) >= 60
    assessed = old & (rng.random(n) < 0.25)
    german = old & (rng.random(n) < 0.3)
    inputs = {
        "disability_self_reliance_points": np.where(assessed, rng.integers(0, 19, n), 0),
        "disability_elderly_care_category": np.where(german, rng.integers(0, 5, n), 0),
    }
    n_households = model_input.population.count("household")
    german_household = rng.random(n_households) < 0.3
    inputs["language_community"] = np.where(german_household, "german", "french")
    period_key = str(year)
    population = model_input.population.replace_inputs(
        {k: {period_key: v} for k, v in inputs.items()}
    )
    paid = german_paid = 0.0
    for month in (1, 7, 12):
        period = f"{year}-{month:02d}"
        fast = Simulation(system, population).compute(outputs, period)
        slow = Simulation(full_system, population).compute(outputs, period)
        for name in outputs:
            np.testing.assert_array_equal(fast[name], slow[name], err_msg=f"{name} {period}")
        paid += float(fast["disability_assistance_elderly"].sum())
        german_paid += float(fast["disability_elderly_care_allowance_german_speaking"].sum())
    assert paid > 0
    assert german_paid > 0 or year < 2023  # the German-speaking care allowance from 2023
