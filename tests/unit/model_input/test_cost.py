"""The cost of the coarsening: the same statistics on the exact source and on the extract."""

from __future__ import annotations

from mimosis.model_input import coarsening_cost
from tests.unit.model_input.helpers import World


def test_coarsening_costs_little_on_means_and_nothing_on_counts(world: World) -> None:
    cost = coarsening_cost(world.source, world.extract, 2020, seed=3)
    stats = {s.name: s for s in cost.statistics}
    assert stats["persons (unweighted)"].difference == 0
    assert stats["households (unweighted)"].difference == 0
    for name in ("employee_gross_wage", "pension_gross", "unemployment_benefit"):
        assert abs(stats[f"{name}: mean monthly EUR"].relative) < 0.03, name
        assert abs(stats[f"{name}: recipients (weighted)"].relative) < 1e-6, name
    assert "| statistic |" in cost.markdown()
