"""The standard tables: hand computations on a tiny population, and consistent counts on the
stand-in population."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.indicators.budget import ProgrammeAmounts
from mimosis.indicators.distribution import gini
from mimosis.indicators.frame import PersonFrame
from mimosis.indicators.standard import (
    Breakdowns,
    StandardOptions,
    age_groups,
    standard_tables,
)
from mimosis.indicators.tables import StatTable
from mimosis.scenarios.run import ScenarioResult
from mimosis.scenarios.tables import scenario_tables
from mimosis.testing.model_input import StandInModelInput

WEIGHTS = [1.0, 2.0, 3.0, 4.0]


def tiny() -> list[StatTable]:
    """Four one-person households (adults), weights 1..4, one stratum."""
    frame = PersonFrame(
        weight=np.array(WEIGHTS),
        household=np.arange(4, dtype=np.int64),
        age=np.full(4, 40, dtype=np.int64),
        stratum=np.zeros(4, dtype=np.int64),
    )
    zero = np.zeros(4)
    programmes = [
        ProgrammeAmounts("benefit", "expenditure", "local", zero, np.array([1200.0, 0, 0, 0])),
        ProgrammeAmounts("tax", "revenue", "federal", zero, np.array([0, 0, 0, 1200.0])),
    ]
    labels = np.array(["a", "a", "b", "b"])
    return standard_tables(
        frame,
        breakdowns=Breakdowns(household_type=labels, region=labels),
        programmes=programmes,
        baseline_income=np.array([1000.0, 2000.0, 3000.0, 4000.0]),
        reform_income=np.array([1100.0, 2000.0, 3000.0, 3900.0]),
        options=StandardOptions(replicates=30, seed=3),
    )


def by_name(tables: list[StatTable]) -> dict[str, StatTable]:
    return {t.name: t for t in tables}


def test_headline_numbers_by_hand() -> None:
    t = by_name(tiny())["headline"]
    # benefit +1200 paid to weight 1, tax +1200 from weight 4: 4 * 1200 - 1 * 1200
    assert t.cells[("net_budget_effect", "estimate")].value == pytest.approx(3600.0)
    # weighted median 3000 (cumulative weights 1, 3, 6, 10): line 1800, only weight 1 below
    assert t.cells[("poverty_rate_baseline", "estimate")].value == pytest.approx(0.1)
    assert t.cells[("poverty_rate_reform", "estimate")].value == pytest.approx(0.1)
    base = np.array([1000.0, 2000, 3000, 4000])
    expected = gini(base, np.array(WEIGHTS))
    assert t.cells[("gini_baseline", "estimate")].value == pytest.approx(expected)
    for row in t.rows:
        low, high = t.cells[(row, "ci_low")].value, t.cells[(row, "ci_high")].value
        assert low <= high


def test_budget_by_level_and_winners_by_hand() -> None:
    tables = by_name(tiny())
    level = tables["budget_by_level"]
    assert level.cells[("local", "budget_effect")].value == pytest.approx(-1200.0)
    assert level.cells[("federal", "budget_effect")].value == pytest.approx(4800.0)
    assert level.cells[("total", "budget_effect")].value == pytest.approx(3600.0)
    winners = tables["winners_losers_by_household_type"]
    assert winners.cells[("total", "gaining")].value == pytest.approx(0.1)
    assert winners.cells[("total", "losing")].value == pytest.approx(0.4)
    assert winners.cells[("a", "gaining")].value == pytest.approx(1 / 3)
    assert winners.cells[("b", "losing")].value == pytest.approx(4 / 7)


def test_age_groups() -> None:
    ages = np.array([0, 17, 18, 24, 25, 54, 55, 64, 65, 79, 80, 101])
    assert list(age_groups(ages)) == [
        "0-17", "0-17", "18-24", "18-24", "25-54", "25-54",
        "55-64", "55-64", "65-79", "65-79", "80+", "80+",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def stand_in_tables(
    small_input: StandInModelInput, integration_run: ScenarioResult
) -> dict[str, StatTable]:
    return by_name(scenario_tables(small_input, integration_run, StandardOptions(replicates=20)))


@pytest.mark.parametrize(
    "name",
    [
        "poverty_by_age_group",
        "poverty_by_household_type",
        "poverty_by_region",
        "winners_losers_by_decile",
        "winners_losers_by_household_type",
    ],
)
def test_group_counts_add_up_to_the_total(stand_in_tables: dict[str, StatTable], name: str) -> None:
    table = stand_in_tables[name]
    groups = [r for r in table.rows if r != "total"]
    total = table.cells[("total", "persons")]
    assert sum(table.cells[(r, "persons")].n_persons for r in groups) == total.n_persons
    assert sum(table.cells[(r, "persons")].value for r in groups) == pytest.approx(total.value)


def test_budget_tables_agree(
    stand_in_tables: dict[str, StatTable], small_input: StandInModelInput
) -> None:
    programme = stand_in_tables["budget_by_programme"]
    level = stand_in_tables["budget_by_level"]
    by_programme = sum(programme.cells[(r, "budget_effect")].value for r in programme.rows)
    assert level.cells[("total", "budget_effect")].value == pytest.approx(by_programme)
    headline = stand_in_tables["headline"].cells[("net_budget_effect", "estimate")].value
    assert headline == pytest.approx(by_programme)
    total = level.cells[("total", "budget_effect")]
    assert total.n_persons == small_input.population.n_persons


def test_every_table_carries_the_run_notes(stand_in_tables: dict[str, StatTable]) -> None:
    for table in stand_in_tables.values():
        assert any("yearly amounts are the sum of the twelve" in n for n in table.notes)


def test_budget_tables_equal_the_indicator_functions(
    small_input: StandInModelInput, integration_run: ScenarioResult
) -> None:
    from mimosis.indicators.budget import budget_by_level_table, budget_table
    from mimosis.indicators.standard import budget_tables
    from mimosis.scenarios.tables import person_frame

    frame = person_frame(small_input)
    programmes = [
        ProgrammeAmounts(
            p.label,
            p.kind,
            p.level,
            integration_run.baseline[p.name],
            integration_run.reform[p.name],
        )
        for p in integration_run.programmes
    ]
    fast = budget_tables(frame, programmes)
    for mine, reference in zip(
        fast,
        (budget_table(frame, programmes), budget_by_level_table(frame, programmes)),
        strict=True,
    ):
        assert mine.rows == reference.rows and mine.columns == reference.columns
        for key, cell in reference.cells.items():
            got = mine.cells[key]
            assert got.value == pytest.approx(cell.value, rel=1e-9, abs=1e-6)
            assert (got.n_persons, got.n_households) == (cell.n_persons, cell.n_households)
            assert got.top1 == pytest.approx(cell.top1) and got.top2 == pytest.approx(cell.top2)
            assert got.total == pytest.approx(cell.total)
