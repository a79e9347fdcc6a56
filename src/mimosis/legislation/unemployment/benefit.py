"""Monthly amounts: the unemployment benefit, the income-guarantee allowance (IGU/AGR) of
involuntary part-time workers and the PWA/ALE income cumulated with the benefit.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.sparse import on_subset, only_where
from mimosis.legislation.unemployment.common import (
    LIVING_ALONE,
    RVA_TABLES,
    WITH_FAMILY,
    BoolArray,
    FloatArray,
    label,
    person_month,
    ref,
    round_cents,
)

_U = "unemployment"
_IGU = f"{_U}.income_guarantee_allowance"
_ALE = f"{_U}.local_employment_agency"
_EMPLOYEE = LABOUR_STATUS.index("employee")
_T70 = "https://www.rva.be/burgers/deeltijdse-arbeid/hebt-u-recht-op-de-inkomensgarantie-uitkering"


def _entitled(ctx: Context) -> BoolArray:
    return np.asarray(ctx.get("unemployment_is_entitled"))


def benefit_formula(ctx: Context) -> FloatArray:
    # art. 99-100: a daily allowance for each compensated day of the month (26 in a full month
    # without work; art. 44: none for a day worked, see days.py)
    school = ctx.get("unemployment_is_school_leaver")
    daily = np.where(
        school,
        ctx.get("unemployment_integration_allowance_daily"),
        ctx.get("unemployment_daily_amount"),
    )
    days = ctx.get("unemployment_compensated_days")
    return np.where(ctx.get("unemployment_is_entitled"), round_cents(daily * days), 0.0)


def igu_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    gross = ctx.get("employee_gross_wage")
    # art. 131bis: involuntary part-timer, schedule <= 4/5, wage below the GGMMI
    eligible = (
        ctx.get("unemployment_is_involuntary_part_time")
        & (ctx.get("labour_status") == _EMPLOYEE)
        & (ctx.get("work_fraction") <= p.number(f"{_IGU}.max_work_fraction"))
        & (gross < p.number(f"{_IGU}.wage_limit"))
        & (ctx.get("unemployment_months_unemployed") > 0)
    )
    school = ctx.get("unemployment_is_school_leaver")
    allowance = ctx.get("unemployment_integration_allowance_daily")
    benefit = ctx.get("unemployment_daily_amount")
    category = ctx.get("unemployment_family_category")
    igu_months = ctx.get("unemployment_igu_months")
    hours = ctx.get("unemployment_part_time_hours")
    net_wage = ctx.get("unemployment_part_time_net_wage")

    def amount(i: np.ndarray) -> FloatArray:
        daily = np.where(school[i], allowance[i], benefit[i])
        reference = daily * p.number(f"{_U}.benefit_days_per_month")
        hourly = np.select(
            [category[i] == WITH_FAMILY, category[i] == LIVING_ALONE],
            [
                p.number(f"{_IGU}.hourly_supplement.with_family_burden"),
                p.number(f"{_IGU}.hourly_supplement.living_alone"),
            ],
            default=p.number(f"{_IGU}.hourly_supplement.cohabitant"),
        )
        # from 2018 the supplement is reduced after 24 months of IGU
        reduced = igu_months[i] >= p.number(f"{_IGU}.reduction_after_months")
        hourly = np.where(reduced, hourly * p.number(f"{_IGU}.reduction_factor"), hourly)
        hours_above = np.maximum(hours[i] - p.number(f"{_IGU}.hours_threshold"), 0.0)
        # IGU = reference allowance + supplement per hour above 55 - net wage
        return round_cents(np.maximum(reference + hourly * hours_above - net_wage[i], 0.0))

    return on_subset(eligible, amount)


def ale_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    months = ctx.get("unemployment_months_unemployed")
    # art. 79: registration after 2 years of benefit (6 months from age 45)
    waiting = np.where(
        ctx.get("age") >= p.number(f"{_ALE}.older_age"),
        p.number(f"{_ALE}.min_months_unemployed_older"),
        p.number(f"{_ALE}.min_months_unemployed"),
    )
    registered = ctx.get("unemployment_is_entitled") & (months >= waiting)
    hours = np.minimum(ctx.get("unemployment_ale_hours"), p.number(f"{_ALE}.max_hours_per_month"))
    # the benefit is kept; each hour adds the PWA cheque amount (cumulation)
    return np.where(registered, round_cents(hours * p.number(f"{_ALE}.hourly_amount")), 0.0)


def variables() -> list[Variable]:
    return [
        person_month(
            "unemployment_benefit",
            label(
                "Full unemployment benefit (gross)",
                "Volledige werkloosheidsuitkering (bruto)",
                "Allocation de chômage complet (brute)",
            ),
            reference=[
                ref("art. 44, 99-100, 114, 124"),
                ref("tables", act="RVA/ONEM", url=RVA_TABLES),
            ],
            dependencies=[
                "unemployment_is_school_leaver",
                "unemployment_integration_allowance_daily",
                "unemployment_daily_amount",
                "unemployment_compensated_days",
                "unemployment_is_entitled",
            ],
            formula=only_where(_entitled, benefit_formula),
        ),
        person_month(
            "unemployment_income_guarantee_allowance",
            label(
                "Income-guarantee allowance for involuntary part-time workers (IGU/AGR)",
                "Inkomensgarantie-uitkering (IGU)",
                "Allocation de garantie de revenus (AGR)",
            ),
            reference=[ref("art. 131bis", url=_T70)],
            dependencies=[
                "employee_gross_wage",
                "work_fraction",
                "labour_status",
                "unemployment_is_involuntary_part_time",
                "unemployment_months_unemployed",
                "unemployment_is_school_leaver",
                "unemployment_integration_allowance_daily",
                "unemployment_daily_amount",
                "unemployment_family_category",
                "unemployment_igu_months",
                "unemployment_part_time_hours",
                "unemployment_part_time_net_wage",
            ],
            parameters=[_IGU, f"{_U}.benefit_days_per_month"],
            formula=igu_formula,
        ),
        person_month(
            "unemployment_ale_income",
            label(
                "PWA/ALE income cumulated with the benefit",
                "PWA-inkomen bovenop de uitkering",
                "Revenus ALE cumulés avec l'allocation",
            ),
            reference=[ref("art. 79")],
            dependencies=[
                "age",
                "unemployment_months_unemployed",
                "unemployment_is_entitled",
                "unemployment_ale_hours",
            ],
            parameters=[_ALE],
            formula=ale_formula,
        ),
    ]
