"""Survivor pension and transition allowance (RD n° 50 art. 16-21ter; Law of 5 May 2014).

- The survivor pension is 80 % of the household-rate retirement pension of the deceased
  spouse: 0.80 x 75 % x the deceased's revalued remunerations / the career denominator (45,
  or the years from age 20 to the death when the spouse died before retirement). The same
  applies to the deceased's self-employed career. Minimum: the survivor minimum x the
  deceased's career fraction when it reaches two thirds.
- A surviving spouse younger than the minimum age at the death (45 for deaths in 2015, +6
  months a year, 50 from 2025) receives a transition allowance of the same amount instead,
  for 12 months (24 with a dependent child); from 1 October 2021 18 months (36 with a child,
  48 with a child under 13 or disabled). It is not subject to the earnings limits. The
  survivor minimum applies to it from 2021 (see the parameter note).
- The surviving spouse must not have remarried (``civil_status`` = widowed).
- With an own retirement pension, the survivor pension is limited so that both together do not
  exceed 110 % of the survivor pension; a survivor pension alone is reduced for earnings above
  the survivor limits (``cumulation.py``).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import CIVIL_STATUS
from mimosis.legislation.pensions.common import (
    LAW_2014,
    BoolArray,
    FloatArray,
    P,
    label,
    person_month,
    ref,
    round_cents,
)
from mimosis.legislation.pensions.employee import minimum_yearly
from mimosis.legislation.sparse import on_subset, only_where

_S = f"{P}.survivor"
_T = f"{_S}.transition_allowance"
_MIN = f"{P}.minimum_pension"
_WIDOWED = CIVIL_STATUS.index("widowed")
_URL = "https://www.inasti.be/fr/allocation-de-transition"


def _widowed(ctx: Context) -> BoolArray:
    """The persons with a known death date of a spouse: the survivor formulas give 0 to
    everyone else and aggregate no one (they run on these only, ``only_where``)."""
    return np.asarray(ctx.get("pensions_survivor_death_year") > 0)


def _months_since_death(ctx: Context) -> FloatArray:
    start = ctx.period.start
    death = 12 * ctx.get("pensions_survivor_death_year") + ctx.get("pensions_survivor_death_month")
    return np.asarray(12 * start.year + start.month - death, dtype=np.float64)


def _age_at_death(ctx: Context) -> FloatArray:
    death = 12 * ctx.get("pensions_survivor_death_year") + ctx.get("pensions_survivor_death_month")
    birth = 12 * ctx.get("birth_year") + ctx.get("birth_month")
    return np.asarray((death - birth) / 12.0, dtype=np.float64)


def is_transition_formula(ctx: Context) -> BoolArray:
    # art. 16 §1 / 21bis: below the minimum age at the death (scale on the year of the death)
    death_year = ctx.get("pensions_survivor_death_year")
    widowed = (death_year > 0) & (ctx.get("civil_status") == _WIDOWED)
    scale = ctx.params.scale(f"{_S}.minimum_age")
    at_death = _age_at_death(ctx)
    return on_subset(
        widowed,
        lambda i: at_death[i] < scale.calc(death_year[i].astype(np.float64)),
        default=False,
        dtype=bool,
    )


def reference_amount_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    denominator_all = np.maximum(ctx.get("pensions_survivor_career_denominator"), 1.0)
    revalued_all = ctx.get("pensions_survivor_deceased_revalued_wages") + ctx.get(
        "pensions_survivor_deceased_self_employed_income"
    )
    career_years = ctx.get("pensions_survivor_deceased_career_years")

    def amount(i: np.ndarray) -> FloatArray:
        revalued, denominator = revalued_all[i], denominator_all[i]
        # art. 17: 80 % of the household-rate pension of the deceased
        computed = (
            p.number(f"{_S}.household_pension_share")
            * p.number(f"{P}.employee.rate.household")
            * revalued
            / denominator
        )
        fraction = career_years[i] / denominator
        # minimum survivor pension from two thirds of the deceased's career
        needed = p.number(f"{_MIN}.conditions.min_career_years") / p.number(
            f"{P}.employee.full_career_years"
        )
        eligible = (fraction >= needed) & (revalued > 0)
        minimum = minimum_yearly(ctx, "survivor", fraction, eligible)
        return round_cents(np.maximum(computed, minimum) / 12)

    # without the deceased's career, nothing (computed and minimum are both 0)
    return on_subset(revalued_all != 0, amount)


def transition_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    months = np.select(
        [
            ctx.get("pensions_survivor_child_under_13_at_death"),
            ctx.get("pensions_survivor_child_at_death"),
        ],
        [p.number(f"{_T}.months_child_under_13"), p.number(f"{_T}.months_child_13_or_older")],
        default=p.number(f"{_T}.months_no_child"),
    )
    elapsed = _months_since_death(ctx)
    # art. 21ter: paid from the month after the death, for the duration
    running = ctx.get("pensions_survivor_is_transition") & (elapsed >= 1) & (elapsed <= months)
    amount = ctx.get("pensions_survivor_reference_amount")
    if not p.flag(f"{_T}.minimum_applies"):
        amount = _without_minimum(ctx)
    return np.where(running, amount, 0.0)


def _without_minimum(ctx: Context) -> FloatArray:
    p = ctx.params
    denominator = np.maximum(ctx.get("pensions_survivor_career_denominator"), 1.0)
    revalued = ctx.get("pensions_survivor_deceased_revalued_wages") + ctx.get(
        "pensions_survivor_deceased_self_employed_income"
    )
    yearly = (
        p.number(f"{_S}.household_pension_share")
        * p.number(f"{P}.employee.rate.household")
        * revalued
        / denominator
    )
    return round_cents(yearly / 12)


def survivor_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    widowed = (ctx.get("pensions_survivor_death_year") > 0) & (ctx.get("civil_status") == _WIDOWED)
    entitled = (
        widowed & ~ctx.get("pensions_survivor_is_transition") & (_months_since_death(ctx) >= 1)
    )
    amount = ctx.get("pensions_survivor_reference_amount")
    own = ctx.get("employee_pension") + ctx.get("self_employed_pension")
    # RD 21/12/1967 art. 52bis: with an own retirement pension, both together at most 110 %
    # of the survivor pension
    limited = np.clip(p.number(f"{_S}.cumulation_ceiling") * amount - own, 0.0, amount)
    paid = np.where(own > 0, limited, amount)
    # art. 64: a survivor pension alone (no retirement pension) has its own earnings limits;
    # with a retirement pension, the retirement limits apply to both
    reduction = np.where(
        ctx.get("pensions_draws_retirement_pension"),
        ctx.get("pensions_retirement_earnings_reduction"),
        ctx.get("pensions_survivor_earnings_reduction"),
    )
    survivor = np.where(entitled, paid * (1.0 - reduction), 0.0)
    return round_cents(survivor + ctx.get("pensions_transition_allowance"))


_DEATH = [
    "pensions_survivor_death_year",
    "pensions_survivor_death_month",
    "civil_status",
]
_AMOUNT = [
    "pensions_survivor_career_denominator",
    "pensions_survivor_deceased_revalued_wages",
    "pensions_survivor_deceased_self_employed_income",
]
_REF = [ref("art. 16-17, 21bis-21ter (RD n° 50)", act=LAW_2014, url=_URL)]


def variables() -> list[Variable]:
    return [
        person_month(
            "pensions_survivor_is_transition",
            label(
                "The surviving spouse was below the minimum age at the death",
                "De langstlevende echtgenoot was jonger dan de minimumleeftijd bij het overlijden",
                "Le conjoint survivant n'avait pas l'âge minimum au décès",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=_REF,
            dependencies=[*_DEATH, "birth_year", "birth_month"],
            parameters=[f"{_S}.minimum_age"],
            formula=is_transition_formula,
        ),
        person_month(
            "pensions_survivor_reference_amount",
            label(
                "Survivor pension before the cumulation rules (with the minimum)",
                "Overlevingspensioen vóór de cumulatieregels (met het minimum)",
                "Pension de survie avant les règles de cumul (avec le minimum)",
            ),
            reference=_REF,
            dependencies=[*_AMOUNT, "pensions_survivor_deceased_career_years"],
            parameters=[
                f"{_S}.household_pension_share",
                f"{P}.employee.rate.household",
                f"{P}.employee.full_career_years",
                _MIN,
            ],
            formula=reference_amount_formula,
        ),
        person_month(
            "pensions_transition_allowance",
            label(
                "Transition allowance (young surviving spouse)",
                "Overgangsuitkering (jonge langstlevende echtgenoot)",
                "Allocation de transition (jeune conjoint survivant)",
            ),
            reference=_REF,
            dependencies=[
                *_DEATH,
                *_AMOUNT,
                "pensions_survivor_is_transition",
                "pensions_survivor_reference_amount",
                "pensions_survivor_child_at_death",
                "pensions_survivor_child_under_13_at_death",
            ],
            parameters=[
                _T,
                f"{_S}.household_pension_share",
                f"{P}.employee.rate.household",
            ],
            formula=only_where(_widowed, transition_formula),
        ),
        person_month(
            "survivor_pension",
            label(
                "Survivor pension, including the transition allowance (gross)",
                "Overlevingspensioen, met de overgangsuitkering (bruto)",
                "Pension de survie, y compris l'allocation de transition (brute)",
            ),
            reference=[*_REF, ref("art. 52bis, 64", act="Royal Decree of 21 December 1967")],
            dependencies=[
                *_DEATH,
                "pensions_survivor_is_transition",
                "pensions_survivor_reference_amount",
                "employee_pension",
                "self_employed_pension",
                "pensions_draws_retirement_pension",
                "pensions_retirement_earnings_reduction",
                "pensions_survivor_earnings_reduction",
                "pensions_transition_allowance",
            ],
            parameters=[f"{_S}.cumulation_ceiling"],
            formula=only_where(_widowed, survivor_formula),
        ),
    ]
