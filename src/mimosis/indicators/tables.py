"""The hand-over from indicators to disclosure control: tables of cells that carry, beside the
weighted value, the unweighted person and household counts and the largest contributions.

Computed in the same pass as the value, so that the microdata is read once. A table holds no
record: only aggregates and the few order statistics dominance checks need (never published).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class Statistic(StrEnum):
    """What a cell's value is; decides which disclosure rules apply."""

    COUNT = "count"  # a (weighted) number of persons or households
    SUM = "sum"  # a (weighted) total amount
    MEAN = "mean"  # a (weighted) mean amount
    SHARE = "share"  # a proportion of a group (0..1)
    RATE = "rate"  # a rate such as a poverty rate (0..1)
    RATIO = "ratio"  # a ratio of two aggregates (Gini, S80/S20, replacement rate)
    QUANTILE = "quantile"  # a quantile boundary (median, decile limits)
    MINIMUM = "minimum"  # never published
    MAXIMUM = "maximum"  # never published


@dataclass(frozen=True)
class Cell:
    """One number of a table with its disclosure statistics.

    ``n_persons`` and ``n_households`` are unweighted counts of the records behind the value.
    ``top1``, ``top2`` and ``total`` are the largest two absolute contributions to the sum
    behind the value and the sum of all absolute contributions (for SUM and MEAN cells).
    ``group_share`` is, for SHARE and RATE cells, the unweighted share of the group that has the
    attribute (0 or 1 means class disclosure).
    """

    value: float
    statistic: Statistic
    n_persons: int
    n_households: int
    top1: float = 0.0
    top2: float = 0.0
    total: float = 0.0
    group_share: float | None = None


@dataclass(frozen=True)
class StatTable:
    """A two-way table: rows (e.g. deciles, household types) by columns (measures).

    ``additive_rows``: the row labelled ``total_row`` is the sum of the other rows, column by
    column (so suppressing one cell of a column may reveal it through the margin).
    """

    name: str
    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    row_label: str = ""
    total_row: str | None = None
    unit: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        missing = [(r, c) for r in self.rows for c in self.columns if (r, c) not in self.cells]
        if missing:
            msg = f"table {self.name!r}: cells missing for {missing[:3]}"
            raise ValueError(msg)
        if self.total_row is not None and self.total_row not in self.rows:
            msg = f"table {self.name!r}: total row {self.total_row!r} is not a row"
            raise ValueError(msg)

    def __iter__(self) -> Iterator[tuple[str, str, Cell]]:
        for row in self.rows:
            for column in self.columns:
                yield row, column, self.cells[(row, column)]


FloatArray = npt.NDArray[np.float64]


def contributions(values: FloatArray) -> tuple[float, float, float]:
    """The largest and second-largest absolute contributions and the sum of absolutes."""
    magnitudes = np.abs(np.asarray(values, dtype=np.float64))
    total = float(magnitudes.sum())
    # zeros cannot be among the two largest unless fewer than two are not zero
    magnitudes = magnitudes[magnitudes != 0]
    if magnitudes.size == 0:
        return 0.0, 0.0, total
    if magnitudes.size == 1:
        return float(magnitudes[0]), 0.0, total
    top = np.partition(magnitudes, magnitudes.size - 2)[-2:]
    return float(top[1]), float(top[0]), total
