"""What the indicators read: per-person arrays in memory (never written anywhere), and the
vectorised group statistics every indicator is built from.

A group statistic returns a :class:`~mimosis.indicators.tables.Cell` per group that carries the
weighted value and, from the same pass, the unweighted person and household counts and the two
largest contributions that disclosure control needs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict, Field

from mimosis.indicators.tables import Cell, Statistic

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
StrArray = npt.NDArray[np.str_]

CONVENTIONS_FILE = Path(__file__).with_name("conventions.yaml")


class Conventions(BaseModel):
    """Statistical conventions (not law): the equivalence scale and the poverty line."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    first_adult_weight: float = Field(gt=0)
    other_adult_weight: float = Field(ge=0)
    child_weight: float = Field(ge=0)
    child_age_below: int = Field(gt=0)
    poverty_line_share_of_median: float = Field(gt=0, lt=1)
    source: str


def load_conventions(path: Path = CONVENTIONS_FILE) -> Conventions:
    return Conventions.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class PersonFrame:
    """Per-person arrays: weight, household index (0..H-1), age, and the design stratum of
    each person's household (for the bootstrap). Persons of a household need not be
    contiguous here."""

    weight: FloatArray
    household: IntArray
    age: IntArray
    stratum: IntArray

    def __post_init__(self) -> None:
        n = self.weight.shape[0]
        for name in ("household", "age", "stratum"):
            if getattr(self, name).shape[0] != n:
                msg = f"PersonFrame: {name} has {getattr(self, name).shape[0]} entries, not {n}"
                raise ValueError(msg)

    @property
    def n_persons(self) -> int:
        return int(self.weight.shape[0])

    @property
    def n_households(self) -> int:
        return int(self.household.max()) + 1 if self.household.size else 0

    @functools.cached_property
    def households_with_persons(self) -> int:
        """The number of households that have at least one person here."""
        return int(np.count_nonzero(np.bincount(self.household, minlength=self.n_households)))

    def to_persons(self, household_values: FloatArray) -> FloatArray:
        """A household array broadcast to its members."""
        return household_values[self.household]


def codes(labels: StrArray | IntArray) -> tuple[tuple[str, ...], IntArray]:
    """Sorted distinct labels and each element's code (as ``np.unique``, in linear time for
    the few distinct labels of a breakdown)."""
    values = np.asarray(labels)
    if values.size and values.dtype.kind in "iu":
        low = int(values.min())
        if int(values.max()) - low < _COUNTING_RANGE:
            present = np.bincount(values - low) > 0
            lookup = np.cumsum(present) - 1
            return (
                tuple(str(u) for u in np.flatnonzero(present) + low),
                lookup[values - low].astype(np.int64),
            )
    elif values.size > _SAMPLE_STEP and values.dtype.kind in "US":
        # candidates from a sample, every element checked against them: exact; the (rare)
        # elements the sample missed go through np.unique with the candidates
        candidates = np.unique(values[::_SAMPLE_STEP])
        position = np.minimum(np.searchsorted(candidates, values), candidates.size - 1)
        missed = candidates[position] != values
        if missed.any():
            candidates = np.unique(np.concatenate((candidates, np.unique(values[missed]))))
            position = np.searchsorted(candidates, values)
        return tuple(str(u) for u in candidates), position.astype(np.int64)
    uniques, inverse = np.unique(values, return_inverse=True)
    return tuple(str(u) for u in uniques), inverse.astype(np.int64).reshape(-1)


_COUNTING_RANGE = 1 << 16  # integer labels spanning fewer values: codes by counting
_SAMPLE_STEP = 101  # string labels: candidate labels from every 101st element
_MARKER_CELLS = 1 << 25  # groups x households up to this: households counted with a marker array


@dataclass(frozen=True)
class Groups:
    """A partition of persons into labelled groups, with what every cell needs per group."""

    labels: tuple[str, ...]
    code: IntArray  # per person: group code, or -1 when the person is in no group
    n_persons: IntArray
    n_households: IntArray

    @classmethod
    def of(
        cls, frame: PersonFrame, labels: StrArray, keep: npt.NDArray[np.bool_] | None = None
    ) -> Groups:
        names, code = codes(labels)
        if keep is not None:
            code = np.where(keep, code, -1)
        return cls.from_codes(frame, names, code)

    @classmethod
    def everyone(
        cls, frame: PersonFrame, label: str = "total", keep: npt.NDArray[np.bool_] | None = None
    ) -> Groups:
        code = np.zeros(frame.n_persons, dtype=np.int64)
        if keep is not None:
            code = np.where(keep, code, -1)
            return cls.from_codes(frame, (label,), code)
        n_households = np.array([frame.households_with_persons], dtype=np.int64)
        return cls((label,), code, np.array([frame.n_persons], dtype=np.int64), n_households)

    @classmethod
    def from_codes(cls, frame: PersonFrame, names: tuple[str, ...], code: IntArray) -> Groups:
        k = len(names)
        inside = code >= 0
        n_persons = np.bincount(code[inside], minlength=k).astype(np.int64)
        stride = frame.n_households + 1
        pairs = code[inside] * stride + frame.household[inside]
        if k * stride <= _MARKER_CELLS:
            seen = np.zeros(k * stride, dtype=np.bool_)
            seen[pairs] = True
            n_households = seen.reshape(k, stride).sum(axis=1).astype(np.int64)
        else:
            distinct = np.unique(pairs)
            n_households = np.bincount(distinct // stride, minlength=k).astype(np.int64)
        return cls(names, code, n_persons, n_households)

    @functools.cached_property
    def inside(self) -> npt.NDArray[np.bool_] | None:
        """Which persons are in a group; None when every person is."""
        inside = self.code >= 0
        return None if inside.all() else inside

    @functools.cached_property
    def bins(self) -> IntArray:
        """Each person's group, and one extra bin (``k``) for the persons in none: one
        ``bincount`` over every person instead of gathering the persons inside each time."""
        k = len(self.labels)
        return self.code if self.inside is None else np.where(self.code >= 0, self.code, k)

    def total(self, values: FloatArray) -> FloatArray:
        """Per group, the sum of a per-person array (in person order); the values of persons in
        no group (which may be NaN) are never added to a group."""
        k = len(self.labels)
        sums = np.bincount(self.bins, weights=values, minlength=k + 1)[:k]
        return sums.astype(np.float64)

    @functools.cached_property
    def segments(self) -> tuple[IntArray, IntArray]:
        """The persons in a group ordered by group (stably), and where each group starts in
        that order (k + 1 bounds)."""
        k = len(self.labels)
        small = self.code.astype(np.int16 if k < (1 << 15) - 1 else np.int64)
        order = np.argsort(small, kind="stable")
        bounds = np.searchsorted(small[order], np.arange(0, k + 1))
        return order[bounds[0] :].astype(np.int64), bounds - bounds[0]


def weighted_sum(groups: Groups, weight: FloatArray, values: FloatArray) -> FloatArray:
    return groups.total(weight * values)


def top_two(groups: Groups, contributions: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per group: the largest and second-largest absolute contribution and the absolute sum."""
    k = len(groups.labels)
    magnitude = np.abs(contributions)
    total = groups.total(magnitude)
    order, bounds = groups.segments
    ordered = magnitude[order]
    top1, top2 = np.zeros(k), np.zeros(k)
    for g in range(k):
        segment = ordered[bounds[g] : bounds[g + 1]]
        segment = segment[segment != 0] if segment.size > 2 else segment
        if segment.size >= 2:
            pair = np.partition(segment, segment.size - 2)[-2:]
            top1[g], top2[g] = pair[1], pair[0]
        elif segment.size == 1:
            top1[g] = segment[0]
    return top1, top2, total


def sum_cells(
    groups: Groups, weight: FloatArray, values: FloatArray, mean: bool = False
) -> list[Cell]:
    """Weighted totals (or means) of a person amount per group, with dominance statistics over
    the persons' weighted contributions."""
    totals = weighted_sum(groups, weight, values)
    weights = weighted_sum(groups, weight, np.ones_like(values))
    top1, top2, absolute = top_two(groups, weight * values)
    out = []
    for g in range(len(groups.labels)):
        value = totals[g] / weights[g] if mean and weights[g] > 0 else totals[g]
        out.append(
            Cell(
                value=float(value),
                statistic=Statistic.MEAN if mean else Statistic.SUM,
                n_persons=int(groups.n_persons[g]),
                n_households=int(groups.n_households[g]),
                top1=float(top1[g]),
                top2=float(top2[g]),
                total=float(absolute[g]),
            )
        )
    return out


def count_cells(groups: Groups, weight: FloatArray) -> list[Cell]:
    totals = groups.total(weight)  # the same sums as of weight * 1.0
    return [
        Cell(
            float(totals[g]), Statistic.COUNT, int(groups.n_persons[g]), int(groups.n_households[g])
        )
        for g in range(len(groups.labels))
    ]


def share_cells(
    groups: Groups,
    weight: FloatArray,
    flag: npt.NDArray[np.bool_],
    statistic: Statistic = Statistic.SHARE,
) -> list[Cell]:
    """Weighted share of each group with ``flag``; carries the unweighted share for class
    disclosure."""
    k = len(groups.labels)
    yes = groups.total(weight * flag)
    all_ = groups.total(weight)  # the same sums as of weight * 1.0
    yes_n = groups.total(flag.astype(np.float64))
    out = []
    for g in range(k):
        n = int(groups.n_persons[g])
        out.append(
            Cell(
                value=float(yes[g] / all_[g]) if all_[g] > 0 else 0.0,
                statistic=statistic,
                n_persons=n,
                n_households=int(groups.n_households[g]),
                group_share=float(yes_n[g] / n) if n else None,
            )
        )
    return out


def weighted_quantiles(
    values: FloatArray, weight: FloatArray, probabilities: FloatArray
) -> FloatArray:
    """Quantiles of a weighted distribution (the smallest value whose cumulative weight share
    reaches each probability)."""
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weight[order])
    targets = np.asarray(probabilities, dtype=np.float64) * cumulative[-1]
    positions = np.searchsorted(cumulative, targets, side="left")
    picked: FloatArray = values[order][np.minimum(positions, len(values) - 1)]
    return picked
