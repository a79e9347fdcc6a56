"""Periods: one immutable type, three units (month, quarter, year), explicit conversions.

Strings are parsed only at the boundary (``Period.parse``), in exactly three forms:
``"2025"`` (a year), ``"2025-Q1"`` (a quarter) and ``"2025-01"`` (a month). Inside the engine
periods are always ``Period`` objects.

Amounts move between periods explicitly, according to what a variable is:

- a *flow* (an amount earned or paid over time: EUR/month, EUR/year) is summed over
  sub-periods, and spread pro rata (by months) over a shorter period;
- a *stock* (a state: age, a status, a number of children) keeps the same value over a
  shorter period, and over a longer period is read at its first sub-period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from mimosis.engine.errors import PeriodError

PeriodUnit = Literal["month", "quarter", "year"]
PERIOD_UNITS: tuple[PeriodUnit, ...] = ("month", "quarter", "year")
MONTHS_IN: dict[PeriodUnit, int] = {"month": 1, "quarter": 3, "year": 12}
Behaviour = Literal["flow", "stock"]

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, slots=True)
class Period:
    """``size`` consecutive ``unit``s starting at ``start_year``-``start_month``.

    Quarters start in January, April, July or October; years start in January.
    """

    unit: PeriodUnit
    start_year: int
    start_month: int
    size: int = 1
    _hash: int = field(default=0, init=False, repr=False, compare=False)

    def __hash__(self) -> int:  # periods key every node: hash once
        return self._hash

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_hash", hash((self.unit, self.start_year, self.start_month, self.size))
        )
        if self.unit not in MONTHS_IN:
            raise PeriodError(f"unknown period unit {self.unit!r}; expected one of {PERIOD_UNITS}")
        if not 1 <= self.start_month <= 12:
            raise PeriodError(f"month must be within 1..12, got {self.start_month}")
        if self.size < 1:
            raise PeriodError(f"period size must be at least 1, got {self.size}")
        if self.unit == "quarter" and self.start_month not in (1, 4, 7, 10):
            raise PeriodError("a quarter starts in January, April, July or October")
        if self.unit == "year" and self.start_month != 1:
            raise PeriodError("a year period starts in January")

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def of_month(cls, year: int, month: int, size: int = 1) -> Period:
        return cls("month", year, month, size)

    @classmethod
    def of_quarter(cls, year: int, quarter: int, size: int = 1) -> Period:
        if not 1 <= quarter <= 4:
            raise PeriodError(f"quarter must be within 1..4, got {quarter}")
        return cls("quarter", year, 3 * (quarter - 1) + 1, size)

    @classmethod
    def of_year(cls, year: int, size: int = 1) -> Period:
        return cls("year", year, 1, size)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``"2025"``, ``"2025-Q1"`` or ``"2025-01"``; nothing else."""
        if m := _YEAR.match(text):
            return cls.of_year(int(m.group(1)))
        if m := _QUARTER.match(text):
            return cls.of_quarter(int(m.group(1)), int(m.group(2)))
        if m := _MONTH.match(text):
            return cls.of_month(int(m.group(1)), int(m.group(2)))
        raise PeriodError(f"cannot parse period {text!r}: use '2025', '2025-Q1' or '2025-01'")

    @classmethod
    def coerce(cls, value: Period | str) -> Period:
        """Boundary helper: a ``Period`` passes through, a string is parsed."""
        return value if isinstance(value, Period) else cls.parse(value)

    # -- conversions ----------------------------------------------------------------------
    @property
    def n_months(self) -> int:
        return MONTHS_IN[self.unit] * self.size

    @property
    def _index(self) -> int:
        """Absolute month number of the start (year * 12 + month - 1)."""
        return self.start_year * 12 + self.start_month - 1

    @property
    def start(self) -> date:
        """The first day of the period."""
        return date(self.start_year, self.start_month, 1)

    @property
    def last_month(self) -> Period:
        idx = self._index + self.n_months - 1
        return Period.of_month(idx // 12, idx % 12 + 1)

    @property
    def stop(self) -> date:
        """The last day of the period (inclusive)."""
        last = self.last_month
        return date(last.start_year, last.start_month, _days_in_month(last))

    @property
    def n_days(self) -> int:
        return (self.stop - self.start).days + 1

    @property
    def first_month(self) -> Period:
        return Period.of_month(self.start_year, self.start_month)

    @property
    def year(self) -> Period:
        """The calendar year containing the start of this period."""
        return Period.of_year(self.start_year)

    @property
    def quarter(self) -> Period:
        """The quarter containing the start of this period."""
        return Period.of_quarter(self.start_year, (self.start_month - 1) // 3 + 1)

    @property
    def last_year(self) -> Period:
        """The calendar year before the one containing the start of this period."""
        return Period.of_year(self.start_year - 1)

    def months(self) -> tuple[Period, ...]:
        return self.subperiods("month")

    def subperiods(self, unit: PeriodUnit) -> tuple[Period, ...]:
        """This period cut into consecutive periods of ``unit`` (must divide it exactly)."""
        step = MONTHS_IN[unit]
        if self.n_months % step or (unit != "month" and self._index % step):
            raise PeriodError(f"{self} cannot be cut into whole {unit}s")
        first = Period(unit, self.start_year, self.start_month) if unit != "year" else self.year
        return tuple(first.offset(i) for i in range(self.n_months // step))

    def containing(self, unit: PeriodUnit) -> Period:
        """The single period of ``unit`` that contains this whole period."""
        target = {"month": self.first_month, "quarter": self.quarter, "year": self.year}[unit]
        if not target.contains(self):
            raise PeriodError(f"{self} is not contained in a single {unit}")
        return target

    def contains(self, other: Period) -> bool:
        return self._index <= other._index and (
            other._index + other.n_months <= self._index + self.n_months
        )

    def offset(self, n: int) -> Period:
        """Shift by ``n`` units of this period's unit (negative: back in time)."""
        idx = self._index + n * MONTHS_IN[self.unit]
        return Period(self.unit, idx // 12, idx % 12 + 1, self.size)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self._index, self.n_months)

    def __str__(self) -> str:
        if self.unit == "year":
            base = f"{self.start_year}"
        elif self.unit == "quarter":
            base = f"{self.start_year}-Q{(self.start_month - 1) // 3 + 1}"
        else:
            base = f"{self.start_year}-{self.start_month:02d}"
        return base if self.size == 1 else f"{base}+{self.size}{self.unit[0]}"

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"


def _days_in_month(month: Period) -> int:
    return calendar.monthrange(month.start_year, month.start_month)[1]


def convert_flow(
    values: npt.NDArray[Any], source: Period, target: Period
) -> npt.NDArray[np.float64]:
    """A flow over ``source`` expressed over ``target``, pro rata by months.

    ``convert_flow(yearly, 2025, 2025-03)`` divides by 12; ``(monthly, 2025-03, 2025)``
    multiplies by 12 (the same monthly rate all year long).
    """
    return np.asarray(values, dtype=np.float64) * (target.n_months / source.n_months)


def per_day(values: npt.NDArray[Any], period: Period) -> npt.NDArray[np.float64]:
    """A flow over ``period`` as an amount per calendar day of that period."""
    return np.asarray(values, dtype=np.float64) / period.n_days
