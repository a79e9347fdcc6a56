"""An equivalised income sorted once, for the distribution statistics of the standard tables
(quantiles, poverty rate, Gini, S80/S20) under the design weights and under every bootstrap
replicate's weights.

Equivalised household income is the same for every member of a household, and the replicate
multipliers are per household: the person-weighted statistics then depend on persons only
through their household, and are computed over households, each weighted by the sum of its
members' weights (about 2.6 times fewer units). Persons of one household have equal values,
so the weighted quantiles, the trapezoids of the Lorenz curve and the shares below a line are
the same over households as over persons (up to the rounding of the sums). When an income
differs within a household, the units are the persons themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.indicators.frame import FloatArray, IntArray, PersonFrame


@dataclass(frozen=True)
class SortedIncome:
    """Units (households, or persons as the fallback) sorted by income, stably."""

    values: FloatArray  # per unit, ascending
    weight: FloatArray  # per unit in that order: the sum of its persons' weights
    household: IntArray  # each unit's household (for the replicate multipliers)
    cumulative: FloatArray  # cumulative weight in that order
    per_household: bool  # True when the units are households

    @classmethod
    def of(cls, frame: PersonFrame, income: FloatArray) -> SortedIncome:
        """``income`` per person; collapsed to households when every member has the same."""
        h = frame.n_households
        first = np.zeros(h)
        first[frame.household[::-1]] = income[::-1]  # the first member's value wins
        values: FloatArray = income
        weight: FloatArray = frame.weight
        household: IntArray = frame.household
        per_household = bool(np.array_equal(first[frame.household], income))
        if per_household:
            units = np.flatnonzero(np.bincount(frame.household, minlength=h) > 0)
            summed = np.bincount(frame.household, weights=frame.weight, minlength=h)
            values, weight, household = first[units], summed[units].astype(np.float64), units
        order = np.argsort(values, kind="stable")
        sorted_weight = weight[order]
        return cls(
            values=values[order],
            weight=sorted_weight,
            household=household[order].astype(np.int64),
            cumulative=np.cumsum(sorted_weight),
            per_household=per_household,
        )

    def quantiles(self, probabilities: FloatArray) -> FloatArray:
        """As ``frame.weighted_quantiles`` over persons: the smallest value whose cumulative
        weight share reaches each probability."""
        targets = np.asarray(probabilities, dtype=np.float64) * self.cumulative[-1]
        positions = np.searchsorted(self.cumulative, targets, side="left")
        picked: FloatArray = self.values[np.minimum(positions, len(self.values) - 1)]
        return picked

    def median(self) -> float:
        return float(self.quantiles(np.array([0.5]))[0])

    def gini(self) -> float:
        """As ``distribution.gini`` (trapezoids under the Lorenz curve)."""
        w, cum_w = self.weight, self.cumulative
        cum_xw = np.cumsum(self.values * w)
        if cum_xw[-1] == 0:
            return 0.0
        lorenz = cum_xw / cum_xw[-1]
        previous = np.concatenate(([0.0], lorenz[:-1]))
        area = float(np.sum(w / cum_w[-1] * (lorenz + previous) / 2))
        return 1.0 - 2.0 * area

    def s80_s20(self) -> float:
        """As ``distribution.s80_s20``."""
        limits = self.quantiles(np.array([0.2, 0.8]))
        xw = self.values * self.weight
        low = np.sum(xw[self.values <= limits[0]])
        return float(np.sum(xw[self.values > limits[1]]) / low) if low > 0 else float("nan")

    def replicate(self, multiplier: FloatArray, share_of_median: float) -> tuple[float, float]:
        """Poverty rate (below ``share_of_median`` of the median) and Gini under the weights
        times a per-household ``multiplier``: one cumulative sum and three sums of products.

        Gini with C = cumsum(x w), W = sum(w): 1 - sum(w_i (C_i + C_(i-1))) / (W C_n), and
        sum(w_i C_i) = W C_n - sum(x_i w_i cum_w_i) + sum(x_i w_i^2), so no second cumsum."""
        w = self.weight * multiplier[self.household]
        cum = np.cumsum(w)
        total = cum[-1]
        middle = min(int(np.searchsorted(cum, 0.5 * total)), len(cum) - 1)
        line = share_of_median * self.values[middle]
        below = int(np.searchsorted(self.values, line, side="left"))
        rate = float(cum[below - 1] / total) if below > 0 else 0.0
        xw = self.values * w
        total_xw = float(np.sum(xw))
        if total_xw == 0:
            return rate, 0.0
        # sums of products, not np.dot or np.vecdot: BLAS (threads) stalls on a busy machine
        twice_area = 2 * total * total_xw - 2 * float(np.sum(xw * cum)) + float(np.sum(xw * w))
        return rate, 1.0 - twice_area / (float(total) * total_xw)


__all__ = ["SortedIncome"]
