"""Invariants of the population builder and the income identities on random households."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mimosis.engine import Period, Simulation
from mimosis.legislation.inputs import CIVIL_STATUS, JOINT_CIVIL_STATUS
from mimosis.legislation.population import HouseholdSpec, PersonSpec, population_from_households
from mimosis.legislation.system import build_system

SYSTEM = build_system([])  # the spine alone: inputs and income aggregates
PERIOD = Period.parse("2025-01")


@st.composite
def household(draw: st.DrawFn, number: int) -> HouseholdSpec:
    persons = []

    def person(pid: str, role: str, **extra: object) -> PersonSpec:
        inputs = {
            "birth_year": draw(st.integers(1930, 2024)),
            "civil_status": draw(st.sampled_from(CIVIL_STATUS)),
            "employee_gross_wage": draw(st.floats(0, 10_000)),
            "pension_gross": draw(st.floats(0, 3_000)),
            **extra,
        }
        partner = inputs.pop("partner", None)
        parent = inputs.pop("dependant_of", None)
        return PersonSpec(pid, role, inputs, partner, parent)  # type: ignore[arg-type]

    persons.append(person(f"h{number}", "head"))
    if draw(st.booleans()):
        persons.append(person(f"p{number}", "partner"))
    for k in range(draw(st.integers(0, 3))):
        persons.append(person(f"c{number}_{k}", "child", is_dependent_child=draw(st.booleans())))
    if draw(st.booleans()):  # a couple of other adults (grandparents) and maybe their child
        persons.append(person(f"o{number}a", "other", partner=f"o{number}b"))
        persons.append(person(f"o{number}b", "other"))
        if draw(st.booleans()):
            persons.append(
                person(f"o{number}c", "child", is_dependent_child=True, dependant_of=f"o{number}a")
            )
    return HouseholdSpec(persons, {"region": draw(st.sampled_from(["flanders", "brussels"]))})


@st.composite
def households(draw: st.DrawFn) -> list[HouseholdSpec]:
    n = draw(st.integers(1, 12))
    return [draw(household(i)) for i in range(n)]


@settings(max_examples=80, deadline=None)
@given(households())
def test_groups_partition_persons_and_nest(specs: list[HouseholdSpec]) -> None:
    pop = population_from_households(specs, SYSTEM.variables, PERIOD)
    persons = [p for h in specs for p in h.persons]
    n = len(persons)
    hh = pop.groups["household"].index
    for name in ("household", "fiscal_household", "family_unit"):
        g = pop.groups[name]
        assert g.index.shape == (n,)
        assert np.bincount(g.index, minlength=g.n_groups).min() >= 1  # every group non-empty
        # every group lies within one household
        assert all(len(set(hh[g.index == k])) == 1 for k in range(g.n_groups))
    fiscal, family = pop.groups["fiscal_household"], pop.groups["family_unit"]
    # each fiscal household lies within one family unit
    assert all(len(set(family.index[fiscal.index == k])) == 1 for k in range(fiscal.n_groups))
    # exactly one declarant / adult per group
    assert fiscal.nb_persons("declarant").tolist() == [1] * fiscal.n_groups
    assert family.nb_persons("adult").tolist() == [1] * family.n_groups
    # a dependant is a dependent child
    child = np.array([bool(p.inputs.get("is_dependent_child", False)) for p in persons])
    assert not np.any(fiscal.has_role("dependant") & ~child)
    # joint taxation only for married / legally cohabiting partners
    civil = np.array([p.inputs["civil_status"] for p in persons])
    joint = np.isin(civil, JOINT_CIVIL_STATUS)
    assert np.all(joint[fiscal.has_role("partner")])
    # a fiscal partner is also a family-unit partner
    assert np.all(family.has_role("partner")[fiscal.has_role("partner")])


@settings(max_examples=40, deadline=None)
@given(households())
def test_disposable_income_is_the_sum_of_net_incomes(specs: list[HouseholdSpec]) -> None:
    pop = population_from_households(specs, SYSTEM.variables, PERIOD)
    out = Simulation(SYSTEM, pop).compute(["net_income", "disposable_income"], "2025")
    hh = pop.groups["household"]
    assert np.allclose(out["disposable_income"], hh.sum(out["net_income"]))
    # with no programme, net income is the sum of the gross incomes (12 months)
    wages = np.array([p.inputs["employee_gross_wage"] for h in specs for p in h.persons])
    pensions = np.array([p.inputs["pension_gross"] for h in specs for p in h.persons])
    assert np.allclose(out["net_income"], 12 * (wages + pensions))
