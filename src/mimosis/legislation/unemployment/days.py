"""Benefit days of the month: the days worked and the days compensated.

A fully unemployed person must be without work and without wage (RD 25/11/1991 art. 44-45):
a day with work is marked on the control card (art. 71) and gives no allowance; the benefit
is paid per day not worked in the six-day week scheme (art. 99-100: 26 days in a full month).
The work the model has is the wage job of the month (a gross wage > 0, at its work fraction):
its hours are converted into days of the six-day scheme by the factor 6/S (RVA infosheet T34:
weekly hours x 6 / full-time weekly hours, i.e. the work fraction x 6 a week), counted in half
days, a started half day counting as worked. The compensated days are the observed days paid,
capped at the days of the month not worked: observed days that already leave out the days
worked are not reduced twice (the minimum, not the difference). Both are counted for the
persons with a right (a recorded start of the right), the only ones the benefit pays: 0 for
everyone else.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.sparse import only_where
from mimosis.legislation.unemployment.common import (
    FloatArray,
    has_right_start,
    label,
    person_month,
    ref,
)

_U = "unemployment"
_WD = f"{_U}.work_days"
_MONTH_DAYS = f"{_U}.benefit_days_per_month"
_T34 = "http://www.rva.be/nl/documentatie/infoblad/t34"
#: a numerical guard: a product like 0.0577 x 26 that should be exactly 1.5 is not rounded up
_EPS = 1e-9


def days_worked_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    month_days = p.number(_MONTH_DAYS)
    per_week = p.number(f"{_WD}.days_per_week")
    unit = p.number(f"{_WD}.day_unit")
    # the work the model has: a wage job this month (the work fraction alone defaults to 1)
    works = ctx.get("employee_gross_wage") > 0
    fraction = np.clip(ctx.get("work_fraction"), 0.0, 1.0)
    # T34: hours x 6/S = days a week in the six-day scheme; a month holds 26/6 such weeks
    days = fraction * per_week * (month_days / per_week)
    # counted in half days, a started half day being a half day worked (art. 71)
    counted = np.ceil(days / unit - _EPS) * unit
    return np.asarray(np.where(works, np.minimum(counted, month_days), 0.0), dtype=np.float64)


def compensated_days_formula(ctx: Context) -> FloatArray:
    # art. 44, 99-100: an allowance for each day of the month not worked, within the days paid
    month_days = ctx.params.number(_MONTH_DAYS)
    not_worked = month_days - ctx.get("unemployment_days_worked")
    paid = ctx.get("unemployment_days_paid")
    return np.asarray(np.clip(np.minimum(paid, not_worked), 0.0, None), dtype=np.float64)


def variables() -> list[Variable]:
    days = {"unit": "day", "behaviour": "flow"}
    return [
        person_month(
            "unemployment_days_worked",
            label(
                "Days worked in the month (six-day scheme, in half days)",
                "Arbeidsdagen in de maand (zesdagenregeling, in halve dagen)",
                "Jours de travail dans le mois (régime de six jours, en demi-journées)",
            ),
            reference=[
                ref("art. 44-45 (without work), art. 71 (control card)"),
                ref("hours x 6/S, half days", act="RVA/ONEM infosheet T34", url=_T34),
            ],
            dependencies=["employee_gross_wage", "work_fraction", "unemployment_start_year"],
            parameters=[_WD, _MONTH_DAYS],
            formula=only_where(has_right_start, days_worked_formula),
            **days,
        ),
        person_month(
            "unemployment_compensated_days",
            label(
                "Benefit days compensated in the month (days paid, at most the days not worked)",
                "Vergoede uitkeringsdagen in de maand (hoogstens de niet-gewerkte dagen)",
                "Jours indemnisés dans le mois (au plus les jours non travaillés)",
            ),
            reference=[ref("art. 44, 99-100 (an allowance per day without work, six a week)")],
            dependencies=[
                "unemployment_days_paid",
                "unemployment_days_worked",
                "unemployment_start_year",
            ],
            parameters=[_MONTH_DAYS],
            formula=only_where(has_right_start, compensated_days_formula),
            **days,
        ),
    ]
