"""The German-speaking Community: the Dekret of 23 April 2018 on family benefits, from
1 January 2019 for every child living in the nine German-speaking municipalities.

A flat basic amount per child, a supplement for the third and each further child, a social
supplement, an annual supplement with the July allowance and a birth premium, adjusted each
July. A family that got more in December 2018 keeps that amount, frozen, until the new amount
is higher or the number of entitled children changes.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.child_benefits import federal
from mimosis.legislation.child_benefits.common import (
    GERMAN,
    GERMAN_SPEAKING,
    GERMAN_URL,
    BoolArray,
    FloatArray,
    P,
    by_scheme,
    december_entitlement,
    for_scheme_households,
    label,
    month_index,
    on_persons,
    person_month,
    rank_in_household,
    ref,
    round_cents,
)

DG = f"{P}.german_speaking"


def _ref(article: str) -> dict[str, str]:
    return ref(article, GERMAN, GERMAN_URL)


def _in_dg(ctx: Context) -> BoolArray:
    return np.asarray(
        (ctx.get("child_benefits_scheme") == GERMAN_SPEAKING)
        & ctx.get("child_benefits_is_entitled")
    )


def _new_social(ctx: Context) -> FloatArray:
    entitled = on_persons(ctx, "child_benefits_german_social_supplement_entitled")
    return np.where(entitled, round_cents(ctx.params.number(f"{DG}.social_supplement")), 0.0)


def _new_basic(ctx: Context) -> FloatArray:
    p = ctx.params
    # basic amount for every child, and the large-family supplement from the third child
    third = ctx.get("child_benefits_rank") >= 3
    return round_cents(p.number(f"{DG}.basic_amount")) + np.where(
        third, round_cents(p.number(f"{DG}.large_family_supplement")), 0.0
    )


def _frozen(ctx: Context) -> tuple[FloatArray, FloatArray, BoolArray]:
    """The federal basic and social amounts of December 2018 (not indexed since), and the
    children who were entitled then."""
    p = ctx.params
    year = int(p.number(f"{P}.schemes.german_speaking_frozen_amount_december_of_year"))
    then, age = december_entitlement(ctx, year)
    birth = month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    rank = rank_in_household(ctx, then, birth, youngest_first=False)
    coefficient = p.number(f"{DG}.frozen_coefficient")
    single = on_persons(ctx, "child_benefits_single_parent")
    status = on_persons(ctx, "child_benefits_social_status")
    social = federal.social(
        ctx,
        coefficient,
        rank,
        status=status,
        single_parent=single,
        income_ok=federal.federal_income_ok(ctx, single),
    )
    orphan = federal.orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
    social = np.where(orphan, 0.0, social)
    reduced = (rank == 1) & ~orphan & (social <= 0)
    basic = federal.basic(ctx, coefficient, rank, age=age, orphan=orphan, reduced=reduced)
    return np.where(then, basic, 0.0), np.where(then, social, 0.0), then


def frozen_formula(ctx: Context) -> BoolArray:
    # transitional provision: the December 2018 amount while it is higher and the number of
    # entitled children has not changed
    g = ctx.group("household")
    dg = _in_dg(ctx)
    if not dg.any():
        return np.zeros(g.n_groups, dtype=bool)
    basic, social, then = _frozen(ctx)
    same_children = g.all(~dg | then) & (g.count(dg) == g.count(then))
    new_total = g.sum(np.where(dg, _new_basic(ctx) + _new_social(ctx), 0.0))
    old_total = g.sum(np.where(dg, basic + social, 0.0))
    return np.asarray(g.any(dg) & same_children & (old_total > new_total + 0.005))


def social_formula(ctx: Context) -> FloatArray:
    dg = _in_dg(ctx)
    frozen = on_persons(ctx, "child_benefits_german_speaking_frozen")
    return by_scheme(
        ctx, (dg & ~frozen, lambda: _new_social(ctx)), (dg & frozen, lambda: _frozen(ctx)[1])
    )


def basic_formula(ctx: Context) -> FloatArray:
    dg = _in_dg(ctx)
    frozen = on_persons(ctx, "child_benefits_german_speaking_frozen")
    return by_scheme(
        ctx, (dg & ~frozen, lambda: _new_basic(ctx)), (dg & frozen, lambda: _frozen(ctx)[0])
    )


def annual_formula(ctx: Context) -> FloatArray:
    # annual supplement with the July allowance (replaces the school premium)
    if not federal.is_annual_month(ctx):
        return ctx.zeros()
    return by_scheme(
        ctx, (_in_dg(ctx), lambda: round_cents(ctx.params.number(f"{DG}.annual_supplement")))
    )


def birth_formula(ctx: Context) -> FloatArray:
    dg = ctx.get("child_benefits_scheme") == GERMAN_SPEAKING
    return by_scheme(
        ctx,
        (
            dg & federal.born_this_month(ctx),
            lambda: round_cents(ctx.params.number(f"{DG}.birth_allowance")),
        ),
    )


_PARAMS = [DG, f"{P}.schemes", f"{P}.federal", f"{P}.eligibility"]
_COMMON = ["child_benefits_scheme", "child_benefits_is_entitled", "birth_year", "birth_month"]
_AMOUNTS = [
    *_COMMON,
    "child_benefits_rank",
    "child_benefits_single_parent",
    "child_benefits_social_status",
    "child_benefits_orphan",
    "child_benefits_german_social_supplement_entitled",
    dep("child_benefits_household_income", at="year"),
]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_german_speaking_frozen",
            label(
                "Family keeping its frozen December 2018 amount (German-speaking Community)",
                "Gezin dat zijn bevroren bedrag van december 2018 "
                "behoudt (Duitstalige Gemeenschap)",
                "Famille qui garde son montant gelé de décembre 2018 (Communauté germanophone)",
            ),
            entity="household",
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[_ref("transitional provision (festgehaltener Betrag)")],
            dependencies=_AMOUNTS,
            parameters=_PARAMS,
            formula=for_scheme_households(GERMAN_SPEAKING)(frozen_formula),
        ),
        person_month(
            "child_benefits_german_speaking_social",
            label(
                "Social supplement of the German-speaking Community",
                "Sociale toeslag van de Duitstalige Gemeenschap",
                "Supplément social de la Communauté germanophone",
            ),
            reference=[_ref("social supplement")],
            dependencies=[*_AMOUNTS, "child_benefits_german_speaking_frozen"],
            parameters=_PARAMS,
            formula=for_scheme_households(GERMAN_SPEAKING)(social_formula),
        ),
        person_month(
            "child_benefits_german_speaking_basic",
            label(
                "Basic child benefit and large-family supplement of the German-speaking Community",
                "Basiskinderbijslag en toeslag grote gezinnen van de Duitstalige Gemeenschap",
                "Allocation de base et supplément famille nombreuse de la Communauté germanophone",
            ),
            reference=[_ref("basic amount, large-family supplement")],
            dependencies=[*_AMOUNTS, "child_benefits_german_speaking_frozen"],
            parameters=_PARAMS,
            formula=for_scheme_households(GERMAN_SPEAKING)(basic_formula),
        ),
        person_month(
            "child_benefits_german_speaking_annual",
            label(
                "Annual supplement of the German-speaking Community",
                "Jaarlijkse toeslag van de Duitstalige Gemeenschap",
                "Supplément annuel de la Communauté germanophone",
            ),
            reference=[_ref("annual supplement (Jahreszuschlag)")],
            dependencies=_COMMON,
            parameters=_PARAMS,
            formula=for_scheme_households(GERMAN_SPEAKING)(annual_formula),
        ),
        person_month(
            "child_benefits_german_speaking_birth",
            label(
                "Birth premium of the German-speaking Community",
                "Geboortepremie van de Duitstalige Gemeenschap",
                "Prime de naissance de la Communauté germanophone",
            ),
            reference=[_ref("birth and adoption premium")],
            dependencies=_COMMON,
            parameters=_PARAMS,
            formula=for_scheme_households(GERMAN_SPEAKING)(birth_formula),
        ),
    ]
