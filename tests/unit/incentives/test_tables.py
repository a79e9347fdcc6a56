"""Incentive tables on a small drawn population: built, released through disclosure control,
decompositions that add up, and the household helpers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mimosis.engine import reform_from_dict
from mimosis.errors import UserError
from mimosis.incentives.api import incentive_tables, released_incentive_tables
from mimosis.incentives.households import adult_ranks
from mimosis.incentives.options import IncentiveOptions, load_options
from mimosis.incentives.rates import compute_incentives
from mimosis.legislation.system import build_system
from mimosis.testing.model_input import standin_model_input

REFORM = reform_from_dict(
    {
        "name": "integration income single +10 %",
        "description": "test reform",
        "changes": [
            {"path": "social_assistance.amount.single", "from": "2025-01-01", "value": 9964.08}
        ],
    }
)


@pytest.fixture(scope="module")
def system():  # type: ignore[no-untyped-def]
    return build_system()


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return standin_model_input(1500, seed=4)


@pytest.fixture(scope="module")
def results(system, data):  # type: ignore[no-untyped-def]
    return compute_incentives(data, system, reform=REFORM)


def test_every_adult_has_a_metr_and_the_parts_add_up(data, results) -> None:  # type: ignore[no-untyped-def]
    age = np.asarray(data.age)
    assert results.persons.size == int(((age >= 18) & (age <= 64)).sum())
    for measures in results.rates.values():
        metr = measures["metr"]
        assert not np.isnan(metr.rate).any()
        np.testing.assert_allclose(metr.parts.sum(axis=1), metr.rate, atol=1e-9)


def test_decomposition_table_rows_add_up_to_the_total(data, results) -> None:  # type: ignore[no-untyped-def]
    tables = {t.name: t for t in incentive_tables(data, results, IncentiveOptions())}
    table = tables["incentives_metr_decomposition_by_role_baseline"]
    for column in table.columns:
        parts = sum(table.cells[(row, column)].value for row in table.rows if row != "total")
        assert parts == pytest.approx(table.cells[("total", column)].value, abs=1e-9)
    assert "incentives_metr_reform_by_decile" in tables
    assert "incentives_traps_by_household_type_baseline" in tables
    assert "incentives_wage_model" in tables
    for t in tables.values():
        for _, _, cell in t:
            assert cell.n_persons >= 0 and cell.n_households <= cell.n_persons


def test_released_tables_and_chart_data(system, data) -> None:  # type: ignore[no-untyped-def]
    release = released_incentive_tables(data, system, breakdowns=("decile",))
    assert release.tables and release.charts
    chart = release.charts[0]
    assert chart.x[-1] == "total" and set(chart.series) == set(release.tables[0].columns)
    with pytest.raises(UserError, match="unknown breakdowns"):
        released_incentive_tables(data, system, breakdowns=("shoe_size",))


def test_reform_changes_rates_only_through_the_integration_income(results) -> None:  # type: ignore[no-untyped-def]
    """A higher integration income changes PTRs (up out of work, down for in-work top-ups);
    every change is explained by the integration income and what depends on it."""
    base, reform = results.rates["baseline"]["ptr"], results.rates["reform"]["ptr"]
    ok = ~np.isnan(base.rate)
    changed = np.abs(reform.rate - base.rate) > 1e-9
    assert np.any(changed & ok)
    names = [c.variable for c in results.components]
    ig = names.index("integration_income")
    assert np.all(np.abs(reform.parts[changed & ok, ig] - base.parts[changed & ok, ig]) > 0)


def test_ranks_put_one_adult_per_household_per_pass(data) -> None:  # type: ignore[no-untyped-def]
    adult = (np.asarray(data.age) >= 18) & (np.asarray(data.age) <= 64)
    ranks = adult_ranks(data.population, adult)
    hh = np.asarray(data.household)
    for r in range(int(ranks.max()) + 1):
        members = hh[ranks == r]
        assert np.unique(members).size == members.size
    assert np.all((ranks >= 0) == adult)


def test_passes_on_households_give_what_whole_population_passes_give(
    system, data, results, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Every pass on the whole population (none on the households it concerns only): the
    same rates, to rounding."""
    import mimosis.incentives.rates as rates_module

    monkeypatch.setattr(rates_module, "ON_HOUSEHOLDS_SHARE", 0.0)
    whole = compute_incentives(data, system, reform=REFORM)
    for system_name, measures in results.rates.items():
        for measure, got in measures.items():
            want = whole.rates[system_name][measure]
            np.testing.assert_allclose(got.rate, want.rate, atol=1e-9, err_msg=measure)
            np.testing.assert_allclose(got.parts, want.parts, atol=1e-9, err_msg=measure)


def test_options_file(tmp_path: Path) -> None:
    path = tmp_path / "options.yaml"
    path.write_text("increment: hour\nptr_trap: 0.9\n", encoding="utf-8")
    assert load_options(path).increment == "hour"
    path.write_text("increment: sometimes\n", encoding="utf-8")
    with pytest.raises(UserError, match="invalid incentive options"):
        load_options(path)


def test_passes_side_by_side_give_the_sequential_results(
    system, data, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The passes of a rank run in two threads; the rates are exactly those of one thread."""
    import mimosis.incentives.rates as rates_module

    reform = reform_from_dict(
        {
            "name": "single +10 %",
            "description": "d",
            "changes": [
                {"path": "social_assistance.amount.single", "from": "2025-01-01", "value": 9964.08}
            ],
        }
    )
    out = {}
    for threads in (1, 2):
        monkeypatch.setattr(rates_module, "PASS_THREADS", threads)
        out[threads] = compute_incentives(data, system, reform=reform)
    for side, measures in out[1].rates.items():
        for measure, one in measures.items():
            two = out[2].rates[side][measure]
            np.testing.assert_array_equal(one.rate, two.rate, err_msg=f"{side} {measure}")
            np.testing.assert_array_equal(one.parts, two.parts, err_msg=f"{side} {measure}")
    assert out[2].passes == out[1].passes
