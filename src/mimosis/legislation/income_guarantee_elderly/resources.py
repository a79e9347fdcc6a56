"""The means test of the income guarantee for the elderly (Law of 22 March 2001 art. 7).

1. Own resources of each person (a month): pensions (``pension_income``: simulated or
   observed) counted at 90 %, professional income (gross wage, net business income), the other
   taxable replacement incomes (unemployment, sickness, invalidity, occupational-risk benefits
   ...: the spine's ``taxable_replacement_income`` less the pensions), a fictitious return on
   movable capital and the other resources given as input (simplified: see the README and
   the parameter notes).
2. The persons sharing the main residence (art. 6 §2, art. 7 §2): every other member of the
   household except dependent children (children giving right to child benefits) and the
   relatives in the direct line. Relationships are approximated from the household roles: for
   the head and the partner, the members of role ``child`` and the ``other`` members flagged
   ``income_guarantee_elderly_is_direct_line_relative`` are direct-line relatives; for a
   flagged ``other`` member (a parent of the head), only their own partner shares the
   residence; for anyone else, every non-dependent member does.
3. The resources of the applicant and of the persons sharing the residence are added and
   divided by their number (art. 7 §2); a person with nobody sharing is single (increased
   amount, art. 6 §2).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.income_guarantee_elderly.common import (
    CALC_URL,
    RD,
    BoolArray,
    FloatArray,
    G,
    label,
    months_of_age,
    person_month,
    ref,
    round_cents,
)
from mimosis.legislation.sparse import only_where, whole_households

_M = f"{G}.means_test"


def _elderly_households(ctx: Context) -> BoolArray:
    """The members of a household with someone past the statutory pension age this month:
    the only persons whose resources the guarantee counts (a person's own and those of the
    persons sharing the residence)."""
    aged = months_of_age(ctx) > 12 * ctx.get("pensions_statutory_age")
    return whole_households(ctx, aged)


def own_resources_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    pension = ctx.get("taxable_pension_income")
    pensions = p.number(f"{_M}.pension_share") * pension
    other_replacement = ctx.get("taxable_replacement_income") - pension
    earnings = p.number(f"{_M}.earnings_share") * (
        ctx.get("employee_gross_wage") + ctx.get("self_employed_net_income")
    )
    capital = p.scale(f"{_M}.movable_capital_return").calc(
        ctx.get("income_guarantee_elderly_movable_capital")
    )
    return round_cents(
        pensions
        + earnings
        + other_replacement
        + capital / 12
        + ctx.get("income_guarantee_elderly_other_resources")
    )


def _sharers(ctx: Context) -> tuple[BoolArray, BoolArray, BoolArray, BoolArray, BoolArray]:
    """Who shares whose residence, from the household structure only: the masks of the
    persons counted for the head and the partner (``mask_h``) and for anyone else
    (``mask_o``), who is a head or partner, a flagged relative, and coupled in the family unit."""
    hh = ctx.group("household")
    dependent = ctx.get("is_dependent_child")
    flagged = ctx.get("income_guarantee_elderly_is_direct_line_relative")
    is_other = hh.has_role("other")
    head_or_partner = hh.has_role("head") | hh.has_role("partner")
    # for the head and the partner: not their (grand)children nor flagged relatives
    mask_h = ~dependent & (head_or_partner | (is_other & ~flagged))
    # for anyone else: every non-dependent member
    mask_o = ~dependent
    fu = ctx.group("family_unit")
    has_partner = fu.project(fu.nb_persons("partner") > 0)
    coupled = (fu.has_role("adult") & has_partner) | fu.has_role("partner")
    return mask_h, mask_o, head_or_partner, is_other & flagged, coupled


def _sharing_count(ctx: Context) -> FloatArray:
    """Per person, the number of persons sharing their residence."""
    hh = ctx.group("household")
    mask_h, mask_o, head_or_partner, relative, coupled = _sharers(ctx)
    n_h = hh.project(hh.count(mask_h)) - mask_h
    n_o = hh.project(hh.count(mask_o)) - mask_o
    # for a flagged relative of the head: only their own partner
    count = np.select([head_or_partner, relative], [n_h, coupled.astype(np.int64)], default=n_o)
    return np.asarray(count, dtype=np.float64)


def _sharing_total(ctx: Context) -> FloatArray:
    """Per person, the sum of the resources of the persons sharing their residence."""
    res = ctx.get("income_guarantee_elderly_own_resources")
    hh = ctx.group("household")
    mask_h, mask_o, head_or_partner, relative, coupled = _sharers(ctx)
    sum_h = hh.project(hh.sum(np.where(mask_h, res, 0.0))) - np.where(mask_h, res, 0.0)
    sum_o = hh.project(hh.sum(np.where(mask_o, res, 0.0))) - np.where(mask_o, res, 0.0)
    fu = ctx.group("family_unit")
    adult = fu.project(fu.value_of_role(res, "adult"))
    partner = fu.project(fu.value_of_role(res, "partner"))
    partner_res = np.where(fu.has_role("adult"), partner, adult)
    sum_f = np.where(coupled, partner_res, 0.0)
    total = np.select([head_or_partner, relative], [sum_h, sum_f], default=sum_o)
    return np.asarray(total, dtype=np.float64)


def shared_formula(ctx: Context) -> FloatArray:
    own = ctx.get("income_guarantee_elderly_own_resources")
    # art. 7 §2: added and divided by the number of persons sharing the main residence
    return round_cents((own + _sharing_total(ctx)) / (1.0 + _sharing_count(ctx)))


def is_single_formula(ctx: Context) -> BoolArray:
    # art. 6 §2: nobody (other than the excluded relatives) shares the main residence
    return np.asarray(_sharing_count(ctx) == 0, dtype=bool)


_ELDERLY_DEPS = ["birth_year", "birth_month", "pensions_statutory_age"]
_SHARING_DEPS = [
    "income_guarantee_elderly_own_resources",
    "is_dependent_child",
    "income_guarantee_elderly_is_direct_line_relative",
]


def variables() -> list[Variable]:
    return [
        person_month(
            "income_guarantee_elderly_own_resources",
            label(
                "Own resources counted for the income guarantee, a month",
                "Eigen bestaansmiddelen voor de inkomensgarantie, per maand",
                "Ressources propres prises en compte pour la GRAPA, par mois",
            ),
            reference=[
                ref("art. 7 §1", url=CALC_URL),
                ref("resources taken into account", act=RD, url=None),
            ],
            dependencies=[
                "taxable_pension_income",
                "taxable_replacement_income",
                "employee_gross_wage",
                "self_employed_net_income",
                "income_guarantee_elderly_movable_capital",
                "income_guarantee_elderly_other_resources",
                *_ELDERLY_DEPS,
            ],
            parameters=[_M],
            formula=only_where(_elderly_households, own_resources_formula),
        ),
        person_month(
            "income_guarantee_elderly_shared_resources",
            label(
                "Resources per person sharing the main residence, a month",
                "Bestaansmiddelen per persoon die de hoofdverblijfplaats deelt, per maand",
                "Ressources par personne partageant la résidence principale, par mois",
            ),
            reference=[
                ref(
                    "art. 7 §2 (resources added and divided by the number of persons)", url=CALC_URL
                )
            ],
            dependencies=[*_SHARING_DEPS, *_ELDERLY_DEPS],
            formula=only_where(_elderly_households, shared_formula),
        ),
        person_month(
            "income_guarantee_elderly_is_single",
            label(
                "Does not share the main residence (increased basic amount)",
                "Deelt de hoofdverblijfplaats niet (verhoogd basisbedrag)",
                "Ne partage pas la résidence principale (montant de base majoré)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("art. 6 §2-3", url=CALC_URL)],
            # the household structure only: the same every month
            dependencies=_SHARING_DEPS[1:],
            formula=is_single_formula,
        ),
    ]
