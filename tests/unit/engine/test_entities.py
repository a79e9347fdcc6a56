from __future__ import annotations

import numpy as np
import pytest

from mimosis.engine import Entity, Membership, Population, PopulationError, VariableError

HH = Entity("household", roles=("head", "partner", "child"), unique_roles=("head", "partner"))
FH = Entity("fiscal_household", roles=("declarant", "dependant"), unique_roles=("declarant",))


def make(
    hh: list[int], roles: list[str], fh: list[int] | None = None, fh_roles: list[str] | None = None
) -> Population:
    entities = [HH] if fh is None else [HH, FH]
    memberships = {"household": Membership(np.array(hh), np.array(roles))}
    if fh is not None:
        memberships["fiscal_household"] = Membership(np.array(fh), np.array(fh_roles))
    return Population(entities, memberships)


def test_group_operations() -> None:
    pop = make([0, 0, 0, 1, 2, 2], ["head", "partner", "child", "head", "head", "child"])
    g = pop.group("household")
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert g.sum(x).tolist() == [6.0, 4.0, 11.0]
    assert g.max(x).tolist() == [3.0, 4.0, 6.0]
    assert g.min(x).tolist() == [1.0, 4.0, 5.0]
    assert g.nb_persons().tolist() == [3, 1, 2]
    assert g.nb_persons("child").tolist() == [1, 0, 1]
    assert g.any(x > 5).tolist() == [False, False, True]
    assert g.all(x > 3).tolist() == [False, True, True]
    assert g.value_of_role(x, "head").tolist() == [1.0, 4.0, 5.0]
    assert g.value_of_role(x, "partner", default=-1.0).tolist() == [2.0, -1.0, -1.0]
    assert g.project(np.array([10, 20, 30])).tolist() == [10, 10, 10, 20, 30, 30]
    assert g.sum(np.array([1, 2, 3, 4, 5, 6])).dtype == np.int64


def test_value_of_non_unique_role_is_refused() -> None:
    pop = make([0, 0], ["head", "child"])
    with pytest.raises(VariableError, match="not declared unique"):
        pop.group("household").value_of_role(np.ones(2), "child")


def test_non_contiguous_group_aggregations() -> None:
    # fiscal households interleaved within one household
    pop = make(
        [0, 0, 0, 0],
        ["head", "partner", "child", "child"],
        [0, 1, 0, 1],
        ["declarant", "declarant", "dependant", "dependant"],
    )
    g = pop.group("fiscal_household")
    x = np.array([1.0, 10.0, 2.0, 20.0])
    assert g.sum(x).tolist() == [3.0, 30.0]
    assert g.max(x).tolist() == [2.0, 20.0]
    assert g.min(x).tolist() == [1.0, 10.0]


def test_weights() -> None:
    pop = Population(
        [HH],
        {"household": Membership(np.array([0, 0, 1]), np.array([0, 2, 0]))},
        household_weights=np.array([2.0, 3.0]),
    )
    assert pop.person_weights.tolist() == [2.0, 2.0, 3.0]
    with pytest.raises(PopulationError, match="household_weights"):
        Population(
            [HH],
            {"household": Membership(np.array([0]), np.array([0]))},
            household_weights=np.array([1.0, 1.0]),
        )


@pytest.mark.parametrize(
    ("hh", "roles", "message"),
    [
        ([0, 1, 0], ["head", "head", "child"], "contiguous"),
        ([0, 0, 2], ["head", "child", "head"], "no empty group"),
        ([0, -1], ["head", "head"], "negative"),
        ([0, 0], ["head", "head"], "unique"),
        ([0, 0], ["head", "boss"], "unknown roles"),
        ([1, 1], ["head", "child"], "no empty group"),
    ],
)
def test_population_validation(hh: list[int], roles: list[str], message: str) -> None:
    with pytest.raises(PopulationError, match=message):
        make(hh, roles)


def test_groups_must_nest_in_households() -> None:
    with pytest.raises(PopulationError, match="within a single household"):
        make(
            [0, 0, 1], ["head", "child", "head"], [0, 0, 0], ["declarant", "dependant", "dependant"]
        )


def test_length_mismatch_and_missing_membership() -> None:
    with pytest.raises(PopulationError, match="one entry per person"):
        Population(
            [HH, FH],
            {
                "household": Membership(np.array([0, 0]), np.array([0, 2])),
                "fiscal_household": Membership(np.array([0]), np.array([0])),
            },
        )
    with pytest.raises(PopulationError, match="missing"):
        Population([HH, FH], {"household": Membership(np.array([0]), np.array([0]))})


def test_entity_declaration_errors() -> None:
    with pytest.raises(VariableError):
        Entity("person", roles=("x",))
    with pytest.raises(VariableError):
        Entity("household", roles=("head",), unique_roles=("boss",))
