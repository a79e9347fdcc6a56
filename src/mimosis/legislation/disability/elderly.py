"""The allowance for assistance to the elderly (tegemoetkoming voor hulp aan bejaarden /
allocation pour l'aide aux personnes âgées, THAB/APA), federal rules of the RD of 5 March 1990.

From 65 (Law art. 2 §3) with at least 7 self-reliance points; categories as the IT. The
income of the person and of their household partner counts above an exempt amount (art. 4
§1). Transferred to the communities by the sixth state reform (Flanders' zorgbudget voor
ouderen met een zorgnood from 1/1/2017, Wallonia and Brussels from 1/1/2021, the German-
speaking Community from 1/1/2023); the federal rules are kept for every region (README).
A person whose IVT/IT right opened before 65 keeps it instead.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.disability.common import (
    RD_ELDERLY,
    RD_ELDERLY_URL,
    FloatArray,
    label,
    monthly,
    partner_values,
    person_variable,
    ref,
)

_P = "disability"
_EXEMPT = f"{_P}.elderly.exemptions"


def allowance_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    year = ctx.period.year
    points = ctx.get("disability_self_reliance_points")
    own = (
        ctx.get("disability_earned_income", year)
        + ctx.get("disability_replacement_income", year)
        + ctx.get("disability_other_income", year)
    )
    _, has_partner = partner_values(ctx, own)
    # RD 5/3/1990 art. 4 §1: the income of the person and of the household partner above the
    # exempt amount (higher for a household)
    income = own + ctx.get("disability_partner_income", year)
    exempt = np.where(has_partner, p.number(f"{_EXEMPT}.household"), p.number(f"{_EXEMPT}.single"))
    counted = np.maximum(income - exempt, 0.0)
    # art. 2-3: the amount of the category of the points
    amount = p.scale(f"{_P}.elderly.amount").calc(points)
    yearly = np.maximum(amount - counted, 0.0)
    # Law art. 2 §3: from 65, at least 7 points; not with an IVT/IT right opened before 65
    eligible = (
        (ctx.get("age") >= p.number(f"{_P}.eligibility.elderly_minimum_age"))
        & (points >= p.number(f"{_P}.eligibility.minimum_points"))
        & ~ctx.get("disability_entitled_before_65")
    )
    return np.where(eligible, monthly(yearly), 0.0)


def variables() -> list[Variable]:
    return [
        person_variable(
            "disability_assistance_elderly",
            label(
                "Allowance for assistance to the elderly (THAB/APA)",
                "Tegemoetkoming voor hulp aan bejaarden",
                "Allocation pour l'aide aux personnes âgées",
            ),
            reference=[
                ref("art. 2 §3, art. 6 §3"),
                ref("art. 2-4", RD_ELDERLY, RD_ELDERLY_URL),
            ],
            dependencies=[
                "disability_self_reliance_points",
                dep("disability_earned_income", at="year"),
                dep("disability_replacement_income", at="year"),
                dep("disability_other_income", at="year"),
                dep("disability_partner_income", at="year"),
                "disability_entitled_before_65",
                "age",
            ],
            parameters=[_EXEMPT, f"{_P}.elderly.amount", f"{_P}.eligibility"],
            formula=allowance_formula,
        ),
    ]
