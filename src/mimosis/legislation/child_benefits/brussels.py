"""Brussels: the ordinance of 25 April 2019 (Common Community Commission), from 1 January 2020
for every child living in the Brussels-Capital region.

A basic allowance by age (an only child without supplement keeps the lowest amount), 10 EUR
less for children born before 2020 until the end of 2025, orphan supplements, social
supplements by income band, family size, age and single parenthood, the school bonus and the
birth allowance. A family that received more under the federal rules keeps them (acquired
rights, art. 39).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.child_benefits import federal
from mimosis.legislation.child_benefits.common import (
    BRUSSELS,
    BRUSSELS_NEW,
    BRUSSELS_URL,
    FULL_ORPHAN,
    HALF_ORPHAN,
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

BX = f"{P}.brussels"


def _ref(article: str) -> dict[str, str]:
    return ref(article, BRUSSELS, BRUSSELS_URL)


def _in_brussels(ctx: Context) -> BoolArray:
    return np.asarray(
        (ctx.get("child_benefits_scheme") == BRUSSELS_NEW) & ctx.get("child_benefits_is_entitled")
    )


def _cohort(ctx: Context) -> float:
    return ctx.params.number(f"{P}.schemes.brussels_new_amounts_from_birth_year")


def _new_social(ctx: Context) -> FloatArray:
    p = ctx.params
    s = f"{BX}.social_supplement"
    income = household_income(ctx)
    cadastral = ctx.group("household").project(
        ctx.get("child_benefits_cadastral_income", ctx.period.year)
    )
    allowed = cadastral < p.number(f"{BX}.income_ceiling.cadastral_income_limit")
    low = allowed & (income < p.number(f"{BX}.income_ceiling.low"))
    middle = allowed & ~low & (income < p.number(f"{BX}.income_ceiling.middle"))
    count = on_persons(ctx, "child_benefits_children")
    older = ctx.get("child_benefits_age") >= 12
    single = on_persons(ctx, "child_benefits_single_parent")

    def by_age(under: str, over: str) -> FloatArray:
        return np.asarray(np.where(older, p.number(f"{s}.{over}"), p.number(f"{s}.{under}")))

    # art. 9: low income, by number of children, age (0-11, 12-24) and single parenthood
    low_amount = np.select(
        [count == 1, count == 2, count >= 3],
        [
            by_age("one_child_under_12", "one_child_from_12"),
            by_age("two_children_under_12", "two_children_from_12")
            + np.where(single, p.number(f"{s}.single_parent_two_children"), 0.0),
            by_age("three_children_under_12", "three_children_from_12")
            + np.where(single, p.number(f"{s}.single_parent_three_children"), 0.0),
        ],
        0.0,
    )
    middle_amount = np.select(
        [count == 2, count >= 3],
        [p.number(f"{s}.middle_two_children"), p.number(f"{s}.middle_three_children")],
        0.0,
    )
    return round_cents(np.select([low, middle], [low_amount, middle_amount], 0.0))


def _new_basic(ctx: Context, social: FloatArray) -> FloatArray:
    p = ctx.params
    b = f"{BX}.basic_amount"
    age = ctx.get("child_benefits_age")
    orphan = ctx.get("child_benefits_orphan")
    count = on_persons(ctx, "child_benefits_children")
    # art. 7: an only child without supplement keeps the 0-11 amount at any age
    only = (count == 1) & (social <= 0) & (orphan == 0)
    higher = ctx.get("child_benefits_higher_education") & (age >= 18)
    young = np.where(only, p.number(f"{b}.only_child"), p.number(f"{b}.under_12"))
    amount = np.select(
        [only | (age < 12), higher],
        [young, np.full(age.shape, p.number(f"{b}.higher_education"))],
        p.number(f"{b}.from_12"),
    )
    base = round_cents(amount)
    # art. 8: orphan supplement as a share of the basic allowance
    rate = np.select(
        [orphan == HALF_ORPHAN, orphan == FULL_ORPHAN],
        [p.number(f"{b}.half_orphan_rate"), p.number(f"{b}.full_orphan_rate")],
        0.0,
    )
    # art. 35: children born before 2020, until 31 December 2025
    born_before = ctx.get("birth_year") < _cohort(ctx)
    reduction = np.where(born_before, round_cents(p.number(f"{b}.reduction_born_before_2020")), 0.0)
    return base + round_cents(base * rate) - reduction


def _federal(ctx: Context) -> tuple[FloatArray, FloatArray]:
    """The federal (LGAF) basic and social amounts of the child, as art. 39 keeps them."""
    coefficient = ctx.params.number(federal.SOCIAL_BENEFITS)
    single = on_persons(ctx, "child_benefits_single_parent")
    status = on_persons(ctx, "child_benefits_social_status")
    rank = ctx.get("child_benefits_rank")
    social = federal.social(
        ctx,
        coefficient,
        rank,
        status=status,
        single_parent=single,
        income_ok=federal.federal_income_ok(ctx, single),
    )
    orphan = federal.orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
    reduced = (rank == 1) & ~orphan & (social <= 0)
    age = ctx.get("child_benefits_age")
    basic = federal.basic(ctx, coefficient, rank, age=age, orphan=orphan, reduced=reduced)
    return basic, np.where(orphan, 0.0, social)


def acquired_formula(ctx: Context) -> BoolArray:
    # art. 39 (CO PF 1): the LGAF keeps applying to a family of children born before 2020
    # who get more under it than under the ordinance
    g = ctx.group("household")
    brussels = _in_brussels(ctx)
    if not brussels.any():
        return np.zeros(g.n_groups, dtype=bool)
    new_social = _new_social(ctx)
    new_total = g.sum(np.where(brussels, _new_basic(ctx, new_social) + new_social, 0.0))
    old_basic, old_social = _federal(ctx)
    old_total = g.sum(np.where(brussels, old_basic + old_social, 0.0))
    born_after = g.any(brussels & (ctx.get("birth_year") >= _cohort(ctx)))
    applies = ctx.params.flag(f"{BX}.acquired_rights") & g.any(brussels) & ~born_after
    return np.asarray(applies & (old_total > new_total + 0.005))


def social_formula(ctx: Context) -> FloatArray:
    brussels = _in_brussels(ctx)
    acquired = on_persons(ctx, "child_benefits_brussels_acquired_rights")
    return by_scheme(
        ctx,
        (brussels & ~acquired, lambda: _new_social(ctx)),
        (brussels & acquired, lambda: _federal(ctx)[1]),
    )


def basic_formula(ctx: Context) -> FloatArray:
    brussels = _in_brussels(ctx)
    acquired = on_persons(ctx, "child_benefits_brussels_acquired_rights")
    return by_scheme(
        ctx,
        (brussels & ~acquired, lambda: _new_basic(ctx, _new_social(ctx))),
        (brussels & acquired, lambda: _federal(ctx)[0]),
    )


def annual_formula(ctx: Context) -> FloatArray:
    if not federal.is_annual_month(ctx):
        return ctx.zeros()
    p = ctx.params
    age_dec31 = np.maximum(ctx.period.start.year - 1 - ctx.get("birth_year"), 0)
    # art. 12: by age, 80 (at base) for a student in higher education
    higher = ctx.get("child_benefits_higher_education")

    def amount() -> FloatArray:
        by_age = scale_amounts(ctx, f"{BX}.school_bonus.by_age", age_dec31)
        return round_cents(
            np.where(higher, p.number(f"{BX}.school_bonus.higher_education"), by_age)
        )

    def federal_amount() -> FloatArray:
        # art. 39: the LGAF's annual supplement (art. 44ter) for a family with acquired rights
        social = ctx.get("child_benefits_brussels_social")
        single = on_persons(ctx, "child_benefits_single_parent")
        orphan = federal.orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
        return federal.annual(ctx, p.number(federal.SOCIAL_BENEFITS), orphan | (social > 0))

    brussels = _in_brussels(ctx)
    acquired = on_persons(ctx, "child_benefits_brussels_acquired_rights")
    return by_scheme(ctx, (brussels & ~acquired, amount), (brussels & acquired, federal_amount))


def birth_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    first = ctx.get("child_benefits_first_child")

    def amount() -> FloatArray:
        # art. 11: 1,100 for the first child, 500 for the next (at base)
        first_amount = p.number(f"{BX}.birth_allowance.first_child")
        return round_cents(
            np.where(first, first_amount, p.number(f"{BX}.birth_allowance.other_child"))
        )

    brussels = ctx.get("child_benefits_scheme") == BRUSSELS_NEW
    return by_scheme(ctx, (brussels & federal.born_this_month(ctx), amount))


_PARAMS = [BX, f"{P}.schemes", f"{P}.federal", f"{P}.eligibility", federal.SOCIAL_BENEFITS]
_COMMON = [
    "child_benefits_scheme",
    "child_benefits_is_entitled",
    "child_benefits_single_parent",
    "child_benefits_orphan",
    "child_benefits_children",
    "child_benefits_age",
    "child_benefits_higher_education",
    "birth_year",
    "birth_month",
]
_AMOUNTS = [
    *_COMMON,
    "child_benefits_rank",
    "child_benefits_social_status",
    dep("child_benefits_household_income", at="year"),
    dep("child_benefits_cadastral_income", at="year"),
]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_brussels_acquired_rights",
            label(
                "Brussels family keeping the federal (LGAF) amounts (acquired rights)",
                "Brussels gezin dat de federale bedragen (AKBW) behoudt (verworven rechten)",
                "Famille bruxelloise qui garde les montants fédéraux (LGAF) (droits acquis)",
            ),
            entity="household",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[_ref("art. 39")],
            dependencies=_AMOUNTS,
            parameters=_PARAMS,
            formula=for_schemes(BRUSSELS_NEW)(acquired_formula),
        ),
        person_month(
            "child_benefits_brussels_social",
            label(
                "Brussels social supplement",
                "Brusselse sociale toeslag",
                "Supplément social bruxellois",
            ),
            reference=[_ref("art. 9, 39")],
            dependencies=[*_AMOUNTS, "child_benefits_brussels_acquired_rights"],
            parameters=_PARAMS,
            formula=for_schemes(BRUSSELS_NEW)(social_formula),
        ),
        person_month(
            "child_benefits_brussels_basic",
            label(
                "Brussels basic allowance and orphan supplement",
                "Brusselse basisbijslag en wezentoeslag",
                "Allocation de base bruxelloise et supplément d'orphelin",
            ),
            reference=[_ref("art. 7, 8, 35, 39")],
            dependencies=[*_AMOUNTS, "child_benefits_brussels_acquired_rights"],
            parameters=_PARAMS,
            formula=for_schemes(BRUSSELS_NEW)(basic_formula),
        ),
        person_month(
            "child_benefits_brussels_annual",
            label(
                "Brussels annual age supplement (school bonus)",
                "Brusselse jaarlijkse leeftijdstoeslag (schoolpremie)",
                "Supplément d'âge annuel bruxellois (prime de rentrée)",
            ),
            reference=[_ref("art. 12, 39")],
            dependencies=[
                *_COMMON,
                "child_benefits_brussels_acquired_rights",
                "child_benefits_brussels_social",
            ],
            parameters=_PARAMS,
            formula=for_schemes(BRUSSELS_NEW)(annual_formula),
        ),
        person_month(
            "child_benefits_brussels_birth",
            label(
                "Brussels birth or adoption allowance",
                "Brussels kraamgeld of adoptiepremie",
                "Allocation de naissance ou prime d'adoption bruxelloise",
            ),
            reference=[_ref("art. 11")],
            dependencies=[*_COMMON, "child_benefits_first_child"],
            parameters=_PARAMS,
            formula=for_schemes(BRUSSELS_NEW)(birth_formula),
        ),
    ]
