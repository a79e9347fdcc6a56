"""The allowance for assistance to the elderly (tegemoetkoming voor hulp aan bejaarden /
allocation pour l'aide aux personnes âgées, THAB/APA), by federated entity.

The rules of the RD of 5 March 1990: from 65 (Law art. 2 §3) with at least 7 self-reliance
points, the amount of the category of the points minus the income of the person and of their
household partner above an exempt amount (art. 4 §1). A person whose IVT/IT right opened
before 65 keeps it instead. Since the sixth state reform (1 July 2014) each federated entity
applies and amends these rules for its residents (``elderly_regions.py``):

- Flanders (zorgbudget voor ouderen met een zorgnood): the same rules; from 1/4/2023 a
  care-home resident is placed in category 4 (5 with the income guarantee);
- Wallonia (AVIQ): the same rules; its own income ceilings from June 2024;
- Brussels (Iriscare): the same rules (the nationality condition dropped in 2021, not
  modelled);
- the German-speaking Community: the same rules until 2022; from 1/1/2023 its Pflegegeld für
  Senioren (no income test), a former beneficiary keeping the old amount while it is higher.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.communities import FLEMISH, GERMAN, WALLOON
from mimosis.legislation.disability import elderly_regions
from mimosis.legislation.disability.common import (
    RD_ELDERLY,
    RD_ELDERLY_URL,
    BoolArray,
    FloatArray,
    label,
    monthly,
    partner_values,
    person_variable,
    ref,
)
from mimosis.legislation.disability.elderly_regions import (
    entity_of_persons,
)
from mimosis.legislation.sparse import only_where, whole_households

_P = "disability"
_E = f"{_P}.elderly"
_EXEMPT = f"{_E}.exemptions"
_WALLOON_EXEMPT = f"{_E}.wallonia.exemptions"
_FLANDERS = f"{_E}.flanders"


def _exempt_income(ctx: Context, entity: FloatArray, has_partner: BoolArray) -> FloatArray:
    """The exempt income of art. 4 §1: alone (categories A-B) or in a household (C)."""
    p = ctx.params
    single = np.full(ctx.size, p.number(f"{_EXEMPT}.single"))
    household = np.full(ctx.size, p.number(f"{_EXEMPT}.household"))
    if p.flag(f"{_E}.wallonia.own_exemptions"):
        # Order of the Walloon Government of 21/3/2024 (CRWASS art. 10/39): own ceilings
        walloon = entity == WALLOON
        single = np.where(walloon, p.number(f"{_WALLOON_EXEMPT}.single"), single)
        household = np.where(walloon, p.number(f"{_WALLOON_EXEMPT}.household"), household)
    return np.asarray(np.where(has_partner, household, single), dtype=np.float64)


def _points(ctx: Context, entity: FloatArray) -> FloatArray:
    """The self-reliance points, or the category a Flemish care-home resident is placed in."""
    p = ctx.params
    points = np.asarray(ctx.get("disability_self_reliance_points"), dtype=np.float64)
    if not p.flag(f"{_FLANDERS}.care_home_rule"):
        return points
    # Flanders from 1/4/2023: a care-home resident is in category 4 without an assessment,
    # in category 5 with the income guarantee for the elderly (or if already in category 5)
    resident = (entity == FLEMISH) & ctx.get("disability_elderly_in_care_home")
    with_guarantee = ctx.get("income_guarantee_elderly") > 0
    assigned = np.where(
        with_guarantee,
        p.number(f"{_FLANDERS}.care_home_guarantee_points"),
        p.number(f"{_FLANDERS}.care_home_points"),
    )
    return np.asarray(np.where(resident, np.maximum(points, assigned), points), np.float64)


def _concerned(ctx: Context) -> BoolArray:
    """The members of a household with someone assessed (self-reliance points) or entitled to
    the German-speaking care allowance: nobody else can get the allowance (whole households
    are kept, so the partner's values are there)."""
    assessed = (ctx.get("disability_self_reliance_points") > 0) | (
        ctx.get("disability_elderly_care_allowance_german_speaking") > 0
    )
    return whole_households(ctx, assessed)


def allowance_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    year = ctx.period.year
    entity = entity_of_persons(ctx).astype(np.float64)
    points = _points(ctx, entity)
    own = (
        ctx.get("disability_earned_income", year)
        + ctx.get("disability_replacement_income", year)
        + ctx.get("disability_other_income", year)
    )
    _, has_partner = partner_values(ctx, own)
    # RD 5/3/1990 art. 4 §1: the income of the person and of the household partner above the
    # exempt amount (higher for a household)
    income = own + ctx.get("disability_partner_income", year)
    counted = np.maximum(income - _exempt_income(ctx, entity, has_partner), 0.0)
    # art. 3: the amount of the category of the points
    amount = p.scale(f"{_E}.amount").calc(points)
    yearly = np.maximum(amount - counted, 0.0)
    # Law art. 2 §3: from 65, at least 7 points; not with an IVT/IT right opened before 65
    eligible = (
        (ctx.get("age") >= p.number(f"{_P}.eligibility.elderly_minimum_age"))
        & (points >= p.number(f"{_P}.eligibility.minimum_points"))
        & ~ctx.get("disability_entitled_before_65")
    )
    rd_amount = np.where(eligible, monthly(yearly), 0.0)
    if not p.flag(f"{_E}.german_speaking.own_benefit"):
        return np.asarray(rd_amount, dtype=np.float64)
    # German-speaking Community from 1/1/2023: the Pflegegeld; a former beneficiary keeps the
    # old amount until the new one is higher (the old rules are applied to the points)
    german = ctx.get("disability_elderly_care_allowance_german_speaking")
    return np.asarray(
        np.where(entity == GERMAN, np.maximum(german, rd_amount), rd_amount), dtype=np.float64
    )


def variables() -> list[Variable]:
    return [
        *elderly_regions.variables(),
        person_variable(
            "disability_assistance_elderly",
            label(
                "Allowance for assistance to the elderly (THAB/APA; Flemish zorgbudget voor "
                "ouderen; German-speaking Pflegegeld from 2023)",
                "Tegemoetkoming voor hulp aan bejaarden (zorgbudget voor ouderen met een "
                "zorgnood; Duitstalig zorggeld vanaf 2023)",
                "Allocation pour l'aide aux personnes âgées (budget de soins flamand; "
                "allocation de soins germanophone dès 2023)",
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
                "disability_elderly_competent_entity",
                "disability_elderly_in_care_home",
                "disability_elderly_care_allowance_german_speaking",
                "income_guarantee_elderly",
                "age",
            ],
            parameters=[
                _EXEMPT,
                f"{_E}.amount",
                f"{_E}.wallonia",
                f"{_FLANDERS}",
                f"{_E}.german_speaking.own_benefit",
                f"{_P}.eligibility",
            ],
            formula=only_where(_concerned, allowance_formula),
        ),
    ]
