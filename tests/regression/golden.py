"""What the golden aggregates are computed from: a fixed small population and the example
reforms. Shared by ``test_golden_aggregates.py`` and ``update_golden.py``.

Population: the stand-in model input of ``mimosis.testing`` (3,000 persons, seed 2025, year
2025), not the synthetic extract through the model-input stage: the stand-in is fixed by its
seed and does not move when the synthetic generator, the extraction or the model input change,
so that a golden change points at legislation, scenarios or indicators. Every value is a
released value (after disclosure control), as it would be published.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mimosis.engine import load_reform
from mimosis.indicators.standard import StandardOptions
from mimosis.scenarios.api import released_scenario_tables
from mimosis.testing.model_input import standin_model_input

ROOT = Path(__file__).parents[2]
REFORMS = sorted((ROOT / "examples" / "reforms").glob("*.yaml"))
GOLDEN = Path(__file__).with_name("golden_aggregates.json")
PERSONS, SEED, YEAR = 3000, 2025, 2025
PICK = {  # table -> (rows or None for all, columns)
    "budget_by_level": (None, ("budget_effect",)),
    "headline": (None, ("estimate",)),
    "inequality": (None, ("gini", "s80_s20", "median")),
    "poverty_by_region": (
        ("total",),
        ("at_risk_of_poverty_rate_baseline", "at_risk_of_poverty_rate_reform"),
    ),
}
BASELINE_PICK = {"budget_by_programme": (None, ("baseline",))}


def _values(tables: list[Any], pick: dict[str, tuple[Any, tuple[str, ...]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table in tables:
        if table.name not in pick:
            continue
        rows, columns = pick[table.name]
        for row in rows or table.rows:
            for column in columns:
                out[f"{table.name}/{row}/{column}"] = table.value(row, column)
    return out


def compute() -> dict[str, Any]:
    """Golden aggregates: the baseline's programme totals and, per example reform, the budget
    effect by level, the headline numbers and inequality."""
    model_input = standin_model_input(persons=PERSONS, year=YEAR, seed=SEED)
    options = StandardOptions(replicates=20, seed=SEED)
    result: dict[str, Any] = {"reforms": {}}
    for path in REFORMS:
        tables, _ = released_scenario_tables(model_input, load_reform(path), options=options)
        if "baseline" not in result:
            result["baseline"] = _values(tables, BASELINE_PICK)
        result["reforms"][path.stem] = _values(tables, PICK)
    return result
