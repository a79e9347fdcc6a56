"""Confidence intervals that respect the stratified design: the Rao-Wu rescaling bootstrap,
resampling households within strata.

Rao, J.N.K. and Wu, C.F.J. (1988), "Resampling inference with complex survey data", JASA 83,
231-241: in each stratum h with n_h households, draw n_h - 1 with replacement; a household
drawn c times gets its weight multiplied by c * n_h / (n_h - 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from mimosis.indicators.frame import FloatArray, PersonFrame


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    standard_error: float
    replicates: int
    level: float


def replicate_multipliers(frame: PersonFrame, replicates: int, seed: int) -> Iterator[FloatArray]:
    """Rao-Wu weight multipliers per household, one replicate at a time (memory stays at one
    household array whatever the number of replicates)."""
    rng = np.random.default_rng(seed)
    n_households = frame.n_households
    stratum = np.zeros(n_households, dtype=np.int64)
    stratum[frame.household] = frame.stratum
    order = np.argsort(stratum, kind="stable")
    labels, starts, sizes = np.unique(stratum[order], return_index=True, return_counts=True)
    draws = np.maximum(sizes - 1, 1)
    scale = np.where(sizes > 1, sizes / draws, 1.0)[np.searchsorted(labels, stratum)]
    low = np.repeat(starts, draws)
    span = np.repeat(sizes, draws)
    # strata with a single household cannot be resampled: they keep their weight
    single = np.flatnonzero(np.isin(stratum, labels[sizes == 1]))
    for _ in range(replicates):
        picks = order[low + (rng.random(low.size) * span).astype(np.int64)]
        multiplier: FloatArray = scale * np.bincount(picks, minlength=n_households)
        multiplier[single] = 1.0
        yield multiplier


def bootstrap(
    frame: PersonFrame,
    statistic: Callable[[FloatArray], float],
    *,
    replicates: int = 200,
    level: float = 0.95,
    seed: int = 0,
) -> Interval:
    """Percentile interval of ``statistic(person_weights)`` over design-respecting replicates."""
    estimate = statistic(frame.weight)
    values = np.array(
        [
            statistic(frame.weight * m[frame.household])
            for m in replicate_multipliers(frame, replicates, seed)
        ]
    )
    alpha = (1 - level) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return Interval(estimate, float(low), float(high), float(values.std(ddof=1)), replicates, level)
