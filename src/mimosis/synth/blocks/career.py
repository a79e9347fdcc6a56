"""Block 17 (career): Sigedis career records of employees, one row per person, career code
and career year 1954-2015, cut from the yearly history of ``ctx.economy``:

* ``000`` remunerated work (pay and days; the 2015 pay equals employment_year 2015),
* ``S03`` holiday pay of blue-collar workers (the holiday fund's share of the year's pay),
* ``S01`` unemployment and SWT, ``S02`` career breaks (assimilated days),
* ``200`` incapacity periods (dates and degree),
* ``500``/``501``/``524`` preservation of rights of involuntary part-timers (income-guarantee
  allowance months).

The biggest table (15-25 million rows at full scale): built from index arrays over the
(persons x 62 years) history, with the lean numpy types the schema allows."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import optional
from mimosis.synth.economy_history import ASSIMILATED, YEARS, Year
from mimosis.synth.nrn import to_strings

BLOCK_ID = "career"
WORK = (Year.EMPLOYEE, Year.CIVIL_SERVANT)


def _null(n: int, kind: pa.DataType) -> pa.Array:
    return pa.nulls(n, type=kind)


CHUNK = 200_000  # persons per slice: the row-level temporaries stay bounded at full scale


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    n = len(ctx.economy)
    pieces = [
        _records(ctx, lo, min(lo + CHUNK, n), ctx.rng(BLOCK_ID, f"records:{lo}"))
        for lo in range(0, n, CHUNK)
    ]
    return {"career": pa.concat_tables(pieces)}


def _records(  # noqa: PLR0915 (one pass over the rows)
    ctx: SynthContext, lo: int, hi: int, rng: np.random.Generator
) -> pa.Table:
    """The career rows of persons lo..hi-1."""
    eco = ctx.economy
    h = eco.history()
    m = eco.model.career
    status = h.status[lo:hi]
    work = np.isin(status, WORK) & (h.work_days[lo:hi] > 0)
    blue = (eco.worker_class[lo:hi] == 1)[:, None] & work
    unemployed = np.isin(status, (Year.UNEMPLOYED, Year.SCHOOL_LEAVER, Year.EXEMPTED, Year.SWT))
    breaks = (status == Year.CAREER_BREAK) | h.career_break_year[lo:hi]
    incapacity = np.isin(status, (Year.SICK, Year.INVALIDITY))
    part = work & (h.fte[lo:hi] < 1)[:, None] & (YEARS >= 2006)[None, :]
    preserved = np.zeros(status.shape, dtype=bool)  # drawn on the part-time cells only
    pr, pc_ = np.nonzero(part)
    keep = rng.random(pr.size) < m.preservation_share
    preserved[pr[keep], pc_[keep]] = True
    parts = []
    for code, mask in (
        ("000", work),
        ("S03", blue),
        ("S01", unemployed),
        ("S02", breaks),
        ("200", incapacity),
        ("500", preserved),
    ):
        r, c = np.nonzero(mask)
        parts.append((code, r.astype(np.int32), c.astype(np.int16)))
    rows = np.concatenate([p[1] for p in parts])
    cols = np.concatenate([p[2] for p in parts])
    kinds = np.concatenate([np.full(p[1].size, i, dtype=np.int8) for i, p in enumerate(parts)])
    order = np.lexsort((kinds, cols, rows))  # by person, year, code
    rows, cols, kinds = rows[order], cols[order], kinds[order]
    g = rows.astype(np.int64) + lo  # person index in the population
    n = rows.size
    codes = np.array([p[0] for p in parts], dtype=object)[kinds]
    sub = rng.random(n)
    codes = np.where(
        (kinds == 5) & (sub < 0.3), "501", np.where((kinds == 5) & (sub > 0.85), "524", codes)
    )
    year = YEARS[cols].astype(np.int32)
    is_work, is_hol, is_unemp, is_break, is_inc, is_pres = (kinds == k for k in range(6))
    pay = h.pay[g, cols].astype(np.float64)
    yearly_pay = np.where(
        is_work, pay, np.where(is_hol, np.round(pay * m.blue_holiday_pay * 1.08, 2), 0.0)
    )
    days = h.work_days[g, cols].astype(np.float64)
    assim = h.assimilated_days[g, cols].astype(np.float64)
    assim = np.where(is_break & (assim == 0), 62.0, assim)
    fte = h.fte[g].astype(np.float64)
    part_hours = np.round(days * 38 / 5, 2)
    has_part = is_work & (fte < 1)
    start = eco.incapacity_start[g].astype("datetime64[D]")
    jan = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    dec = (year - 1969).astype("datetime64[Y]").astype("datetime64[D]") - 1
    inc_start = np.where(np.isnat(start) | (start < jan), jan + rng.integers(0, 200, n), start)
    inc_end = np.where(
        status[rows, cols] == Year.INVALIDITY,
        dec,
        np.minimum(inc_start + rng.integers(30, 360, n), dec),
    )
    percentage = np.where(
        status[rows, cols] == Year.INVALIDITY, 100.0, np.round(rng.uniform(66, 100, n))
    )
    institution = np.where(is_unemp | is_break, "6", np.where(is_inc, "7", "0"))
    local = eco.regime_civil[g] & (rng.random(n) < 0.4)
    institution = np.where(is_work & local, "E", institution)
    institution = np.where(is_work & (year < 1990) & (rng.random(n) < 0.1), "3", institution)
    subjection = np.where(status[rows, cols] == Year.CIVIL_SERVANT, "2", "1")
    pres_rows = np.flatnonzero(is_pres)
    iga_months = np.zeros((12, n), dtype=bool)
    iga_months[:, pres_rows] = rng.random((12, pres_rows.size)) < 0.6
    pres_start = (jan + rng.integers(0, 200, n)).astype("datetime64[D]")
    columns: dict[str, pa.Array | np.ndarray] = {
        "person_id": to_strings(ctx.population.persons.nrn[g]),
        "career_code": codes.astype(str),
        "career_year": year,
        "career_yearly_pay": pa.array(yearly_pay, mask=~(is_work | is_hol)),
        "career_days_worked": pa.array(days, mask=~is_work),
        "career_assimilated_days": pa.array(assim, mask=~(is_unemp | is_break | is_inc)),
        "career_reference_hours_per_week": pa.array(np.full(n, 38.0), mask=~is_work),
        "career_part_time_hours": pa.array(part_hours, mask=~has_part),
        "career_assimilated_hours": pa.array(
            np.round(assim * 38 / 5, 2), mask=~(is_unemp | is_break | is_inc)
        ),
        "career_incapacity_start": pa.array(inc_start, mask=~is_inc),
        "career_incapacity_end": pa.array(inc_end, mask=~is_inc),
        "career_incapacity_percentage": pa.array(percentage, mask=~is_inc),
        "iga_right": pa.array(np.ones(n, dtype=bool), mask=~is_pres),
        "rights_preservation_start": pa.array(pres_start, mask=~is_pres),
        "part_time_period_start": pa.array(pres_start, mask=~is_pres),
        "part_time_period_end": pa.array(np.minimum(pres_start + 180, dec), mask=~is_pres),
        "subjection_type": optional(subjection, is_work),
        "career_institution": institution.astype(str),
        "grant_code": optional(np.full(n, "1"), is_unemp | is_break | is_inc),
    }
    for month in range(12):
        columns[f"iga_month_{month + 1:02d}"] = pa.array(iga_months[month], mask=~is_pres)
    assert tuple(ASSIMILATED)  # the assimilated statuses are those of the history
    return ctx.build_table("career", columns)
