"""Block 5 (occupational_disease): one row per benefit period and calendar year 2013-2015.

Permanent incapacity: the persons to whom the labour-market layer gives an occupational-
disease allowance (``economy.occupational_disease_start``); period type P before their
retirement pension and R after it (the amount then capped), rows cut at year ends so that a
row's amount is what was paid in its period. Temporary incapacity: employees with a job,
about ``disease_temporary_per_year`` a year, paid 90 % of the basic wage / 365 a day. The
yearly permanent allowance is the basic wage x the degree (reduced below 10 %), drawn around it.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    WINDOW_END,
    coded,
    economy,
    lognormal,
    person_ids,
    quarter_bounds,
    random_days,
    sequence_within,
)
from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.blocks.work_accident import annuity_yearly, base_wage, degrees
from mimosis.synth.context import SynthContext

BLOCK_ID = "occupational_disease"
BENEFITS = ("TI", "PI", "TH", "RM", "RO", "SV")
PERIODS = ("T", "P", "R", "E", "S")
RETIRED_CAP = 0.5  # after the pension, a share of the allowance (U)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:  # noqa: PLR0915
    m = benefit_model().occupational_risks
    eco = economy(ctx)
    p = ctx.population.persons
    rng = ctx.rng(BLOCK_ID, "periods")
    who = np.flatnonzero(~np.isnat(eco.occupational_disease_start))
    start = eco.occupational_disease_start[who].astype("datetime64[D]")
    pension = eco.pension_start[who].astype("datetime64[D]")
    degree = degrees(rng, m.disease_degree, who.size)
    base = base_wage(ctx, who, rng)
    yearly = annuity_yearly(base, degree) * lognormal(rng, 1.0, 0.05, who.size)
    # periods: P until the pension (or running), R from the pension
    retired_later = ~np.isnat(pension) & (pension > start)
    p_end = np.where(retired_later, pension - 1, WINDOW_END)
    r_start = np.where(~np.isnat(pension), np.maximum(pension, start), NO_DATE)
    periods: list[tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray]] = [
        (np.arange(who.size), start, p_end, 1, yearly),
        (np.flatnonzero(~np.isnat(r_start)), r_start, np.full(who.size, WINDOW_END), 2,
         yearly * RETIRED_CAP),
    ]  # fmt: skip
    # temporary incapacity of employees
    rate = m.disease_temporary_per_year / 4 / max(float(np.dot(p.weight, eco.job[:, -1])), 1.0)
    t_person, quarter = np.nonzero(eco.job & (rng.random(eco.job.shape) < rate))
    q_first, q_last = quarter_bounds()
    t_start = random_days(rng, q_first[quarter], q_last[quarter])
    t_end = t_start + np.ceil(rng.exponential(m.disease_temporary_days_mean, t_person.size)).astype(
        np.int64
    )
    t_base = base_wage(ctx, t_person, rng)
    t_degree = np.full(t_person.size, 100.0)

    rows_person, rows_start, rows_end, rows_type, rows_amount, rows_base, rows_pct = (
        [] for _ in range(7)
    )
    for idx, begin, finish, period_kind, per_year in periods:
        for year in (2013, 2014, 2015):
            y0 = np.datetime64(f"{year}-01-01", "D")
            y1 = np.datetime64(f"{year}-12-31", "D")
            lo = np.maximum(begin[idx], y0)
            hi = np.minimum(finish[idx], y1)
            keep = lo <= hi
            sel = idx[keep]
            days = (hi[keep] - lo[keep]).astype(np.int64) + 1
            rows_person.append(who[sel])
            rows_start.append(lo[keep])
            rows_end.append(hi[keep])
            rows_type.append(np.full(sel.size, period_kind))
            rows_amount.append(np.round(per_year[sel] * days / 365, 2))
            rows_base.append(base[sel])
            rows_pct.append(degree[sel])
    t_end_in = np.minimum(t_end, WINDOW_END)
    t_days = (t_end_in - t_start).astype(np.int64) + 1
    rows_person.append(t_person)
    rows_start.append(t_start)
    rows_end.append(np.where(t_end > WINDOW_END, NO_DATE, t_end))
    rows_type.append(np.zeros(t_person.size, dtype=np.int64))
    rows_amount.append(np.round(0.9 * t_base / 365 * t_days, 2))
    rows_base.append(t_base)
    rows_pct.append(t_degree)
    person = np.concatenate(rows_person)
    begin_all = np.concatenate(rows_start)
    order = np.lexsort((begin_all, person))
    kind: np.ndarray = np.concatenate(rows_type)[order]
    end_all = np.concatenate(rows_end)[order]
    # a permanent period running at the end of 2015 has an open end
    end_all = np.where((kind > 0) & (end_all == WINDOW_END), NO_DATE, end_all)
    columns = {
        "person_id": person_ids(ctx, person[order]),
        "spell_number": sequence_within(person[order]),
        "occupational_disease_incapacity_pct": np.concatenate(rows_pct)[order],
        "occupational_disease_benefit_type": coded(BENEFITS, np.where(kind == 0, 0, 1)),
        "occupational_disease_base_wage": np.concatenate(rows_base)[order],
        "occupational_disease_period_type": coded(PERIODS, kind),
        "occupational_disease_payment_start": begin_all[order],
        "occupational_disease_payment_end": pa.array(end_all, type=pa.date32(), from_pandas=True),
        "occupational_disease_benefit_amount": np.concatenate(rows_amount)[order],
    }
    return {"occupational_disease": ctx.build_table("occupational_disease", columns)}
