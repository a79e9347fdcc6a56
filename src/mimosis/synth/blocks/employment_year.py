"""Block 12 (employment_year): one row per employee and year 2006-2015, cut from the yearly
history of ``ctx.economy`` (2013-2015: sums of the quarterly paths, so the 2015 pay equals
the year's quarterly wages, and the career block's 2015 pay)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import optional
from mimosis.synth.economy_history import YEARS, Year
from mimosis.synth.nrn import to_strings

BLOCK_ID = "employment_year"
FIRST = 2006


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = ctx.economy
    h = eco.history()
    rng = ctx.rng(BLOCK_ID, "codes")
    cols = np.flatnonzero(YEARS >= FIRST)
    work = h.work_days[:, cols]
    pay = h.pay[:, cols]
    rows, c = np.nonzero((work > 0) | (pay > 0))
    year = YEARS[cols][c].astype(np.int32)
    days = work[rows, c].astype(np.float64)
    amount = np.round(pay[rows, c].astype(np.float64), 2)
    status = h.status[rows, cols[c]]
    assim = np.minimum(
        h.assimilated_days[rows, cols[c]].astype(np.float64), np.maximum(312 - days, 0)
    )
    fte_person = h.fte[rows].astype(np.float64)
    part_time = fte_person < 1
    klass = eco.worker_class[rows]
    klass = np.where(klass == 0, np.where(status == Year.CIVIL_SERVANT, 3, 2), klass)
    student = (eco.features.age0[rows] - (2015 - year)) < 25
    student &= ~np.isin(status, (Year.EMPLOYEE, Year.CIVIL_SERVANT))
    klass = np.where(student, 4, klass)
    hours_per_day = 38 / 5 * fte_person
    quarters = np.clip(np.ceil(days / 78), 1, 4)
    recent = year >= 2013
    if recent.any():
        wq = eco.wage_quarter[rows[recent]].reshape(-1, 3, 4)
        quarters[recent] = np.maximum(
            (wq[np.arange(wq.shape[0]), year[recent] - 2013] > 0).sum(axis=1), 1
        )
    fte_excl = np.round(days / 312, 4)
    fte_incl = np.round(np.minimum((days + assim) / 312, 1.0), 4)
    has_pay = amount > 0
    columns = {
        "person_id": to_strings(ctx.population.persons.nrn[rows]),
        "year": year,
        "annual_worker_class": klass.astype(str),
        "annual_contribution_code": np.full(rows.size, "01"),
        "annual_exclusion_reason": optional(np.full(rows.size, "4"), student),
        "annual_part_time_hours": pa.array(np.round(days * hours_per_day, 2), mask=~part_time),
        "annual_assimilated_days": assim,
        "annual_assimilated_hours": np.round(assim * hours_per_day, 2),
        "annual_compensated_days": assim,
        "annual_compensated_hours": np.round(assim * hours_per_day, 2),
        "annual_paid_days_full_time": np.where(part_time, 0.0, days),
        "annual_paid_days_part_time": np.where(part_time, days, 0.0),
        "annual_employment_percentage_excl_assimilated": np.round(100 * fte_excl, 2),
        "annual_employment_percentage_incl_assimilated": np.round(100 * fte_incl, 2),
        "annual_fte_excl_assimilated": fte_excl,
        "annual_fte_incl_assimilated": fte_incl,
        "annual_pay": amount,
        "quarterly_pay_per_quarter_worked": pa.array(np.round(amount / quarters, 2), mask=~has_pay),
        "quarterly_pay_full_time_equivalent": pa.array(
            np.round(amount / np.maximum(4 * fte_excl, 1e-9), 2), mask=~has_pay | (fte_excl <= 0)
        ),
        "annual_average_daily_wage": pa.array(
            np.round(amount / np.maximum(days, 1e-9), 2), mask=~has_pay | (days <= 0)
        ),
    }
    del rng
    return {"employment_year": ctx.build_table("employment_year", columns)}
