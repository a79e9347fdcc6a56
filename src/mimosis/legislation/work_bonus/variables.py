"""The work bonus (werkbonus / bonus à l'emploi).

Social work bonus (Law of 20/12/1999 art. 2; RSZ/ONSS instructions "werkbonus"), per month:
1. S, the monthly reference wage: the gross wage at 100 % (also for manual workers) of a
   full-time worker with full performances, S = W / mu (mu: the work fraction);
2. R = part A + part B, each: the maximum if S <= its lower limit; the maximum minus the
   phase-out coefficient x (S - lower limit) up to its upper limit; 0 above (amounts and
   coefficients for workers declared at 108 % where the worker is a manual worker); R rounded
   to the cent;
3. P = R x mu (the fraction H/U rounded to two decimals, at most 1);
4. P is limited to the personal contributions due: part B is granted first, then part A
   (assumption, see README).
Fiscal work bonus (WIB 92 art. 289ter/1), per year: the percentage in force each month of
the part A and part B actually granted that month, summed over the income year.
Statutory civil servants (no 13.07 % contribution) get no work bonus.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.sparse import on_subset

FloatArray = npt.NDArray[np.float64]
SOCIAL = "work_bonus.social"
FISCAL = "work_bonus.fiscal"
_CIVIL_SERVANT = LABOUR_STATUS.index("civil_servant")
LAW = {
    "act": "Law of 20 December 1999 granting a work bonus in the form of a reduction of "
    "personal social security contributions",
    "article": "art. 2",
    "url": "https://www.socialsecurity.be/employer/instructions/dmfa/nl/latest/instructions/"
    "deductions/workers_reductions/workbonus.html",
}
WIB = {"act": "WIB 92 / CIR 92", "article": "art. 289ter/1"}


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _cents(values: Any) -> FloatArray:
    return np.asarray(np.floor(np.asarray(values, dtype=np.float64) * 100.0 + 0.5 + 1e-6) / 100.0)


def _fraction(ctx: Context) -> FloatArray:
    # RSZ instructions: H/U rounded to two decimals, never more than 1
    return np.clip(_cents(ctx.get("work_fraction")), 0.0, 1.0)


def reference_wage(ctx: Context) -> FloatArray:
    """S: the monthly wage at 100 % of a full-time worker with full performances."""
    fraction = _fraction(ctx)
    working = fraction > 0
    gross = ctx.get("employee_gross_wage")
    return np.where(working, gross / np.where(working, fraction, 1.0), 0.0)


def _part(ctx: Context, part: str) -> FloatArray:
    """The amount of one part for a full-time worker (R of that part), before the cap."""
    eligible = (ctx.get("employee_gross_wage") > 0) & (ctx.get("labour_status") != _CIVIL_SERVANT)
    blue = ctx.get("is_blue_collar")
    s = ctx.get("work_bonus_reference_wage")
    fraction = _fraction(ctx)
    return on_subset(eligible, lambda i: _part_amount(ctx, part, blue[i], s[i], fraction[i]))


def _part_amount(
    ctx: Context, part: str, blue: np.ndarray, s: FloatArray, fraction: FloatArray
) -> FloatArray:
    path = f"{SOCIAL}.{part}"
    maximum = np.where(
        blue,
        ctx.params.number(f"{path}.maximum_blue_collar"),
        ctx.params.number(f"{path}.maximum_white_collar"),
    )
    slope = np.where(
        blue,
        ctx.params.number(f"{path}.slope_blue_collar"),
        ctx.params.number(f"{path}.slope_white_collar"),
    )
    lower = ctx.params.number(f"{path}.lower_limit")
    upper = ctx.params.number(f"{path}.upper_limit")
    full = s <= lower
    phasing_out = (s > lower) & (s <= upper)
    amount = np.select([full, phasing_out], [maximum, maximum - slope * (s - lower)], 0.0)
    # art. 2: P = R x (H/U), R rounded to the cent
    return _cents(_cents(np.maximum(amount, 0.0)) * fraction)


def part_b(ctx: Context) -> FloatArray:
    # the reduction never exceeds the personal contributions due; part B is granted first
    return np.minimum(_part(ctx, "part_b"), ctx.get("employee_social_contributions"))


def part_a(ctx: Context) -> FloatArray:
    room = ctx.get("employee_social_contributions") - ctx.get("work_bonus_social_part_b")
    return np.asarray(np.minimum(_part(ctx, "part_a"), np.maximum(room, 0.0)), dtype=np.float64)


def social(ctx: Context) -> FloatArray:
    return ctx.get("work_bonus_social_part_a") + ctx.get("work_bonus_social_part_b")


def fiscal_month(ctx: Context) -> FloatArray:
    # art. 289ter/1: a percentage of the parts of the social bonus actually granted
    a = ctx.params.number(f"{FISCAL}.rate_part_a") * ctx.get("work_bonus_social_part_a")
    b = ctx.params.number(f"{FISCAL}.rate_part_b") * ctx.get("work_bonus_social_part_b")
    return np.asarray(a + b, dtype=np.float64)


def fiscal(ctx: Context) -> FloatArray:
    return _cents(ctx.get("work_bonus_fiscal_monthly"))


_MONTH: dict[str, Any] = {
    "entity": "person",
    "period_unit": "month",
    "dtype": "float",
    "unit": "EUR/month",
    "behaviour": "flow",
}
_PART_DEPS = [
    "work_bonus_reference_wage",
    "is_blue_collar",
    "employee_gross_wage",
    "labour_status",
    "work_fraction",
    "employee_social_contributions",
]


def variables() -> list[Variable]:
    return [
        Variable(
            "work_bonus_reference_wage",
            entity="person",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=_label(
                "Monthly reference wage of the work bonus (full time, at 100 %)",
                "Refertemaandloon van de werkbonus (voltijds, aan 100 %)",
                "Salaire mensuel de référence du bonus à l'emploi (temps plein, à 100 %)",
            ),
            reference=[LAW],
            dependencies=["employee_gross_wage", "work_fraction"],
            formula=reference_wage,
        ),
        Variable(
            "work_bonus_social_part_b",
            **_MONTH,
            label=_label(
                "Social work bonus, part B (very low wages)",
                "Sociale werkbonus, deel B (zeer lage lonen)",
                "Bonus à l'emploi social, volet B (très bas salaires)",
            ),
            reference=[LAW],
            dependencies=_PART_DEPS,
            parameters=[f"{SOCIAL}.part_b"],
            formula=part_b,
        ),
        Variable(
            "work_bonus_social_part_a",
            **_MONTH,
            label=_label(
                "Social work bonus, part A (low wages)",
                "Sociale werkbonus, deel A (lage lonen)",
                "Bonus à l'emploi social, volet A (bas salaires)",
            ),
            reference=[LAW],
            dependencies=[*_PART_DEPS, "work_bonus_social_part_b"],
            parameters=[f"{SOCIAL}.part_a"],
            formula=part_a,
        ),
        Variable(
            "work_bonus_social",
            **_MONTH,
            label=_label(
                "Social work bonus (reduction of personal contributions)",
                "Sociale werkbonus (vermindering persoonlijke bijdragen)",
                "Bonus à l'emploi social (réduction des cotisations personnelles)",
            ),
            reference=[LAW],
            dependencies=["work_bonus_social_part_a", "work_bonus_social_part_b"],
            formula=social,
        ),
        Variable(
            "work_bonus_fiscal_monthly",
            **_MONTH,
            label=_label(
                "Fiscal work bonus accrued in the month",
                "Fiscale werkbonus opgebouwd in de maand",
                "Bonus à l'emploi fiscal acquis dans le mois",
            ),
            reference=[WIB],
            dependencies=["work_bonus_social_part_a", "work_bonus_social_part_b"],
            parameters=[FISCAL],
            formula=fiscal_month,
        ),
        Variable(
            "work_bonus_fiscal",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=_label(
                "Fiscal work bonus (tax reduction)",
                "Fiscale werkbonus (belastingvermindering)",
                "Bonus à l'emploi fiscal (réduction d'impôt)",
            ),
            reference=[WIB],
            dependencies=["work_bonus_fiscal_monthly"],
            formula=fiscal,
        ),
    ]
