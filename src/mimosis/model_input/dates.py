"""Dates of the extract: year-month (int32 YYYYMM) as the source sends them.

Convention (decision 0006): a date known only by its year and month is taken as the 15th of
that month when a day is needed (the middle of the month: the expected error of a duration
in days is then zero for a uniformly distributed true day). Most rules only need the month:
``month_index`` counts months since year 0, so durations in months are differences.

Ageing shifts dates by whole years (``shift_years``): the month stays, the year moves.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

#: the day of the month assumed for a date known by year and month
ASSUMED_DAY = 15
MISSING = -1


def split(yyyymm: npt.ArrayLike) -> tuple[IntArray, IntArray]:
    """Year and month of YYYYMM values (missing: -1 for both)."""
    v = np.asarray(yyyymm, dtype=np.int64)
    valid = v > 0
    year = np.where(valid, v // 100, MISSING)
    month = np.where(valid, v % 100, MISSING)
    return year, month


def month_index(yyyymm: npt.ArrayLike) -> IntArray:
    """Months since January of year 0 (year * 12 + month - 1); -1 where missing."""
    v = np.asarray(yyyymm, dtype=np.int64)
    return np.where(v > 0, (v // 100) * 12 + (v % 100) - 1, MISSING)


def from_month_index(index: npt.ArrayLike) -> IntArray:
    """YYYYMM from a month index (-1 stays -1)."""
    i = np.asarray(index, dtype=np.int64)
    return np.where(i >= 0, (i // 12) * 100 + i % 12 + 1, MISSING)


def to_datetime(yyyymm: npt.ArrayLike) -> npt.NDArray[np.datetime64]:
    """The assumed date (the 15th) of each YYYYMM, NaT where missing."""
    idx = month_index(yyyymm)
    months = np.where(idx >= 0, idx - 1970 * 12, 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.timedelta64(ASSUMED_DAY - 1, "D")
    return np.where(idx >= 0, days, np.datetime64("NaT"))


def shift_years(yyyymm: npt.ArrayLike, years: int) -> IntArray:
    """YYYYMM moved by ``years`` whole years (missing stays -1)."""
    v = np.asarray(yyyymm, dtype=np.int64)
    return np.where(v > 0, v + 100 * years, MISSING)


def quarter_months(quarter: npt.ArrayLike) -> tuple[IntArray, IntArray]:
    """First and last month index of quarters written YYYYQ."""
    q = np.asarray(quarter, dtype=np.int64)
    first = (q // 10) * 12 + (q % 10 - 1) * 3
    return first, first + 2
