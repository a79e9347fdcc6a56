"""Block 11 (employment_line): the DmfA employment lines of 2015 Q4, one row per job of
``ctx.economy.jobs``. Days, wages and the Q4 gross come from the economy (so the quarter's
wage in the income block is the sum of the lines); this block adds the codes, the
contributions and reductions ("observed" values: the 2015 rates of ``economy.yaml`` with a
small noise, not the rules engine) and the special employer contributions.

Wage components add up: contributory_wage_bill = ordinary_wage + lump_sum_wage + premiums +
notice_pay + severance_pay + waiting_wage (empty = 0). The vehicle benefit is outside the
contributory wage (it carries the company-car contribution instead)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import optional
from mimosis.synth.economy_jobs import BLUE, CIVIL, STUDENT_CLASS, WHITE, Jobs
from mimosis.synth.economy_params import Contributions
from mimosis.synth.nrn import to_strings

BLOCK_ID = "employment_line"
PUBLIC = ("PUBLIC_FEDERAL", "PUBLIC_REGIONAL", "PUBLIC_LOCAL")
LARGE = ("10-19", "20-49", "50-99", "100-199", "200-499", "500-999", "1000+")


def _opt(values: np.ndarray, present: np.ndarray) -> pa.Array:
    return optional(values, present)


def _codes(ctx: SynthContext, j: Jobs, rng: np.random.Generator) -> dict[str, np.ndarray]:
    n = len(j)
    age = ctx.economy.features.age0[j.person]
    klass = j.worker_class
    public = np.isin(j.employer_category, PUBLIC)
    code = np.where(
        klass == BLUE,
        "015",
        np.where(klass == WHITE, "495", np.where(klass == CIVIL, "675", "840")),
    )
    gesco = public & (klass != CIVIL) & (rng.random(n) < 0.10)
    code = np.where(gesco, np.where(klass == BLUE, "024", "484"), code)
    apprentice = (age < 18) & (klass != STUDENT_CLASS)
    code = np.where(apprentice, np.where(klass == BLUE, "035", "439"), code)
    code = np.where((j.section == "T") & (klass == BLUE), "045", code)
    seasonal = (j.section == "A") & (klass == BLUE) & (rng.random(n) < 0.3)
    code = np.where(seasonal, "010", code)
    special = np.where(
        klass == STUDENT_CLASS, "2", np.where(apprentice, "1", np.where(seasonal, "3", ""))
    )
    key = np.where(public, "K04", np.where(np.isin(j.section, ("A", "I")), "K02", "K01"))
    key = np.where(j.joint_committee == "327", "K03", key)
    nature = np.array(["1", "0", "9"], dtype=object)[rng.choice(3, n, p=[0.978, 0.019, 0.003])]
    exclusion = np.where(
        nature == "9", "1", np.where(klass == STUDENT_CLASS, "4", np.where(j.left, "3", ""))
    )
    perf = np.where(
        klass == STUDENT_CLASS, "3", np.where(seasonal, "3", np.where(j.part_time < 1, "2", "1"))
    )
    return {
        "code": code.astype(object),
        "special": special.astype(object),
        "key": key.astype(object),
        "nature": nature,
        "exclusion": exclusion.astype(object),
        "perf": perf.astype(object),
    }


def _contributions(
    c: Contributions, j: Jobs, rng: np.random.Generator, ctx: SynthContext
) -> dict[str, np.ndarray]:
    n = len(j)
    klass = j.worker_class
    bill = j.gross
    base = bill * np.where(klass == BLUE, c.blue_collar_base, 1.0)
    cat = j.employer_category
    rate = np.where(
        np.isin(cat, PUBLIC),
        c.employer["public_contract"],
        np.where(cat == "PRIVATE_NONPROFIT", c.employer["nonprofit"], c.employer["private"]),
    )
    rate = rate + np.where(np.isin(j.size_class, LARGE), c.employer_large_extra, 0.0)
    rate = np.where(klass == CIVIL, c.employer["civil_servant"], rate)
    rate = np.where(klass == STUDENT_CLASS, c.student["employer"], rate)
    personal = np.where(klass == CIVIL, c.personal["civil_servant"], c.personal["ordinary"])
    personal = np.where(klass == STUDENT_CLASS, c.student["personal"], personal)
    noise = 1 + rng.normal(0, c.noise, (2, n))
    employer = np.round(base * rate * noise[0], 2)
    worker = np.round(base * personal * noise[1], 2)
    # structural reduction (category 1) on the full-time-equivalent quarterly wage
    s = c.structural
    fte = np.maximum(j.part_time, 1e-6)
    ft_quarter = base / fte
    structural = (
        s.forfait
        + s.alpha * np.maximum(s.low - ft_quarter, 0)
        + s.delta * np.maximum(ft_quarter - s.high, 0)
    ) * j.part_time
    eligible = ~np.isin(cat, PUBLIC) & (klass != STUDENT_CLASS) & (bill > 0)
    structural = np.where(eligible, structural, 0.0)
    eco = ctx.economy
    measure = eco.features.age0[j.person] < 26
    young = eligible & measure & (rng.random(n) < c.target_group_young)
    target = np.where(young, rng.uniform(300, 1000, n), 0.0)
    reduction = np.round(np.minimum(structural + target, employer), 2)
    code = np.where(young, "3410", np.where(eligible, "0001", ""))
    # social work bonus (from 1/8/2015) on the full-time monthly reference wage
    wb = c.work_bonus
    monthly = (bill / 3) / fte
    top, slope = (
        np.where(klass == BLUE, wb.blue[0], wb.white[0]),
        np.where(klass == BLUE, wb.blue[1], wb.white[1]),
    )
    bonus = np.where(
        monthly <= wb.low,
        top,
        np.where(monthly <= wb.high, np.maximum(top - slope * (monthly - wb.low), 0), 0.0),
    )
    bonus = np.round(
        np.where(np.isin(klass, (BLUE, WHITE)), np.minimum(bonus * 3 * j.part_time, worker), 0.0), 2
    )
    sp = c.special
    yearly = 4 * bill
    special = (
        np.minimum(
            np.clip(sp.rate_low * (yearly - sp.low), 0, sp.base_mid)
            + sp.rate_mid * np.maximum(yearly - sp.mid, 0),
            sp.cap,
        )
        / 4
    )
    special = np.asarray(
        np.round(np.where(klass == STUDENT_CLASS, 0.0, special), 2), dtype=np.float64
    )
    return {
        "employer": employer,
        "personal": worker,
        "reduction": reduction,
        "code": code.astype(object),
        "bonus": bonus,
        "special": special,
    }


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    eco = ctx.economy
    j = eco.jobs
    c = eco.model.contributions
    rng = ctx.rng(BLOCK_ID, "lines")
    n = len(j)
    codes = _codes(ctx, j, rng)
    money = _contributions(c, j, rng, ctx)
    ft = j.part_time >= 1
    full_schedule = eco.model.jobs.quarter_days * j.days_per_week / 5
    worked = j.paid_days + j.holiday_days
    fte_excl = np.round(j.part_time * worked / full_schedule, 4)
    fte_incl = np.round(j.part_time * (worked + j.assimilated_days) / full_schedule, 4)
    hours_day = j.reference_hours * j.part_time / j.days_per_week
    hours = np.round(j.paid_days * hours_day, 2)
    has_days = worked > 0
    daily = j.ft_monthly * j.part_time * 3 / np.maximum(full_schedule, 1)
    notice_days = np.round(np.where(j.notice_pay > 0, j.notice_pay / np.maximum(daily, 1), 0), 2)
    white = j.worker_class == WHITE
    private = ~np.isin(j.employer_category, PUBLIC) & (j.worker_class != STUDENT_CLASS)
    car = private & white & (rng.random(n) < np.where(j.ft_monthly >= 4500, 0.30, 0.04))
    vehicle = np.round(np.where(car, 3 * rng.uniform(100, 450, n), 0.0), 2)
    car_amount = np.round(np.where(car, 3 * rng.uniform(*c.company_car_monthly, n), 0.0), 2)
    ps = c.profit_sharing
    profit = (
        private
        & np.isin(j.size_class, ("200-499", "500-999", "1000+"))
        & (rng.random(n) < ps.share_large_private)
    )
    profit_basis = np.round(np.where(profit, rng.uniform(*ps.basis, n), 0.0), 2)
    sup = c.supplementary_pension
    pension = (
        private & (rng.random(n) < np.where(white, sup.share_white, sup.share_blue)) & (j.gross > 0)
    )
    pension_basis = np.round(
        np.where(pension, j.gross * rng.uniform(*sup.share_of_wage, n), 0.0), 2
    )
    maribel = (j.employer_category == "PRIVATE_NONPROFIT") & (
        rng.random(n) < c.social_maribel_nonprofit
    )
    reduction_any = money["reduction"] > 0
    cumulated = money["reduction"] + money["bonus"]
    zero = np.zeros(n, dtype=bool)
    pid = to_strings(ctx.population.persons.nrn[j.person])
    columns = {
        "person_id": pid,
        "line_number": j.line_number,
        "employer_id": j.employer_id,
        "employer_sector": j.division.astype(str),
        "joint_committee": _opt(j.joint_committee, j.joint_committee != ""),
        "worker_code": codes["code"].astype(str),
        "worker_class": j.worker_class.astype(str),
        "special_worker_class": _opt(codes["special"], codes["special"] != ""),
        "employer_key_number": codes["key"].astype(str),
        "employer_category": j.employer_category.astype(str),
        "employer_size_class": j.size_class.astype(str),
        "record_nature": codes["nature"].astype(str),
        "exclusion_reason": _opt(codes["exclusion"], codes["exclusion"] != ""),
        "performance_type": codes["perf"].astype(str),
        "part_time_percentage": np.round(100 * j.part_time, 2),
        "employment_percentage_excl_assimilated": np.round(100 * fte_excl, 2),
        "employment_percentage_incl_assimilated": np.round(100 * fte_incl, 2),
        "is_main_job": j.is_main,
        "reduction_code": _opt(money["code"], money["code"] != ""),
        "reduction_amount_cumulated": _opt(np.round(cumulated, 2), cumulated > 0),
        "employer_contribution_amount": money["employer"],
        "personal_contribution_amount": money["personal"],
        "special_contribution_amount": _opt(money["special"], money["special"] > 0),
        "paid_days_full_time": _opt(j.paid_days, ft),
        "paid_days_part_time": _opt(j.paid_days, ~ft),
        "paid_notice_days": _opt(notice_days, notice_days > 0),
        "paid_holiday_days": j.holiday_days,
        "paid_assimilated_days": j.assimilated_days,
        "assimilated_days_main_code": _opt(j.assimilated_code, j.assimilated_code != ""),
        "days_per_week": j.days_per_week,
        "hours_full_time": _opt(hours, ft),
        "hours_part_time": _opt(hours, ~ft),
        "reference_person_hours": j.reference_hours,
        "fte": fte_incl,
        "fte_excl_assimilated": fte_excl,
        "fte_incl_assimilated": fte_incl,
        "days_performed_specific_codes": _opt(np.zeros(n), zero),
        "hours_performed_specific_codes": _opt(np.zeros(n), zero),
        "contribution_reduction_code": _opt(money["code"], reduction_any),
        "reduction_calculation_basis": _opt(j.gross, reduction_any),
        "base_wage": j.base_wage,
        "ordinary_wage": j.ordinary_wage,
        "waiting_wage": _opt(np.zeros(n), zero),
        "lump_sum_wage": _opt(np.zeros(n), zero),
        "premiums": _opt(j.premiums, j.premiums > 0),
        "vehicle_benefit": _opt(vehicle, car),
        "notice_pay": _opt(j.notice_pay, j.notice_pay > 0),
        "severance_pay": _opt(j.severance_pay, j.severance_pay > 0),
        "calculated_daily_wage": _opt(np.round(j.gross / np.maximum(worked, 1e-9), 2), has_days),
        "average_daily_wage": _opt(
            np.round(j.ordinary_wage / np.maximum(worked, 1e-9), 2), has_days
        ),
        "contributory_wage_bill": j.gross,
        "contribution_reduction_employer": _opt(money["reduction"], reduction_any),
        "contribution_reduction_employee": _opt(money["bonus"], money["bonus"] > 0),
        "social_maribel": maribel,
        "profit_sharing_contribution_code": _opt(np.full(n, "02", dtype=object), profit),
        "profit_sharing_contribution_basis": _opt(profit_basis, profit),
        "profit_sharing_contribution_amount": _opt(np.round(profit_basis * ps.rate, 2), profit),
        "company_car_contribution_code": _opt(np.full(n, "03", dtype=object), car),
        "company_car_contribution_basis": _opt(vehicle, car),
        "company_car_contribution_amount": _opt(car_amount, car),
        "supplementary_pension_contribution_code": _opt(np.full(n, "04", dtype=object), pension),
        "supplementary_pension_contribution_basis": _opt(pension_basis, pension),
        "supplementary_pension_contribution_amount": _opt(
            np.round(pension_basis * sup.rate, 2), pension
        ),
        "workplace_district": j.workplace_district.astype(str),
    }
    return {"employment_line": ctx.build_table("employment_line", columns)}
