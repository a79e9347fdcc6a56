"""Programme inputs of the social-assistance programme (prefixed ``social_assistance_``).

Conditions the CPAS establishes by its social inquiry (residence, willingness to work, the
integration project) are inputs; their defaults describe an applicant who meets them.
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.social_assistance.common import (
    PRIMABOOK,
    RD,
    label,
    person_month,
    ref,
)

_FLAG = {"dtype": "bool", "unit": "bool", "behaviour": "stock"}


def variables() -> list[Variable]:
    return [
        person_month(
            "social_assistance_other_resources",
            label(
                "Other net resources (maintenance, capital income, ...)",
                "Andere netto-bestaansmiddelen (onderhoudsgeld, roerende inkomsten, ...)",
                "Autres ressources nettes (pension alimentaire, revenus mobiliers, ...)",
            ),
            reference=[ref("art. 16 (all resources)"), ref("art. 22-33", act=RD, url=PRIMABOOK)],
        ),
        person_month(
            "social_assistance_meets_residence_conditions",
            label(
                "Actual residence in Belgium, nationality or registration condition met",
                "Werkelijke verblijfplaats in België en nationaliteits- of inschrijvingsvoorwaarde",
                "Résidence effective en Belgique et condition de nationalité ou d'inscription",
            ),
            default=True,
            reference=[ref("art. 3, 1° and 3°")],
            **_FLAG,
        ),
        person_month(
            "social_assistance_is_available_for_work",
            label(
                "Willing to work (unless health or equity reasons)",
                "Werkbereid (tenzij gezondheids- of billijkheidsredenen)",
                "Disposé à travailler (sauf raisons de santé ou d'équité)",
            ),
            default=True,
            reference=[ref("art. 3, 5°")],
            **_FLAG,
        ),
        person_month(
            "social_assistance_is_emancipated_minor",
            label(
                "Minor treated as an adult (married, with a child, or pregnant)",
                "Minderjarige gelijkgesteld met meerderjarige (gehuwd, met kind, zwanger)",
                "Mineur assimilé à un majeur (marié, avec enfant, enceinte)",
            ),
            default=False,
            reference=[ref("art. 7")],
            **_FLAG,
        ),
        person_month(
            "social_assistance_in_socio_professional_integration",
            label(
                "Started work or training while on the integration income",
                "Begon te werken of een opleiding te volgen met leefloon",
                "A commencé à travailler ou une formation sous revenu d'intégration",
            ),
            default=False,
            reference=[ref("art. 35", act=RD, url="https://bdas-wwsb.brussels/?p=3363")],
            **_FLAG,
        ),
        person_month(
            "social_assistance_spi_months_used",
            label(
                "Months of socio-professional exemption already used",
                "Reeds gebruikte maanden socio-professionele vrijstelling",
                "Mois d'exonération socio-professionnelle déjà utilisés",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[
                ref("art. 35 (three years)", act=RD, url="https://bdas-wwsb.brussels/?p=3363")
            ],
        ),
        person_month(
            "social_assistance_count_relatives",
            label(
                "The CPAS counts the resources of co-resident parents / adult children",
                "Het OCMW telt de middelen van inwonende ouders / meerderjarige kinderen mee",
                "Le CPAS tient compte des ressources des parents / enfants majeurs cohabitants",
            ),
            default=False,
            reference=[
                ref("art. 34 §2 (optional)", act=RD, url="https://bdas-wwsb.brussels/?p=3380")
            ],
            **_FLAG,
        ),
        person_month(
            "social_assistance_has_integration_project",
            label(
                "Has an individualised project of social integration (PIIS/GPMI)",
                "Heeft een geïndividualiseerd project voor maatschappelijke integratie (GPMI)",
                "A un projet individualisé d'intégration sociale (PIIS)",
            ),
            default=False,
            reference=[ref("art. 11, art. 33")],
            **_FLAG,
        ),
        Variable(
            "social_assistance_cpas_caseload",
            entity="household",
            period_unit="year",
            dtype="int",
            unit="count",
            behaviour="stock",
            label=label(
                "Average monthly number of integration-income beneficiaries of the CPAS",
                "Gemiddeld maandelijks aantal leefloongerechtigden van het OCMW",
                "Nombre mensuel moyen de bénéficiaires du revenu d'intégration du CPAS",
            ),
            reference=[ref("art. 32 §1 (year before last)")],
        ),
    ]
