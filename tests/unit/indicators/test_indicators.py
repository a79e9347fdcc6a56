"""Indicators against hand computations on tiny populations."""

from __future__ import annotations

import numpy as np
import pytest

from mimosis.indicators.bootstrap import bootstrap, replicate_multipliers
from mimosis.indicators.budget import ProgrammeAmounts, budget_by_level_table, budget_table
from mimosis.indicators.distribution import (
    decile_impact_table,
    decile_of,
    equivalence_scale,
    equivalised,
    gini,
    inequality_table,
    poverty_table,
    s80_s20,
    winners_losers_table,
)
from mimosis.indicators.frame import Groups, PersonFrame, share_cells, weighted_quantiles
from mimosis.indicators.tables import Statistic


def frame(
    weights: list[float],
    households: list[int],
    ages: list[int] | None = None,
    strata: list[int] | None = None,
) -> PersonFrame:
    n = len(weights)
    return PersonFrame(
        weight=np.array(weights, dtype=np.float64),
        household=np.array(households, dtype=np.int64),
        age=np.array(ages if ages is not None else [40] * n, dtype=np.int64),
        stratum=np.array(strata if strata is not None else [0] * n, dtype=np.int64),
    )


def test_modified_oecd_scale() -> None:
    # household 0: two adults, a 15-year-old (counts as adult), a 5-year-old: 1 + .5 + .5 + .3
    # household 1: one adult; household 2: a child alone counts as the first adult
    f = frame([1] * 6, [0, 0, 0, 0, 1, 2], ages=[40, 38, 15, 5, 70, 10])
    assert equivalence_scale(f) == pytest.approx([2.3, 1.0, 1.0])
    income = equivalised(f, np.array([2300.0, 1000.0, 500.0]), equivalence_scale(f))
    assert income == pytest.approx([1000, 1000, 1000, 1000, 1000, 500])


def test_weighted_quantiles() -> None:
    values = np.array([10.0, 20.0, 30.0, 40.0])
    weights = np.array([1.0, 1.0, 1.0, 5.0])
    assert weighted_quantiles(values, weights, np.array([0.5]))[0] == 40.0
    assert weighted_quantiles(values, np.ones(4), np.array([0.5]))[0] == 20.0


def test_poverty_rate_by_hand() -> None:
    # five single-person households; median 1500, line 900: one person of five is poor
    f = frame([1] * 5, [0, 1, 2, 3, 4])
    income = np.array([500.0, 1000.0, 1500.0, 2000.0, 2500.0])
    labels = np.array(["a", "a", "b", "b", "b"])
    table = poverty_table(f, income=income, labels=labels, title="t", name="poverty")
    assert table.cells[("total", "at_risk_of_poverty_rate")].value == pytest.approx(0.2)
    assert table.cells[("a", "at_risk_of_poverty_rate")].value == pytest.approx(0.5)
    assert table.cells[("b", "at_risk_of_poverty_rate")].value == 0.0
    assert table.cells[("b", "at_risk_of_poverty_rate")].group_share == 0.0
    assert table.cells[("a", "persons")].n_persons == 2


def test_gini_and_s80_s20_by_hand() -> None:
    ones = np.ones(4)
    assert gini(np.array([5.0, 5.0, 5.0, 5.0]), ones) == pytest.approx(0.0)
    assert gini(np.array([0.0, 0.0, 0.0, 1.0]), ones) == pytest.approx(0.75)
    incomes = np.arange(1.0, 11.0)
    assert s80_s20(incomes, np.ones(10)) == pytest.approx(19 / 3)
    table = inequality_table(frame([1] * 10, list(range(10))), incomes, "ineq", "t")
    assert table.cells[("total", "median")].statistic is Statistic.QUANTILE


def test_gini_with_weights_equals_replicated_persons() -> None:
    values = np.array([1.0, 2.0, 7.0])
    weighted = gini(values, np.array([2.0, 1.0, 3.0]))
    replicated = gini(np.array([1.0, 1.0, 2.0, 7.0, 7.0, 7.0]), np.ones(6))
    assert weighted == pytest.approx(replicated)


def test_deciles_and_decile_impact() -> None:
    f = frame([1] * 20, list(range(20)))
    baseline = np.arange(1.0, 21.0) * 100
    assert decile_of(f, baseline).tolist() == [d for d in range(10) for _ in range(2)]
    reform = baseline + 10
    table = decile_impact_table(f, baseline, reform)
    assert table.cells[("D1", "baseline")].value == pytest.approx(150)
    assert table.cells[("D1", "change")].value == pytest.approx(10)
    assert table.cells[("total", "change_share")].value == pytest.approx(10 / 1050)


def test_winners_and_losers() -> None:
    f = frame([1, 1, 2, 1], [0, 1, 2, 3])
    baseline = np.array([1000.0, 1000.0, 1000.0, 1000.0])
    reform = np.array([1050.0, 1000.0, 990.0, 900.0])
    table = winners_losers_table(
        f,
        baseline=baseline,
        reform=reform,
        labels=np.array(["x"] * 4),
        threshold=0.01,
        name="w",
        title="t",
    )
    assert table.cells[("total", "gaining")].value == pytest.approx(1 / 5)
    assert table.cells[("total", "losing")].value == pytest.approx(1 / 5)  # 990 is within 1 %


def test_share_cells_carry_unweighted_share() -> None:
    f = frame([1, 9], [0, 1])
    cells = share_cells(Groups.everyone(f), f.weight, np.array([True, False]))
    assert cells[0].value == pytest.approx(0.1)
    assert cells[0].group_share == pytest.approx(0.5)
    assert cells[0].n_households == 2


def test_budget_by_hand() -> None:
    f = frame([2, 3], [0, 1])
    benefit = ProgrammeAmounts(
        "benefit", "expenditure", "federal", np.array([100.0, 0.0]), np.array([150.0, 0.0])
    )
    tax = ProgrammeAmounts(
        "tax", "revenue", "region", np.array([10.0, 10.0]), np.array([10.0, 20.0])
    )
    table = budget_table(f, [benefit, tax])
    assert table.cells[("benefit", "change")].value == pytest.approx(100)
    assert table.cells[("benefit", "budget_effect")].value == pytest.approx(-100)
    assert table.cells[("tax", "budget_effect")].value == pytest.approx(30)
    assert table.cells[("benefit", "change")].top1 == pytest.approx(100)
    levels = budget_by_level_table(f, [benefit, tax])
    assert levels.cells[("total", "budget_effect")].value == pytest.approx(-70)
    assert levels.total_row == "total"


def test_bootstrap_respects_strata() -> None:
    rng = np.random.default_rng(1)
    n = 400
    f = frame(list(rng.uniform(1, 3, n)), list(range(n)), strata=[i % 4 for i in range(n)])
    multipliers = list(replicate_multipliers(f, 5, seed=3))
    stratum = f.stratum
    for m in multipliers:
        # each stratum of 100 households keeps its household count on average: sum of draws
        for h in range(4):
            assert m[stratum == h].sum() == pytest.approx(100)
    values = rng.normal(1000, 100, n)
    interval = bootstrap(f, lambda w: float(np.sum(w * values) / np.sum(w)), replicates=100, seed=7)
    assert interval.low < interval.estimate < interval.high
    again = bootstrap(f, lambda w: float(np.sum(w * values) / np.sum(w)), replicates=100, seed=7)
    assert again == interval
