"""Maternity benefits of the health-insurance branch (ZIV/AMI).

- Employees (RD 3/7/1996 art. 216): during the first 30 days of maternity rest 82 % of the
  uncapped lost daily wage, then 75 % of the wage capped at the ceiling of the sickness
  insurance (cohort of the month simulated).
- Unemployed (and workers whose contract ended, art. 216-217): 79.5 % of the capped lost wage
  during the first 30 days, then 75 % (the unemployment benefit plus the supplement).
- Self-employed (RD 20/7/1971 art. 93-97): a weekly flat amount; from 2022 a higher amount
  for the first four weeks.

Days: the rest is given in calendar days (in the month, and before it); wage-related benefits
are paid per day of a 6-day week (6/7 of the calendar days), the self-employed per week
(calendar days / 7).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.sparse import on_subset

FloatArray = npt.NDArray[np.float64]
P = "maternity"
ZIV = "Coordinated Act of 14 July 1994 on compulsory health care and benefits insurance"
RD_1996 = "Royal Decree of 3 July 1996 implementing the coordinated Act of 14 July 1994"
RD_1971 = "Royal Decree of 20 July 1971 (benefits and maternity insurance of the self-employed)"
INAMI = "https://riziv.fgov.be/nl/thema-s/zwangerschap-en-geboorte/bedragen-en-loonplafonds"
SCHEMES: tuple[str, ...] = ("none", "employee", "unemployed", "self_employed")
NONE, EMPLOYEE, UNEMPLOYED, SELF_EMPLOYED = range(4)
_CEILING = "sickness_invalidity.wage_ceiling"


def _ref(article: str, act: str = RD_1996, url: str | None = None) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _person_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "float",
        "unit": "EUR/month",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def _cents(values: Any) -> FloatArray:
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)


def _days_split(days: Any, before: Any, first_days: float) -> tuple[FloatArray, FloatArray]:
    """Calendar days of the month within the first ``first_days`` of the rest, and after."""
    days = np.asarray(days, dtype=np.float64)
    first = np.clip(first_days - np.asarray(before, dtype=np.float64), 0.0, days)
    return first, days - first


def wage_related_formula(ctx: Context) -> FloatArray:
    scheme = ctx.get("maternity_scheme")
    wage = ctx.get("maternity_daily_wage")
    days = ctx.get("maternity_rest_days")
    before = ctx.get("maternity_rest_days_before")
    concerned = (scheme == EMPLOYEE) | (scheme == UNEMPLOYED)
    return on_subset(
        concerned,
        lambda i: _wage_related(ctx, scheme[i], wage[i], days[i], before[i]),
    )


def _wage_related(
    ctx: Context, scheme: Any, wage: FloatArray, days: Any, before: Any
) -> FloatArray:
    p = ctx.params
    now = ctx.period.start
    # art. 216: the ceiling of the sickness insurance (cohort = the month simulated)
    ceiling = p.scale(_CEILING).calc(now.year * 100 + now.month)
    capped = np.minimum(wage, ceiling)
    # art. 216 §1: employees 82 % of the uncapped wage for 30 days, then 75 % of the capped
    # wage; unemployed (art. 217) 79.5 % then 75 % of the capped wage
    first_days = p.number(f"{P}.rates.first_period_days")
    unemployed = scheme == UNEMPLOYED
    first_daily = np.where(
        unemployed,
        _cents(p.number(f"{P}.rates.rate.unemployed_first_period") * capped),
        _cents(p.number(f"{P}.rates.rate.employee_first_period") * wage),
    )
    later_daily = _cents(p.number(f"{P}.rates.rate.after_first_period") * capped)
    first, later = _days_split(days, before, first_days)
    per_day = p.number(f"{P}.rates.benefit_days_per_week") / 7
    return _cents(first_daily * first * per_day + later_daily * later * per_day)


def self_employed_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    scheme = ctx.get("maternity_scheme")
    days = ctx.get("maternity_rest_days")
    before = ctx.get("maternity_rest_days_before")

    def amount(i: Any) -> FloatArray:
        # RD 20/7/1971 art. 94: weekly amount; from 2022 the first four weeks are higher
        higher_days = 7 * p.number(f"{P}.self_employed.higher_weeks")
        first, later = _days_split(days[i], before[i], higher_days)
        return _cents(
            p.number(f"{P}.self_employed.weekly_first_weeks") * first / 7
            + p.number(f"{P}.self_employed.weekly_later_weeks") * later / 7
        )

    return on_subset(scheme == SELF_EMPLOYED, amount)


def benefit_formula(ctx: Context) -> FloatArray:
    return np.asarray(
        ctx.get("maternity_wage_related_benefit") + ctx.get("maternity_self_employed_benefit"),
        dtype=np.float64,
    )


def _inputs() -> list[Variable]:
    return [
        _person_month(
            "maternity_scheme",
            _label(
                "Maternity insurance scheme (none, employee, unemployed, self-employed)",
                "Moederschapsverzekering (geen, werknemer, werkloze, zelfstandige)",
                "Assurance maternité (aucune, salariée, chômeuse, indépendante)",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=SCHEMES,
            default=NONE,
            reference=[_ref("art. 113-117", act=ZIV), _ref("art. 93", act=RD_1971)],
        ),
        _person_month(
            "maternity_daily_wage",
            _label(
                "Lost gross daily wage (6-day week)",
                "Gederfd brutodagloon (zesdagenweek)",
                "Rémunération journalière brute perdue (semaine de 6 jours)",
            ),
            unit="EUR/day",
            behaviour="stock",
            reference=[_ref("art. 216 (lost wage)")],
        ),
        _person_month(
            "maternity_rest_days",
            _label(
                "Calendar days of maternity rest in the month",
                "Kalenderdagen moederschapsrust in de maand",
                "Jours calendrier de repos de maternité dans le mois",
            ),
            unit="day",
            behaviour="stock",
            reference=[_ref("art. 114 (15 weeks, 19 for a multiple birth)", act=ZIV)],
        ),
        _person_month(
            "maternity_rest_days_before",
            _label(
                "Calendar days of the same maternity rest before the month",
                "Kalenderdagen van dezelfde moederschapsrust vóór de maand",
                "Jours calendrier du même repos de maternité avant le mois",
            ),
            unit="day",
            behaviour="stock",
            reference=[_ref("art. 216 (first 30 days)")],
        ),
    ]


def variables() -> list[Variable]:
    return [
        *_inputs(),
        _person_month(
            "maternity_wage_related_benefit",
            _label(
                "Maternity benefit of an employee or unemployed person",
                "Moederschapsuitkering werkneemster of werkloze",
                "Indemnité de maternité d'une salariée ou chômeuse",
            ),
            reference=[_ref("art. 216-217", url=INAMI)],
            dependencies=[
                "maternity_scheme",
                "maternity_daily_wage",
                "maternity_rest_days",
                "maternity_rest_days_before",
            ],
            parameters=[_CEILING, f"{P}.rates"],
            formula=wage_related_formula,
        ),
        _person_month(
            "maternity_self_employed_benefit",
            _label(
                "Maternity benefit of a self-employed woman",
                "Moederschapsuitkering zelfstandige",
                "Indemnité de maternité d'une indépendante",
            ),
            reference=[_ref("art. 93-97", act=RD_1971, url=INAMI)],
            dependencies=["maternity_scheme", "maternity_rest_days", "maternity_rest_days_before"],
            parameters=[f"{P}.self_employed"],
            formula=self_employed_formula,
        ),
        _person_month(
            "maternity_benefit",
            _label("Maternity benefit", "Moederschapsuitkering", "Indemnité de maternité"),
            reference=[_ref("art. 113-117", act=ZIV, url=INAMI)],
            dependencies=["maternity_wage_related_benefit", "maternity_self_employed_benefit"],
            formula=benefit_formula,
        ),
    ]
