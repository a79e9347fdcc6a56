"""Scales (bracket schedules), evaluated vectorised.

Bracket ``i`` covers ``[thresholds[i], thresholds[i + 1])``; a base exactly at a threshold
falls in the bracket that starts there. Below the first threshold nothing is due.

- a *rate* scale applies marginal rates: ``calc`` sums ``rate_i`` times the part of the base
  within bracket ``i``;
- an *amount* scale gives one amount per bracket: ``calc`` returns the amount of the bracket
  the base falls in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
#: up to this many thresholds, ``bracket`` compares instead of searching
_FEW = 8


@dataclass(frozen=True)
class Scale:
    thresholds: tuple[float, ...]
    rates: tuple[float, ...] | None = None
    amounts: tuple[float, ...] | None = None
    _thr: FloatArray = field(init=False, repr=False, compare=False)
    _per: FloatArray = field(init=False, repr=False, compare=False)
    _cum: FloatArray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        per = self.rates if self.rates is not None else self.amounts
        if per is None or (self.rates is not None and self.amounts is not None):
            raise ValueError("a scale has either rates or amounts")
        if len(per) != len(self.thresholds) or not self.thresholds:
            raise ValueError("a scale needs as many rates/amounts as thresholds (at least one)")
        thr = np.asarray(self.thresholds, dtype=np.float64)
        if np.any(np.diff(thr) <= 0):
            raise ValueError("scale thresholds must be strictly increasing")
        per_arr = np.asarray(per, dtype=np.float64)
        # cumulative amount due at the start of each bracket (rate scales only)
        widths = np.diff(thr)
        cum = np.concatenate(([0.0], np.cumsum(per_arr[:-1] * widths)))
        object.__setattr__(self, "_thr", thr)
        object.__setattr__(self, "_per", per_arr)
        object.__setattr__(self, "_cum", cum)

    @property
    def is_marginal(self) -> bool:
        return self.rates is not None

    def bracket(self, base: npt.ArrayLike) -> npt.NDArray[np.intp]:
        """Index of the bracket each base falls in; -1 below the first threshold (and for NaN).

        A few thresholds (the usual case) are compared one by one, which is faster on large
        arrays than a binary search per element."""
        arr = np.asarray(base, dtype=np.float64)
        if self._thr.size > _FEW:
            idx = np.searchsorted(self._thr, arr, side="right") - 1
            return np.where(np.isnan(arr), -1, idx)
        out = np.full(arr.shape, -1, dtype=np.intp)
        for t in self._thr:
            out += arr >= t
        return out

    def calc(self, base: npt.ArrayLike) -> FloatArray:
        """Amount due on ``base`` (marginal rates) or amount of its bracket (amount scale)."""
        arr = np.asarray(base, dtype=np.float64)
        idx = self.bracket(arr)
        below = idx < 0
        safe = np.maximum(idx, 0)
        if self.is_marginal:
            out = self._cum[safe] + self._per[safe] * (arr - self._thr[safe])
        else:
            out = self._per[safe]
        return np.where(below, 0.0, out)

    def marginal_rate(self, base: npt.ArrayLike) -> FloatArray:
        """Rate of the bracket each base falls in (0 below the first threshold)."""
        if not self.is_marginal:
            raise ValueError("an amount scale has no marginal rate")
        idx = self.bracket(base)
        return np.where(idx < 0, 0.0, self._per[np.maximum(idx, 0)])

    def scaled(self, thresholds_by: float, amounts_by: float, decimals: int | None) -> Scale:
        """A copy with thresholds (and amounts) multiplied, e.g. by an indexation coefficient."""

        def mul(values: tuple[float, ...], by: float) -> tuple[float, ...]:
            return tuple(_round(v * by, decimals) for v in values)

        thresholds = mul(self.thresholds, thresholds_by)
        if self.amounts is not None:
            return Scale(thresholds, amounts=mul(self.amounts, amounts_by))
        return Scale(thresholds, rates=self.rates)

    def describe(self) -> str:
        per = self.rates if self.rates is not None else self.amounts
        assert per is not None
        pairs = ", ".join(f"{t:g}: {p:g}" for t, p in zip(self.thresholds, per, strict=True))
        return f"scale({'rates' if self.is_marginal else 'amounts'} {{{pairs}}})"


def _round(value: float, decimals: int | None) -> float:
    return value if decimals is None else round(value, decimals)


def scale_from_mapping(raw: dict[str, Any]) -> Scale:
    thresholds = tuple(float(t) for t in raw["thresholds"])
    if raw.get("rates") is not None:
        return Scale(thresholds, rates=tuple(float(r) for r in raw["rates"]))
    return Scale(thresholds, amounts=tuple(float(a) for a in raw["amounts"]))
