"""Flanders: the Groeipakket (decree of 27 April 2018) from 1 January 2019.

Children born from 2019 get the start amount, the basic amount and, by household income and
family size, the social supplement. Children born before 2019 keep the federal rank and age
amounts as transition amounts, with the ranks reversed around the family composition of
31 December 2018 (the youngest gets the first-rank amount, decree art. 210, 214-215) and their
own indexation tracks (art. 4 §1). Every child gets the school bonus in August.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.child_benefits import federal
from mimosis.legislation.child_benefits.common import (
    FLANDERS,
    FLANDERS_TRANSITION,
    FULL_ORPHAN,
    GROEIPAKKET,
    GROEIPAKKET_URL,
    HALF_ORPHAN,
    INVALID,
    LONG_TERM_UNEMPLOYED,
    BoolArray,
    FloatArray,
    IntArray,
    P,
    by_scheme,
    december_entitlement,
    for_schemes,
    household_income,
    label,
    month_index,
    on_persons,
    person_month,
    rank_in_household,
    ref,
    round_cents,
    scale_amounts,
)
from mimosis.legislation.sparse import only_where

FL = f"{P}.flanders"
BASIC_TRACK = "indices.child_benefits_flanders_basic"
FROZEN_TRACK = "indices.child_benefits_flanders_frozen"


def _ref(article: str) -> dict[str, str]:
    return ref(article, GROEIPAKKET, GROEIPAKKET_URL)


def _transition_group(ctx: Context) -> BoolArray:
    """Children born before 2019 who were entitled in the family on 31 December 2018."""
    first_year = int(ctx.params.number(f"{P}.schemes.flanders_new_amounts_from_birth_year"))
    return december_entitlement(ctx, first_year - 1)[0]


def _household_children(ctx: Context) -> BoolArray:
    """The persons of role child: the family of 31 December 2018 holds only them, and every
    child of a household is in (ranks within the household are unchanged)."""
    return np.asarray(ctx.group("household").has_role("child"))


def transition_rank_formula(ctx: Context) -> IntArray:
    # art. 210 §2, 214-215: ranks reversed around the family of 31 December 2018
    group = _transition_group(ctx)
    birth = month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    return rank_in_household(ctx, group, birth, youngest_first=True)


def transition_eldest_formula(ctx: Context) -> BoolArray:
    group = _transition_group(ctx)
    birth = month_index(ctx.get("birth_year"), ctx.get("birth_month"))
    return np.asarray(rank_in_household(ctx, group, birth, youngest_first=False) == 1)


def _legacy(ctx: Context, track: str) -> float:
    """Coefficient of an AKBW base amount on a Flemish track (1.3459 x series)."""
    return ctx.params.number(f"{FL}.legacy_coefficient") * ctx.params.number(track)


def _transition_orphan(ctx: Context) -> BoolArray:
    single = on_persons(ctx, "child_benefits_single_parent")
    return federal.orphan_rate_applies(ctx.get("child_benefits_orphan"), single)


def _family_size(ctx: Context) -> IntArray:
    return np.asarray(on_persons(ctx, "child_benefits_children"))


def _bands(ctx: Context) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray]:
    """Art. 16-18: the income band of the household (income at most equal to the ceiling)
    and its size (one or two children, or more)."""
    p = ctx.params
    income = household_income(ctx)
    small = _family_size(ctx) <= 2
    low = income <= p.number(f"{FL}.income_ceiling.low")
    middle_small = small & ~low & (income <= p.number(f"{FL}.income_ceiling.middle_small_family"))
    middle_large = ~small & ~low & (income <= p.number(f"{FL}.income_ceiling.upper_large_family"))
    return np.asarray(small), np.asarray(low), middle_small, middle_large


def _new_social(ctx: Context) -> FloatArray:
    p = ctx.params
    s = f"{FL}.social_supplement"
    small, low, middle_small, middle_large = _bands(ctx)
    increase = p.number(f"{s}.increase")  # +15 EUR from December 2022
    # art. 18: children born from 2019, by family size and income band
    amount = np.select(
        [low & small, low, middle_large, middle_small],
        [
            p.number(f"{s}.low_income_small_family") + increase,
            p.number(f"{s}.low_income_large_family") + increase,
            p.number(f"{s}.middle_income_large_family") + increase,
            p.number(f"{s}.middle_income_small_family"),
        ],
        0.0,
    )
    return round_cents(amount)


def _transition_social(ctx: Context) -> FloatArray:
    p = ctx.params
    s = f"{FL}.social_supplement"
    _, low, middle_small, _ = _bands(ctx)
    # art. 220: the federal amounts of the (reversed) rank, on income only: the invalid's rate
    # for the youngest when a parent is long-term sick, the single-parent rate from the third
    rank = ctx.get("child_benefits_flanders_transition_rank")
    status = np.where(
        on_persons(ctx, "child_benefits_parent_incapacity"), INVALID, LONG_TERM_UNEMPLOYED
    )
    single = on_persons(ctx, "child_benefits_single_parent")
    coefficient = _legacy(ctx, federal.FLEMISH_GENERAL)
    legacy = federal.social(
        ctx, coefficient, rank, status=status, single_parent=single, income_ok=low
    )
    legacy = np.where(_transition_orphan(ctx), 0.0, legacy)  # not beside the orphan rate
    amount = np.select(
        [low, middle_small],
        [legacy + p.number(f"{s}.increase"), p.number(f"{s}.middle_income_small_family")],
        0.0,
    )
    return round_cents(amount)


def social_formula(ctx: Context) -> FloatArray:
    scheme = ctx.get("child_benefits_scheme")
    entitled = ctx.get("child_benefits_is_entitled")
    return by_scheme(
        ctx,
        (entitled & (scheme == FLANDERS), lambda: _new_social(ctx)),
        (entitled & (scheme == FLANDERS_TRANSITION), lambda: _transition_social(ctx)),
    )


def _new_basic(ctx: Context) -> FloatArray:
    p = ctx.params
    # art. 13 and 20-21: the basic amount, plus the orphan supplement as a share of it
    base = round_cents(p.number(f"{FL}.basic_amount"))
    orphan = ctx.get("child_benefits_orphan")
    rate = np.select(
        [orphan == HALF_ORPHAN, orphan == FULL_ORPHAN],
        [
            p.number(f"{FL}.orphan_supplement.half_orphan_rate"),
            p.number(f"{FL}.orphan_supplement.full_orphan_rate"),
        ],
        0.0,
    )
    return base + round_cents(base * rate)


def _transition_basic(ctx: Context) -> FloatArray:
    # art. 210-213: transition amounts: ranks 1-2 on the basic track, rank 3 and the age
    # supplements frozen until 9/2025, the increased orphan rate on the general track; the
    # eldest gets the reduced age supplement unless it has a social supplement
    rank = ctx.get("child_benefits_flanders_transition_rank")
    is_orphan = _transition_orphan(ctx)
    social = ctx.get("child_benefits_flanders_social")
    eldest = ctx.get("child_benefits_flanders_transition_eldest")
    reduced = eldest & ~is_orphan & (social <= 0)
    frozen = _legacy(ctx, FROZEN_TRACK)
    coefficient = np.where(
        is_orphan,
        _legacy(ctx, federal.FLEMISH_GENERAL),
        np.where(rank >= 3, frozen, _legacy(ctx, BASIC_TRACK)),
    )
    age = ctx.get("child_benefits_age")
    return federal.basic(
        ctx, coefficient, rank, age=age, orphan=is_orphan, reduced=reduced, age_coefficient=frozen
    )


def basic_formula(ctx: Context) -> FloatArray:
    scheme = ctx.get("child_benefits_scheme")
    entitled = ctx.get("child_benefits_is_entitled")
    return by_scheme(
        ctx,
        (entitled & (scheme == FLANDERS), lambda: _new_basic(ctx)),
        (entitled & (scheme == FLANDERS_TRANSITION), lambda: _transition_basic(ctx)),
    )


def annual_formula(ctx: Context) -> FloatArray:
    # art. 25-26: school bonus for every child entitled in July, by age on 31 December of the
    # previous year
    if not federal.is_annual_month(ctx):
        return ctx.zeros()
    scheme = ctx.get("child_benefits_scheme")
    flemish = (scheme == FLANDERS) | (scheme == FLANDERS_TRANSITION)
    age_dec31 = np.maximum(ctx.period.start.year - 1 - ctx.get("birth_year"), 0)
    return by_scheme(
        ctx,
        (
            flemish & ctx.get("child_benefits_is_entitled"),
            lambda: round_cents(scale_amounts(ctx, f"{FL}.school_bonus", age_dec31)),
        ),
    )


def birth_formula(ctx: Context) -> FloatArray:
    # art. 9-12: the start amount at the birth of every child born from 2019
    new = ctx.get("child_benefits_scheme") == FLANDERS
    return by_scheme(
        ctx,
        (
            new & federal.born_this_month(ctx),
            lambda: round_cents(ctx.params.number(f"{FL}.start_amount")),
        ),
    )


_PARAMS = [
    FL,
    f"{P}.schemes",
    f"{P}.eligibility",
    f"{P}.federal",
    federal.FLEMISH_GENERAL,
    BASIC_TRACK,
    FROZEN_TRACK,
]
_COMMON = [
    "child_benefits_scheme",
    "child_benefits_is_entitled",
    "child_benefits_single_parent",
    "child_benefits_orphan",
    "birth_year",
    "birth_month",
]


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_flanders_transition_rank",
            label(
                "Reversed rank of a child born before 2019 in the family of 31 December 2018 "
                "(youngest = 1)",
                "Omgekeerde rang van een kind geboren vóór 2019 in het gezin op 31 december 2018 "
                "(jongste = 1)",
                "Rang inversé d'un enfant né avant 2019 dans la famille au 31 décembre 2018 "
                "(le plus jeune = 1)",
            ),
            dtype="int",
            unit="count",
            behaviour="stock",
            reference=[_ref("art. 210 §2, 214-215 (toelichtingsnota 1 of 19 December 2018)")],
            dependencies=["birth_year", "birth_month", "child_benefits_is_entitled"],
            parameters=[f"{P}.schemes", f"{P}.eligibility"],
            formula=only_where(_household_children, transition_rank_formula),
        ),
        person_month(
            "child_benefits_flanders_transition_eldest",
            label(
                "Eldest child born before 2019 in the family of 31 December 2018",
                "Oudste kind geboren vóór 2019 in het gezin op 31 december 2018",
                "Aîné des enfants nés avant 2019 dans la famille au 31 décembre 2018",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[_ref("art. 210-213 (reduced age supplement of the eldest)")],
            dependencies=["birth_year", "birth_month", "child_benefits_is_entitled"],
            parameters=[f"{P}.schemes", f"{P}.eligibility"],
            formula=only_where(_household_children, transition_eldest_formula),
        ),
        person_month(
            "child_benefits_flanders_social",
            label(
                "Groeipakket social supplement",
                "Sociale toeslag Groeipakket",
                "Supplément social Groeipakket",
            ),
            reference=[_ref("art. 16-19, 220")],
            dependencies=[
                *_COMMON,
                "child_benefits_children",
                "child_benefits_parent_incapacity",
                "child_benefits_flanders_transition_rank",
                dep("child_benefits_household_income", at="year"),
            ],
            parameters=_PARAMS,
            formula=for_schemes(FLANDERS, FLANDERS_TRANSITION)(social_formula),
        ),
        person_month(
            "child_benefits_flanders_basic",
            label(
                "Groeipakket basic amount (or transition amount with age supplement) and orphan "
                "supplement",
                "Groeipakket basisbedrag (of transitiebedrag met leeftijdsbijslag) en wezentoeslag",
                "Groeipakket montant de base (ou montant de transition avec supplément d'âge) et "
                "supplément d'orphelin",
            ),
            reference=[_ref("art. 13, 20-21, 210-213"), _ref("art. 4 §1 (indexation)")],
            dependencies=[
                *_COMMON,
                "child_benefits_age",
                "child_benefits_flanders_transition_rank",
                "child_benefits_flanders_transition_eldest",
                "child_benefits_flanders_social",
            ],
            parameters=_PARAMS,
            formula=for_schemes(FLANDERS, FLANDERS_TRANSITION)(basic_formula),
        ),
        person_month(
            "child_benefits_flanders_annual",
            label(
                "Groeipakket school bonus", "Schoolbonus Groeipakket", "Bonus scolaire Groeipakket"
            ),
            reference=[_ref("art. 25-26")],
            dependencies=_COMMON,
            parameters=_PARAMS,
            formula=for_schemes(FLANDERS, FLANDERS_TRANSITION)(annual_formula),
        ),
        person_month(
            "child_benefits_flanders_birth",
            label(
                "Groeipakket start amount",
                "Startbedrag Groeipakket",
                "Montant de départ Groeipakket",
            ),
            reference=[_ref("art. 9-12")],
            dependencies=_COMMON,
            parameters=_PARAMS,
            formula=for_schemes(FLANDERS, FLANDERS_TRANSITION)(birth_formula),
        ),
    ]
