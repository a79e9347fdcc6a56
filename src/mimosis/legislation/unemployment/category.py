"""The family category of the unemployed person (RD 25/11/1991 art. 110; MD art. 60-61).

- with family burden (A): living with a partner whose salaried income does not exceed the
  tolerated amount and who has no self-employed or replacement income (art. 110 §1, 1°);
  living without partner only with persons (children, relatives) who have no income
  (art. 110 §1, 2°-3°); living alone and paying maintenance (art. 110 §1, 3°, last case);
- living alone (N): the only member of the household (art. 110 §2);
- cohabitant (B): every other case (art. 110 §3).

The "privileged cohabitant" of the integration allowance lives only with persons who have
replacement incomes and no professional income (art. 124).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.groups import members, of_other
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.sparse import only_where
from mimosis.legislation.unemployment.common import (
    CATEGORIES,
    COHABITANT,
    LIVING_ALONE,
    MD,
    WITH_FAMILY,
    BoolArray,
    claimant_households,
    label,
    partner_index,
    person_month,
    ref,
)

_T147 = (
    "https://www.onem.be/citoyens/chomage-complet/a-combien-s-eleve-votre-allocation-/"
    "quelle-est-votre-situation-familiale-"
)
_ON_BENEFIT = [LABOUR_STATUS.index(s) for s in ("unemployed", "retired", "sick_or_invalid")]
_INCOMES = [
    "employee_gross_wage",
    "self_employed_net_income",
    "pension_income",
    "other_replacement_income_gross",
    "labour_status",
]


def _replacement_income(ctx: Context) -> BoolArray:
    """Has a replacement income (pension, sickness, unemployment ...): MD art. 61.

    Read from the shared inputs and the pension (upstream of this programme), never from the
    taxable replacement-income aggregate, which depends on the unemployment benefit; a
    partner on sickness or unemployment benefits is seen through the labour status."""
    status = ctx.get("labour_status")
    on_benefit = np.isin(status, _ON_BENEFIT)
    return (
        (ctx.get("pension_income") > 0)
        | (ctx.get("other_replacement_income_gross") > 0)
        | on_benefit
    )


def _professional_income(ctx: Context) -> BoolArray:
    return (ctx.get("employee_gross_wage") > 0) | (ctx.get("self_employed_net_income") > 0)


def category_formula(ctx: Context) -> np.ndarray:
    threshold = ctx.params.number("unemployment.family_burden.partner_max_earnings")
    wage = ctx.get("employee_gross_wage")
    # MD art. 60: a partner's salaried income up to the threshold is tolerated; a
    # self-employed partner or one with a replacement income (art. 61) is not
    partner, has_partner = partner_index(ctx)
    replacement = _replacement_income(ctx)
    partner_wage = of_other(wage, partner, has_partner)
    partner_self_employed = of_other(ctx.get("self_employed_net_income") > 0, partner, has_partner)
    partner_replacement = of_other(replacement, partner, has_partner)
    partner_is_burden = (partner_wage <= threshold) & ~partner_self_employed & ~partner_replacement
    # art. 110 §1 2°-3°: without partner, living only with persons without income
    household = ctx.group("household")
    has_income = _professional_income(ctx) | replacement
    others_with_income = household.project(household.count(has_income)) - has_income
    household_size = members(ctx, "household")
    lives_alone = household_size == 1
    only_with_dependants = ~has_partner & ~lives_alone & (others_with_income == 0)
    pays_maintenance = ctx.get("unemployment_pays_maintenance")
    with_family = (
        (has_partner & partner_is_burden) | only_with_dependants | (lives_alone & pays_maintenance)
    )
    return np.select(
        [with_family, lives_alone],  # art. 110 §1, then §2; §3 otherwise
        [WITH_FAMILY, LIVING_ALONE],
        default=COHABITANT,
    ).astype(np.int16)


def privileged_formula(ctx: Context) -> BoolArray:
    # art. 124: a cohabitant whose cohabitants have only replacement incomes
    household = ctx.group("household")
    professional = _professional_income(ctx)
    replacement = _replacement_income(ctx)
    others_professional = household.project(household.count(professional)) - professional
    others_replacement = household.project(household.count(replacement)) - replacement
    cohabitant = ctx.get("unemployment_family_category") == COHABITANT
    return np.asarray(
        cohabitant & (others_professional == 0) & (others_replacement > 0), dtype=np.bool_
    )


def variables() -> list[Variable]:
    return [
        person_month(
            "unemployment_family_category",
            label(
                "Family category for unemployment benefits",
                "Gezinscategorie voor de werkloosheidsuitkering",
                "Catégorie familiale pour les allocations de chômage",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=CATEGORIES,
            default=COHABITANT,
            reference=[
                ref("art. 110"),
                ref("art. 60-61", act=MD, url=_T147),
            ],
            dependencies=[*_INCOMES, "unemployment_pays_maintenance", "unemployment_start_year"],
            parameters=["unemployment.family_burden.partner_max_earnings"],
            formula=only_where(claimant_households, category_formula),
        ),
        person_month(
            "unemployment_is_privileged_cohabitant",
            label(
                "Privileged cohabitant (cohabitants with replacement incomes only)",
                "Bevoorrechte samenwonende (huisgenoten met enkel vervangingsinkomens)",
                "Cohabitant privilégié (cohabitants avec revenus de remplacement seulement)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 124")],
            dependencies=[*_INCOMES, "unemployment_family_category", "unemployment_start_year"],
            formula=only_where(claimant_households, privileged_formula),
        ),
    ]
