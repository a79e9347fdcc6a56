"""The incomes the means tests of the disability allowances count (yearly amounts).

The allowances count taxable income (Law art. 7; RD 6/7/1987 art. 8): the reference year is
the second year before the right (or a later year when the income changed); here the income
of the current calendar year is used (README: "Simplifications"). Earned income is the gross
wage less personal social contributions plus the net business income; professional expenses
are not deducted (an input may override the variable).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.disability.common import (
    RD,
    RD_URL,
    FloatArray,
    label,
    partner_values,
    person_variable,
    ref,
)

_REF = [
    ref("art. 7 §1-2 (income of the person and of the household partner)"),
    ref("art. 8 (taxable income)", RD, RD_URL),
]


def earned_income_formula(ctx: Context) -> FloatArray:
    # RD art. 8: income from work actually performed (wages after personal contributions,
    # business income), summed over the year
    wages = ctx.get("employee_gross_wage") - ctx.get("employee_social_contributions")
    return np.asarray(np.maximum(wages, 0.0) + ctx.get("self_employed_net_income"), np.float64)


def replacement_income_formula(ctx: Context) -> FloatArray:
    # RD art. 8: taxable replacement incomes (pensions, unemployment, sickness, invalidity,
    # maternity, work-accident and occupational-disease benefits ...: the spine's aggregate)
    return np.asarray(ctx.get("taxable_replacement_income"), dtype=np.float64)


def partner_income_formula(ctx: Context) -> FloatArray:
    # Law art. 7 §1: the income of the person with whom the disabled person forms a household
    own = (
        ctx.get("disability_earned_income")
        + ctx.get("disability_replacement_income")
        + ctx.get("disability_other_income")
    )
    partner, has_partner = partner_values(ctx, own)
    return np.asarray(np.where(has_partner, partner, 0.0), dtype=np.float64)


def variables() -> list[Variable]:
    return [
        person_variable(
            "disability_earned_income",
            label(
                "Earned income counted by the disability allowances",
                "Arbeidsinkomen aangerekend voor de tegemoetkomingen",
                "Revenus du travail pris en compte pour les allocations",
            ),
            period="year",
            reference=_REF,
            dependencies=[
                "employee_gross_wage",
                "employee_social_contributions",
                "self_employed_net_income",
            ],
            formula=earned_income_formula,
        ),
        person_variable(
            "disability_replacement_income",
            label(
                "Replacement income counted by the disability allowances",
                "Vervangingsinkomen aangerekend voor de tegemoetkomingen",
                "Revenus de remplacement pris en compte pour les allocations",
            ),
            period="year",
            reference=_REF,
            dependencies=["taxable_replacement_income"],
            formula=replacement_income_formula,
        ),
        person_variable(
            "disability_partner_income",
            label(
                "Income of the household partner",
                "Inkomen van de partner",
                "Revenus du partenaire",
            ),
            period="year",
            reference=_REF,
            dependencies=[
                "disability_earned_income",
                "disability_replacement_income",
                "disability_other_income",
            ],
            formula=partner_income_formula,
        ),
    ]
