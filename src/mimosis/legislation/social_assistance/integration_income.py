"""The integration income: category, amount and the federal reimbursement to the CPAS.

Categories (Act 26/5/2002 art. 14 §1): 1 cohabitant, 2 single (living alone), 3 living with
a dependent family (at least one unmarried minor child). In a couple with a minor child one
partner receives the category-3 amount (here the one with the lower own resources); without
a minor child each partner is a cohabitant. Amount (art. 14, 16): the yearly category amount
minus the yearly resources counted, after the general exemption when the resources stay below
that amount (RD 11/7/2002 art. 22 §2); paid monthly (one twelfth).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import CIVIL_STATUS
from mimosis.legislation.social_assistance.common import (
    CATEGORIES,
    COHABITANT,
    NONE,
    RD,
    SINGLE,
    WITH_FAMILY,
    FloatArray,
    by_category,
    category_amounts,
    label,
    partner_values,
    person_month,
    ref,
)

_SA = "social_assistance"
_FED = f"{_SA}.federal_reimbursement"
_SINGLE_STATUS = CIVIL_STATUS.index("single")
_PRIMABOOK_AMOUNTS = (
    "https://primabook.mi-is.be/nl/recht-op-maatschappelijke-integratie/bedragen-leefloon"
)


def category_formula(ctx: Context) -> np.ndarray:
    adult_age = ctx.params.number(f"{_SA}.eligibility.minimum_age")
    age = ctx.get("age")
    family = ctx.group("family_unit")
    # art. 14 §1, 3°: at least one unmarried minor child in the applicant's family
    minor_child = (
        ctx.get("is_dependent_child")
        & (age < adult_age)
        & (ctx.get("civil_status") == _SINGLE_STATUS)
    )
    with_minor = family.project(family.any(minor_child))
    is_child = family.has_role("child")
    own = ctx.get("social_assistance_own_resources")
    partner_own, has_partner = partner_values(ctx, own)
    # a couple with a minor child: one partner receives category 3
    takes_family_rate = np.where(family.has_role("adult"), own <= partner_own, own < partner_own)
    household = ctx.group("household")
    lives_alone = household.project(household.nb_persons()) == 1
    parent = ~is_child
    return np.select(
        [
            is_child & (age >= adult_age),  # an adult dependent child: cohabitant
            is_child,
            parent & with_minor & has_partner & ~takes_family_rate,
            parent & with_minor,  # art. 14 §1, 3°
            parent & ~has_partner & lives_alone,  # art. 14 §1, 2°
        ],
        [COHABITANT, NONE, NONE, WITH_FAMILY, SINGLE],
        default=COHABITANT,  # art. 14 §1, 1°
    ).astype(np.int16)


def integration_income_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    category = ctx.get("integration_income_category")
    amount = by_category(category, category_amounts(ctx, f"{_SA}.amount"))
    exemption = by_category(category, category_amounts(ctx, f"{_SA}.general_exemption"))
    resources = 12 * ctx.get("social_assistance_resources_counted")
    # RD art. 22 §2: the general exemption when the resources stay below the amount
    below = resources < amount
    resources = np.where(below, np.maximum(resources - exemption, 0.0), resources)
    yearly = np.maximum(amount - resources, 0.0)
    # Act art. 3: age (or a minor treated as adult), residence, willingness to work
    adult = (ctx.get("age") >= p.number(f"{_SA}.eligibility.minimum_age")) | ctx.get(
        "social_assistance_is_emancipated_minor"
    )
    eligible = (
        adult
        & ctx.get("social_assistance_meets_residence_conditions")
        & ctx.get("social_assistance_is_available_for_work")
        & (category != NONE)
    )
    return np.where(eligible, np.round(yearly / 12, 2), 0.0)


def federal_share_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    household = ctx.group("household")
    caseload = household.project(ctx.get("social_assistance_cpas_caseload"))
    # Act art. 32 §1: 55 %, 65 % from 500 beneficiaries, 70 % from 1,000
    rate = np.select(
        [
            caseload >= p.number(f"{_FED}.large_caseload"),
            caseload >= p.number(f"{_FED}.medium_caseload"),
        ],
        [p.number(f"{_FED}.large_rate"), p.number(f"{_FED}.medium_rate")],
        default=p.number(f"{_FED}.base_rate"),
    )
    # art. 33: + 10 points with an individualised project of social integration
    rate = rate + np.where(
        ctx.get("social_assistance_has_integration_project"),
        p.number(f"{_FED}.integration_project_supplement"),
        0.0,
    )
    return np.asarray(np.round(ctx.get("integration_income") * rate, 2), dtype=np.float64)


def variables() -> list[Variable]:
    return [
        person_month(
            "integration_income_category",
            label(
                "Integration income category",
                "Categorie van het leefloon",
                "Catégorie du revenu d'intégration",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=CATEGORIES,
            reference=[ref("art. 14 §1")],
            dependencies=[
                "age",
                "is_dependent_child",
                "civil_status",
                "social_assistance_own_resources",
            ],
            parameters=[f"{_SA}.eligibility.minimum_age"],
            formula=category_formula,
        ),
        person_month(
            "integration_income",
            label(
                "Integration income (leefloon / revenu d'intégration)",
                "Leefloon",
                "Revenu d'intégration",
            ),
            reference=[
                ref("art. 3, 14, 16"),
                ref("art. 22 §2", act=RD),
                ref("amounts", act="POD MI / SPP IS", url=_PRIMABOOK_AMOUNTS),
            ],
            dependencies=[
                "integration_income_category",
                "social_assistance_resources_counted",
                "age",
                "social_assistance_is_emancipated_minor",
                "social_assistance_meets_residence_conditions",
                "social_assistance_is_available_for_work",
            ],
            parameters=[
                f"{_SA}.amount",
                f"{_SA}.general_exemption",
                f"{_SA}.eligibility.minimum_age",
            ],
            formula=integration_income_formula,
        ),
        person_month(
            "integration_income_federal_share",
            label(
                "Federal share of the integration income (reimbursement to the CPAS)",
                "Federaal aandeel in het leefloon (staatstoelage aan het OCMW)",
                "Part fédérale du revenu d'intégration (subvention au CPAS)",
            ),
            reference=[ref("art. 32-33")],
            dependencies=[
                "integration_income",
                "social_assistance_cpas_caseload",
                "social_assistance_has_integration_project",
            ],
            parameters=[_FED],
            formula=federal_share_formula,
        ),
    ]
