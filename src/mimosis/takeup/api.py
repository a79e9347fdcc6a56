"""Typed use cases of the take-up analysis (re-exported by ``mimosis.app``): released tables
only leave."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from mimosis.disclosure import Policy, ReleasedTable, release_table
from mimosis.engine import Period, Simulation, TaxBenefitSystem
from mimosis.errors import UserError
from mimosis.incentives.api import incentive_tables
from mimosis.incentives.data import SimpleModelInput
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.rates import compute_incentives
from mimosis.indicators.tables import StatTable
from mimosis.scenarios.inputs import ModelInputLike
from mimosis.takeup.analysis import GROUPINGS, TakeupResults, analyse_takeup, flag_inputs
from mimosis.takeup.assumptions import Assumption
from mimosis.takeup.mechanism import automatic_granting, with_takeup
from mimosis.takeup.rights import present_rights
from mimosis.takeup.tables import granting_cost_table, non_takeup_table, poverty_effect_table


@dataclass(frozen=True)
class TakeupRelease:
    """What leaves: released tables, the rights analysed and those the legislation lacks."""

    tables: list[ReleasedTable]
    rights: tuple[str, ...]
    missing: tuple[str, ...]
    drawn: bool = False


def takeup_tables(results: TakeupResults, groupings: Sequence[str] = GROUPINGS) -> list[StatTable]:
    tables: list[StatTable] = []
    for right in results.rights:
        if right.variable in results.received:
            tables.extend(non_takeup_table(results, right.variable, by) for by in groupings)
    for by in groupings:
        tables.append(granting_cost_table(results, by))
        tables.append(poverty_effect_table(results, by))
    return tables


def released_takeup_tables(
    data: ModelInputLike,
    system: TaxBenefitSystem,
    assumption: Assumption,
    *,
    groupings: Sequence[str] = GROUPINGS,
    incentives: bool = False,
    options: IncentiveOptions | None = None,
    policy: Policy | None = None,
    drawn: bool = False,
) -> TakeupRelease:
    """Non-take-up by group, the cost and poverty effect of automatic granting and, with
    ``incentives``, its effect on work incentives (baseline: the assumption; reform:
    automatic granting), all after disclosure control."""
    unknown = [g for g in groupings if g not in GROUPINGS]
    if unknown:
        raise UserError(f"unknown groupings {unknown}; expected some of {', '.join(GROUPINGS)}")
    results = analyse_takeup(data, system, assumption)
    tables = takeup_tables(results, groupings)
    if incentives:
        options = options or IncentiveOptions()
        rights = results.rights
        effect = compute_incentives(
            data,
            with_takeup(system, rights),
            reform=automatic_granting(rights),
            options=options,
            extra_inputs=flag_inputs(data.year, rights, results.flags),
        )
        tables.extend(
            t
            for t in incentive_tables(data, effect, options)
            if t.name.startswith("incentives_") and "reform" in t.name
        )
    released = [release_table(t, policy) for t in tables]
    return TakeupRelease(
        released, tuple(r.variable for r in results.rights), results.missing, drawn
    )


def with_drawn_observations(
    data: SimpleModelInput, system: TaxBenefitSystem, *, rate: float = 0.65, seed: int = 7
) -> SimpleModelInput:
    """For the drawn stand-in only: 'observed' receipt of each right drawn from the model's
    entitlement (a share ``rate`` of the eligible receive it; 1 % of the others receive a small
    amount, so the reverse table is not empty). Not data."""
    rights, _ = present_rights(system)
    sim = Simulation(system, data.population)
    got = sim.compute([r.variable for r in rights], str(Period.of_month(data.year, 1)))
    rng = np.random.default_rng(seed)
    observed = {}
    for name, values in got.items():
        amount = np.asarray(values, dtype=np.float64)
        takes = (amount > 0) & (rng.random(amount.size) < rate)
        stray = (amount <= 0) & (rng.random(amount.size) < 0.01)
        observed[name] = np.where(takes, amount, np.where(stray, 50.0, 0.0))
    return replace(data, observed=observed)
