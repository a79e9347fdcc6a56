"""The career helper of the pensions programme: from career rows to per-person inputs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from mimosis.engine import ParameterTree, load_parameters
from mimosis.legislation.pensions.career import (
    CareerTables,
    employee_career_inputs,
    self_employed_career_inputs,
)
from mimosis.legislation.system import PARAMETERS_FOLDER


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> ParameterTree:
    """Only the folders the helper reads (other programmes may be mid-edit)."""
    root: Path = tmp_path_factory.mktemp("parameters")
    (root / "indices").mkdir()
    shutil.copy(PARAMETERS_FOLDER / "indices" / "social_benefits.yaml", root / "indices")
    shutil.copytree(PARAMETERS_FOLDER / "pensions", root / "pensions")
    return load_parameters(root)


def _tables(**kw: object) -> CareerTables:
    fields: dict[str, object] = {
        "ceiling": {2020: 60000.0, 2021: 62000.0},
        "minimum_right_amount": 24000.0,
        "minimum_right_min_years": 15,
        "minimum_right_min_days": 104.0,
        "days_per_year": 312.0,
        "career_year_min_days": 104.0,
        "fraction_days": 52.0,
        "flexible_days": 156.0,
        "strict_days": 208.0,
        "notional_daily_wage": 7.6,
    }
    fields.update(kw)
    return CareerTables(**fields)  # type: ignore[arg-type]


def test_ceiling_and_revaluation_per_year() -> None:
    tables = _tables(revaluation={2020: 1.10, 2021: 1.05})
    out = employee_career_inputs(
        [0, 0, 1],
        [2020, 2021, 2021],
        [70000.0, 50000.0, 30000.0],
        [312, 312, 156],
        [0, 0, 0],
        n_persons=2,
        tables=tables,
    )
    # 2020 capped at 60,000 then x 1.10; 2021 below the ceiling x 1.05
    assert out["pensions_employee_revalued_wages"][0] == pytest.approx(60000 * 1.10 + 50000 * 1.05)
    assert out["pensions_employee_revalued_wages"][1] == pytest.approx(30000 * 1.05)
    assert out["pensions_employee_career_days"].tolist() == [624.0, 156.0]
    # 156 days: a year of the flexible criterion, not of the strict one
    assert out["pensions_employee_years_flexible"].tolist() == [2.0, 1.0]
    assert out["pensions_employee_years_strict"].tolist() == [2.0, 0.0]


def test_years_before_the_ceiling_series_keep_the_first_revalued_ceiling() -> None:
    tables = _tables(revaluation={1990: 2.0, 2020: 1.0})
    out = employee_career_inputs([0], [1990], [50000.0], [312], [0], n_persons=1, tables=tables)
    # revalued ceiling held at 60,000: the nominal 1990 cap is 30,000, revalued x 2
    assert out["pensions_employee_revalued_wages"][0] == pytest.approx(60000.0)


def test_notional_wage_of_assimilated_days() -> None:
    tables = _tables(ceiling={})
    out = employee_career_inputs(
        # person 0: work in 2019 then unemployment in 2020 (previous year's daily wage)
        # person 1: only assimilated days (flat daily wage)
        # person 2: assimilated days before the first year of work (next year's daily wage)
        [0, 0, 1, 2, 2],
        [2019, 2020, 2020, 2018, 2019],
        [31200.0, 0.0, 0.0, 0.0, 15600.0],
        [312, 0, 0, 0, 156],
        [0, 312, 100, 200, 0],
        n_persons=3,
        tables=tables,
    )
    revalued = out["pensions_employee_revalued_wages"]
    assert revalued[0] == pytest.approx(31200 + 100.0 * 312)
    assert revalued[1] == pytest.approx(7.6 * 100)
    assert revalued[2] == pytest.approx(100.0 * 200 + 15600)


def test_given_notional_wage_and_limited_periods() -> None:
    tables = _tables(ceiling={})
    out = employee_career_inputs(
        [0, 0],
        [2019, 2020],
        [62400.0, 0.0],
        [312, 0],
        [0, 312],
        n_persons=1,
        tables=tables,
        limited=[False, True],
    )
    # the limited notional wage of 2020 is capped at the minimum yearly wage (24,000)
    assert out["pensions_employee_revalued_wages"][0] == pytest.approx(62400 + 24000)
    given = employee_career_inputs(
        [0], [2020], [0.0], [0], [312], n_persons=1, tables=tables, notional_wage=[12345.0]
    )
    assert given["pensions_employee_revalued_wages"][0] == pytest.approx(12345.0)


@pytest.mark.parametrize(("years", "raised"), [(15, True), (14, False)])
def test_minimum_right_per_career_year(years: int, raised: bool) -> None:
    tables = _tables(ceiling={})
    n = years
    out = employee_career_inputs(
        [0] * n,
        list(range(2000, 2000 + n)),
        [12000.0] * n,
        [312] * n,
        [0] * n,
        n_persons=1,
        tables=tables,
    )
    expected = n * (24000.0 if raised else 12000.0)
    assert out["pensions_employee_revalued_wages"][0] == pytest.approx(expected)


def test_minimum_right_pro_rata_and_only_for_104_days() -> None:
    tables = _tables(ceiling={})
    years = list(range(2000, 2016))
    wages = [12000.0] * 15 + [1000.0]
    days = [312] * 15 + [103]
    out = employee_career_inputs([0] * 16, years, wages, days, [0] * 16, n_persons=1, tables=tables)
    # 15 qualifying years raised to 24,000; the 103-day year keeps its wage
    assert out["pensions_employee_revalued_wages"][0] == pytest.approx(15 * 24000 + 1000)
    assert out["pensions_employee_career_years"][0] == 15
    assert out["pensions_employee_years_fraction"][0] == 16


def test_tables_from_parameters(tree: ParameterTree) -> None:
    tables = CareerTables.from_parameters(tree, date(2024, 6, 1))
    assert tables.ceiling[2019] == pytest.approx(58446.94)
    assert tables.ceiling[2018] == pytest.approx(55657.47)  # the 2017 value holds
    assert 2013 not in tables.ceiling
    # 18,819.12 x 1.7069 (June 2024)
    assert tables.minimum_right_amount == pytest.approx(32122.36, abs=0.01)
    assert tables.se_correction[2021] == 1.0
    assert tables.se_correction[2020] is None


def test_self_employed_correction(tree: ParameterTree) -> None:
    tables = CareerTables.from_parameters(tree, date(2024, 6, 1))
    with pytest.raises(ValueError, match="2020"):
        self_employed_career_inputs(
            [0, 0], [2020, 2021], [30000, 30000], [4, 4], n_persons=1, tables=tables
        )
    out = self_employed_career_inputs(
        [0, 0, 1],
        [2020, 2021, 2021],
        [30000.0, 70000.0, 10000.0],
        [4, 4, 2],
        n_persons=2,
        tables=tables,
        correction=[0.6, np.nan, np.nan],
    )
    # 2021: the self-employed ceiling 61,865.94 applies, correction 1.0
    assert out["pensions_self_employed_revalued_income"][0] == pytest.approx(30000 * 0.6 + 61865.94)
    assert out["pensions_self_employed_revalued_income"][1] == pytest.approx(10000.0)
    assert out["pensions_self_employed_career_years"].tolist() == [2.0, 0.5]
