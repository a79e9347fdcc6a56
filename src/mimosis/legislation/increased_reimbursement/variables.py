"""Increased reimbursement (Health Insurance Law coordinated 14/7/1994 art. 37 §19; RD of
15 January 2014).

- By status (RD art. 2-4): the integration income, the GRAPA, the disability allowances
  (IVT, IT, the assistance to the elderly, except the German-speaking Community's since
  2023), a child with a disability (4 points on the first pillar), an orphan, an unaccompanied
  foreign minor. The right extends to the partner and the dependants (the family unit).
- By income (RD art. 7-8): the gross taxable income of the household in the previous
  calendar year at most the ceiling plus an amount per additional member (the ceiling of the
  yearly route is the average of the monthly ceilings of that year).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.inputs import LANGUAGE_COMMUNITY

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

P = "increased_reimbursement"
LAW = "Law on compulsory health care insurance, coordinated on 14 July 1994"
LAW_URL = "https://www.ejustice.just.fgov.be/eli/wet/1994/07/14/1994A22253/justel"
RD = "Royal Decree of 15 January 2014 on the increased reimbursement"
RD_URL = "https://www.mc.be/la-mc/reduire-facture/intervention-majoree/conditions"
_GERMAN = LANGUAGE_COMMUNITY.index("german")


def _ref(article: str, act: str = RD, url: str = RD_URL) -> dict[str, str]:
    return {"act": act, "article": article, "url": url}


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _person(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "bool",
        "unit": "bool",
        "behaviour": "stock",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def _flag_input(name: str, en: str, nl: str, fr: str, article: str) -> Variable:
    return _person(f"{P}_{name}", _label(en, nl, fr), default=False, reference=[_ref(article)])


def gross_taxable_income_formula(ctx: Context) -> FloatArray:
    # RD art. 7: gross taxable income (wages after personal contributions, business income,
    # taxable replacement incomes and other taxable income); the integration income and the
    # disability allowances are not taxable
    wages = np.maximum(ctx.get("employee_gross_wage") - ctx.get("employee_social_contributions"), 0)
    total = (
        wages
        + ctx.get("self_employed_net_income")
        + ctx.get("taxable_replacement_income")
        + ctx.get(f"{P}_other_taxable_income")
    )
    return np.asarray(total, dtype=np.float64)


def ceiling_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    household = ctx.group("household")
    members = household.nb_persons()
    # RD art. 7: the ceiling for the first member plus an amount per additional member
    yearly = p.number(f"{P}.income_ceiling.first_member") + p.number(
        f"{P}.income_ceiling.additional_member"
    ) * np.maximum(members - 1, 0)
    return np.asarray(yearly / 12.0, dtype=np.float64)


def by_status_formula(ctx: Context) -> BoolArray:
    # RD art. 2-4: statuses giving the right without an income test
    region_community = ctx.group("household").project(ctx.get("language_community"))
    elderly_counts = (ctx.get("disability_assistance_elderly") > 0) & (
        ctx.params.flag(f"{P}.status.german_speaking_elderly_allowance")
        | (region_community != _GERMAN)
    )
    status = (
        (ctx.get("integration_income") > 0)
        | (ctx.get("income_guarantee_elderly") > 0)
        | (ctx.get("disability_income_replacement_allowance") > 0)
        | (ctx.get("disability_integration_allowance") > 0)
        | elderly_counts
        | ctx.get(f"{P}_child_with_disability")
        | ctx.get(f"{P}_orphan")
        | ctx.get(f"{P}_unaccompanied_minor")
    )
    # the right extends to the partner and the dependants (the family unit)
    family = ctx.group("family_unit")
    return np.asarray(family.project(family.any(status)), dtype=np.bool_)


def by_income_formula(ctx: Context) -> BoolArray:
    last_year = ctx.period.last_year
    household = ctx.group("household")
    # RD art. 7-8: the household's gross taxable income of the previous calendar year at most
    # the ceiling (the monthly ceilings of that year summed: their average, per year)
    income = household.sum(ctx.get(f"{P}_gross_taxable_income", last_year))
    ceiling = ctx.get(f"{P}_income_ceiling", last_year)
    return np.asarray(household.project(income <= ceiling), dtype=np.bool_)


def eligible_formula(ctx: Context) -> BoolArray:
    return np.asarray(
        ctx.get(f"{P}_eligible_by_status") | ctx.get(f"{P}_eligible_by_income"), dtype=np.bool_
    )


def variables() -> list[Variable]:
    return [
        _flag_input(
            "child_with_disability",
            "Child with a disability (66 % or 4 points on the first pillar)",
            "Kind met een handicap (66 % of 4 punten op de eerste pijler)",
            "Enfant handicapé (66 % ou 4 points sur le premier pilier)",
            "art. 2 (child benefit supplement for a child with a disability)",
        ),
        _flag_input(
            "orphan",
            "Registered with the sickness fund as an orphan",
            "Ingeschreven als wees bij het ziekenfonds",
            "Inscrit comme orphelin à la mutualité",
            "art. 2 (orphans)",
        ),
        _flag_input(
            "unaccompanied_minor",
            "Unaccompanied foreign minor",
            "Niet-begeleide minderjarige vreemdeling",
            "Mineur étranger non accompagné",
            "art. 2 (unaccompanied minors)",
        ),
        Variable(
            f"{P}_other_taxable_income",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=_label(
                "Other gross taxable income (property, capital, maintenance ...)",
                "Ander bruto belastbaar inkomen (onroerend, roerend, onderhoudsgeld ...)",
                "Autres revenus imposables bruts (immobiliers, mobiliers, alimentaires ...)",
            ),
            reference=[_ref("art. 7 (income taken into account)")],
        ),
        Variable(
            f"{P}_gross_taxable_income",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=_label(
                "Gross taxable income for the increased reimbursement",
                "Bruto belastbaar inkomen voor de verhoogde tegemoetkoming",
                "Revenus imposables bruts pour l'intervention majorée",
            ),
            reference=[_ref("art. 7")],
            dependencies=[
                "employee_gross_wage",
                "employee_social_contributions",
                "self_employed_net_income",
                "taxable_replacement_income",
                f"{P}_other_taxable_income",
            ],
            formula=gross_taxable_income_formula,
        ),
        Variable(
            f"{P}_income_ceiling",
            entity="household",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=_label(
                "Income ceiling of the household (one twelfth of the yearly ceiling)",
                "Inkomensgrens van het gezin (een twaalfde van de jaargrens)",
                "Plafond de revenus du ménage (un douzième du plafond annuel)",
            ),
            reference=[_ref("art. 7-8")],
            parameters=[f"{P}.income_ceiling"],
            formula=ceiling_formula,
        ),
        _person(
            f"{P}_eligible_by_status",
            _label(
                "Increased reimbursement by status",
                "Verhoogde tegemoetkoming op basis van een statuut",
                "Intervention majorée sur la base d'un statut",
            ),
            reference=[_ref("art. 2-4"), _ref("art. 37 §19", LAW, LAW_URL)],
            dependencies=[
                "integration_income",
                "income_guarantee_elderly",
                "disability_income_replacement_allowance",
                "disability_integration_allowance",
                "disability_assistance_elderly",
                "language_community",
                f"{P}_child_with_disability",
                f"{P}_orphan",
                f"{P}_unaccompanied_minor",
            ],
            parameters=[f"{P}.status"],
            formula=by_status_formula,
        ),
        _person(
            f"{P}_eligible_by_income",
            _label(
                "Increased reimbursement after the income test",
                "Verhoogde tegemoetkoming na inkomensonderzoek",
                "Intervention majorée après enquête sur les revenus",
            ),
            reference=[_ref("art. 7-8")],
            dependencies=[
                dep(f"{P}_gross_taxable_income", at="year", lag=1),
                dep(f"{P}_income_ceiling", at="year", lag=1),
            ],
            formula=by_income_formula,
        ),
        _person(
            f"{P}_eligible",
            _label(
                "Entitled to the increased reimbursement",
                "Recht op de verhoogde tegemoetkoming",
                "Droit à l'intervention majorée",
            ),
            reference=[_ref("art. 2-8"), _ref("art. 37 §19", LAW, LAW_URL)],
            dependencies=[f"{P}_eligible_by_status", f"{P}_eligible_by_income"],
            formula=eligible_formula,
        ),
    ]
