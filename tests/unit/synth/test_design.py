"""Sample design: exact sample size, oversampling, inclusion probabilities and weights."""

from __future__ import annotations

import numpy as np
import pyarrow.parquet as pq
from tests.unit.synth.conftest import N_TEST, Generated

from mimosis.synth.params import design
from mimosis.synth.sample import allocate, universe_scale
from mimosis.synth.writer import DESIGN_FILE


def test_sample_size_and_weights(generated: Generated) -> None:
    pop = generated.run.context.population
    assert int(pop.persons.sampled.sum()) == N_TEST
    assert abs(pop.persons.weight.sum() - design().total_population) < 1e-3
    h = pop.households
    assert ((h.probability > 0) & (h.probability <= 1)).all()
    assert np.allclose(h.design_weight, 1 / h.probability)
    # a household's probability is at least that of each of its members
    member_max = np.maximum.reduceat(pop.persons.probability, h.start)
    assert (h.probability >= member_max - 1e-12).all()


def test_weights_reproduce_area_populations(generated: Generated) -> None:
    pop = generated.run.context.population
    area = pop.area_of_persons()
    totals = np.bincount(area, weights=pop.persons.weight, minlength=4)
    assert np.allclose(totals, [a.persons for a in design().areas])


def test_oversampling(generated: Generated) -> None:
    strata = {(s.area, s.status): s for s in generated.run.context.population.strata}
    assert sum(s.sample for s in strata.values()) == N_TEST
    general = strata[("FL", "GEN")].fraction
    assert strata[("BXL", "GEN")].fraction > 1.5 * general
    assert strata[("DG", "GEN")].fraction > 3 * general
    for status in ("DIS", "RIS", "INV"):
        assert strata[("FL", status)].fraction > 1.5 * general


def test_allocation_adds_up() -> None:
    counts = np.array([[10, 20, 30, 1000], [5, 5, 5, 500], [1, 1, 1, 50], [3, 3, 3, 300]])
    n = allocate(design(), counts, 300)
    assert n.sum() == 300 and (n <= counts).all()


def test_universe_scale() -> None:
    assert universe_scale(design(), 400_000) == 1.0
    assert 0 < universe_scale(design(), 2_000) < 0.05


def test_design_file_matches_persons(generated: Generated) -> None:
    table = pq.read_table(generated.out / DESIGN_FILE)
    person = generated.table("person")
    assert table.column("person_id").equals(person.column("person_id"))
    assert abs(sum(table.column("weight").to_pylist()) - design().total_population) < 1e-3
