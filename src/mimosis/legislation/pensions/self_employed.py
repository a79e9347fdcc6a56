"""The retirement pension of the self-employed (RD n° 72 of 10 November 1967).

Per career year: the business income on which contributions were paid (before 1984: the
scheme's flat-rate notional income), capped, revalued and multiplied by the correction
coefficient of the year (abolished from the career year 2021), x 1/45 x 60 % (single) or 75 %
(household). The career sum is the input ``pensions_self_employed_revalued_income``
(``career.self_employed_career_inputs``).

Minimum (art. 9bis): with at least two thirds of a full career (all schemes), the employee
minimum amounts x the self-employed career fraction (years / 45); the self-employed single
and survivor minimums were lower until their harmonisation with the employee minimums in
2016 (parameter ``pensions.self_employed.minimum_ratio``). The household rate and the
earnings limits are those of ``employee.py`` and ``cumulation.py``.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.pensions.common import (
    RD72,
    FloatArray,
    P,
    label,
    person_month,
    ref,
    round_cents,
)
from mimosis.legislation.pensions.employee import minimum_yearly
from mimosis.legislation.sparse import on_subset

_SE = f"{P}.self_employed"
_MIN = f"{P}.minimum_pension"
_URL = "https://www.rsvz-inasti.fgov.be/nl/faq/hoeveel-zal-mijn-pensioen-bedragen"


def _amount(ctx: Context, kind: str) -> FloatArray:
    p = ctx.params
    full_years = p.number(f"{P}.employee.full_career_years")
    revalued_all = ctx.get("pensions_self_employed_revalued_income")
    years_all = ctx.get("pensions_self_employed_career_years")
    employee_years = ctx.get("pensions_employee_years_fraction")

    def amount(i: np.ndarray) -> FloatArray:
        revalued, years = revalued_all[i], years_all[i]
        # art. 9 §1: revalued, corrected income x rate / 45
        computed = p.number(f"{_SE}.rate.{kind}") * revalued / full_years
        # art. 9bis: two thirds of a full career in all schemes
        career = employee_years[i] + years
        eligible = (career >= p.number(f"{_MIN}.conditions.min_career_years")) & (revalued > 0)
        minimum = minimum_yearly(ctx, kind, years / full_years, eligible) * p.number(
            f"{_SE}.minimum_ratio.{kind}"
        )
        return round_cents(np.maximum(computed, minimum) / 12)

    # without self-employed income, nothing (computed and minimum are both 0)
    return on_subset(revalued_all != 0, amount)


def single_formula(ctx: Context) -> FloatArray:
    return _amount(ctx, "single")


def household_formula(ctx: Context) -> FloatArray:
    return _amount(ctx, "household")


def pension_formula(ctx: Context) -> FloatArray:
    amount = np.where(
        ctx.get("pensions_household_rate"),
        ctx.get("pensions_self_employed_amount_household"),
        ctx.get("pensions_self_employed_amount_single"),
    )
    paid = ctx.get("pensions_draws_retirement_pension") & ~ctx.get("pensions_own_pension_suspended")
    reduction = ctx.get("pensions_retirement_earnings_reduction")
    return round_cents(np.where(paid, amount * (1.0 - reduction), 0.0))


_DEPS = [
    "pensions_self_employed_revalued_income",
    "pensions_self_employed_career_years",
    "pensions_employee_years_fraction",
]
_REF = [ref("art. 9 §1, art. 9bis", act=RD72, url=_URL)]


def variables() -> list[Variable]:
    return [
        person_month(
            "pensions_self_employed_amount_single",
            label(
                "Self-employed retirement pension at the single rate (with the minimum)",
                "Zelfstandigenpensioen als alleenstaande (met het minimum)",
                "Pension d'indépendant au taux isolé (avec le minimum)",
            ),
            reference=_REF,
            dependencies=_DEPS,
            parameters=[_SE, _MIN, f"{P}.employee.full_career_years"],
            formula=single_formula,
        ),
        person_month(
            "pensions_self_employed_amount_household",
            label(
                "Self-employed retirement pension at the household rate (with the minimum)",
                "Zelfstandigenpensioen als gezin (met het minimum)",
                "Pension d'indépendant au taux ménage (avec le minimum)",
            ),
            reference=_REF,
            dependencies=_DEPS,
            parameters=[_SE, _MIN, f"{P}.employee.full_career_years"],
            formula=household_formula,
        ),
        person_month(
            "self_employed_pension",
            label(
                "Retirement pension of a self-employed person (gross)",
                "Rustpensioen zelfstandige (bruto)",
                "Pension de retraite d'indépendant (brute)",
            ),
            reference=[*_REF, ref("art. 64", act="Royal Decree of 21 December 1967")],
            dependencies=[
                "pensions_household_rate",
                "pensions_self_employed_amount_household",
                "pensions_self_employed_amount_single",
                "pensions_draws_retirement_pension",
                "pensions_own_pension_suspended",
                "pensions_retirement_earnings_reduction",
            ],
            formula=pension_formula,
        ),
    ]
