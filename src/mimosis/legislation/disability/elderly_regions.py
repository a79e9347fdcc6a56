"""The assistance to the elderly after the sixth state reform: which federated entity is
competent (by residence), who pays, and the German-speaking Community's own benefit.

The Special Act of 6 January 2014 made the allowance a competence of the communities on
1 July 2014 (exercised for Wallonia by the Walloon Region, for Brussels by the Common
Community Commission); the federal administration (DG Persons with disabilities) kept paying
it on their behalf until Flanders (1/1/2017), Wallonia and Brussels (1/1/2021) and the
German-speaking Community (1/1/2023) took it over (parameters ``disability.elderly.takeover``).
Flanders, Wallonia and Brussels kept the rules of the RD of 5 March 1990 (with their own
changes, see ``elderly.py``); the German-speaking Community replaced the allowance by its
Pflegegeld für Senioren from 1/1/2023 (Decree of 27 June 2022). See README.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.communities import (
    COMPETENT_ENTITIES,
    competent_entity,
)
from mimosis.legislation.disability.common import FloatArray, label, person_variable
from mimosis.legislation.sparse import only_where

IntArray = npt.NDArray[np.int64]

_E = "disability.elderly"
_SPECIAL_ACT = {
    "act": "Special Act of 6 January 2014 on the sixth state reform",
    "article": "transfer of the assistance to the elderly to the communities on 1 July 2014",
    "url": "http://www.espace-seniors.be/Droits/legislations/Securite-Sociale/Pages/Apa.aspx",
}
_DG_DECREE = {
    "act": "Decree of the German-speaking Community of 27 June 2022 (Pflegegeld für Senioren)",
    "article": "basic amount, social supplement, conditions",
    "url": "https://ostbelgienlive.be/desktopdefault.aspx/tabid-7512/",
}

#: who pays: nobody, the federal administration on the entity's behalf, or the entity itself
PAYING_LEVELS: tuple[str, ...] = ("none", "federal_administration", "community")
_TAKEOVER_FLAGS = ("flanders", "wallonia", "brussels", "german_speaking")


def entity_formula(ctx: Context) -> IntArray:
    # Special Act of 6 January 2014: the residence decides
    return competent_entity(ctx)


def entity_of_persons(ctx: Context) -> IntArray:
    """The competent entity of each person (their household's)."""
    household = ctx.group("household")
    return np.asarray(household.project(ctx.get("disability_elderly_competent_entity")), np.int64)


def paying_level_formula(ctx: Context) -> IntArray:
    entity = entity_of_persons(ctx)
    # the entity pays from the date its administration took the files over (takeover.yaml)
    taken_over = np.zeros(entity.shape, dtype=np.bool_)
    for code, flag in enumerate(_TAKEOVER_FLAGS):
        if ctx.params.flag(f"{_E}.takeover.{flag}"):
            taken_over = taken_over | (entity == code)
    paid = ctx.get("disability_assistance_elderly") > 0
    level = np.where(taken_over, PAYING_LEVELS.index("community"), 1)
    return np.asarray(np.where(paid, level, PAYING_LEVELS.index("none")), dtype=np.int64)


def german_speaking_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    if not p.flag(f"{_E}.german_speaking.own_benefit"):
        return np.zeros(ctx.size, dtype=np.float64)
    category = ctx.get("disability_elderly_care_category")
    # Decree of 27/6/2022: the basic amount of the care category assessed with the BelRAI
    # screener (no income test), plus the social supplement for a person with the increased
    # reimbursement (EKE): the GRAPA gives it, other routes are an input (the programme's own
    # status and income routes would read this allowance or last year's income; README)
    increased = ctx.get("disability_elderly_has_increased_reimbursement") | (
        ctx.get("income_guarantee_elderly") > 0
    )
    basic = p.scale(f"{_E}.german_speaking.basic_allowance").calc(category)
    supplement = p.scale(f"{_E}.german_speaking.social_supplement").calc(category)
    amount = basic + np.where(increased, supplement, 0.0)
    # from the statutory pension age (pensions: by year of birth)
    pension_age = p.scale("pensions.age.statutory_age").calc(ctx.get("birth_year"))
    eligible = ctx.get("age") >= pension_age
    return np.asarray(np.where(eligible, amount, 0.0), dtype=np.float64)


def _with_care_category(ctx: Context) -> np.ndarray:
    """The persons with a care category: no category, no allowance."""
    return np.asarray(ctx.get("disability_elderly_care_category") > 0)


def variables() -> list[Variable]:
    flag: dict[str, Any] = {"dtype": "bool", "unit": "bool", "behaviour": "stock", "default": False}
    return [
        person_variable(
            "disability_elderly_in_care_home",
            label(
                "Lives in a residential care home (woonzorgcentrum / maison de repos)",
                "Verblijft in een woonzorgcentrum",
                "Réside en maison de repos",
            ),
            reference=[
                {
                    "act": "Flemish Government, measure of 1 April 2023",
                    "article": "care categories 4 and 5 for care-home residents",
                    "url": "https://www.hbvl.be/cnt/dmf20230325_92355844",
                }
            ],
            **flag,
        ),
        person_variable(
            "disability_elderly_care_category",
            label(
                "Care category assessed with the BelRAI screener (German-speaking Community, "
                "0 none, 1-4)",
                "Zorgcategorie vastgesteld met de BelRAI-screener (Duitstalige Gemeenschap, "
                "0 geen, 1-4)",
                "Catégorie de soins évaluée par le BelRAI screener (Communauté germanophone, "
                "0 aucune, 1-4)",
            ),
            dtype="int",
            unit="count",
            behaviour="stock",
            reference=[_DG_DECREE],
        ),
        person_variable(
            "disability_elderly_has_increased_reimbursement",
            label(
                "Has the increased reimbursement (EKE/BIM) other than through the GRAPA "
                "(German-speaking Community's social supplement)",
                "Heeft de verhoogde tegemoetkoming anders dan via de IGO (sociale toeslag van "
                "de Duitstalige Gemeenschap)",
                "Bénéficie de l'intervention majorée autrement que par la GRAPA (supplément "
                "social de la Communauté germanophone)",
            ),
            reference=[_DG_DECREE],
            **flag,
        ),
        Variable(
            "disability_elderly_competent_entity",
            entity="household",
            period_unit="month",
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=COMPETENT_ENTITIES,
            label=label(
                "Entity competent for the household's assistance to the elderly",
                "Bevoegde overheid voor de tegemoetkoming hulp aan bejaarden van het huishouden",
                "Entité compétente pour l'allocation pour l'aide aux personnes âgées du ménage",
            ),
            reference=[_SPECIAL_ACT],
            dependencies=["region", "language_community"],
            formula=entity_formula,
        ),
        person_variable(
            "disability_assistance_elderly_paying_level",
            label(
                "Who pays the assistance to the elderly: the federal administration (for the "
                "entity) or the entity's own administration",
                "Wie betaalt de tegemoetkoming hulp aan bejaarden: de federale administratie "
                "(voor de deelstaat) of de deelstaat zelf",
                "Qui paie l'allocation pour l'aide aux personnes âgées : l'administration "
                "fédérale (pour l'entité) ou l'entité elle-même",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=PAYING_LEVELS,
            reference=[_SPECIAL_ACT],
            dependencies=["disability_elderly_competent_entity", "disability_assistance_elderly"],
            parameters=[f"{_E}.takeover"],
            formula=paying_level_formula,
        ),
        person_variable(
            "disability_elderly_care_allowance_german_speaking",
            label(
                "Pflegegeld für Senioren of the German-speaking Community (before the "
                "residence and the transitional rule)",
                "Zorggeld voor senioren van de Duitstalige Gemeenschap (voor woonplaats en "
                "overgangsregel)",
                "Allocation de soins pour seniors de la Communauté germanophone (avant la "
                "résidence et la règle transitoire)",
            ),
            reference=[_DG_DECREE],
            dependencies=[
                "disability_elderly_care_category",
                "disability_elderly_has_increased_reimbursement",
                "income_guarantee_elderly",
                "birth_year",
                "age",
            ],
            parameters=[
                f"{_E}.german_speaking.own_benefit",
                f"{_E}.german_speaking.basic_allowance",
                f"{_E}.german_speaking.social_supplement",
                "pensions.age.statutory_age",
            ],
            formula=only_where(_with_care_category, german_speaking_formula),
        ),
    ]
