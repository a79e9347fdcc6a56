"""The federal rules (AKBW / LGAF) as they applied in every community until its own system
started, and as they still apply to the children born before the reform (Walloon transition,
Brussels acquired rights, the German-speaking frozen amount).

The helpers take the coefficient of the paying community: the AKBW base amounts (pivot 103.14,
art. 76bis) times that coefficient, each component rounded to the cent.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.child_benefits.common import (
    FEDERAL,
    FULL_ORPHAN,
    HALF_ORPHAN,
    INVALID,
    LONG_TERM_UNEMPLOYED,
    PENSIONER,
    BoolArray,
    FloatArray,
    P,
    for_schemes,
    household_income,
    label,
    on_persons,
    person_month,
    ref,
    round_cents,
    scale_amounts,
)

F = f"{P}.federal"
FLEMISH_FACTOR = f"{P}.flanders.legacy_coefficient"
FLEMISH_GENERAL = "indices.child_benefits_flanders"
SOCIAL_BENEFITS = "indices.social_benefits"


def by_rank(ctx: Context, node: str, rank: Any) -> FloatArray:
    """The amount of ``node.rank_1|2|3`` for each rank (3 for the third and further)."""
    p = ctx.params
    table = np.array([0.0, *(p.number(f"{node}.rank_{r}") for r in (1, 2, 3))])
    return np.asarray(table[np.clip(np.asarray(rank, dtype=np.int64), 0, 3)], dtype=np.float64)


def orphan_rate_applies(orphan: Any, single_parent: Any, *, any_half: bool = False) -> BoolArray:
    """Art. 50bis: a full orphan, or a half orphan whose surviving parent does not live as a
    couple (``any_half``: every half orphan, the Walloon rule since 2019)."""
    half_ok = (orphan == HALF_ORPHAN) & (np.asarray(single_parent) | any_half)
    return np.asarray((orphan == FULL_ORPHAN) | half_ok)


def basic(
    ctx: Context,
    coefficient: Any,
    rank: Any,
    *,
    age: Any,
    orphan: Any,
    reduced: Any,
    age_coefficient: Any = None,
) -> FloatArray:
    """Art. 40 / 50bis amount plus the art. 44 age supplement (reduced or full)."""
    p = ctx.params
    base = np.where(orphan, p.number(f"{F}.orphan"), by_rank(ctx, f"{F}.base", rank))
    # art. 44 §1: the first-rank child without a supplement; §2: every other child
    supplement = np.where(
        reduced,
        scale_amounts(ctx, f"{F}.age_supplement.reduced", age),
        scale_amounts(ctx, f"{F}.age_supplement.full", age),
    )
    age_coef = coefficient if age_coefficient is None else age_coefficient
    return round_cents(base * coefficient) + round_cents(supplement * age_coef)


def social(
    ctx: Context,
    coefficient: Any,
    rank: Any,
    *,
    status: Any,
    single_parent: Any,
    income_ok: Any,
) -> FloatArray:
    """Art. 41, 42bis, 50ter: the social supplement of the child's rank.

    The single-parent supplement (art. 41) and the supplements for the children of a
    long-term unemployed person or pensioner (42bis) or an invalid (50ter) do not add up
    for the first two ranks; from the third rank the single parent gets 17.41 instead of 3.79.
    """
    single = np.asarray(single_parent)
    on_status = (status == LONG_TERM_UNEMPLOYED) | (status == PENSIONER)
    status_amount = np.select(
        [status == INVALID, on_status],
        [
            by_rank(ctx, f"{F}.social_supplement.invalid", rank),
            by_rank(ctx, f"{F}.social_supplement.unemployed_or_pensioner", rank),
        ],
        0.0,
    )
    single_amount = np.where(
        single, by_rank(ctx, f"{F}.social_supplement.single_parent", rank), 0.0
    )
    has_status = (status == INVALID) | on_status
    amount = np.maximum(np.where(has_status, status_amount, 0.0), single_amount)
    return np.where(np.asarray(income_ok) & (rank >= 1), round_cents(amount * coefficient), 0.0)


def federal_income_ok(ctx: Context, single_parent: Any) -> BoolArray:
    """Ceilings of the social supplements (RD 26 October 2004): gross monthly household
    income not above the ceiling for a parent alone or with a partner."""
    p = ctx.params
    ceiling = np.where(
        single_parent, p.number(f"{F}.income_ceiling.alone"), p.number(f"{F}.income_ceiling.couple")
    )
    monthly = household_income(ctx) / 12.0
    return np.asarray(monthly <= ceiling)


def annual(ctx: Context, coefficient: Any, with_supplement: Any) -> FloatArray:
    """Art. 44ter: the annual supplement by age on 31 December of the previous year, with the
    July allowance; the higher amount for children with a social or orphan supplement."""
    age_dec31 = np.maximum(ctx.period.start.year - 1 - ctx.get("birth_year"), 0)
    amount = np.where(
        with_supplement,
        scale_amounts(ctx, f"{F}.annual_supplement.with_supplement", age_dec31),
        scale_amounts(ctx, f"{F}.annual_supplement.without_supplement", age_dec31),
    )
    return round_cents(amount * coefficient)


def is_annual_month(ctx: Context) -> bool:
    return ctx.period.start.month == int(
        ctx.params.number(f"{P}.eligibility.annual_supplement_month")
    )


def born_this_month(ctx: Context) -> BoolArray:
    start = ctx.period.start
    return np.asarray(
        (ctx.get("birth_year") == start.year) & (ctx.get("birth_month") == start.month)
    )


def birth_allowance(ctx: Context, coefficient: Any) -> FloatArray:
    """Art. 73bis: the birth allowance, higher for the first child (and every twin)."""
    p = ctx.params
    amount = np.where(
        ctx.get("child_benefits_first_child"),
        p.number(f"{F}.birth_allowance.first_child"),
        p.number(f"{F}.birth_allowance.other_child"),
    )
    return np.where(born_this_month(ctx), round_cents(amount * coefficient), 0.0)


def coefficient(ctx: Context) -> FloatArray:
    """The paying community's coefficient in the federal era: Flanders skipped the May 2017
    crossing (1.3459 x indices.child_benefits_flanders), the others follow social_benefits."""
    p = ctx.params
    flemish = ctx.group("household").project(ctx.get("child_benefits_competent_entity")) == 0
    flanders = p.number(FLEMISH_FACTOR) * p.number(FLEMISH_GENERAL)
    return np.asarray(np.where(flemish, flanders, p.number(SOCIAL_BENEFITS)), dtype=np.float64)


def _is_federal(ctx: Context) -> BoolArray:
    return np.asarray(ctx.get("child_benefits_scheme") == FEDERAL)


def _social_now(ctx: Context) -> FloatArray:
    single = on_persons(ctx, "child_benefits_single_parent")
    status = on_persons(ctx, "child_benefits_social_status")
    return social(
        ctx,
        coefficient(ctx),
        ctx.get("child_benefits_rank"),
        status=status,
        single_parent=single,
        income_ok=federal_income_ok(ctx, single),
    )


def federal_social_formula(ctx: Context) -> FloatArray:
    # the supplements raise the art. 40 amounts: none beside the orphan rate of art. 50bis
    single = on_persons(ctx, "child_benefits_single_parent")
    orphan = orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
    return np.where(_is_federal(ctx) & ~orphan, _social_now(ctx), 0.0)


def federal_basic_formula(ctx: Context) -> FloatArray:
    single = on_persons(ctx, "child_benefits_single_parent")
    orphan = orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
    rank = ctx.get("child_benefits_rank")
    reduced = (rank == 1) & ~orphan & (ctx.get("child_benefits_federal_social") <= 0)
    age = ctx.get("child_benefits_age")
    amount = basic(ctx, coefficient(ctx), rank, age=age, orphan=orphan, reduced=reduced)
    return np.where(_is_federal(ctx) & ctx.get("child_benefits_is_entitled"), amount, 0.0)


def federal_annual_formula(ctx: Context) -> FloatArray:
    if not is_annual_month(ctx):
        return ctx.zeros()
    single = on_persons(ctx, "child_benefits_single_parent")
    orphan = orphan_rate_applies(ctx.get("child_benefits_orphan"), single)
    higher = orphan | (ctx.get("child_benefits_federal_social") > 0)
    entitled = _is_federal(ctx) & ctx.get("child_benefits_is_entitled")
    return np.where(entitled, annual(ctx, coefficient(ctx), higher), 0.0)


def federal_birth_formula(ctx: Context) -> FloatArray:
    return np.where(_is_federal(ctx), birth_allowance(ctx, coefficient(ctx)), 0.0)


_COMMON = [
    "child_benefits_scheme",
    "child_benefits_competent_entity",
    "child_benefits_single_parent",
    "child_benefits_orphan",
]
_PARAMS = [F, FLEMISH_FACTOR, FLEMISH_GENERAL, SOCIAL_BENEFITS, f"{P}.eligibility"]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_federal_social",
            label(
                "Federal social supplement (single parent, "
                "long-term unemployed, pensioner, invalid)",
                "Federale sociale toeslag (eenoudergezin, langdurig "
                "werkloze, gepensioneerde, invalide)",
                "Supplément social fédéral (famille monoparentale, "
                "chômeur de longue durée, pensionné, invalide)",
            ),
            reference=[
                ref("art. 41, 42bis, 50ter"),
                ref("RD of 26 October 2004 (ceilings)", url=None),
            ],
            dependencies=[
                *_COMMON,
                "child_benefits_rank",
                "child_benefits_social_status",
                dep("child_benefits_household_income", at="year"),
            ],
            parameters=_PARAMS,
            formula=for_schemes(FEDERAL)(federal_social_formula),
        ),
        person_month(
            "child_benefits_federal_basic",
            label(
                "Federal child benefit: rank or orphan amount and monthly age supplement",
                "Federale kinderbijslag: rang- of wezenbedrag en maandelijkse leeftijdsbijslag",
                "Allocations familiales fédérales : montant du rang "
                "ou d'orphelin et supplément d'âge",
            ),
            reference=[ref("art. 40, 44, 50bis, 76bis")],
            dependencies=[
                *_COMMON,
                "child_benefits_rank",
                "child_benefits_age",
                "child_benefits_is_entitled",
                "child_benefits_federal_social",
            ],
            parameters=_PARAMS,
            formula=for_schemes(FEDERAL)(federal_basic_formula),
        ),
        person_month(
            "child_benefits_federal_annual",
            label(
                "Federal annual age supplement (school bonus), with the July allowance",
                "Federale jaarlijkse leeftijdsbijslag "
                "(schoolpremie), bij de kinderbijslag van juli",
                "Supplément d'âge annuel fédéral (prime de "
                "rentrée), avec les allocations de juillet",
            ),
            reference=[ref("art. 44ter")],
            dependencies=[
                *_COMMON,
                "birth_year",
                "child_benefits_is_entitled",
                "child_benefits_federal_social",
            ],
            parameters=_PARAMS,
            formula=for_schemes(FEDERAL)(federal_annual_formula),
        ),
        person_month(
            "child_benefits_federal_birth",
            label(
                "Federal birth allowance (kraamgeld), in the month of birth",
                "Federaal kraamgeld, in de geboortemaand",
                "Allocation de naissance fédérale, le mois de la naissance",
            ),
            reference=[ref("art. 73bis")],
            dependencies=[*_COMMON, "birth_year", "birth_month", "child_benefits_first_child"],
            parameters=_PARAMS,
            formula=for_schemes(FEDERAL)(federal_birth_formula),
        ),
    ]
