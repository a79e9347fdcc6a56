"""From career rows to the per-person pension inputs (a pure, vectorised helper).

A career is many rows (one per person and calendar year); the rules engine works on one
value per person. The model-input stage (or a test) calls ``employee_career_inputs`` and
``self_employed_career_inputs`` once per simulated date and hands the resulting arrays to the
population as the programme inputs of ``mimosis.legislation.pensions.inputs``. Nothing here
touches the engine's simulation; the tables come from the parameter tree
(``CareerTables.from_parameters``).

Employee rows (RD n° 50 of 24 October 1967 art. 5-8):

- the remuneration of the year is the actual wage of the worked days plus the notional
  (fictitious) wage of the assimilated days (unemployment, sickness, ...): unless the caller
  gives it, the notional wage is the daily wage of the last earlier year with work (else of the
  same year, else of the next year with work, else the flat daily wage of the SFP), times the
  assimilated days; rows flagged ``limited`` (e.g. unemployment in its third period since 2012)
  are capped at the guaranteed minimum yearly wage pro rata of the days;
- the remuneration is capped at the year's wage ceiling, then revalued with the year's
  revaluation coefficient (to the prices of the simulated date: one coefficient per calendar
  year, supplied by the caller; 1.0 when the wages are already revalued);
- minimum right per career year: with at least 15 years of at least 104 full-time-equivalent
  days, each such year counts at least the guaranteed minimum yearly wage, pro rata of its
  days (the cap on the pension obtained this way is not applied, see the README);
- counts of years by intensity feed the minimum pension (52 / 156 / 208 days) and the early
  retirement condition (104 days).

All functions take numpy arrays of equal length (one element per row) and return float
arrays of length ``n_persons`` (indexed by the person index of the rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from mimosis.engine import ParameterTree

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_E = "pensions.employee"
_M = "pensions.minimum_pension.conditions"
_SE = "pensions.self_employed"
FIRST_CAREER_YEAR = 1955  # remunerations are recorded from 1955 (earlier years: lump sums)


@dataclass(frozen=True)
class CareerTables:
    """The legal tables a career needs, read at one simulated date."""

    ceiling: Mapping[int, float]  # career year -> nominal wage ceiling (EUR a year)
    minimum_right_amount: float  # guaranteed minimum yearly wage, prices of the simulated date
    minimum_right_min_years: int
    minimum_right_min_days: float
    days_per_year: float
    career_year_min_days: float  # early retirement: a year counts from 104 days
    fraction_days: float  # minimum pension, strict criterion numerator (52 days)
    flexible_days: float  # 156
    strict_days: float  # 208
    notional_daily_wage: float  # flat daily wage without any reference wage
    revaluation: Mapping[int, float] = field(default_factory=dict)  # year -> coefficient
    se_ceiling: Mapping[int, float] = field(default_factory=dict)
    se_correction: Mapping[int, float | None] = field(default_factory=dict)

    @classmethod
    def from_parameters(
        cls,
        tree: ParameterTree,
        when: date,
        revaluation: Mapping[int, float] | None = None,
        last_year: int | None = None,
    ) -> CareerTables:
        """The tables in force on ``when``, with the ceilings of the career years 1955 up to
        ``last_year`` (default: the year of ``when``). ``revaluation`` maps a career year to
        its revaluation coefficient towards ``when`` (missing years: 1.0)."""
        snap = tree.at(when)
        end = when.year if last_year is None else last_year
        ceiling: dict[int, float] = {}
        se_ceiling: dict[int, float] = {}
        correction: dict[int, float | None] = {}
        for year in range(FIRST_CAREER_YEAR, end + 1):
            at = tree.at(date(year, 1, 1))
            value = at.get(f"{_E}.wage_ceiling")
            if isinstance(value, int | float) and not isinstance(value, bool):
                ceiling[year] = float(value)
            se_value = at.get(f"{_SE}.income_ceiling")
            if isinstance(se_value, int | float) and not isinstance(se_value, bool):
                se_ceiling[year] = float(se_value)
            corr = at.get(f"{_SE}.correction_coefficient")
            correction[year] = float(corr) if isinstance(corr, int | float) else None
        return cls(
            ceiling=ceiling,
            minimum_right_amount=float(snap[f"{_E}.minimum_right.amount"]),  # type: ignore[arg-type]
            minimum_right_min_years=int(snap[f"{_E}.minimum_right.min_career_years"]),  # type: ignore[arg-type]
            minimum_right_min_days=float(snap[f"{_E}.minimum_right.min_days_per_year"]),  # type: ignore[arg-type]
            days_per_year=float(snap[f"{_E}.days_per_year"]),  # type: ignore[arg-type]
            career_year_min_days=float(snap["pensions.age.early_retirement.career_year_min_days"]),  # type: ignore[arg-type]
            fraction_days=float(snap[f"{_M}.fraction_days"]),  # type: ignore[arg-type]
            flexible_days=float(snap[f"{_M}.flexible_days"]),  # type: ignore[arg-type]
            strict_days=float(snap[f"{_M}.strict_days"]),  # type: ignore[arg-type]
            notional_daily_wage=float(snap[f"{_E}.notional_daily_wage"]),  # type: ignore[arg-type]
            revaluation=dict(revaluation or {}),
            se_ceiling=se_ceiling,
            se_correction=correction,
        )

    def revaluation_of(self, years: IntArray) -> FloatArray:
        return _lookup(self.revaluation, years, 1.0)

    def revalued_ceiling_of(self, years: IntArray) -> FloatArray:
        """The ceiling of each year in revalued terms; before the first listed ceiling, the
        first listed one in revalued terms (the revalued ceiling is held constant)."""
        if not self.ceiling:
            return np.full(years.shape, np.inf)
        first = min(self.ceiling)
        first_revalued = self.ceiling[first] * self.revaluation.get(first, 1.0)
        listed = _lookup(self.ceiling, years, np.nan) * self.revaluation_of(years)
        return np.where(np.isnan(listed), first_revalued, listed)


def _lookup(table: Mapping[int, float | None], years: IntArray, default: float) -> FloatArray:
    """``table[year]`` for each element of ``years`` (``default`` when absent or None), by
    indexing an array over the range of years (no loop over the rows)."""
    if years.size == 0:
        return np.zeros(0, dtype=np.float64)
    low, high = int(years.min()), int(years.max())
    dense = np.full(high - low + 1, default, dtype=np.float64)
    for year, value in table.items():
        if low <= year <= high and value is not None:
            dense[year - low] = value
    return dense[years - low]


def _per_person(person: IntArray, values: npt.ArrayLike, n_persons: int) -> FloatArray:
    weights = np.asarray(values, dtype=np.float64)
    return np.asarray(np.bincount(person, weights=weights, minlength=n_persons), dtype=np.float64)


def _last_reference(person: IntArray, has_ref: BoolArray, forward: bool) -> IntArray:
    """For rows sorted by (person, year): the index of the nearest earlier (``forward``) or
    later row of the same person with a reference wage, excluding the row itself; -1 if none."""
    n = person.size
    idx = np.arange(n)
    if forward:
        marks = np.where(has_ref, idx, -1)
        carried = np.maximum.accumulate(marks)
        previous = np.r_[-1, carried[:-1]]
        same = previous >= 0
        same[same] = person[previous[same]] == person[same]
        return np.where(same, previous, -1)
    rev = _last_reference(person[::-1], has_ref[::-1], forward=True)
    return np.where(rev >= 0, n - 1 - rev, -1)[::-1]


def employee_career_inputs(
    person: npt.ArrayLike,
    year: npt.ArrayLike,
    wage: npt.ArrayLike,
    worked_days: npt.ArrayLike,
    assimilated_days: npt.ArrayLike,
    *,
    n_persons: int,
    tables: CareerTables,
    notional_wage: npt.ArrayLike | None = None,
    limited: npt.ArrayLike | None = None,
) -> dict[str, FloatArray]:
    """The employee career inputs per person (keys are the input variable names)."""
    p = np.asarray(person, dtype=np.int64)
    y = np.asarray(year, dtype=np.int64)
    order = np.lexsort((y, p))
    p, y = p[order], y[order]
    w = np.asarray(wage, dtype=np.float64)[order]
    worked = np.asarray(worked_days, dtype=np.float64)[order]
    assim = np.asarray(assimilated_days, dtype=np.float64)[order]
    full_year = tables.days_per_year
    days = np.minimum(worked + assim, full_year)
    # notional wage of the assimilated days: daily wage of the last earlier year with work,
    # else of the same year, else of the next year with work, else the flat daily wage
    has_ref = (worked > 0) & (w > 0)
    daily = np.where(has_ref, w / np.where(worked > 0, worked, 1.0), 0.0)
    before = _last_reference(p, has_ref, forward=True)
    after = _last_reference(p, has_ref, forward=False)
    reference = np.select(
        [before >= 0, has_ref, after >= 0],
        [daily[np.maximum(before, 0)], daily, daily[np.maximum(after, 0)]],
        default=tables.notional_daily_wage,
    )
    notional = reference * assim
    if notional_wage is not None:
        given = np.asarray(notional_wage, dtype=np.float64)[order]
        notional = np.where(np.isnan(given), notional, given)
    rev = tables.revaluation_of(y)
    revalued = np.minimum(w + notional, tables.revalued_ceiling_of(y) / rev) * rev
    if limited is not None:
        capped = np.asarray(limited, dtype=bool)[order]
        floor_wage = tables.minimum_right_amount * assim / full_year
        limited_part = np.minimum(notional * rev, floor_wage)
        revalued = np.where(capped, np.minimum(revalued, w * rev + limited_part), revalued)
    # minimum right per career year: 15 years of at least 104 days, each such year at least
    # the guaranteed minimum yearly wage pro rata of its days
    qualifying = days >= tables.minimum_right_min_days
    n_qualifying = _per_person(p, qualifying, n_persons)
    entitled = n_qualifying[p] >= tables.minimum_right_min_years
    minimum = tables.minimum_right_amount * days / full_year
    revalued = np.where(entitled & qualifying, np.maximum(revalued, minimum), revalued)
    return {
        "pensions_employee_revalued_wages": _per_person(p, revalued, n_persons),
        "pensions_employee_career_days": _per_person(p, days, n_persons),
        "pensions_employee_years_fraction": _per_person(p, days >= tables.fraction_days, n_persons),
        "pensions_employee_years_flexible": _per_person(p, days >= tables.flexible_days, n_persons),
        "pensions_employee_years_strict": _per_person(p, days >= tables.strict_days, n_persons),
        "pensions_employee_career_years": _per_person(
            p, days >= tables.career_year_min_days, n_persons
        ),
    }


def self_employed_career_inputs(
    person: npt.ArrayLike,
    year: npt.ArrayLike,
    income: npt.ArrayLike,
    quarters: npt.ArrayLike,
    *,
    n_persons: int,
    tables: CareerTables,
    correction: npt.ArrayLike | None = None,
) -> dict[str, FloatArray]:
    """The self-employed career inputs per person (RD n° 72 art. 5-9).

    ``income`` is the business income of the year on which contributions were paid (for the
    years before 1984, the caller gives the flat-rate notional income of the scheme);
    ``quarters`` the quarters of affiliation (0-4). The income is capped at the year's ceiling
    (if listed), revalued and multiplied by the correction coefficient of the year: from the
    parameters, or ``correction`` per row where the parameter is not in force (before 2021).
    """
    p = np.asarray(person, dtype=np.int64)
    y = np.asarray(year, dtype=np.int64)
    inc = np.asarray(income, dtype=np.float64)
    q = np.clip(np.asarray(quarters, dtype=np.float64), 0.0, 4.0)
    ceiling = _lookup(tables.se_ceiling, y, np.inf)
    from_tables = _lookup(tables.se_correction, y, np.nan)
    if correction is not None:
        given = np.asarray(correction, dtype=np.float64)
        from_tables = np.where(np.isnan(from_tables), given, from_tables)
    if np.isnan(from_tables).any():
        missing = sorted({int(v) for v in y[np.isnan(from_tables)]})
        raise ValueError(
            "self-employed career: the correction coefficient of the career years "
            f"{missing} is not a parameter in force; give it per row (argument 'correction')"
        )
    revalued = np.minimum(inc, ceiling) * tables.revaluation_of(y) * from_tables
    return {
        "pensions_self_employed_revalued_income": _per_person(p, revalued, n_persons),
        "pensions_self_employed_career_years": _per_person(p, q / 4.0, n_persons),
    }
