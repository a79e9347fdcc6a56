"""Monthly benefits: paid days, authorised work, cumulation with occupational-risk benefits.

- Paid days: the benefit days of the month, except the first month(s) of an employee covered
  by the employer's guaranteed wage (Employment Contracts Act of 3/7/1978 art. 52, 70) and the
  waiting period of the self-employed in the first month (RD 20/7/1971 art. 6: one month
  until 2017, 14 days in 2018 - June 2019, none from July 2019 for an incapacity of more than
  seven days).
- Authorised work of an employee (RD 3/7/1996 art. 230 §1): until March 2018 the gross
  earnings, converted to a daily amount, reduce the benefit by income tranches (first tranche
  free, then 25 %, 50 %, 75 %); from April 2018 the benefit is reduced by the part of the
  fraction of occupation above 20 % (percentage rounded to the unit).
- Authorised activity of a self-employed person (RD 20/7/1971 art. 23-23bis): the benefit is
  reduced by 10 % from the 7th month of the activity.
- Cumulation with a work-accident or occupational-disease benefit for the same damage
  (coordinated Act of 14/7/1994 art. 136 §2): the sickness or invalidity benefit is paid only
  for the part exceeding that benefit.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.sickness_invalidity.common import (
    EMPLOYEE,
    RD_1971,
    SELF_EMPLOYED,
    ZIV,
    BoolArray,
    FloatArray,
    P,
    daily,
    label,
    person_month,
    ref,
    round_cents,
)
from mimosis.legislation.sparse import only_where

_AW = f"{P}.authorised_work"
_CONTRACTS = "Employment Contracts Act of 3 July 1978"


def paid_days_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    month = ctx.get("sickness_invalidity_incapacity_month")
    days = ctx.get("sickness_invalidity_benefit_days")
    scheme = ctx.get("sickness_invalidity_scheme")
    # employees: the employer pays the guaranteed wage first (Act 3/7/1978 art. 52, 70)
    guaranteed = month <= p.number(f"{P}.periods.guaranteed_wage_months")
    # self-employed: waiting period in the first month (RD 20/7/1971 art. 6)
    n_days = ctx.period.n_days
    waiting = p.number(f"{P}.periods.self_employed_waiting_days")
    first_share = np.clip((n_days - waiting) / n_days, 0.0, 1.0)
    self_employed_days = np.where(month == 1, days * first_share, days)
    paid = np.select(
        [month <= 0, (scheme == EMPLOYEE) & guaranteed, scheme == SELF_EMPLOYED],
        [0.0, 0.0, self_employed_days],
        default=days,
    )
    return np.asarray(paid, dtype=np.float64)


def _self_employed_factor(ctx: Context) -> FloatArray:
    # RD 20/7/1971 art. 23bis: 10 % less from the 7th month of the authorised activity
    activity_month = ctx.get("sickness_invalidity_authorised_activity_month")
    reduced = activity_month >= ctx.params.number(f"{_AW}.self_employed_reduction_from_month")
    return np.where(reduced, 1.0 - ctx.params.number(f"{_AW}.self_employed_reduction"), 1.0)


def daily_amount_tranches(ctx: Context) -> FloatArray:
    """Until 31/3/2018: RD art. 230 §1 (old), income tranches on the daily earnings."""
    employee = ctx.get("sickness_invalidity_employee_daily_amount")
    earnings = ctx.get("sickness_invalidity_authorised_work_earnings")
    daily_earnings = earnings / ctx.params.number(f"{_AW}.working_days_per_month")
    deduction = ctx.params.scale(f"{_AW}.employee_income_tranches").calc(daily_earnings)
    employee_net = np.maximum(round_cents(employee - deduction), 0.0)
    return _combine(ctx, employee_net)


def daily_amount_fraction(ctx: Context) -> FloatArray:
    """From 1/4/2018: RD art. 230 §1, reduction by the fraction of occupation above 20 %."""
    employee = ctx.get("sickness_invalidity_employee_daily_amount")
    fraction = ctx.get("sickness_invalidity_authorised_work_fraction")
    exempt = ctx.params.number(f"{_AW}.employee_exempt_fraction")
    # the excess in % to the hundredth, then rounded to the unit (half up)
    excess_pct = np.round(np.maximum(fraction - exempt, 0.0) * 100, 2)
    reduction = np.floor(excess_pct + 0.5) / 100
    employee_net = round_cents(employee * np.clip(1.0 - reduction, 0.0, 1.0))
    return _combine(ctx, employee_net)


def _combine(ctx: Context, employee_net: FloatArray) -> FloatArray:
    self_employed = round_cents(
        ctx.get("sickness_invalidity_self_employed_daily_amount") * _self_employed_factor(ctx)
    )
    scheme = ctx.get("sickness_invalidity_scheme")
    return np.where(scheme == SELF_EMPLOYED, self_employed, employee_net)


def gross_benefit_formula(ctx: Context) -> FloatArray:
    return round_cents(
        ctx.get("sickness_invalidity_daily_amount") * ctx.get("sickness_invalidity_paid_days")
    )


def occupational_deduction_formula(ctx: Context) -> FloatArray:
    # art. 136 §2 ZIV: no benefit for the damage compensated under the work-accident or
    # occupational-disease legislation; the difference is paid when that is lower
    same_cause = ctx.get("sickness_invalidity_same_cause_as_occupational_risk")
    compensated = ctx.get("work_accident_benefit") + ctx.get("occupational_disease_benefit")
    gross = ctx.get("sickness_invalidity_gross_benefit")
    return np.where(same_cause, np.minimum(gross, compensated), 0.0)


def _net(ctx: Context) -> FloatArray:
    return np.asarray(
        ctx.get("sickness_invalidity_gross_benefit")
        - ctx.get("sickness_invalidity_occupational_risk_deduction"),
        dtype=np.float64,
    )


def sickness_benefit_formula(ctx: Context) -> FloatArray:
    primary = (ctx.get("sickness_invalidity_incapacity_month") > 0) & ~ctx.get(
        "sickness_invalidity_is_invalid"
    )
    return np.where(primary, _net(ctx), 0.0)


def invalidity_benefit_formula(ctx: Context) -> FloatArray:
    return np.where(ctx.get("sickness_invalidity_is_invalid"), _net(ctx), 0.0)


def _incapacitated(ctx: Context) -> BoolArray:
    return np.asarray(ctx.get("sickness_invalidity_incapacity_month") > 0)


_DAILY_DEPS = [
    "sickness_invalidity_incapacity_month",
    "sickness_invalidity_employee_daily_amount",
    "sickness_invalidity_self_employed_daily_amount",
    "sickness_invalidity_scheme",
    "sickness_invalidity_authorised_activity_month",
]
_NET_DEPS = [
    "sickness_invalidity_incapacity_month",
    "sickness_invalidity_is_invalid",
    "sickness_invalidity_gross_benefit",
    "sickness_invalidity_occupational_risk_deduction",
]


def variables() -> list[Variable]:
    return [
        person_month(
            "sickness_invalidity_paid_days",
            label(
                "Benefit days paid by the sickness fund in the month",
                "Door het ziekenfonds vergoede uitkeringsdagen in de maand",
                "Jours indemnisés par la mutualité dans le mois",
            ),
            unit="day",
            behaviour="stock",
            reference=[
                ref("art. 52, 70 (guaranteed wage)", act=_CONTRACTS),
                ref("art. 6 (waiting period)", act=RD_1971),
            ],
            dependencies=[
                "sickness_invalidity_incapacity_month",
                "sickness_invalidity_benefit_days",
                "sickness_invalidity_scheme",
            ],
            parameters=[
                f"{P}.periods.guaranteed_wage_months",
                f"{P}.periods.self_employed_waiting_days",
            ],
            formula=paid_days_formula,
        ),
        daily(
            "sickness_invalidity_daily_amount",
            label(
                "Daily incapacity benefit after authorised work",
                "Dagbedrag van de arbeidsongeschiktheidsuitkering na toegelaten arbeid",
                "Montant journalier de l'indemnité d'incapacité après travail autorisé",
            ),
            reference=[ref("art. 230 §1"), ref("art. 23-23bis", act=RD_1971)],
            dependencies=[
                *_DAILY_DEPS,
                "sickness_invalidity_authorised_work_earnings",
                "sickness_invalidity_authorised_work_fraction",
            ],
            parameters=[_AW],
            formulas={
                date(2015, 1, 1): only_where(_incapacitated, daily_amount_tranches),
                date(2018, 4, 1): only_where(_incapacitated, daily_amount_fraction),
            },
        ),
        person_month(
            "sickness_invalidity_gross_benefit",
            label(
                "Incapacity benefit of the month before cumulation with occupational risks",
                "Arbeidsongeschiktheidsuitkering van de maand vóór cumulatie met beroepsrisico's",
                "Indemnité d'incapacité du mois avant cumul avec les risques professionnels",
            ),
            reference=[ref("art. 87, 93", act=ZIV)],
            dependencies=["sickness_invalidity_daily_amount", "sickness_invalidity_paid_days"],
            formula=gross_benefit_formula,
        ),
        person_month(
            "sickness_invalidity_occupational_risk_deduction",
            label(
                "Part of the benefit not paid because the damage is compensated as a work"
                " accident or occupational disease",
                "Deel van de uitkering niet betaald omdat de schade als arbeidsongeval of"
                " beroepsziekte vergoed wordt",
                "Partie de l'indemnité non payée car le dommage est réparé comme accident du"
                " travail ou maladie professionnelle",
            ),
            reference=[ref("art. 136 §2", act=ZIV)],
            dependencies=[
                "sickness_invalidity_same_cause_as_occupational_risk",
                "work_accident_benefit",
                "occupational_disease_benefit",
                "sickness_invalidity_gross_benefit",
            ],
            formula=occupational_deduction_formula,
        ),
        person_month(
            "sickness_benefit",
            label(
                "Primary incapacity benefit (sickness benefit)",
                "Uitkering voor primaire arbeidsongeschiktheid (ziekte-uitkering)",
                "Indemnité d'incapacité primaire (indemnité de maladie)",
            ),
            reference=[ref("art. 87, 136 §2", act=ZIV), ref("art. 6", act=RD_1971)],
            dependencies=_NET_DEPS,
            formula=sickness_benefit_formula,
        ),
        person_month(
            "invalidity_benefit",
            label("Invalidity benefit", "Invaliditeitsuitkering", "Indemnité d'invalidité"),
            reference=[ref("art. 93, 136 §2", act=ZIV), ref("art. 7-8", act=RD_1971)],
            dependencies=_NET_DEPS,
            formula=invalidity_benefit_formula,
        ),
    ]
