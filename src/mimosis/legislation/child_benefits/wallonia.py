"""Wallonia: the decree of 8 February 2018, in force on 1 January 2019.

Children born before 2020 keep the federal amounts (rank, age supplements, annual supplement,
indexed with the pivot index), but since 2019 their social supplement depends only on the
household income (no longer on the parent's status), and an orphan keeps the orphan rate when
the surviving parent lives as a couple. Children born from 2020 get a flat basic allowance by
age and social supplements by income, family size, single parenthood and incapacity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.child_benefits import federal
from mimosis.legislation.child_benefits.common import (
    FULL_ORPHAN,
    HALF_ORPHAN,
    INVALID,
    LONG_TERM_UNEMPLOYED,
    WALLONIA,
    WALLONIA_NEW,
    WALLONIA_TRANSITION,
    WALLONIA_URL,
    BoolArray,
    FloatArray,
    P,
    by_scheme,
    for_schemes,
    household_income,
    label,
    on_persons,
    person_month,
    ref,
    round_cents,
    scale_amounts,
)

WA = f"{P}.wallonia"


def _ref(article: str) -> dict[str, str]:
    return ref(article, WALLONIA, WALLONIA_URL)


def _scheme(ctx: Context, code: int) -> BoolArray:
    return np.asarray(ctx.get("child_benefits_scheme") == code)


def _orphan(ctx: Context) -> BoolArray:
    # since 2019 the orphan rate stays when the surviving parent lives as a couple
    single = on_persons(ctx, "child_benefits_single_parent")
    return federal.orphan_rate_applies(ctx.get("child_benefits_orphan"), single, any_half=True)


def _parts(ctx: Context, new: Callable[[], Any], old: Callable[[], Any]) -> FloatArray:
    entitled = ctx.get("child_benefits_is_entitled")
    return by_scheme(
        ctx,
        (entitled & _scheme(ctx, WALLONIA_NEW), new),
        (entitled & _scheme(ctx, WALLONIA_TRANSITION), old),
    )


def _new_social(ctx: Context) -> FloatArray:
    p = ctx.params
    s = f"{WA}.social_supplement"
    income = household_income(ctx)
    low = income < p.number(f"{WA}.income_ceiling.low")
    middle = ~low & (income < p.number(f"{WA}.income_ceiling.middle"))
    single = on_persons(ctx, "child_benefits_single_parent")
    incapacity = on_persons(ctx, "child_benefits_parent_incapacity")
    large = on_persons(ctx, "child_benefits_children") >= 3

    def part(name: str, mask: Any) -> FloatArray:
        return np.asarray(np.where(mask, round_cents(p.number(f"{s}.{name}")), 0.0))

    # art. 12-14: income band, plus large family, single parent, a parent's incapacity (art. 13 §2,
    # low band only)
    low_amount = (
        part("low_income", True)
        + part("large_family_low", large)
        + part("single_parent_low", single)
        + part("incapacity", incapacity)
    )
    middle_amount = (
        part("middle_income", True)
        + part("large_family_middle", large)
        + part("single_parent_middle", single)
    )
    return np.asarray(np.select([low, middle], [low_amount, middle_amount], 0.0))


def _transition_social(ctx: Context) -> FloatArray:
    p = ctx.params
    # children born before 2020: the federal rank amounts, on income only since 2019 (the
    # invalid's rate for the first rank when a parent has lost earning capacity)
    low = household_income(ctx) < p.number(f"{WA}.income_ceiling.low")
    incapacity = on_persons(ctx, "child_benefits_parent_incapacity")
    status = np.where(incapacity, INVALID, LONG_TERM_UNEMPLOYED)
    single = on_persons(ctx, "child_benefits_single_parent")
    rank = ctx.get("child_benefits_rank")
    coefficient = p.number(federal.SOCIAL_BENEFITS)
    amount = federal.social(
        ctx, coefficient, rank, status=status, single_parent=single, income_ok=low
    )
    return np.where(_orphan(ctx), 0.0, amount)  # not beside the orphan rate of art. 50bis


def social_formula(ctx: Context) -> FloatArray:
    return _parts(ctx, lambda: _new_social(ctx), lambda: _transition_social(ctx))


def _new_basic(ctx: Context) -> FloatArray:
    p = ctx.params
    b = f"{WA}.basic_amount"
    # art. 9-10: basic allowance by age; half orphans +50 %, full orphans the orphan amount
    adult = ctx.get("child_benefits_age") >= 18
    base = round_cents(np.where(adult, p.number(f"{b}.from_18"), p.number(f"{b}.under_18")))
    orphan = ctx.get("child_benefits_orphan")
    half = np.where(
        orphan == HALF_ORPHAN, round_cents(base * p.number(f"{b}.half_orphan_rate")), 0.0
    )
    return np.asarray(
        np.where(orphan == FULL_ORPHAN, round_cents(p.number(f"{b}.full_orphan")), base + half)
    )


def _transition_basic(ctx: Context) -> FloatArray:
    p = ctx.params
    # children born before 2020: AKBW art. 40, 44, 50bis with the pivot-index coefficient
    rank = ctx.get("child_benefits_rank")
    is_orphan = _orphan(ctx)
    reduced = (rank == 1) & ~is_orphan & (ctx.get("child_benefits_wallonia_social") <= 0)
    age = ctx.get("child_benefits_age")
    coefficient = p.number(federal.SOCIAL_BENEFITS)
    return federal.basic(ctx, coefficient, rank, age=age, orphan=is_orphan, reduced=reduced)


def basic_formula(ctx: Context) -> FloatArray:
    return _parts(ctx, lambda: _new_basic(ctx), lambda: _transition_basic(ctx))


def annual_formula(ctx: Context) -> FloatArray:
    if not federal.is_annual_month(ctx):
        return ctx.zeros()
    p = ctx.params
    age_dec31 = np.maximum(ctx.period.start.year - 1 - ctx.get("birth_year"), 0)
    higher = _orphan(ctx) | (ctx.get("child_benefits_wallonia_social") > 0)
    # art. 15 for the children born from 2020; AKBW art. 44ter for the older children
    return _parts(
        ctx,
        lambda: round_cents(scale_amounts(ctx, f"{WA}.school_bonus", age_dec31)),
        lambda: federal.annual(ctx, p.number(federal.SOCIAL_BENEFITS), higher),
    )


def birth_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    born = federal.born_this_month(ctx)
    # art. 7: one birth premium for every child born from 2020; AKBW art. 73bis in 2019
    return by_scheme(
        ctx,
        (born & _scheme(ctx, WALLONIA_NEW), lambda: round_cents(p.number(f"{WA}.birth_allowance"))),
        (
            born & _scheme(ctx, WALLONIA_TRANSITION),
            lambda: federal.birth_allowance(ctx, p.number(federal.SOCIAL_BENEFITS)),
        ),
    )


_PARAMS = [WA, f"{P}.federal", f"{P}.eligibility", federal.SOCIAL_BENEFITS]
_COMMON = [
    "child_benefits_scheme",
    "child_benefits_is_entitled",
    "child_benefits_single_parent",
    "child_benefits_orphan",
    "child_benefits_rank",
    "birth_year",
    "birth_month",
]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_wallonia_social",
            label(
                "Walloon social supplements (income, large family, single parent, incapacity)",
                "Waalse sociale toeslagen (inkomen, groot gezin, "
                "eenoudergezin, arbeidsongeschiktheid)",
                "Suppléments sociaux wallons (revenus, famille "
                "nombreuse, monoparentale, incapacité)",
            ),
            reference=[_ref("art. 12-14"), ref("art. 42bis, 50ter (children born before 2020)")],
            dependencies=[
                *_COMMON,
                "child_benefits_children",
                "child_benefits_parent_incapacity",
                dep("child_benefits_household_income", at="year"),
            ],
            parameters=_PARAMS,
            formula=for_schemes(WALLONIA_NEW, WALLONIA_TRANSITION)(social_formula),
        ),
        person_month(
            "child_benefits_wallonia_basic",
            label(
                "Walloon basic allowance and orphan supplement (federal rank and age amounts for "
                "children born before 2020)",
                "Waalse basisbijslag en wezentoeslag (federale rang- en leeftijdsbedragen voor "
                "kinderen geboren vóór 2020)",
                "Allocation de base wallonne et supplément d'orphelin (montants fédéraux de rang "
                "et d'âge pour les enfants nés avant 2020)",
            ),
            reference=[_ref("art. 9-10"), ref("art. 40, 44, 50bis (children born before 2020)")],
            dependencies=[*_COMMON, "child_benefits_age", "child_benefits_wallonia_social"],
            parameters=_PARAMS,
            formula=for_schemes(WALLONIA_NEW, WALLONIA_TRANSITION)(basic_formula),
        ),
        person_month(
            "child_benefits_wallonia_annual",
            label(
                "Walloon annual age supplement (school bonus)",
                "Waalse jaarlijkse leeftijdsbijslag (schoolpremie)",
                "Supplément d'âge annuel wallon (prime de rentrée)",
            ),
            reference=[_ref("art. 15"), ref("art. 44ter (children born before 2020)")],
            dependencies=[*_COMMON, "child_benefits_wallonia_social"],
            parameters=_PARAMS,
            formula=for_schemes(WALLONIA_NEW, WALLONIA_TRANSITION)(annual_formula),
        ),
        person_month(
            "child_benefits_wallonia_birth",
            label(
                "Walloon birth or adoption premium",
                "Waalse geboorte- of adoptiepremie",
                "Prime de naissance ou d'adoption wallonne",
            ),
            reference=[_ref("art. 7"), ref("art. 73bis (births of 2019)")],
            dependencies=[*_COMMON, "child_benefits_first_child"],
            parameters=_PARAMS,
            formula=for_schemes(WALLONIA_NEW, WALLONIA_TRANSITION)(birth_formula),
        ),
    ]
