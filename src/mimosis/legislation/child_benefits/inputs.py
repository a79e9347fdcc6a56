"""Programme inputs of the child-benefits programme (prefixed ``child_benefits_``).

Situations the population register and the payment agencies know but the shared inputs do not
describe: orphanhood, a conditional entitlement after 18 other than studies, the cadastral
income (Brussels), the social supplement of the German-speaking Community.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.child_benefits.common import (
    BRUSSELS,
    BRUSSELS_URL,
    GERMAN,
    GERMAN_URL,
    ORPHAN_STATUSES,
    label,
    person_month,
    ref,
)

_FLAG = {"dtype": "bool", "unit": "bool", "behaviour": "stock", "default": False}


def variables() -> list[Variable]:
    return [
        person_month(
            "child_benefits_orphan",
            label(
                "Orphan status of the child (one parent or both parents deceased)",
                "Wezenstatus van het kind (één of beide ouders overleden)",
                "Statut d'orphelin de l'enfant (un parent ou les deux parents décédés)",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=ORPHAN_STATUSES,
            reference=[ref("art. 50bis (orphans)")],
        ),
        person_month(
            "child_benefits_conditional_entitlement",
            label(
                "Entitled after 18 for another reason than studies (apprenticeship, job seeker "
                "in the waiting period)",
                "Rechtgevend na 18 jaar om een andere reden dan studies (leerling, "
                "werkzoekende in de beroepsinschakelingstijd)",
                "Bénéficiaire après 18 ans pour une autre raison que les études (apprenti, "
                "demandeur d'emploi en stage d'insertion)",
            ),
            reference=[ref("art. 62 §2-§5")],
            **_FLAG,
        ),
        Variable(
            "child_benefits_cadastral_income",
            entity="household",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=label(
                "Non-indexed cadastral income of the household's built property",
                "Niet-geïndexeerd kadastraal inkomen van de gebouwde eigendommen van het gezin",
                "Revenu cadastral non indexé des biens bâtis du ménage",
            ),
            reference=[ref("art. 9 (condition from November 2023)", BRUSSELS, BRUSSELS_URL)],
        ),
        person_month(
            "child_benefits_german_social_supplement_entitled",
            label(
                "The family meets the conditions of the social supplement of the German-"
                "speaking Community",
                "Het gezin voldoet aan de voorwaarden van de sociale toeslag van de Duitstalige "
                "Gemeenschap",
                "La famille remplit les conditions du supplément social de la Communauté "
                "germanophone",
            ),
            entity="household",
            reference=[ref("social supplement (Sozialzuschlag)", GERMAN, GERMAN_URL)],
            **_FLAG,
        ),
    ]
