"""What the indicators read: per-person arrays in memory (never written anywhere), and the
vectorised group statistics every indicator is built from.

A group statistic returns a :class:`~mimosis.indicators.tables.Cell` per group that carries the
weighted value and, from the same pass, the unweighted person and household counts and the two
largest contributions that disclosure control needs.
"""

from __future__ import annotations

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

    def to_persons(self, household_values: FloatArray) -> FloatArray:
        """A household array broadcast to its members."""
        return household_values[self.household]


def codes(labels: StrArray | IntArray) -> tuple[tuple[str, ...], IntArray]:
    """Sorted distinct labels and each element's code."""
    uniques, inverse = np.unique(labels, return_inverse=True)
    return tuple(str(u) for u in uniques), inverse.astype(np.int64)


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

    @classmethod
    def from_codes(cls, frame: PersonFrame, names: tuple[str, ...], code: IntArray) -> Groups:
        k = len(names)
        inside = code >= 0
        n_persons = np.bincount(code[inside], minlength=k).astype(np.int64)
        pairs = np.unique(code[inside] * (frame.n_households + 1) + frame.household[inside])
        n_households = np.bincount(pairs // (frame.n_households + 1), minlength=k).astype(np.int64)
        return cls(names, code, n_persons, n_households)


def weighted_sum(groups: Groups, weight: FloatArray, values: FloatArray) -> FloatArray:
    inside = groups.code >= 0
    sums = np.bincount(
        groups.code[inside], weights=(weight * values)[inside], minlength=len(groups.labels)
    )
    return sums.astype(np.float64)


def top_two(groups: Groups, contributions: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per group: the largest and second-largest absolute contribution and the absolute sum."""
    k = len(groups.labels)
    inside = groups.code >= 0
    code = groups.code[inside]
    magnitude = np.abs(contributions[inside])
    total = np.bincount(code, weights=magnitude, minlength=k)
    order = np.lexsort((-magnitude, code))
    code_sorted, mag_sorted = code[order], magnitude[order]
    starts = np.searchsorted(code_sorted, np.arange(k))
    ends = np.searchsorted(code_sorted, np.arange(k), side="right")
    top1 = np.where(ends > starts, mag_sorted[np.minimum(starts, len(mag_sorted) - 1)], 0.0)
    has_two = ends - starts >= 2
    top2 = np.where(has_two, mag_sorted[np.minimum(starts + 1, len(mag_sorted) - 1)], 0.0)
    as_float = np.float64
    return top1.astype(as_float), top2.astype(as_float), total.astype(as_float)


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
    totals = weighted_sum(groups, weight, np.ones_like(weight))
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
    inside = groups.code >= 0
    k = len(groups.labels)
    yes = weighted_sum(groups, weight, flag.astype(np.float64))
    all_ = weighted_sum(groups, weight, np.ones_like(weight))
    yes_n = np.bincount(groups.code[inside], weights=flag[inside].astype(np.float64), minlength=k)
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
