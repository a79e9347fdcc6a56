"""The retirement pension of employees (RD n° 50 of 24 October 1967).

Per career year: revalued, capped remuneration x 1/45 x 60 % (single) or 75 % (household);
summed over the career (the sum of the remunerations is the programme input
``pensions_employee_revalued_wages``, see ``career.py``). The guaranteed minimum (Law of 8
August 1980 art. 152) raises the pension to the minimum amount x the career fraction when
the career has at least two thirds of a full career:

- strict criterion: 30 years of at least 208 full-time-equivalent days; the fraction is the
  number of years of at least 52 days / 45 (pensions from 2015);
- flexible criterion: 30 years of at least 156 days; the fraction is the days / 14,040.

An actual full career (fraction 1) gets the full-career amounts (the +0.7 % 'social pension
bonus' of 2017 and 2018); shorter careers the incomplete-career amounts x the fraction.

Household rate (art. 5 §1): for a married pensioner whose spouse has no replacement income,
earns within the permitted limits and whose own pension is lower than the gain of the
household rate (the household rate is paid when it exceeds the two single pensions together;
the spouse's own pension is then suspended).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import CIVIL_STATUS, LABOUR_STATUS
from mimosis.legislation.pensions.common import (
    LAW_1980,
    SFP_CALC,
    SFP_MIN,
    BoolArray,
    FloatArray,
    P,
    label,
    person_month,
    ref,
    round_cents,
    spouse_index,
    spouse_values,
)
from mimosis.legislation.sparse import on_subset

_E = f"{P}.employee"
_MIN = f"{P}.minimum_pension"
_MARRIED = CIVIL_STATUS.index("married")
_REPLACEMENT_STATUS = (LABOUR_STATUS.index("unemployed"), LABOUR_STATUS.index("sick_or_invalid"))


def minimum_yearly(
    ctx: Context, kind: str, fraction: FloatArray, eligible: BoolArray
) -> FloatArray:
    """Art. 152: the minimum of ``kind`` (single, household, survivor) for a career fraction;
    the full-career amount for a fraction of 1 or more."""
    full = ctx.params.number(f"{_MIN}.full_career.{kind}")
    incomplete = ctx.params.number(f"{_MIN}.incomplete_career.{kind}")
    amount = np.where(fraction >= 1.0, full, incomplete * np.minimum(fraction, 1.0))
    return np.where(eligible, amount, 0.0)


def employee_minimum_fraction(ctx: Context) -> tuple[FloatArray, BoolArray]:
    """Art. 152 §1: the career fraction of the minimum and whether a criterion is met."""
    p = ctx.params
    needed = p.number(f"{_MIN}.conditions.min_career_years")
    full_years = p.number(f"{_E}.full_career_years")
    full_days = full_years * p.number(f"{_E}.days_per_year")
    strict = ctx.get("pensions_employee_years_strict") >= needed
    flexible = ctx.get("pensions_employee_years_flexible") >= needed
    fraction = np.where(
        strict,
        ctx.get("pensions_employee_years_fraction") / full_years,
        ctx.get("pensions_employee_career_days") / full_days,
    )
    return np.asarray(fraction, dtype=np.float64), np.asarray(strict | flexible, dtype=bool)


def _amount(ctx: Context, kind: str) -> FloatArray:
    p = ctx.params
    revalued = ctx.get("pensions_employee_revalued_wages")
    fraction, eligible = employee_minimum_fraction(ctx)

    def amount(i: np.ndarray) -> FloatArray:
        # art. 5 §1: revalued remunerations x rate / 45 (per year)
        computed = p.number(f"{_E}.rate.{kind}") * revalued[i] / p.number(f"{_E}.full_career_years")
        has_career = revalued[i] > 0
        minimum = minimum_yearly(ctx, kind, fraction[i], eligible[i] & has_career)
        return round_cents(np.maximum(computed, minimum) / 12)

    # without a career, nothing (computed and minimum are both 0)
    return on_subset(revalued != 0, amount)


def single_formula(ctx: Context) -> FloatArray:
    return _amount(ctx, "single")


def household_formula(ctx: Context) -> FloatArray:
    return _amount(ctx, "household")


def own_pension_formula(ctx: Context) -> FloatArray:
    """The retirement pensions a person draws at the single rate (simulated, or observed)."""
    simulated = ctx.get("pensions_employee_amount_single") + ctx.get(
        "pensions_self_employed_amount_single"
    )
    drawn = np.where(ctx.get("pensions_draws_retirement_pension"), simulated, 0.0)
    return np.where(ctx.get("pensions_is_simulated"), drawn, ctx.get("pension_gross"))


def household_rate_formula(ctx: Context) -> BoolArray:
    # evaluated on the married pensioners only (the rate concerns no one else); the spouse's
    # values are read at the spouse's position
    spouse, has_spouse = spouse_index(ctx)
    married = has_spouse & (ctx.get("civil_status") == _MARRIED)
    rows = np.flatnonzero(ctx.get("pensions_draws_retirement_pension") & married)
    applies = np.zeros(ctx.size, dtype=bool)
    if not rows.size:
        return applies
    at = spouse[rows]
    single = (
        ctx.get("pensions_employee_amount_single")[rows]
        + ctx.get("pensions_self_employed_amount_single")[rows]
    )
    household = (
        ctx.get("pensions_employee_amount_household")[rows]
        + ctx.get("pensions_self_employed_amount_household")[rows]
    )
    spouse_pension = ctx.get("pensions_own_pension_single_rate")[at]
    spouse_replacement = (ctx.get("other_replacement_income_gross")[at] > 0) | np.isin(
        ctx.get("labour_status")[at], _REPLACEMENT_STATUS
    )
    spouse_earns = ctx.get("pensions_exceeds_household_spouse_limit")[at].astype(bool)
    # art. 5 §1: married (not legally cohabiting), the spouse without replacement income and
    # within the permitted earnings; the household rate beats the two single pensions
    gains = household > single + spouse_pension
    applies[rows] = ~spouse_replacement & ~spouse_earns & gains
    return applies


def suspended_formula(ctx: Context) -> BoolArray:
    # the own retirement pension of the spouse of a household-rate pensioner is not paid
    spouse_household, _ = spouse_values(ctx, ctx.get("pensions_household_rate"))
    return np.asarray(spouse_household, dtype=bool)


def employee_pension_formula(ctx: Context) -> FloatArray:
    amount = np.where(
        ctx.get("pensions_household_rate"),
        ctx.get("pensions_employee_amount_household"),
        ctx.get("pensions_employee_amount_single"),
    )
    paid = ctx.get("pensions_draws_retirement_pension") & ~ctx.get("pensions_own_pension_suspended")
    # RD 21/12/1967 art. 64: reduced by the share by which the earnings exceed the limit
    reduction = ctx.get("pensions_retirement_earnings_reduction")
    return round_cents(np.where(paid, amount * (1.0 - reduction), 0.0))


_AMOUNT_DEPS = [
    "pensions_employee_revalued_wages",
    "pensions_employee_years_strict",
    "pensions_employee_years_flexible",
    "pensions_employee_years_fraction",
    "pensions_employee_career_days",
]
_REF = [ref("art. 5 §1, art. 7", url=SFP_CALC), ref("art. 152", act=LAW_1980, url=SFP_MIN)]


def variables() -> list[Variable]:
    return [
        person_month(
            "pensions_employee_amount_single",
            label(
                "Employee retirement pension at the single rate (with the minimum)",
                "Werknemerspensioen als alleenstaande (met het minimum)",
                "Pension de salarié au taux isolé (avec le minimum)",
            ),
            reference=_REF,
            dependencies=_AMOUNT_DEPS,
            parameters=[_E, _MIN],
            formula=single_formula,
        ),
        person_month(
            "pensions_employee_amount_household",
            label(
                "Employee retirement pension at the household rate (with the minimum)",
                "Werknemerspensioen als gezin (met het minimum)",
                "Pension de salarié au taux ménage (avec le minimum)",
            ),
            reference=_REF,
            dependencies=_AMOUNT_DEPS,
            parameters=[_E, _MIN],
            formula=household_formula,
        ),
        person_month(
            "pensions_own_pension_single_rate",
            label(
                "Own retirement pensions drawn, at the single rate",
                "Eigen rustpensioenen, als alleenstaande",
                "Pensions de retraite propres, au taux isolé",
            ),
            reference=[ref("art. 5 §1 (comparison for the household rate)", url=SFP_CALC)],
            dependencies=[
                "pensions_employee_amount_single",
                "pensions_self_employed_amount_single",
                "pensions_draws_retirement_pension",
                "pensions_is_simulated",
                "pension_gross",
            ],
            formula=own_pension_formula,
        ),
        person_month(
            "pensions_household_rate",
            label(
                "The retirement pension is paid at the household rate",
                "Het rustpensioen wordt als gezinspensioen betaald",
                "La pension de retraite est payée au taux ménage",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("art. 5 §1 (household rate)", url=SFP_CALC)],
            dependencies=[
                "pensions_employee_amount_single",
                "pensions_self_employed_amount_single",
                "pensions_employee_amount_household",
                "pensions_self_employed_amount_household",
                "pensions_own_pension_single_rate",
                "other_replacement_income_gross",
                "labour_status",
                "pensions_exceeds_household_spouse_limit",
                "civil_status",
                "pensions_draws_retirement_pension",
            ],
            formula=household_rate_formula,
        ),
        person_month(
            "pensions_own_pension_suspended",
            label(
                "Own retirement pension suspended (the spouse draws the household rate)",
                "Eigen rustpensioen geschorst (de echtgenoot ontvangt het gezinsbedrag)",
                "Pension de retraite propre suspendue (le conjoint perçoit le taux ménage)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("art. 5 §1 (household rate instead of two single pensions)")],
            dependencies=["pensions_household_rate"],
            formula=suspended_formula,
        ),
        person_month(
            "employee_pension",
            label(
                "Retirement pension of an employee (gross)",
                "Rustpensioen werknemer (bruto)",
                "Pension de retraite de salarié (brute)",
            ),
            reference=[*_REF, ref("art. 64", act="Royal Decree of 21 December 1967")],
            dependencies=[
                "pensions_household_rate",
                "pensions_employee_amount_household",
                "pensions_employee_amount_single",
                "pensions_draws_retirement_pension",
                "pensions_own_pension_suspended",
                "pensions_retirement_earnings_reduction",
            ],
            formula=employee_pension_formula,
        ),
    ]
