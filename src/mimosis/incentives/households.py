"""The rank of each analysed adult within their household: pass k perturbs the adults of rank
k, so that one adult per household changes per pass (a pass that concerns few households runs
on them only: ``Simulation.on_households``)."""

from __future__ import annotations

import numpy as np

from mimosis.engine import Population
from mimosis.incentives.data import BoolArray, IntArray


def adult_ranks(population: Population, adult: BoolArray) -> IntArray:
    """Per person: the rank (0, 1, ...) of an analysed adult within the household, ordered by
    household role (head, partner, child, other) then position; -1 for everyone else."""
    group = population.group(population.household)
    n = group.n_persons
    order = np.lexsort((np.arange(n), group.roles.astype(np.int64), ~adult, group.index))
    hh_sorted = group.index[order]
    starts = np.searchsorted(hh_sorted, hh_sorted, side="left")
    rank_sorted = np.arange(n) - starts
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = rank_sorted
    return np.where(adult, ranks, -1)
