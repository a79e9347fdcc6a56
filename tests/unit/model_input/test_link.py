"""Linking the blocks: persons contiguous by household, roles, partners, dependants, regions."""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from mimosis.catalogue import catalogue
from mimosis.legislation.entities import HOUSEHOLD
from mimosis.model_input.link import link_persons
from tests.unit.model_input.helpers import World

HEAD = HOUSEHOLD.role_code("head")
PARTNER = HOUSEHOLD.role_code("partner")


def _persons(world: World):  # type: ignore[no-untyped-def]
    return link_persons(world.extract.tables, catalogue(), world.extract.coarsening, ["63001"])


def test_persons_are_contiguous_by_household_with_one_head_first(world: World) -> None:
    p = _persons(world)
    assert p.n == world.extract.tables["person"].num_rows
    assert np.all(np.diff(p.household) >= 0)
    first = np.r_[True, p.household[1:] != p.household[:-1]]
    assert np.all(p.role[first] == HEAD)
    assert np.all(p.role[~first] != HEAD)
    per_hh = np.bincount(p.household[p.role == PARTNER], minlength=p.n_households)
    assert per_hh.max() <= 1
    # the same household id stays one household
    ids = np.asarray(world.extract.tables["person"].column("household_id"))
    assert np.unique(ids).size == p.n_households


def test_partners_are_mutual_and_dependants_live_in_the_household(world: World) -> None:
    p = _persons(world)
    has = p.partner >= 0
    assert has.any()
    assert np.array_equal(p.partner[p.partner[has]], np.flatnonzero(has))
    dep = p.dependant_of >= 0
    assert dep.any()
    assert np.all(p.household[p.dependant_of[dep]] == p.household[dep])


def test_positions_map_sequence_numbers_of_every_block(world: World) -> None:
    p = _persons(world)
    income = world.extract.tables["income_quarter"]
    pos = p.positions(income.column("person_id"))
    assert (pos >= 0).all()
    assert np.array_equal(p.person_id[pos], np.asarray(income.column("person_id")))
    outside = p.positions(np.array([-1, 10**9]))
    assert (outside == -1).all()


def test_regions_come_from_the_municipality_code_list(world: World) -> None:
    p = _persons(world)
    assert set(np.unique(p.region_hh)) <= {"flanders", "wallonia", "brussels"}
    municipality = world.extract.tables["person"].column("municipality")
    brussels = pc.starts_with(municipality, "21")
    head_rows = p.positions(world.extract.tables["person"].filter(brussels).column("person_id"))
    assert (p.region_hh[p.household[head_rows]] == "brussels").all()
