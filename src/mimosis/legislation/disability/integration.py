"""The integration allowance (integratietegemoetkoming / allocation d'intégration, IT/AI).

Category by self-reliance points (Ministerial Decree 30/7/1987): 1: 7-8, 2: 9-11, 3: 12-14,
4: 15-16, 5: 17-18. Means test (RD 6/7/1987 art. 9ter): the disabled person's income after
the work and replacement-income exemptions is deducted from the amount (the category
exemption of art. 9ter §6, 5° is not applied, README); three versions:

- until 31/12/2020: plus the household partner's income above the partner exemption;
- from 1/1/2021: the partner's income no longer counts (RD 2/3/2021, 'price of love');
- from 1/10/2021: earnings count only above 63,000 EUR a year, in full, and the first 3,780
  EUR of replacement income are exempt (RD 1/2/2022, 'price of work').
"""

from __future__ import annotations

from datetime import date

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.disability.common import (
    RD,
    RD_URL,
    FloatArray,
    label,
    monthly,
    person_variable,
    ref,
)
from mimosis.legislation.disability.income_replacement import age_condition

_P = "disability"
_EXEMPT = f"{_P}.integration.exemptions"
_PRICE_OF_LOVE = "https://handicap.belgium.be/nl/news/270121-prijs-liefde.htm"
_PRICE_OF_WORK = (
    "https://www.socialsecurity.be/citizen/nl/nieuws/berekening-integratietegemoetkoming-gunstiger"
)


def _yearly(ctx: Context, name: str) -> FloatArray:
    return np.asarray(ctx.get(name, ctx.period.year), dtype=np.float64)


def _own_income_before_2021_10(ctx: Context) -> FloatArray:
    p = ctx.params
    earned = _yearly(ctx, "disability_earned_income")
    replacement = _yearly(ctx, "disability_replacement_income")
    # RD art. 9ter: earnings above the work abatement counted at 50 %
    abatement = np.minimum(earned, p.number(f"{_EXEMPT}.work_before_2021_10"))
    work = p.number(f"{_EXEMPT}.work_rate_before_2021_10") * (earned - abatement)
    # RD art. 9ter: replacement income above its exemption, which shrinks by the work
    # abatement above the work-only bound (both together at most the work abatement cap)
    excess = np.maximum(abatement - p.number(f"{_EXEMPT}.work_only_before_2021_10"), 0.0)
    repl_exempt = np.maximum(p.number(f"{_EXEMPT}.replacement_before_2021_10") - excess, 0.0)
    repl = np.maximum(replacement - repl_exempt, 0.0)
    return np.asarray(work + repl + _yearly(ctx, "disability_other_income"), dtype=np.float64)


def _own_income_from_2021_10(ctx: Context) -> FloatArray:
    p = ctx.params
    earned = _yearly(ctx, "disability_earned_income")
    replacement = _yearly(ctx, "disability_replacement_income")
    # RD 1/2/2022: earnings above 63,000 EUR a year counted in full
    work = np.maximum(earned - p.number(f"{_EXEMPT}.work"), 0.0)
    # RD 1/2/2022: the first 3,780 EUR of replacement income exempt
    repl = np.maximum(replacement - p.number(f"{_EXEMPT}.replacement"), 0.0)
    return np.asarray(work + repl + _yearly(ctx, "disability_other_income"), dtype=np.float64)


def counted_until_2020(ctx: Context) -> FloatArray:
    own = _own_income_before_2021_10(ctx)
    # RD art. 9ter ('price of love'): the partner's income above the partner exemption
    partner = _yearly(ctx, "disability_partner_income")
    counted_partner = np.maximum(partner - ctx.params.number(f"{_EXEMPT}.partner"), 0.0)
    return np.asarray((own + counted_partner) / 12.0, dtype=np.float64)


def counted_2021(ctx: Context) -> FloatArray:
    # RD 2/3/2021: from 1/1/2021 the partner's income no longer counts
    own = _own_income_before_2021_10(ctx)
    return np.asarray(own / 12.0, dtype=np.float64)


def counted_from_2021_10(ctx: Context) -> FloatArray:
    own = _own_income_from_2021_10(ctx)
    return np.asarray(own / 12.0, dtype=np.float64)


def allowance_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    points = ctx.get("disability_self_reliance_points")
    # Law art. 6 §2: the amount of the category of the points (0 below 7 points)
    amount = p.scale(f"{_P}.integration.amount").calc(points)
    yearly = np.maximum(amount - 12.0 * ctx.get("disability_it_counted_income"), 0.0)
    # Law art. 2 §2: at least 7 points, age
    eligible = (points >= p.number(f"{_P}.eligibility.minimum_points")) & age_condition(ctx)
    return np.where(eligible, monthly(yearly), 0.0)


_INCOMES = [
    dep("disability_earned_income", at="year"),
    dep("disability_replacement_income", at="year"),
    dep("disability_other_income", at="year"),
    dep("disability_partner_income", at="year"),
]


def variables() -> list[Variable]:
    return [
        person_variable(
            "disability_it_counted_income",
            label(
                "Income counted for the IT (yearly income after exemptions, per month)",
                "Aangerekend inkomen IT (jaarinkomen na vrijstellingen, per maand)",
                "Revenus pris en compte pour l'AI (revenu annuel immunisé, par mois)",
            ),
            reference=[
                ref("art. 9ter", RD, RD_URL),
                ref("RD 2/3/2021 (partner income)", "DG HAN", _PRICE_OF_LOVE),
                ref(
                    "RD 1/2/2022 (earnings, replacement income)",
                    "FPS Social Security",
                    _PRICE_OF_WORK,
                ),
            ],
            dependencies=_INCOMES,
            parameters=[_EXEMPT],
            formulas={
                date(2015, 1, 1): counted_until_2020,
                date(2021, 1, 1): counted_2021,
                date(2021, 10, 1): counted_from_2021_10,
            },
        ),
        person_variable(
            "disability_integration_allowance",
            label(
                "Integration allowance (IT/AI)",
                "Integratietegemoetkoming",
                "Allocation d'intégration",
            ),
            reference=[ref("art. 2 §2, art. 6 §2, art. 7")],
            dependencies=[
                "disability_self_reliance_points",
                "disability_it_counted_income",
                "disability_entitled_before_65",
                "age",
            ],
            parameters=[f"{_P}.integration.amount", f"{_P}.eligibility"],
            formula=allowance_formula,
        ),
    ]
