"""Point values from class indexes: a seeded draw that keeps every value inside its class.

The extract carries amounts as class indexes (``source/coarsen.py``): class ``i`` holds
``edges[i] <= x < edges[i+1]``, the last index is the open top class ``x >= edges[-1]`` and
``-1`` the open bottom class ``x < edges[0]`` of a signed scheme. For each variable (one column
of one table) the frequencies of its classes are known; the method draws within each class
from a density fitted across those frequencies:

1. **Closed classes: piecewise log-linear density.** The density of class ``i`` is
   ``h_i = n_i / width_i``. Within the class the density is ``exp(b_i x)`` (normalised), with
   the slope ``b_i`` of ``log h`` between the neighbouring classes' centres (central
   difference; one-sided at an end or next to an empty class). So a falling histogram gives
   more mass at the bottom of each class and a rising one at the top, the classic correction
   of the uniform assumption (e.g. Cowell & Mehta 1982 for grouped income data). The slope is
   bounded (``|b_i| width_i <= MAX_TILT``) so that a spike in one class cannot put every value
   on an edge. **Fallback: uniform within the class** where neither neighbour has
   observations (the slope is 0 then).
2. **Open top class: Pareto.** ``x = edges[-1] (1-u)^(-1/alpha)``, with ``alpha`` fitted on the
   top classes' frequencies: ``alpha = ln(N(>=L) / N(>=T)) / ln(T / L)`` with ``T`` the top edge
   and ``L`` the lowest edge at or above ``T / 2`` (the frequencies above ``L`` are the tail);
   bounded to ``[ALPHA_MIN, ALPHA_MAX]`` and ``ALPHA_DEFAULT`` when the classes below are
   empty. The draw is capped at the 99.9th percentile of the fitted tail (one value in a
   thousand would otherwise dominate a total).
3. **Open bottom class (signed schemes): negative values.** ``|x| - |edges[0]|`` is exponential
   with mean equal to the width of the first closed class times ``NEGATIVE_SCALE_CLASSES``
   (losses are rare and their size is not observed; a documented convention).

**Seeding.** One generator per (table, column), from the build seed and a CRC-32 of the
name: adding a column changes no other column's draws. The uniform number is drawn per
*person* (the row's person position), so a person in the same class in several rows (a stable
quarterly wage) gets the same value in each, and a move to the next class keeps its relative
position: within-person variation is not invented by the imputation.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.model_input.errors import ModelInputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MAX_TILT = 4.0  # bound on |slope| x width: at most e^4 ~ 55 between a class's two edges
ALPHA_MIN, ALPHA_MAX, ALPHA_DEFAULT = 1.2, 8.0, 2.5
TAIL_CAP_QUANTILE = 0.999
NEGATIVE_SCALE_CLASSES = 5.0


@dataclass(frozen=True)
class Scheme:
    """A class scheme as the extract's manifest describes it."""

    id: str
    edges: FloatArray  # lower edges of every closed class, then of the open top class
    negative: bool

    @classmethod
    def from_manifest(cls, scheme_id: str, described: Mapping[str, Any]) -> Scheme:
        edges = np.asarray(described["edges"], dtype=np.float64)
        if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
            raise ModelInputError(f"class scheme {scheme_id!r}: edges must increase")
        return cls(scheme_id, edges, bool(described.get("negative", False)))

    @property
    def n_classes(self) -> int:
        """Closed classes plus the open top class (index 0 .. n_classes - 1)."""
        return int(self.edges.size)


@dataclass(frozen=True)
class ColumnFit:
    """How one column's classes were filled (for the imputation report; counts only)."""

    table: str
    column: str
    scheme: str
    values: int
    log_linear_classes: int  # closed classes with observations and a fitted slope
    uniform_classes: int  # closed classes with observations and no usable neighbour
    top_values: int
    alpha: float
    bottom_values: int


def _stream(seed: int, name: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def _slopes(counts: FloatArray, edges: FloatArray) -> tuple[FloatArray, int, int]:
    """Slope of log density within each closed class (0 where no neighbour is observed)."""
    lower, upper = edges[:-1], edges[1:]
    width = upper - lower
    centre = (lower + upper) / 2
    with np.errstate(divide="ignore"):
        logh = np.where(counts > 0, np.log(np.maximum(counts, 1e-300) / width), np.nan)
    left = np.r_[np.nan, logh[:-1]]
    right = np.r_[logh[1:], np.nan]
    cl = np.r_[np.nan, centre[:-1]]
    cr = np.r_[centre[1:], np.nan]
    both = ~np.isnan(left) & ~np.isnan(right)
    only_l = ~np.isnan(left) & np.isnan(right) & ~np.isnan(logh)
    only_r = np.isnan(left) & ~np.isnan(right) & ~np.isnan(logh)
    slope = np.zeros(counts.size)
    slope[both] = (right[both] - left[both]) / (cr[both] - cl[both])
    slope[only_l] = (logh[only_l] - left[only_l]) / (centre[only_l] - cl[only_l])
    slope[only_r] = (right[only_r] - logh[only_r]) / (cr[only_r] - centre[only_r])
    bound = MAX_TILT / width
    slope = np.clip(slope, -bound, bound)
    observed = counts > 0
    fitted = observed & (both | only_l | only_r)
    return slope, int(fitted.sum()), int((observed & ~fitted).sum())


def pareto_alpha(counts: FloatArray, edges: FloatArray) -> float:
    """Tail index from the frequencies of the classes at and above half the top edge.

    ``counts`` has one entry per class 0..len(edges)-1 (the last is the open top class)."""
    top_edge = float(edges[-1])
    n_top = float(counts[-1])
    start = int(np.searchsorted(edges, top_edge / 2, side="left"))
    start = min(start, edges.size - 2)
    n_from = float(counts[start:].sum())
    low_edge = float(edges[start])
    if n_top <= 0 or n_from <= n_top or low_edge <= 0:
        return ALPHA_DEFAULT
    alpha = np.log(n_from / n_top) / np.log(top_edge / low_edge)
    return float(np.clip(alpha, ALPHA_MIN, ALPHA_MAX))


def _within(u: FloatArray, k: IntArray, edges: FloatArray, slope: FloatArray) -> FloatArray:
    """Inverse CDF of the density exp(slope x) truncated to class ``k`` (``[lower, lower +
    width)``), for rows in closed classes; what depends only on the class is computed once
    per class."""
    lower_c = edges[:-1]
    width_c = edges[1:] - edges[:-1]
    tilt_c = slope * width_c
    flat_c = np.abs(tilt_c) < 1e-9
    safe_c = np.where(flat_c, 1.0, tilt_c)
    growth_c = np.expm1(safe_c)
    upper_c = np.nextafter(lower_c + width_c, lower_c)
    flat = flat_c[k]
    safe = safe_c[k]
    frac = np.log1p(u * growth_c[k])
    frac /= safe
    frac = np.where(flat, u, frac)
    width = width_c[k]
    x = lower_c[k] + frac * width
    return np.minimum(x, upper_c[k])


@dataclass(frozen=True)
class ClassFit:
    """A column's fitted within-class densities (from the class frequencies of all its rows),
    ready to draw point values for any of its rows."""

    scheme: Scheme
    slope: FloatArray  # per closed class
    alpha: float  # Pareto index of the open top class
    report: ColumnFit

    def draw(self, index: npt.ArrayLike, valid: npt.ArrayLike, uniform: FloatArray) -> FloatArray:
        """Point values of rows (class ``index``, ``valid`` False: NaN), one U(0,1) number
        per row; a row's value depends only on its class, its number and the fit."""
        k = np.asarray(index, dtype=np.int64)
        ok = np.asarray(valid, dtype=bool)
        edges = self.scheme.edges
        n_classes = self.scheme.n_classes
        out = np.full(k.size, np.nan)
        closed = ok & (k >= 0) & (k < n_classes - 1)
        out[closed] = _within(uniform[closed], k[closed], edges, self.slope)
        top = ok & (k == n_classes - 1)
        u_top = np.minimum(uniform[top], TAIL_CAP_QUANTILE)
        out[top] = edges[-1] * (1.0 - u_top) ** (-1.0 / self.alpha)
        bottom = ok & (k == -1)
        if bottom.any():
            scale = (edges[1] - edges[0]) * NEGATIVE_SCALE_CLASSES
            u_bottom = np.minimum(uniform[bottom], 1.0 - 1e-12)
            depth = -scale * np.log1p(-u_bottom)
            out[bottom] = np.minimum(edges[0] - depth, np.nextafter(edges[0], -np.inf))
        return out


def fit_classes(
    index: npt.ArrayLike, valid: npt.ArrayLike, scheme: Scheme, *, table: str = "", column: str = ""
) -> ClassFit:
    """Fit the within-class densities of a column from the frequencies of its classes."""
    k = np.asarray(index, dtype=np.int64)
    ok = np.asarray(valid, dtype=bool)
    n_classes = scheme.n_classes
    where = f"{table}.{column}" if table else scheme.id
    bad = ok & ((k >= n_classes) | (k < (-1 if scheme.negative else 0)))
    if bad.any():
        raise ModelInputError(
            f"{where}: {int(bad.sum())} class index(es) outside class scheme {scheme.id!r}"
        )
    # classes 0..n-1; n: invalid; n+1: the open bottom class (-1)
    binned = np.bincount(
        np.where(ok, np.where(k >= 0, k, n_classes + 1), n_classes), minlength=n_classes + 2
    )
    counts: FloatArray = binned[:n_classes].astype(np.float64)
    edges = scheme.edges
    slope, n_fitted, n_uniform = _slopes(counts[:-1], edges)
    alpha = pareto_alpha(counts, edges)
    report = ColumnFit(
        table=table,
        column=column,
        scheme=scheme.id,
        values=int(ok.sum()),
        log_linear_classes=n_fitted,
        uniform_classes=n_uniform,
        top_values=int(binned[n_classes - 1]),
        alpha=alpha,
        bottom_values=int(binned[n_classes + 1]),
    )
    return ClassFit(scheme, slope, alpha, report)


def impute(
    index: npt.ArrayLike,
    valid: npt.ArrayLike,
    scheme: Scheme,
    *,
    uniform: FloatArray,
    table: str = "",
    column: str = "",
) -> tuple[FloatArray, ColumnFit]:
    """Point values for class indexes (``valid`` False: NaN), with ``uniform`` one U(0,1)
    number per row (``build`` draws them per person)."""
    fit = fit_classes(index, valid, scheme, table=table, column=column)
    return fit.draw(index, valid, uniform), fit.report


def person_uniforms(
    seed: int,
    table: str,
    column: str,
    person_position: IntArray,
    n_persons: int,
    *,
    rows: IntArray | None = None,
) -> FloatArray:
    """One U(0,1) number per row, shared by the rows of one person (see the module doc).
    ``rows``: only for these row numbers (the same numbers as for all rows, subset)."""
    per_person = _stream(seed, f"{table}.{column}").random(max(n_persons, 1))
    pos = np.asarray(person_position, dtype=np.int64)
    numbers = np.arange(pos.size) if rows is None else np.asarray(rows, dtype=np.int64)
    if rows is not None:
        pos = pos[numbers]
    unlinked = np.flatnonzero(pos < 0)
    if unlinked.size == 0:
        return per_person[pos]
    # a row of no linked person draws from its own stream, by row number (only as far as
    # the last such row: a prefix of the same stream, so the same numbers)
    at = numbers[unlinked]
    fallback = _stream(seed, f"{table}.{column}/unlinked").random(int(at.max()) + 1)
    out = per_person[np.maximum(pos, 0)]
    out[unlinked] = fallback[at]
    return out


def class_bounds(index: npt.ArrayLike, scheme: Scheme) -> tuple[FloatArray, FloatArray]:
    """Lower and upper bound of each class index (open ends: -inf / +inf)."""
    k = np.asarray(index, dtype=np.int64)
    edges = scheme.edges
    upper_edges = np.r_[edges[1:], np.inf]
    lower = np.where(k >= 0, edges[np.clip(k, 0, edges.size - 1)], -np.inf)
    upper = np.where(k >= 0, upper_edges[np.clip(k, 0, edges.size - 1)], edges[0])
    return lower, upper
