"""Weighted margins against the public targets: loose at the test size, the targets' own
tolerances (doubled) at a moderate size."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.synth.conftest import Generated

from mimosis.catalogue import catalogue
from mimosis.synth.context import SynthConfig
from mimosis.synth.generate import generate
from mimosis.synth.measure import MeasureData, measure_all
from mimosis.synth.targets import load_targets

SMALL = {
    "population_total": 1.0,
    "population_share_flanders": 1e-6,
    "population_share_brussels": 1e-6,
    "population_share_wallonia": 1e-6,
    "population_share_female": 0.03,
    "population_share_age_0_17": 0.04,
    "population_share_age_65_plus": 0.04,
    "population_share_female_age_65_plus": 0.06,
    "households_share_type_one_person": 0.05,
}


def test_margins_at_test_size(generated: Generated) -> None:
    targets = {t.id: t for t in load_targets()}
    data = MeasureData.load(catalogue(), generated.out)
    observed = measure_all(tuple(targets.values()), data)
    for target_id, tolerance in SMALL.items():
        target = targets[target_id]
        bound = tolerance * (target.value if target.kind == "count" else 1)
        assert abs(observed[target_id] - target.value) <= bound, target_id


def test_measures_skip_what_cannot_be_measured(generated: Generated) -> None:
    data = MeasureData.load(catalogue(), generated.out)
    observed = measure_all(load_targets(), data)
    assert "employment_rate_20_64" not in observed
    assert "population_share_age_18_64" in observed


# Targets the generator does not meet yet, each with the reason (an open item of issue 3):
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.slow
def test_margins_at_50000(tmp_path: Path) -> None:
    run = generate(SynthConfig(persons=50_000, seed=11, out=tmp_path))
    pop = run.context.population
    data = MeasureData.from_tables(catalogue(), run.context.tables, pop.persons.weight)
    targets = load_targets()
    observed = measure_all(targets, data)
    assert len(observed) >= 30
    # tolerances hold at 400,000; at 50,000 the noise is sqrt(8) = 2.8 times larger
    failures = [
        t.id
        for t in targets
        if t.id in observed
        and t.id not in KNOWN_GAPS
        and abs(observed[t.id] - t.value) > 3 * t.tolerance.bound(t.value)
    ]
    assert not failures
