"""The income replacement allowance (inkomensvervangende tegemoetkoming / allocation de
remplacement de revenus, IVT/ARR) and the family category (RD 6/7/1987 art. 4).

Category C: the person forms a household (lives with a partner or another non-relative) or
has a dependent child; B: lives alone; A: every other situation (living with relatives).
Two partners who both have a reduced earning capacity are each in category B (DG HAN).
Amount (Law art. 6-7): the yearly category amount minus the income counted after the
exemptions of RD art. 9bis, paid monthly (one twelfth).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.disability.common import (
    CAT_A,
    CAT_B,
    CAT_C,
    CATEGORIES,
    DG_HAN_CATEGORY,
    RD,
    RD_URL,
    BoolArray,
    FloatArray,
    by_category,
    category_amounts,
    label,
    monthly,
    partner_values,
    person_variable,
    ref,
)

_P = "disability"
_EXEMPT = f"{_P}.income_replacement.exemptions"
_ELIG = f"{_P}.eligibility"
_AMOUNTS_URL = "https://handicap.belgium.be/fr/news/221222-arr.htm"


def age_condition(ctx: Context) -> BoolArray:
    """Law art. 2 §1-2: from the minimum age; applied for before 65 (a right opened before
    65 is kept)."""
    p = ctx.params
    age = ctx.get("age")
    adult = age >= p.number(f"{_ELIG}.minimum_age")
    before_limit = age < p.number(f"{_ELIG}.application_age_limit")
    return np.asarray(adult & (before_limit | ctx.get("disability_entitled_before_65")))


def category_formula(ctx: Context) -> np.ndarray:
    family = ctx.group("family_unit")
    household = ctx.group("household")
    capacity = ctx.get("disability_reduced_earning_capacity")
    partner_capacity, has_partner = partner_values(ctx, capacity)
    # RD art. 4: a dependent child of the person (the family unit's children)
    parent = ~family.has_role("child")
    with_child = parent & family.project(family.nb_persons("child") > 0)
    forms_household = has_partner | ctx.get("disability_lives_with_non_relative")
    lives_alone = household.project(household.nb_persons()) == 1
    # DG HAN: two partners who both claim the IVT are each in category B
    both_disabled = has_partner & capacity & partner_capacity.astype(bool)
    return np.select(
        [both_disabled, forms_household | with_child, lives_alone],
        [CAT_B, CAT_C, CAT_B],
        default=CAT_A,
    ).astype(np.int16)


def work_exemption(ctx: Context, earned: FloatArray) -> FloatArray:
    """RD art. 9bis, 2°: 50 % of the earnings up to the first bound, 25 % between the two."""
    p = ctx.params
    t1 = p.number(f"{_EXEMPT}.work_tranche_1")
    t2 = p.number(f"{_EXEMPT}.work_tranche_2")
    first = np.clip(earned, 0.0, t1)
    second = np.clip(earned - t1, 0.0, t2 - t1)
    return np.asarray(
        p.number(f"{_EXEMPT}.work_rate_1") * first + p.number(f"{_EXEMPT}.work_rate_2") * second,
        dtype=np.float64,
    )


def counted_income_formula(ctx: Context) -> FloatArray:
    """The yearly income counted (exemptions in force in the month), per month."""
    p = ctx.params
    year = ctx.period.year
    earned = ctx.get("disability_earned_income", year)
    other = ctx.get("disability_replacement_income", year) + ctx.get(
        "disability_other_income", year
    )
    cat_a, _, _ = category_amounts(ctx)
    # RD art. 9bis, 2°: own earnings after the exemption in tranches
    counted_work = np.maximum(earned - work_exemption(ctx, earned), 0.0)
    # RD art. 9bis, 3°: other incomes above the other-income exemption
    counted_other = np.maximum(other - p.number(f"{_EXEMPT}.other_income"), 0.0)
    # RD art. 9bis, 1°: the partner's income above half the category A amount
    partner_exemption = p.number(f"{_EXEMPT}.partner_share_of_category_a") * cat_a
    partner = ctx.get("disability_partner_income", year)
    counted_partner = np.maximum(partner - partner_exemption, 0.0)
    return np.asarray((counted_work + counted_other + counted_partner) / 12.0, dtype=np.float64)


def allowance_formula(ctx: Context) -> FloatArray:
    category = ctx.get("disability_ivt_category")
    amount = by_category(category, *category_amounts(ctx))
    # Law art. 7 §2: the allowance is reduced by the income counted (a yearly computation)
    counted = 12.0 * ctx.get("disability_ivt_counted_income")
    yearly = np.maximum(amount - counted, 0.0)
    # Law art. 2 §1: reduced earning capacity and age
    eligible = ctx.get("disability_reduced_earning_capacity") & age_condition(ctx)
    return np.where(eligible, monthly(yearly), 0.0)


def variables() -> list[Variable]:
    return [
        person_variable(
            "disability_ivt_category",
            label("IVT family category", "Gezinscategorie IVT", "Catégorie familiale ARR"),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=CATEGORIES,
            reference=[
                ref("art. 4", RD, RD_URL),
                ref("family categories", "DG HAN", DG_HAN_CATEGORY),
            ],
            dependencies=[
                "disability_reduced_earning_capacity",
                "disability_lives_with_non_relative",
            ],
            formula=category_formula,
        ),
        person_variable(
            "disability_ivt_counted_income",
            label(
                "Income counted for the IVT (yearly income after exemptions, per month)",
                "Aangerekend inkomen IVT (jaarinkomen na vrijstellingen, per maand)",
                "Revenus pris en compte pour l'ARR (revenu annuel immunisé, par mois)",
            ),
            reference=[ref("art. 7"), ref("art. 9bis", RD, RD_URL)],
            dependencies=[
                dep("disability_earned_income", at="year"),
                dep("disability_replacement_income", at="year"),
                dep("disability_other_income", at="year"),
                dep("disability_partner_income", at="year"),
            ],
            parameters=[_EXEMPT, f"{_P}.income_replacement.amount"],
            formula=counted_income_formula,
        ),
        person_variable(
            "disability_income_replacement_allowance",
            label(
                "Income replacement allowance (IVT/ARR)",
                "Inkomensvervangende tegemoetkoming",
                "Allocation de remplacement de revenus",
            ),
            reference=[
                ref("art. 2 §1, art. 6 §1, art. 7"),
                ref("amounts", "DG HAN", _AMOUNTS_URL),
            ],
            dependencies=[
                "disability_ivt_category",
                "disability_ivt_counted_income",
                "disability_reduced_earning_capacity",
                "disability_entitled_before_65",
                "age",
            ],
            parameters=[f"{_P}.income_replacement.amount", _ELIG],
            formula=allowance_formula,
        ),
    ]
