"""Starting weights from the documented design: the factors agree with the design's own
documentation, the Horvitz-Thompson identity holds, households carry 1 / pi_H."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest
import yaml

from mimosis.catalogue import catalogue
from mimosis.model_input.calibrate import margins_data
from mimosis.model_input.design import design_weights
from mimosis.model_input.link import link_persons
from tests.unit.model_input.helpers import World

AREAS = {"FL": "flanders", "WAL": "wallonia", "DG": "german_area", "BXL": "brussels"}


def test_the_factors_are_those_of_the_design_documentation() -> None:
    doc = yaml.safe_load(resources.files("mimosis.synth").joinpath("data/design.yaml").read_text())
    ours = margins_data()["design"]
    assert {AREAS[a["id"]]: a["oversampling"] for a in doc["areas"]} == ours["areas"]
    statuses = {s["id"]: s["oversampling"] for s in doc["statuses"]}
    statuses[doc["general"]["id"]] = doc["general"]["oversampling"]
    assert statuses == ours["statuses"]
    assert sum(a["persons"] for a in doc["areas"]) == ours["population_total"]
    dg = next(a for a in doc["areas"] if a["id"] == "DG")
    assert dg["municipalities"] == ours["german_area_municipalities"]


def test_horvitz_thompson_identity_and_household_probabilities(world: World) -> None:
    design = margins_data()["design"]
    persons = link_persons(
        world.extract.tables,
        catalogue(),
        world.extract.coarsening,
        design["german_area_municipalities"],
    )
    n = persons.n
    counts = {"disability_ivt_it": np.zeros(n), "invalidity": np.zeros(n)}
    counts["integration_income_december"] = np.zeros(n)
    dw = design_weights(persons, counts, design)
    sampled = persons.sampled
    assert np.sum(1 / dw.person_probability[sampled]) == pytest.approx(
        design["population_total"], rel=1e-9
    )
    # pi_H = 1 - prod(1 - pi_i) over the members
    h = persons.household
    expected = 1 - np.exp(np.bincount(h, weights=np.log1p(-dw.person_probability)))
    assert np.allclose(1 / dw.household_weight, expected)
    # Brussels persons are drawn twice as often as Flemish ones (general status)
    area = persons.region_hh[h]
    ratio = (
        dw.person_probability[area == "brussels"].mean()
        / dw.person_probability[(area == "flanders")].mean()
    )
    assert ratio == pytest.approx(2.0)
