"""The fast paths of the standard tables against the straightforward person-level formulas.

``standard_tables`` sorts each income once over households, makes each breakdown's groups once
and computes the bootstrap replicates over households; the group statistics count households
with a marker array and find the largest contributions by partition. Here each is checked
against the plain computation (np.unique, lexsort, person-level sorts), and the released
standard tables of a stand-in scenario against tables built from the one-table-at-a-time
functions of ``distribution`` and ``budget`` with a person-level bootstrap.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from mimosis.disclosure import canonical_json, release_table
from mimosis.indicators.bootstrap import replicate_multipliers
from mimosis.indicators.budget import ProgrammeAmounts, budget_by_level_table, budget_table
from mimosis.indicators.distribution import (
    DECILES,
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
from mimosis.indicators.frame import (
    Groups,
    PersonFrame,
    codes,
    load_conventions,
    sum_cells,
    top_two,
    weighted_quantiles,
)
from mimosis.indicators.sorted_income import SortedIncome
from mimosis.indicators.standard import (
    HEADLINES,
    Breakdowns,
    StandardOptions,
    age_groups,
    standard_tables,
)
from mimosis.indicators.tables import Cell, Statistic, StatTable, contributions

REFORM = Path(__file__).parents[3] / "examples" / "reforms" / "integration_income_plus_10pct.yaml"


def random_frame(rng: np.random.Generator, households: int) -> PersonFrame:
    sizes = rng.integers(1, 6, households)
    household = np.repeat(np.arange(households), sizes).astype(np.int64)
    n = household.size
    return PersonFrame(
        weight=rng.uniform(0.5, 30.0, n),
        household=household,
        age=rng.integers(0, 95, n).astype(np.int64),
        stratum=(rng.integers(0, 6, households)[household]).astype(np.int64),
    )


# --- primitives ---------------------------------------------------------------------------


def test_codes_equal_np_unique() -> None:
    rng = np.random.default_rng(4)
    words = np.array(["one_person", "couple", "single_parent", "other", "couple_with_children"])
    labels = words[rng.integers(0, 4, 5000)].astype(np.str_)
    labels[1234] = words[4]  # a label the sample (every 101st element) does not see
    for values in (labels, rng.integers(-3, 40, 5000), np.array(["b", "a", "b"]), labels[:0]):
        names, code = codes(values)
        uniques, inverse = np.unique(values, return_inverse=True)
        assert names == tuple(str(u) for u in uniques)
        assert code.tolist() == inverse.reshape(-1).tolist()


def test_group_counts_and_top_two_equal_the_plain_computation() -> None:
    rng = np.random.default_rng(5)
    frame = random_frame(rng, 3000)
    k = 7
    code = rng.integers(-1, k, frame.n_persons)
    code[code == 5] = -1  # an empty group
    groups = Groups.from_codes(frame, tuple(f"g{g}" for g in range(k)), code)
    inside = code >= 0
    pairs = np.unique(code[inside] * (frame.n_households + 1) + frame.household[inside])
    expected = np.bincount(pairs // (frame.n_households + 1), minlength=k)
    assert groups.n_households.tolist() == expected.tolist()
    values = rng.normal(0, 100, frame.n_persons)
    values[rng.random(frame.n_persons) < 0.6] = 0.0
    values[10] = values[11] = 5000.0  # a tie at the top
    top1, top2, total = top_two(groups, values)
    for g in range(k):
        magnitudes = np.sort(np.abs(values[code == g]))[::-1]
        padded = np.concatenate((magnitudes, [0.0, 0.0]))
        assert (top1[g], top2[g]) == (padded[0], padded[1])
        assert total[g] == pytest.approx(magnitudes.sum())
    everyone = Groups.everyone(frame)
    assert everyone.n_households.tolist() == [frame.n_households]


@pytest.mark.parametrize(
    "values", [[0.0, 0.0, 0.0], [0.0, -3.0, 0.0], [2.0, -3.0, 0.0, 3.0], [1.0], []]
)
def test_contributions(values: list[float]) -> None:
    magnitudes = [*sorted((abs(v) for v in values), reverse=True), 0.0, 0.0]
    top1, top2, total = contributions(np.array(values))
    assert (top1, top2) == (magnitudes[0], magnitudes[1])
    assert total == pytest.approx(sum(abs(v) for v in values))


@pytest.mark.parametrize("within", ["household", "person"])
def test_sorted_income_equals_person_level(within: str) -> None:
    rng = np.random.default_rng(6)
    frame = random_frame(rng, 2000)
    household_income = np.round(rng.lognormal(7, 0.8, frame.n_households), 0)
    household_income[:50] = 1000.0  # ties across households
    income = household_income[frame.household]
    if within == "person":
        income = income + rng.integers(0, 2, frame.n_persons)
    s = SortedIncome.of(frame, income)
    assert s.per_household is (within == "household")
    probabilities = np.array([0.1, 0.2, 0.5, 0.8, 0.9])
    assert s.quantiles(probabilities).tolist() == (
        weighted_quantiles(income, frame.weight, probabilities).tolist()
    )
    assert s.gini() == pytest.approx(gini(income, frame.weight), rel=1e-12)
    assert s.s80_s20() == pytest.approx(s80_s20(income, frame.weight), rel=1e-12)
    for m in replicate_multipliers(frame, 5, seed=2):
        w = frame.weight * m[frame.household]
        line = 0.6 * weighted_quantiles(income, w, np.array([0.5]))[0]
        rate, g = s.replicate(m, 0.6)
        assert rate == pytest.approx(np.sum(w[income < line]) / np.sum(w), rel=1e-12)
        assert g == pytest.approx(gini(income, w), rel=1e-12)


# --- the standard tables against the one-table-at-a-time functions --------------------------


def reference_cells(
    frame: PersonFrame,
    *,
    breakdowns: Breakdowns,
    programmes: list[ProgrammeAmounts],
    baseline_income: np.ndarray,
    reform_income: np.ndarray,
    options: StandardOptions,
) -> dict[str, dict[tuple[str, str], Cell]]:
    """Per table, its cells computed person by person with the plain functions."""
    c = load_conventions()
    scale = equivalence_scale(frame, c)
    base = equivalised(frame, baseline_income, scale)
    reform = equivalised(frame, reform_income, scale)
    deciles = np.array(DECILES)[decile_of(frame, base)]
    out: dict[str, dict[tuple[str, str], Cell]] = {
        "budget_by_programme": dict(budget_table(frame, programmes).cells),
        "budget_by_level": dict(budget_by_level_table(frame, programmes).cells),
        "decile_impact": dict(decile_impact_table(frame, base, reform).cells),
    }
    for what, labels in (("decile", deciles), ("household_type", breakdowns.household_type)):
        table = winners_losers_table(
            frame,
            baseline=base,
            reform=reform,
            labels=labels,
            threshold=options.winners_threshold,
            name="",
            title="",
        )
        out[f"winners_losers_by_{what}"] = dict(table.cells)
    for what, labels in (
        ("age_group", age_groups(frame.age)),
        ("household_type", breakdowns.household_type),
        ("region", breakdowns.region),
    ):
        sides = {
            side: poverty_table(frame, income=income, labels=labels, title="", name="")
            for side, income in (("baseline", base), ("reform", reform))
        }
        cells = {}
        for row in sides["baseline"].rows:
            for side, table in sides.items():
                key = (row, "at_risk_of_poverty_rate")
                cells[(row, f"at_risk_of_poverty_rate_{side}")] = table.cells[key]
            cells[(row, "persons")] = sides["baseline"].cells[(row, "persons")]
        out[f"poverty_by_{what}"] = cells
    out["inequality"] = {
        (side, column): inequality_table(frame, income, "", "").cells[("total", column)]
        for side, income in (("baseline", base), ("reform", reform))
        for column in ("gini", "s80_s20", "median")
    }
    out["headline"] = reference_headline(frame, programmes, base, reform, options)
    return out


def reference_headline(
    frame: PersonFrame,
    programmes: list[ProgrammeAmounts],
    base: np.ndarray,
    reform: np.ndarray,
    options: StandardOptions,
) -> dict[tuple[str, str], Cell]:
    share = load_conventions().poverty_line_share_of_median
    effect = np.zeros(frame.n_persons)
    for p in programmes:
        change = p.reform - p.baseline
        effect = effect + (change if p.kind == "revenue" else -change)

    def poverty(income: np.ndarray, w: np.ndarray) -> float:
        line = share * weighted_quantiles(income, w, np.array([0.5]))[0]
        return float(np.sum(w[income < line]) / np.sum(w))

    def statistics(w: np.ndarray) -> list[float]:
        pb, pr = poverty(base, w), poverty(reform, w)
        gb, gr = gini(base, w), gini(reform, w)
        return [float(np.dot(w, effect)), pb, pr, pr - pb, gb, gr, gr - gb]

    estimates = statistics(frame.weight)
    reps = np.array(
        [
            statistics(frame.weight * m[frame.household])
            for m in replicate_multipliers(frame, options.replicates, options.seed)
        ]
    )
    alpha = (1 - options.level) / 2
    low, high = np.quantile(reps, [alpha, 1 - alpha], axis=0)
    everyone = Groups.everyone(frame)
    n, hh = int(everyone.n_persons[0]), int(everyone.n_households[0])
    budget = sum_cells(everyone, frame.weight, effect)[0]
    rate, ratio = Cell(0.0, Statistic.RATE, n, hh), Cell(0.0, Statistic.RATIO, n, hh)
    kinds = [budget, rate, rate, rate, ratio, ratio, ratio]
    return {
        (row, column): dataclasses.replace(kinds[i], value=float(value))
        for i, row in enumerate(HEADLINES)
        for column, value in (("estimate", estimates[i]), ("ci_low", low[i]), ("ci_high", high[i]))
    }


@pytest.fixture(scope="module")
def scenario() -> tuple[PersonFrame, Breakdowns, list[ProgrammeAmounts], np.ndarray, np.ndarray]:
    from mimosis.engine import load_reform
    from mimosis.scenarios.run import run_scenario
    from mimosis.scenarios.tables import person_frame
    from mimosis.testing.model_input import standin_model_input

    model_input = standin_model_input(persons=20_000, year=2025, seed=3)
    result = run_scenario(model_input, load_reform(REFORM), plan="january")
    breakdowns = Breakdowns(
        household_type=model_input.household_type[model_input.household],
        region=model_input.region[model_input.household],
    )
    programmes = [
        ProgrammeAmounts(p.label, p.kind, p.level, result.baseline[p.name], result.reform[p.name])
        for p in result.programmes
    ]
    frame = person_frame(model_input)
    return frame, breakdowns, programmes, result.baseline_disposable, result.reform_disposable


def test_released_standard_tables_equal_the_person_level_reference(
    scenario: tuple[PersonFrame, Breakdowns, list[ProgrammeAmounts], np.ndarray, np.ndarray],
) -> None:
    frame, breakdowns, programmes, baseline_income, reform_income = scenario
    options = StandardOptions(replicates=60, seed=2)
    tables = standard_tables(
        frame,
        breakdowns=breakdowns,
        programmes=programmes,
        baseline_income=baseline_income,
        reform_income=reform_income,
        options=options,
    )
    reference = reference_cells(
        frame,
        breakdowns=breakdowns,
        programmes=programmes,
        baseline_income=baseline_income,
        reform_income=reform_income,
        options=options,
    )
    assert [t.name for t in tables] == list(reference)
    references: list[StatTable] = []
    for table in tables:
        cells = reference[table.name]
        assert set(table.cells) == set(cells), table.name
        for key, expected in cells.items():
            got = table.cells[key]
            assert dataclasses.replace(got, value=0.0, top1=0.0, top2=0.0, total=0.0) == (
                dataclasses.replace(expected, value=0.0, top1=0.0, top2=0.0, total=0.0)
            ), (table.name, key)
            assert got.value == pytest.approx(expected.value, rel=1e-9, abs=1e-9), (table.name, key)
            assert (got.top1, got.top2) == (expected.top1, expected.top2), (table.name, key)
            assert got.total == pytest.approx(expected.total, rel=1e-9), (table.name, key)
        references.append(dataclasses.replace(table, cells=cells))
    released = [release_table(t) for t in tables]
    assert canonical_json(released) == canonical_json([release_table(t) for t in references])
