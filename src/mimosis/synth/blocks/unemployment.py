"""Block 14 (unemployment): one row per person and year 2006-2015 with an RVA/ONEM status,
cut from the yearly history of ``ctx.economy`` (2013-2015 from the quarterly paths):
job-seekers, school leavers, exempted older unemployed, SWT, career breaks (full or partial),
plus temporary unemployment of blue-collar workers and involuntary part-timers. Daily
allowances are DRAWN by family category from ``economy.yaml`` (observed amounts), never
computed with the rules engine."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy import COMPENSATION
from mimosis.synth.economy_base import Branch, State, optional
from mimosis.synth.economy_history import YEARS, Year
from mimosis.synth.nrn import to_strings

BLOCK_ID = "unemployment"
FIRST = 2006
STATUS = {
    Year.UNEMPLOYED: "FULL_JOBSEEKER",
    Year.SCHOOL_LEAVER: "SCHOOL_LEAVER",
    Year.EXEMPTED: "EXEMPTED",
    Year.SWT: "SWT",
    Year.CAREER_BREAK: "CAREER_BREAK",
}


def _reasons(ctx: SynthContext, rng: np.random.Generator) -> np.ndarray:
    eco = ctx.economy
    cb = eco.model.career_break
    n = len(eco)
    young = np.array(list(cb.reasons_young), dtype=object)
    old = np.array(list(cb.reasons_old), dtype=object)
    py = np.array(list(cb.reasons_young.values()))
    po = np.array(list(cb.reasons_old.values()))
    out = np.where(
        eco.features.age0 < 50,
        young[rng.choice(young.size, n, p=py / py.sum())],
        old[rng.choice(old.size, n, p=po / po.sum())],
    )
    out = np.where(
        eco.regime_civil, np.where(rng.random(n) < 0.8, "CB_PUBLIC", "CARE_CREDIT_FL"), out
    )
    return out.astype(object)


QUARTERLY = {State.UNEMPLOYED: "FULL_JOBSEEKER", State.VOLUNTARY_PT: "VOLUNTARY_PT",
             State.SCHOOL_LEAVER: "SCHOOL_LEAVER", State.EXEMPTED: "EXEMPTED", State.SWT: "SWT",
             State.CAREER_BREAK: "CAREER_BREAK"}  # fmt: skip


def _recent(ctx: SynthContext) -> tuple[np.ndarray, np.ndarray]:
    """Status of 2013-2015 from the quarters (the most frequent RVA state of the year, a
    partial career break counting as a career-break quarter) and the number of quarters."""
    eco = ctx.economy
    n = len(eco)
    names = (*QUARTERLY.values(),)
    counts = np.zeros((n, 3, len(names)), dtype=np.int8)
    partial = eco.flag(Branch.CAREER_BREAK) & (eco.state != State.CAREER_BREAK)
    for i, (state, _) in enumerate(QUARTERLY.items()):
        hit = eco.state == state
        if state == State.CAREER_BREAK:
            hit = hit | partial
        counts[:, :, i] = hit.reshape(n, 3, 4).sum(axis=2)
    best = np.argmax(counts, axis=2)
    quarters = np.take_along_axis(counts, best[:, :, None], axis=2)[:, :, 0]
    # a job-seeker's year counts all job-seeking quarters (after work, part-time or studies)
    seeker = best < 3
    quarters = np.where(seeker, counts[:, :, :3].sum(axis=2), quarters)
    code = np.where(quarters > 0, np.array(names, dtype=object)[best], "")
    return code.astype(object), quarters.astype(np.float64)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = ctx.economy
    h = eco.history()
    u = eco.model.unemployment
    rng = ctx.rng(BLOCK_ID, "rows")
    n = len(eco)
    cols = np.flatnonzero(YEARS >= FIRST)
    status = h.status[:, cols]
    code = np.full(status.shape, "", dtype=object)
    for year_status, name in STATUS.items():
        code[status == year_status] = name
    code[(code == "") & h.career_break_year[:, cols]] = "CAREER_BREAK"
    recent, recent_quarters = _recent(ctx)
    code[:, -3:] = recent
    working = np.isin(status, (Year.EMPLOYEE,))
    blue = (eco.worker_class == 1)[:, None]
    code[(code == "") & working & blue & (rng.random(status.shape) < u.temporary_blue_collar)] = (
        "TEMPORARY"
    )
    part = (h.fte < 1)[:, None]
    code[
        (code == "")
        & working
        & part
        & (rng.random(status.shape) < eco.model.career.preservation_share)
    ] = "PT_IGU"
    rows, c = np.nonzero(code != "")
    year = YEARS[cols][c].astype(np.int32)
    st = code[rows, c]
    m = rows.size
    category = np.array(COMPENSATION, dtype=object)[eco.compensation_category[rows]]
    allowance = np.zeros(m)
    for cat in COMPENSATION:
        sel = category == cat
        allowance[sel] = rng.triangular(*u.daily_allowance[cat], int(sel.sum()))
    for kind, key in (
        ("SCHOOL_LEAVER", "school_leaver"),
        ("CAREER_BREAK", "career_break"),
        ("TEMPORARY", "temporary"),
    ):
        sel = st == kind
        allowance[sel] = rng.triangular(*u.daily_allowance[key], int(sel.sum()))
    index = np.array([u.benefit_index.get(int(y), 1.0) for y in range(FIRST, 2016)])[year - FIRST]
    allowance = np.round(allowance * index, 2)
    assimilated = h.assimilated_days[rows, cols[c]].astype(np.float64)
    days = np.where(assimilated > 0, assimilated, 312.0) * rng.uniform(0.85, 1.0, m)
    days = np.where(st == "TEMPORARY", rng.uniform(5, 60, m), days)
    days = np.where(st == "PT_IGU", rng.uniform(50, 200, m), days)
    days = np.where(
        (st == "CAREER_BREAK") & ~np.isin(status[rows, c], (Year.CAREER_BREAK,)), 312.0, days
    )
    in_window = year >= 2013
    quarters = recent_quarters[rows[in_window], c[in_window] - (cols.size - 3)]
    days[in_window] = np.where(
        quarters > 0, 78 * quarters * rng.uniform(0.99, 1.0, int(in_window.sum())), days[in_window]
    )
    days = np.round(days)
    amount = np.round(days * allowance * rng.normal(1.0, 0.01, m), 2)
    # duration of the running spell at the end of the year (consecutive unemployed years)
    spell = np.isin(code, ("FULL_JOBSEEKER", "SCHOOL_LEAVER", "EXEMPTED", "VOLUNTARY_PT"))
    run = np.zeros(spell.shape, dtype=np.int32)
    for k in range(spell.shape[1]):
        run[:, k] = np.where(spell[:, k], (run[:, k - 1] if k else 0) + 1, 0)
    duration = (run[rows, c] - 1) * 365 + rng.integers(30, 365, m)
    has_duration = spell[rows, c]
    lea = np.isin(st, ("FULL_JOBSEEKER", "EXEMPTED")) & (rng.random(m) < u.lea_share)
    has_category = ~np.isin(st, ("CAREER_BREAK",))
    reasons = _reasons(ctx, rng)[rows]
    is_break = st == "CAREER_BREAK"
    columns = {
        "person_id": to_strings(ctx.population.persons.nrn[rows]),
        "year": year,
        "unemployment_status": st.astype(str),
        "career_break_reason": optional(reasons, is_break),
        "unemployment_daily_allowance": allowance,
        "unemployment_benefit_days": days,
        "unemployment_benefit_year": amount,
        "unemployment_duration": pa.array(duration.astype(np.float64), mask=~has_duration),
        "lea_hours": pa.array(np.round(rng.uniform(20, 540, m), 1), mask=~lea),
        "unemployment_compensation_category": optional(category, has_category),
    }
    del n
    return {"unemployment": ctx.build_table("unemployment", columns)}
