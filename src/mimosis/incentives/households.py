"""Household helpers for the perturbation passes: the rank of each analysed adult within their
household (pass k perturbs the adults of rank k, so that one adult per household changes per
pass), and the sub-population of some households (later ranks concern few households; they are
simulated on those households only)."""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import Membership, Population, TaxBenefitSystem
from mimosis.incentives.data import BoolArray, IntArray
from mimosis.legislation.entities import ENTITIES


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


def _renumber(index: IntArray, keep: BoolArray) -> IntArray:
    """Group numbers of the kept persons, renumbered 0..G'-1 (the original order kept)."""
    _, inverse = np.unique(index[keep], return_inverse=True)
    return inverse.astype(np.int64)


def subset_population(
    population: Population, system: TaxBenefitSystem, households: BoolArray
) -> tuple[Population, BoolArray]:
    """The population of the households flagged in ``households`` (one flag per household),
    with every input sliced, and the person mask that selects them."""
    hh = population.group(population.household)
    keep = households[hh.index]
    memberships: dict[str, Membership] = {}
    group_keep: dict[str, BoolArray] = {}
    for name, group in population.groups.items():
        memberships[name] = Membership(_renumber(group.index, keep), group.roles[keep])
        group_keep[name] = np.bincount(group.index[keep], minlength=group.n_groups) > 0
    inputs: dict[str, dict[Any, Any]] = {}
    for var, by_period in population.inputs.items():
        entity = system.variable(var).entity
        mask = keep if entity == "person" else group_keep[entity]
        inputs[var] = {p: np.asarray(a)[mask] for p, a in by_period.items()}
    sub = Population(
        ENTITIES,
        memberships,
        household=population.household,
        inputs=inputs,
        household_weights=population.household_weights[households],
    )
    return sub, keep
