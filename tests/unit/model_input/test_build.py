"""The model input end to end on the synthetic population: margins hit, the engine runs."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mimosis.engine import Simulation
from mimosis.legislation.system import default_system
from mimosis.model_input import MissingTableError, ModelInput, ModelInputError, build
from tests.unit.model_input.helpers import World


def test_calibrated_weights_hit_every_margin(model_2025: ModelInput) -> None:
    report = model_2025.calibration
    assert report.margins
    for m in report.margins:
        assert m.relative_error < 1e-6, m.name
    groups = {m.group for m in report.margins}
    assert groups == {"population", "households", "beneficiaries"}
    assert report.weights.total == pytest.approx(11_825_551, rel=1e-9)
    lo, hi = report.bounds
    assert lo - 1e-9 <= report.weights.g_min and report.weights.g_max <= hi + 1e-9


def test_every_member_carries_the_household_weight(model_2025: ModelInput) -> None:
    m = model_2025
    assert np.array_equal(m.weight, m.population.household_weights[m.household])
    assert np.array_equal(m.weight, m.population.person_weights)


def test_shapes_follow_the_contract(model_2025: ModelInput) -> None:
    m = model_2025
    n, h = m.household.size, m.region.size
    assert m.population.n_persons == n and m.population.count("household") == h
    for arr in (m.weight, m.age, m.stratum, m.labour_status):
        assert arr.shape == (n,)
    assert m.household_type.shape == (h,)
    assert set(np.unique(m.region)) <= {"flanders", "wallonia", "brussels"}
    for name, values in m.observed.items():
        assert values.shape == (n,), name
        assert np.all(values >= 0), name
    assert {"unemployment_benefit", "pension_gross", "integration_income"} <= set(m.observed)
    assert m.age.min() >= 0 and m.age.max() < 120
    assert "ModelInput(2025" in repr(m)


def test_the_engine_computes_on_the_model_input(model_2025: ModelInput) -> None:
    sim = Simulation(default_system(), model_2025.population)
    out = sim.compute(["disposable_income", "unemployment_benefit", "age"], "2025-01")
    assert out["unemployment_benefit"].shape == (model_2025.household.size,)
    assert np.array_equal(out["age"], model_2025.age)  # January: completed years at 1 January
    wages = sim.compute(["employee_gross_wage"], "2025")["employee_gross_wage"]
    assert float(np.sum(wages * model_2025.weight)) > 0


def test_same_seed_same_model_input_other_seed_other_draws(world: World) -> None:
    a = build(world.extract, 2015, seed=1)
    b = build(world.extract, 2015, seed=1)
    c = build(world.extract, 2015, seed=2)
    assert np.array_equal(a.weight, b.weight)
    assert np.array_equal(a.observed["pension_gross"], b.observed["pension_gross"])
    assert not np.array_equal(a.observed["pension_gross"], c.observed["pension_gross"])


def test_amounts_are_uprated_and_ages_kept(world: World, model_2025: ModelInput) -> None:
    base = build(world.extract, 2015, seed=5)
    ratio = model_2025.observed["pension_gross"].sum() / base.observed["pension_gross"].sum()
    assert ratio == pytest.approx(1.3173, rel=1e-3)  # the social-benefit index 2025 / 2015
    assert np.array_equal(base.age, model_2025.age)


def test_a_missing_table_and_a_foreign_catalogue_are_refused(world: World) -> None:
    tables = {k: v for k, v in world.extract.tables.items() if k != "person"}
    with pytest.raises(MissingTableError, match="'person'"):
        build(dataclasses.replace(world.extract, tables=tables), 2015)
    with pytest.raises(ModelInputError, match="catalogue version"):
        build(dataclasses.replace(world.extract, catalogue_version="other"), 2015)


def test_the_reports_render_without_record_values(model_2025: ModelInput) -> None:
    text = model_2025.calibration.markdown() + model_2025.imputation.markdown()
    assert "flanders/female/65+" in text and "income_quarter.gross_wage" in text
