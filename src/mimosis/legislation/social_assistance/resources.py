"""The means test of the integration income (Act 26/5/2002 art. 16; RD 11/7/2002 art. 22-35).

All net resources of the applicant count, whatever their nature or origin (Act art. 16 §1):
earnings, business income, every pension and social-security replacement income (the spine's
``taxable_replacement_income``: pensions, unemployment benefits and the income-guarantee
allowance, sickness, invalidity, maternity, work-accident and occupational-disease benefits,
other replacement incomes), the income replacement allowance of persons with disabilities
(IVT/ARR), the GRAPA, and the other resources given. Exempted (RD art. 22 §1): child benefits
for the children the applicant raises, the PWA/ALE income (§1, d), the assistance to the
elderly (THAB/APA) — none of which is counted — and, from 1 January 2022, the integration
allowance of persons with disabilities (IT/AI; counted before, as the text then did: the
parameter ``social_assistance.exempt_resources.integration_allowance``). Net income from work
earned while on the integration income is counted minus the socio-professional exemption,
for three years (RD art. 35). The resources of the partner count for the part above the
category-1 amount (RD art. 34 §1); those of parents or adult children living with the
applicant may be counted likewise (RD art. 34 §2, at the CPAS's discretion: the input
``social_assistance_count_relatives``).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.social_assistance.common import (
    RD,
    FloatArray,
    label,
    partner_values,
    person_month,
    ref,
)

_SA = "social_assistance"
_SPI = f"{_SA}.socio_professional_exemption"
_CONTRIB = "social_contributions.employee"
_BDAS_COHAB = "https://bdas-wwsb.brussels/?p=3380"
_EXEMPT = f"{_SA}.exempt_resources"
_OWN = [
    "social_assistance_net_earnings",
    "social_assistance_in_socio_professional_integration",
    "social_assistance_spi_months_used",
    "self_employed_net_income",
    "taxable_replacement_income",
    "disability_income_replacement_allowance",
    "disability_integration_allowance",
    "income_guarantee_elderly",
    "social_assistance_other_resources",
]


def net_earnings_formula(ctx: Context) -> FloatArray:
    """Gross wage minus the personal social contributions (simplification, see README)."""
    rate = ctx.params.number(f"{_CONTRIB}.rate")
    manual = ctx.params.number(f"{_CONTRIB}.blue_collar_base_factor")
    gross = ctx.get("employee_gross_wage")
    base = np.where(ctx.get("is_blue_collar"), gross * manual, gross)
    return np.asarray(gross - rate * base, dtype=np.float64)


def own_resources_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    earnings = ctx.get("social_assistance_net_earnings")
    # RD art. 35: the socio-professional exemption, for three years
    in_spi = ctx.get("social_assistance_in_socio_professional_integration") & (
        ctx.get("social_assistance_spi_months_used") < p.number(f"{_SPI}.duration_months")
    )
    earnings = np.where(in_spi, np.maximum(earnings - p.number(f"{_SPI}.general"), 0.0), earnings)
    # Act art. 16 §1: every other resource counts: pensions and replacement incomes, the IVT,
    # the GRAPA; RD art. 22 §1: the integration allowance is exempt from 1/1/2022 (the THAB,
    # the ALE income and child benefits are exempt and not read)
    integration_allowance = np.where(
        p.flag(f"{_EXEMPT}.integration_allowance"),
        0.0,
        ctx.get("disability_integration_allowance"),
    )
    return np.asarray(
        earnings
        + ctx.get("self_employed_net_income")
        + ctx.get("taxable_replacement_income")
        + ctx.get("disability_income_replacement_allowance")
        + integration_allowance
        + ctx.get("income_guarantee_elderly")
        + ctx.get("social_assistance_other_resources"),
        dtype=np.float64,
    )


def counted_resources_formula(ctx: Context) -> FloatArray:
    own = ctx.get("social_assistance_own_resources")
    cohabitant_amount = ctx.params.number(f"{_SA}.amount.cohabitant") / 12
    excess = np.maximum(own - cohabitant_amount, 0.0)
    # RD art. 34 §1: the partner's resources above the category-1 amount
    partner_excess, _ = partner_values(ctx, excess)
    # RD art. 34 §2: parents / adult children living with the applicant, if the CPAS decides
    household = ctx.group("household")
    role_child = household.has_role("child")
    parent_role = household.has_role("head") | household.has_role("partner")
    adult_child = role_child & (
        ctx.get("age") >= ctx.params.number(f"{_SA}.eligibility.minimum_age")
    )
    parents_excess = household.project(household.sum(np.where(parent_role, excess, 0.0)))
    children_excess = household.project(household.sum(np.where(adult_child, excess, 0.0)))
    relatives = np.where(role_child, parents_excess, children_excess)
    relatives = np.where(ctx.get("social_assistance_count_relatives"), relatives, 0.0)
    return np.asarray(own + partner_excess + relatives, dtype=np.float64)


def variables() -> list[Variable]:
    return [
        person_month(
            "social_assistance_net_earnings",
            label(
                "Net earnings from work counted as resources",
                "Netto-inkomsten uit arbeid (bestaansmiddelen)",
                "Revenus nets du travail (ressources)",
            ),
            reference=[ref("art. 16 §1 (net resources)"), ref("art. 22", act=RD)],
            dependencies=["employee_gross_wage", "is_blue_collar"],
            parameters=[f"{_CONTRIB}.rate", f"{_CONTRIB}.blue_collar_base_factor"],
            formula=net_earnings_formula,
        ),
        person_month(
            "social_assistance_own_resources",
            label(
                "Own resources counted for the integration income",
                "Eigen bestaansmiddelen in aanmerking genomen voor het leefloon",
                "Ressources propres prises en compte pour le revenu d'intégration",
            ),
            reference=[ref("art. 16"), ref("art. 22, 35", act=RD)],
            dependencies=_OWN,
            parameters=[_SPI, _EXEMPT],
            formula=own_resources_formula,
        ),
        person_month(
            "social_assistance_resources_counted",
            label(
                "Resources counted in the means test (own, partner, relatives)",
                "Bestaansmiddelen in de inkomenstoets (eigen, partner, verwanten)",
                "Ressources prises en compte (propres, partenaire, parents)",
            ),
            reference=[ref("art. 34", act=RD, url=_BDAS_COHAB)],
            dependencies=[
                "social_assistance_own_resources",
                "social_assistance_count_relatives",
                "age",
            ],
            parameters=[f"{_SA}.amount.cohabitant", f"{_SA}.eligibility.minimum_age"],
            formula=counted_resources_formula,
        ),
    ]
