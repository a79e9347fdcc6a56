"""Validation against the data and public aggregates."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mimosis.legislation.system import default_system
from mimosis.scenarios.tables import person_frame
from mimosis.testing.model_input import StandInModelInput, standin_model_input
from mimosis.validation.compare import (
    ValidationDataError,
    aggregates_table,
    load_aggregates,
    observed_table,
    simulate_baseline,
)


@pytest.fixture(scope="module")
def stand_in() -> StandInModelInput:
    return standin_model_input(persons=2000, year=2015, seed=11)


def test_aggregates_have_sources_and_known_variables() -> None:
    aggregates = load_aggregates()
    system = default_system()
    assert {a.year for a in aggregates} >= {2015}
    for a in aggregates:
        assert a.source.strip()
        if a.measure in ("recipients", "amount"):
            assert a.variable is not None
            # a variable the legislation does not declare yet is reported, not an error
            assert a.variable.isidentifier()
        if a.variable is not None and a.variable in system.variables:
            assert str(system.variables[a.variable].unit).startswith("EUR/")


def test_a_malformed_aggregates_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "aggregates.yaml"
    bad.write_text("aggregates:\n  - id: x\n", "utf-8")
    with pytest.raises(ValidationDataError, match=r"aggregates\.yaml"):
        load_aggregates(bad)


def test_observed_against_simulated_by_hand(stand_in: StandInModelInput) -> None:
    baseline = simulate_baseline(stand_in, list(stand_in.observed), plan="quarterly")
    frame = person_frame(stand_in)
    table = observed_table(frame, baseline, stand_in.observed)
    assert "pension_gross" in table.rows  # an input: simulated equals observed
    cell = table.cells[("pension_gross", "amount_ratio")]
    assert cell.value == pytest.approx(1.0)
    observed = stand_in.observed["unemployment_benefit"]
    expected = float(np.sum(stand_in.weight * observed * 12))
    assert table.cells[("unemployment_benefit", "amount_observed")].value == pytest.approx(expected)
    expected_n = float(np.sum(stand_in.weight[observed > 0]))
    got = table.cells[("unemployment_benefit", "recipients_observed")]
    assert got.value == pytest.approx(expected_n)
    assert got.n_persons == int(np.sum(observed > 0))


def test_public_aggregates_of_the_year(stand_in: StandInModelInput) -> None:
    aggregates = load_aggregates()
    baseline = simulate_baseline(stand_in, [a.variable for a in aggregates if a.variable])
    table = aggregates_table(person_frame(stand_in), baseline, aggregates, 2015)
    assert "population_2015" in table.rows
    assert "population_2025" not in table.rows
    population = table.cells[("population_2015", "simulated")].value
    assert population == pytest.approx(11_209_044, rel=1e-9)
    assert table.cells[("population_2015", "ratio")].value == pytest.approx(1.0, rel=1e-6)
    assert any("[V]" in n for n in table.notes)
