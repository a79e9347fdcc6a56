"""Calibrated household weights: bounded generalised raking to the margins of the year.

**Method.** Integrated (household-level) calibration (Lemaître & Dufour 1987): every member of a
household carries the household's weight, and a person margin counts, per household, the
members in the cell. The calibrated weight is ``w_H = d_H F(x_H' lambda)`` with the *logit*
distance of Deville & Särndal (1992, case 6): ``F`` runs from ``lower`` to ``upper``, so
``lower <= w_H / d_H <= upper`` (bounded raking: raking ratio in the middle, truncation at the
ends). ``lambda`` solves ``sum_H w_H x_H = T`` by Newton's method with step halving; the
margins are met to machine precision when they are reachable within the bounds, and
``CalibrationError`` names the margins that are not. Raking proper (iterative proportional
fitting) is the unbounded limit of the same family; GREG the linear one (which can give
negative weights).

Why not a library: samplics would bring pandas, polars, scipy and statsmodels into the
environment for sixty lines of numpy, and its raking is unit-level without bounds.

**Margins** (``data/margins.yaml``, sourced): persons by region x sex x age band, private
households by size, and beneficiary totals, each for the simulation year (known value,
linear interpolation between known years, the last known value held beyond).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from mimosis.model_input.errors import CalibrationError, ModelInputError
from mimosis.model_input.link import Persons

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

GROUPS = ("population", "households", "beneficiaries")
DEFAULT_BOUNDS = (0.2, 5.0)
TOLERANCE = 1e-10  # relative, on every margin
MAX_ITERATIONS = 100


@lru_cache(maxsize=1)
def margins_data() -> dict[str, Any]:
    text = resources.files("mimosis.model_input").joinpath("data/margins.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@dataclass(frozen=True)
class Target:
    group: str
    name: str
    value: float
    how: str  # known | interpolated | held
    status: str  # of the source figure(s): V, P, D, U


def at_year(known: Mapping[int, Any], year: int) -> tuple[Any, str, list[int]]:
    """The value of ``year`` from known years: itself, the linear interpolation between the
    nearest known years, or the nearest known year's value held outside them."""
    years = sorted(int(y) for y in known)
    if year in years:
        return np.asarray(known[year], dtype=np.float64), "known", [year]
    if year < years[0] or year > years[-1]:
        nearest = years[0] if year < years[0] else years[-1]
        return np.asarray(known[nearest], dtype=np.float64), "held", [nearest]
    hi = next(y for y in years if y > year)
    lo = max(y for y in years if y < year)
    t = (year - lo) / (hi - lo)
    a, b = np.asarray(known[lo], dtype=np.float64), np.asarray(known[hi], dtype=np.float64)
    return (1 - t) * a + t * b, "interpolated", [lo, hi]


def _statuses(entries: Mapping[int, Any], used: list[int]) -> str:
    return "/".join(sorted({str(entries[y]["status"]) for y in used}))


def targets(year: int, groups: Sequence[str] = GROUPS) -> list[Target]:
    data = margins_data()
    out: list[Target] = []
    if "population" in groups:
        known = data["population"]["known"]
        cubes = {int(y): _cube(v["values"]) for y, v in known.items()}
        cube, how, used = at_year(cubes, year)
        status = _statuses({int(y): v for y, v in known.items()}, used)
        for (region, sex, band), value in zip(_cells(), cube.ravel(), strict=True):
            out.append(Target("population", f"{region}/{sex}/{band}", float(value), how, status))
    if "households" in groups:
        known = data["households"]["known"]
        values, how, used = at_year({int(y): v["values"] for y, v in known.items()}, year)
        status = _statuses({int(y): v for y, v in known.items()}, used)
        for size, value in zip(_size_labels(), values, strict=True):
            out.append(Target("households", f"size {size}", float(value), how, status))
    if "beneficiaries" in groups:
        for name, spec in data["beneficiaries"].items():
            known = {int(y): v for y, v in spec["known"].items()}
            value, how, used = at_year({y: v["value"] for y, v in known.items()}, year)
            out.append(Target("beneficiaries", name, float(value), how, _statuses(known, used)))
    return out


REGIONS = ("flanders", "brussels", "wallonia")
SEXES = ("female", "male")


def _bands() -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in margins_data()["age_bands"]]


def _band_label(band: tuple[int, int]) -> str:
    return f"{band[0]}+" if band[1] >= 150 else f"{band[0]}-{band[1]}"


def _cells() -> list[tuple[str, str, str]]:
    return [(r, s, _band_label(b)) for r in REGIONS for s in SEXES for b in _bands()]


def _cube(values: Mapping[str, Mapping[str, Sequence[float]]]) -> FloatArray:
    return np.array([[values[r][s] for s in SEXES] for r in REGIONS], dtype=np.float64)


def _size_labels() -> list[str]:
    sizes = [int(s) for s in margins_data()["households"]["sizes"]]
    return [f"{s}+" if s == sizes[-1] else str(s) for s in sizes]


def design_matrix(
    persons: Persons,
    age: IntArray,
    sex: npt.NDArray[np.str_],
    counts: Mapping[str, FloatArray],
    wanted: Sequence[Target],
) -> FloatArray:
    """Per household, the value of each margin's indicator (members in a cell, the household
    itself in a size class, members' beneficiary indicators)."""
    h = persons.n_households
    hh = persons.household
    bands = _bands()
    labels = [_band_label(x) for x in bands]
    band_of = np.full(age.size, -1, dtype=np.int64)
    for i, (lo, hi) in enumerate(bands):
        band_of[(age >= lo) & (age <= hi)] = i
    # every person's cell (region x sex x band) as one integer; members per household and
    # cell counted in one pass (counts of persons: the same values as a pass per cell)
    region_i = _index_in(np.asarray(persons.region_hh), REGIONS)[hh]
    sex_i = _index_in(np.asarray(sex), SEXES)
    n_cells = len(REGIONS) * len(SEXES) * len(bands)
    cell = (region_i * len(SEXES) + sex_i) * len(bands) + band_of
    cell = np.where((region_i >= 0) & (sex_i >= 0) & (band_of >= 0), cell, n_cells)
    members = (
        np.bincount(hh * (n_cells + 1) + cell, minlength=h * (n_cells + 1))
        .reshape(h, n_cells + 1)
        .astype(np.float64)
    )
    size = persons.household_size()
    private = persons.household_type_hh != "COLLECTIVE"
    top = int(margins_data()["households"]["sizes"][-1])
    x = np.zeros((h, len(wanted)))
    for j, t in enumerate(wanted):
        if t.group == "population":
            r, s, b = t.name.split("/")
            at = (REGIONS.index(r) * len(SEXES) + SEXES.index(s)) * len(bands) + labels.index(b)
            x[:, j] = members[:, at]
        elif t.group == "households":
            k = int(t.name.split()[1].rstrip("+"))
            hit = (size >= top) if k == top else (size == k)
            x[:, j] = private & hit
        else:
            if t.name not in counts:
                raise ModelInputError(f"margin {t.name!r}: its indicator is not in the extract")
            x[:, j] = np.bincount(hh, weights=counts[t.name], minlength=h)
    return x


def _index_in(values: npt.NDArray[np.str_], names: Sequence[str]) -> IntArray:
    """The index of each value in ``names`` (-1: none); a comparison per name."""
    index = np.full(values.shape, -1, dtype=np.int64)
    for i, name in enumerate(names):
        index[values == name] = i
    return index


def _logit(u: FloatArray, lower: float, upper: float) -> tuple[FloatArray, FloatArray]:
    """Deville-Särndal logit calibration function F(u) and its derivative; F(0) = 1.

    Written as F = L + (U - L) p with p a logistic function of A u, A = (U - L) /
    ((1 - L)(U - 1)): the same function, computed without overflow."""
    a = (upper - lower) / ((1 - lower) * (upper - 1))
    z = a * u + np.log((1 - lower) / (upper - 1))
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return lower + (upper - lower) * p, (upper - lower) * a * p * (1 - p)


@dataclass(frozen=True)
class Solution:
    g: FloatArray
    iterations: int
    converged: bool


def solve(d: FloatArray, x: FloatArray, total: FloatArray, lower: float, upper: float) -> Solution:
    """g with sum(d g x) = total and lower <= g <= upper (Newton with step halving)."""
    if not 0 < lower < 1 < upper:
        raise ModelInputError("calibration bounds must satisfy 0 < lower < 1 < upper")
    scale = np.where(total > 0, total, 1.0)
    xs = x / scale  # every margin on the scale 1: a well-conditioned Newton system
    ts = total / scale
    lam = np.zeros(x.shape[1])
    g, df = _logit(xs @ lam, lower, upper)

    def error(gv: FloatArray) -> tuple[float, FloatArray]:
        """The largest error on a margin, and the totals reached (kept for the residual)."""
        reached = (d * gv) @ xs
        return (float(np.max(np.abs(reached - ts))) if ts.size else 0.0), reached

    current, reached = error(g)
    for iteration in range(1, MAX_ITERATIONS + 1):
        if current < TOLERANCE:
            return Solution(g, iteration - 1, True)
        residual = ts - reached
        jac = (xs * (d * df)[:, None]).T @ xs
        step = np.linalg.lstsq(jac, residual, rcond=None)[0]
        t = 1.0
        while t > 1e-6:
            trial = lam + t * step
            g_new, df_new = _logit(xs @ trial, lower, upper)
            new, reached_new = error(g_new)
            if new < current:
                break
            t /= 2
        else:
            break
        lam, g, df, current, reached = trial, g_new, df_new, new, reached_new
    return Solution(g, MAX_ITERATIONS, current < TOLERANCE)


def check_reachable(x: FloatArray, wanted: Sequence[Target]) -> None:
    """A margin with a positive target and no sample case cannot be met."""
    empty = [t.name for t, col in zip(wanted, x.T, strict=True) if t.value > 0 and col.sum() == 0]
    if empty:
        raise CalibrationError(
            f"margins {empty} have no case in the extract; calibrate without them"
            " (calibration groups) or check the extract's tables"
        )
