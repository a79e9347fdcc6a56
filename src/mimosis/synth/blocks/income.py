"""Block 3 (income): per person and quarter 2013-2015 (from the quarter of birth), earned
incomes, labour-market position, social-security statuses and household work intensity
(``income_quarter``); per person, quarter and paying institution, the gross and gross taxable
benefit (``income_benefit``). Runs last: it aggregates the detailed blocks in ``ctx.tables``.

* gross wage: the labour-market layer's quarterly wage of all employment lines (the pay the
  employment blocks are cut from); gross taxable wage: after the personal contributions
  (``economy.yaml`` rates, blue-collar wages on 108 %);
* net self-employed income: the yearly net business income of ``self_employment_income``
  (block 10) when present, else the layer's, divided over the quarters of affiliation;
* benefits: :mod:`benefits_income` (the rules are there);
* status flags: labour-market statuses from the layer; benefit statuses from the benefit blocks
  (a quarter with a payment or a running right); the position is the layer's, except that a
  person the layer sees as inactive, a child or a student takes the position of a benefit;
* work intensity, EU: months with work of members aged 18-59 (students 18-24 excluded) over the
  four quarters up to the quarter, over the months they could have worked; FTE: the members'
  (18-64, students excluded) full-time equivalents in the quarter over their number.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import QUARTERS, coded, economy, person_ids, quarter_bounds
from mimosis.synth.benefits_income import INSTITUTIONS, aggregate, col, dates, rows_of
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import Branch

BLOCK_ID = "income"
NQ = len(QUARTERS)
INACTIVE_POSITIONS = ("400", "36")


def _spell_mask(n: int, rows: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """(persons x 12): quarters that overlap [start, end] (open end: running)."""
    q_first, q_last = quarter_bounds()
    stop = np.where(np.isnat(end), q_last[-1], end)
    live = (start[:, None] <= q_last[None, :]) & (stop[:, None] >= q_first[None, :])
    out = np.zeros((n, NQ), dtype=bool)
    r, q = np.nonzero(live & (rows >= 0)[:, None])
    out[rows[r], q] = True
    return out


def benefit_statuses(ctx: SynthContext, status: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Benefit status flags (persons x 12) from the detailed blocks."""
    n = len(ctx.population.persons)
    t = ctx.tables
    none = np.zeros((n, NQ), dtype=bool)
    out = {k: v.copy() for k, v in status.items()}
    if "pension_right" in t:
        pr = t["pension_right"]
        kind = col(pr, "pension_right_type")
        rows = rows_of(ctx, pr.column("person_id"))
        start = dates(pr, "pension_start_date")
        no_end = np.full(rows.size, np.datetime64("NaT", "D"))
        igo = kind == "IGO"
        out["pensioner"] = _spell_mask(n, np.where(igo, -1, rows), start, no_end)
        out["income_guarantee_elderly"] = _spell_mask(n, np.where(igo, rows, -1), start, no_end)
    if "invalidity_payment" in t:
        ip = t["invalidity_payment"]
        code = col(ip, "invalidity_payment_code")
        rows = rows_of(ctx, ip.column("person_id"))
        start, end = dates(ip, "invalidity_payment_start"), dates(ip, "invalidity_payment_end")
        leave = np.isin(code, ["MAT", "PAT", "ADO", "BRF", "PRO"])
        out["maternity"] = _spell_mask(n, np.where(leave, rows, -1), start, end)
        inv = _spell_mask(n, np.where(leave, -1, rows), start, end)
        out["sickness_invalidity"] = out.get("sickness_invalidity", none) | inv
    if "child_benefit" in t:
        cb = t["child_benefit"]
        child = col(cb, "actor_role") == "003"
        rows = np.where(child, rows_of(ctx, cb.column("child_id")), -1)
        out["child_benefit_child"] = _spell_mask(
            n,
            rows,
            dates(cb, "child_benefit_payment_start"),
            dates(cb, "child_benefit_payment_end"),
        )
    return out


def _work_intensity(
    ctx: SynthContext, worked: np.ndarray, fte: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    pop = ctx.population
    p = pop.persons
    hh = p.household
    h = len(pop.households)
    student = (p.education_level.index >= 0) & (p.age <= 24)
    eu = (p.age >= 18) & (p.age <= 59) & ~student
    wide = (p.age >= 18) & (p.age <= 64) & ~student
    eu_out = np.full((len(p), NQ), np.nan)
    fte_out = np.full((len(p), NQ), np.nan)
    cumulative = np.cumsum(worked, axis=1)
    for k in range(NQ):
        window = cumulative[:, k] - (cumulative[:, k - 4] if k >= 4 else 0)
        quarters = min(k + 1, 4)
        months = np.bincount(hh, weights=np.where(eu, window, 0.0), minlength=h)
        members = np.bincount(hh, weights=eu.astype(float), minlength=h) * quarters
        eu_out[:, k] = np.where(members > 0, months / np.maximum(members, 1), np.nan)[hh]
        volume = np.bincount(hh, weights=np.where(wide, fte[:, k], 0.0), minlength=h)
        count = np.bincount(hh, weights=wide.astype(float), minlength=h)
        fte_out[:, k] = np.where(count > 0, volume / np.maximum(count, 1), np.nan)[hh]
    return np.round(eu_out, 4), np.round(fte_out, 4)


def _self_income(ctx: SynthContext, affiliated: np.ndarray) -> np.ndarray:
    """(persons x 12) net self-employed income; NaN where not affiliated."""
    eco = economy(ctx)
    n = len(ctx.population.persons)
    yearly = np.asarray(eco.self_income[:, 3:6], dtype=np.float64)  # 2013-2015
    if "self_employment_income" in ctx.tables:
        t = ctx.tables["self_employment_income"]
        year = col(t, "year")
        keep = (year >= 2013) & (year <= 2015)
        rows = rows_of(ctx, t.column("person_id"))[keep]
        values = col(t, "net_business_income").astype(np.float64)[keep]
        yearly = np.full((n, 3), np.nan)
        yearly[rows, year[keep] - 2013] = values
    out = np.full((n, NQ), np.nan)
    for y in range(3):
        block = affiliated[:, 4 * y : 4 * y + 4]
        count = block.sum(axis=1)
        share = np.where(block, yearly[:, y : y + 1] / np.maximum(count, 1)[:, None], np.nan)
        out[:, 4 * y : 4 * y + 4] = np.where(np.isnan(yearly[:, y : y + 1]), np.nan, share)
    return np.round(out, 2)


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = economy(ctx)
    p = ctx.population.persons
    n = len(p)
    person, quarter, inst, gross, taxable, sources = aggregate(ctx)
    benefit = ctx.build_table(
        "income_benefit",
        {
            "person_id": person_ids(ctx, person),
            "quarter": np.asarray(QUARTERS, dtype=np.int32)[quarter],
            "institution": coded(INSTITUTIONS, inst),
            "gross_benefit": gross,
            "gross_taxable_benefit": taxable,
        },
    )
    status = benefit_statuses(ctx, sources)
    flag = eco.flag
    se_main, se_sec, se_after = (
        flag(Branch.SELF_EMPLOYED_MAIN), flag(Branch.SELF_EMPLOYED_SECONDARY),
        flag(Branch.SELF_EMPLOYED_AFTER_PENSION),
    )  # fmt: skip
    helper = flag(Branch.HELPER)
    affiliated = se_main | se_sec | se_after | helper
    none = np.zeros((n, NQ), dtype=bool)
    flags = {
        "employee": flag(Branch.EMPLOYEE),
        "civil_servant": flag(Branch.CIVIL_SERVANT),
        "self_employed": se_main | se_sec | se_after,
        "helper": helper,
        "unemployed": flag(Branch.UNEMPLOYED)
        | flag(Branch.SCHOOL_LEAVER)
        | flag(Branch.UNEMPLOYED_EXEMPTED),
        "career_break": flag(Branch.CAREER_BREAK),
        "early_retirement": flag(Branch.SWT),
        "sickness_invalidity": status.get("sickness_invalidity", none)
        | flag(Branch.PRIMARY_INCAPACITY),
        "maternity": status.get("maternity", none),
        "work_accident": status.get("work_accident", none),
        "occupational_disease": status.get("occupational_disease", none),
        "pensioner": status.get("pensioner", none),
        "income_guarantee_elderly": status.get("income_guarantee_elderly", none),
        "integration_income": status.get("integration_income", none),
        "disability_allowance": status.get("disability_allowance", none),
        "child_benefit_child": status.get("child_benefit_child", none),
        "child_benefit_recipient": status.get("child_benefit_recipient", none),
    }
    position = eco.position_codes()
    position[position == "36"] = "400"
    idle = position == "400"
    overrides = (
        ("341", "pensioner"),
        ("372", "sickness_invalidity"),
        ("331", "integration_income"),
        ("381", "disability_allowance"),
        ("36", "child_benefit_child"),
    )
    for code, key in overrides:
        position[idle & flags[key]] = code
        idle &= ~flags[key]
    part_time = np.where(eco.part_time > 0, eco.part_time, 1.0).astype(np.float64)
    job = eco.job
    fte = np.where(job, part_time[:, None], 0.0) + se_main + helper
    eu, fte_ratio = _work_intensity(
        ctx, (job | se_main | helper).astype(float), np.minimum(fte, 1.0)
    )
    wage = np.asarray(eco.wage_quarter, dtype=np.float64)
    rates = eco.model.contributions.personal
    blue = eco.worker_class == 1
    civil = eco.worker_class == 3
    rate = np.where(
        civil,
        rates["civil_servant"],
        rates["ordinary"] * np.where(blue, eco.model.contributions.blue_collar_base, 1.0),
    )
    self_income = _self_income(ctx, affiliated)

    # rows: persons x quarters from the quarter of birth
    _, q_last = quarter_bounds()
    alive = p.birth_date[:, None] <= q_last[None, :]
    r, q = np.nonzero(alive)
    has_wage = (wage[r, q] > 0) | job[r, q]
    columns = {
        "person_id": person_ids(ctx, r),
        "quarter": np.asarray(QUARTERS, dtype=np.int32)[q],
        "gross_wage": pa.array(np.round(wage[r, q], 2), mask=~has_wage),
        "gross_taxable_wage": pa.array(np.round(wage[r, q] * (1 - rate[r]), 2), mask=~has_wage),
        "net_self_employed_income": pa.array(self_income[r, q], from_pandas=True),
        "labour_market_position": pa.array(position[r, q], type=pa.string()),
        "household_work_intensity_eu": pa.array(eu[r, q], from_pandas=True),
        "household_work_intensity_fte": pa.array(fte_ratio[r, q], from_pandas=True),
    }
    for key, mask in flags.items():
        columns[f"ss_status_{key}"] = mask[r, q]
    quarter_table = ctx.build_table("income_quarter", columns)
    return {"income_quarter": quarter_table, "income_benefit": benefit}
