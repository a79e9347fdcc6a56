"""The population builder: fiscal households and family units from household composition."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Period, PopulationError
from mimosis.legislation.population import (
    HouseholdSpec,
    PersonSpec,
    derive_memberships,
    population_from_columns,
    population_from_households,
)
from mimosis.legislation.system import build_system


def groups(m: dict, entity: str) -> tuple[list[int], list[str]]:
    from mimosis.legislation.entities import ENTITIES

    ent = {e.name: e for e in ENTITIES}[entity]
    return m[entity].index.tolist(), [ent.roles[int(r)] for r in m[entity].roles]


def derive(roles, civil, child, **links):
    return derive_memberships([0] * len(roles), roles, civil, child, **links)


def test_married_couple_with_children_is_one_fiscal_household() -> None:
    m = derive(
        ["head", "partner", "child", "child"],
        ["married", "married", "single", "single"],
        [False, False, True, True],
    )
    assert groups(m, "fiscal_household") == (
        [0, 0, 0, 0],
        ["declarant", "partner", "dependant", "dependant"],
    )
    assert groups(m, "family_unit") == ([0, 0, 0, 0], ["adult", "partner", "child", "child"])


def test_legal_cohabitants_are_taxed_jointly() -> None:
    m = derive(["head", "partner"], ["legal_cohabitant", "legal_cohabitant"], [False, False])
    assert groups(m, "fiscal_household")[0] == [0, 0]


def test_de_facto_couple_joins_the_family_unit_only() -> None:
    m = derive(["head", "partner", "child"], ["single", "divorced", "single"], [False, False, True])
    # the child depends on the head by default
    assert groups(m, "fiscal_household") == ([0, 1, 0], ["declarant", "declarant", "dependant"])
    assert groups(m, "family_unit") == ([0, 0, 0], ["adult", "partner", "child"])


def test_married_to_someone_else_is_not_joint() -> None:
    # head married (separated in fact from an absent spouse), living with a single partner
    m = derive(["head", "partner"], ["married", "single"], [False, False])
    assert groups(m, "fiscal_household")[0] == [0, 1]
    assert groups(m, "family_unit")[0] == [0, 0]


def test_other_adults_are_alone_and_adult_children_too() -> None:
    m = derive(["head", "child", "other"], ["widowed", "single", "single"], [False, False, False])
    assert groups(m, "fiscal_household") == ([0, 1, 2], ["declarant"] * 3)
    assert groups(m, "family_unit") == ([0, 1, 2], ["adult"] * 3)


def test_explicit_partner_links_and_dependant_of() -> None:
    # grandmother head; her daughter and the daughter's husband; their baby
    m = derive(
        ["head", "child", "other", "child"],
        ["widowed", "married", "married", "single"],
        [False, False, False, True],
        partner=[-1, 2, 1, -1],
        dependant_of=[-1, -1, -1, 1],
    )
    assert groups(m, "fiscal_household") == (
        [0, 1, 1, 1],
        ["declarant", "declarant", "partner", "dependant"],
    )
    assert groups(m, "family_unit") == ([0, 1, 1, 1], ["adult", "adult", "partner", "child"])


def test_child_of_a_dependent_child_goes_to_the_grandparent() -> None:
    m = derive(
        ["head", "child", "child"],
        ["single", "single", "single"],
        [False, True, True],
        dependant_of=[-1, 0, 1],
    )
    assert groups(m, "fiscal_household")[0] == [0, 0, 0]


def test_the_head_leads_the_couple_even_when_listed_second() -> None:
    m = derive(["partner", "head"], ["married", "married"], [False, False])
    assert groups(m, "fiscal_household") == ([0, 0], ["partner", "declarant"])


def test_dependent_flag_without_a_head_is_an_adult() -> None:
    m = derive(["other", "child"], ["single", "single"], [False, True])
    assert groups(m, "fiscal_household") == ([0, 1], ["declarant", "declarant"])


def test_several_households_are_numbered_in_order() -> None:
    m = derive_memberships(
        [7, 7, 3, 9, 9],
        ["head", "child", "head", "head", "partner"],
        ["single", "single", "single", "married", "married"],
        [False, True, False, False, False],
    )
    assert m["household"].index.tolist() == [0, 0, 1, 2, 2]
    assert m["fiscal_household"].index.tolist() == [0, 0, 1, 2, 2]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"household_id": [1, 2, 1]}, "contiguous"),
        ({"household_role": ["head", "head", "child"]}, "held twice"),
        ({"household_role": ["head", "boss", "child"]}, "unknown values"),
        ({"civil_status": ["single", "engaged", "single"]}, "unknown values"),
        ({"partner": [1, 2, 0]}, "mutual"),
        ({"partner": [0, -1, -1]}, "own partner"),
        ({"dependant_of": [-1, 5, -1]}, "within"),
        ({"dependant_of": [2, 2, 1], "is_dependent_child": [True, True, True]}, "cycle"),
    ],
)
def test_inconsistent_columns_are_refused(kwargs: dict, message: str) -> None:
    columns = {
        "household_id": [1, 1, 1],
        "household_role": ["head", "partner", "child"],
        "civil_status": ["single", "single", "single"],
        "is_dependent_child": [False, False, True],
    }
    links = {k: kwargs.pop(k) for k in ("partner", "dependant_of") if k in kwargs}
    columns.update(kwargs)
    with pytest.raises(PopulationError, match=message):
        derive_memberships(**columns, **links)


def test_link_across_households_is_refused() -> None:
    with pytest.raises(PopulationError, match="within the household"):
        derive_memberships(
            [1, 2], ["head", "head"], ["married", "married"], [False, False], partner=[1, 0]
        )


def test_population_from_columns_at_scale_is_vectorised() -> None:
    # 200k households of a couple and two children, and a single adult: no loop per household
    n_hh = 100_000
    hh = np.repeat(np.arange(2 * n_hh), np.tile([4, 1], n_hh))
    role = np.tile(np.array(["head", "partner", "child", "child", "head"]), n_hh)
    civil = np.tile(np.array(["married", "married", "single", "single", "single"]), n_hh)
    child = np.tile(np.array([False, False, True, True, False]), n_hh)
    pop = population_from_columns(hh, role, civil, child)
    assert pop.count("household") == 2 * n_hh
    assert pop.count("fiscal_household") == 2 * n_hh
    assert pop.count("family_unit") == 2 * n_hh


def test_population_from_households_places_inputs() -> None:
    system = build_system([])
    h = HouseholdSpec(
        [
            PersonSpec(
                "a",
                "head",
                {
                    "birth_year": 1980,
                    "civil_status": "married",
                    "employee_gross_wage": {"2024": 2000, "2025-03": 2100},
                },
            ),
            PersonSpec("b", "partner", {"birth_year": 1982, "civil_status": "married"}),
        ],
        {"region": "wallonia"},
    )
    pop = population_from_households([h], system.variables, Period.parse("2025-01"))
    wage = pop.inputs["employee_gross_wage"]
    assert Period.parse("2024-07") in wage and Period.parse("2025-03") in wage
    assert wage[Period.parse("2025-03")].tolist() == [2100, 0]
    assert pop.inputs["region"][next(iter(pop.inputs["region"]))].tolist() == [1]
    assert pop.groups["fiscal_household"].n_groups == 1
