"""``Context.on_subset``: a formula evaluated for some persons only."""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import (
    Context,
    Population,
    Simulation,
    SubsetContext,
    TaxBenefitSystem,
    Variable,
)
from tests.unit.engine.engine_toy import label

REF = [{"act": "toy", "article": "1"}]


def _variable(
    name: str, entity: str, deps: list[str], formula: Any, dtype: str = "float"
) -> Variable:
    return Variable(
        name,
        entity=entity,
        period_unit="year",
        dtype=dtype,
        unit="EUR/year" if dtype == "float" else "count",
        behaviour="flow" if dtype == "float" else "stock",
        label=label(name),
        dependencies=deps,
        formula=formula,
        reference=REF,
        default=-1.0 if dtype == "float" else 0,
    )


def _system(system: TaxBenefitSystem, seen: list[int]) -> TaxBenefitSystem:
    def adults_share(sub: SubsetContext) -> Any:
        # per adult: the household's earnings of its adults, shared between them
        seen.append(sub.size)
        g = sub.group("household")
        earnings = sub.get("earnings")
        total = g.sum(earnings)
        return g.project(total) / g.project(g.nb_persons())

    def share(ctx: Context) -> Any:
        return ctx.on_subset(ctx.get("age") >= 18, adults_share)

    def adults(sub: SubsetContext) -> Any:
        return sub.group("household").nb_persons()

    def nb(ctx: Context) -> Any:
        return ctx.on_subset(ctx.get("age") >= 18, adults)

    return system.replace_variables(
        [
            _variable("adult_share", "person", ["earnings", "age"], share),
            _variable("adults_by_subset", "household", ["age"], nb, dtype="int"),
        ]
    )


def test_on_subset_restricts_persons_and_aggregates(
    system: TaxBenefitSystem, population: Population
) -> None:
    seen: list[int] = []
    sim = Simulation(_system(system, seen), population)
    out = sim.compute(["adult_share", "adults_by_subset", "nb_adults"], "2025")
    # earnings a month 1000, 500, 0 | 5000 | 100, 0 ; ages 40, 38, 10 | 55 | 70, 17
    assert seen == [4]
    np.testing.assert_allclose(
        out["adult_share"], [9000.0, 9000.0, -1.0, 60000.0, 1200.0, -1.0]
    )  # the default outside the subset
    np.testing.assert_array_equal(out["adults_by_subset"], out["nb_adults"])


def test_dense_subsets_are_evaluated_for_everyone_with_the_same_result(
    system: TaxBenefitSystem, population: Population
) -> None:
    """``dense``: a mask of whole households above the share gives what the subset gives."""
    seen: list[int] = []

    def household_earnings(ctx: Any) -> Any:
        seen.append(ctx.size)
        g = ctx.group("household")
        return g.project(g.sum(ctx.get("earnings")))

    def restricted(dense: float) -> Any:
        def formula(ctx: Context) -> Any:
            g = ctx.group("household")
            whole = g.project(g.any(ctx.get("earnings") > 6000))  # households 1 and 2
            return ctx.on_subset(whole, household_earnings, dense=dense)

        return formula

    results = []
    for dense in (0.0, 1.0):  # everyone, then the subset
        changed = system.replace_variables(
            [_variable("hh_earnings", "person", ["earnings"], restricted(dense))]
        )
        results.append(Simulation(changed, population).compute(["hh_earnings"], "2025"))
    assert seen == [6, 4]  # the first evaluated for everyone, the second for the subset
    np.testing.assert_array_equal(results[0]["hh_earnings"], results[1]["hh_earnings"])
    np.testing.assert_allclose(results[0]["hh_earnings"], [18000, 18000, 18000, 60000, -1, -1])
