"""Programme inputs of the sickness and invalidity programme (prefixed ``sickness_invalidity_``).

The shared inputs (age, labour status, wages, household composition) are declared by the
spine (``mimosis.legislation.inputs``).
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.sickness_invalidity.common import (
    EMPLOYEE,
    INAMI_AMOUNTS,
    RD_1971,
    SCHEMES,
    ZIV,
    label,
    person_month,
    ref,
)

_BOOL = {"dtype": "bool", "unit": "bool", "behaviour": "stock"}


def variables() -> list[Variable]:
    return [
        person_month(
            "sickness_invalidity_start_year",
            label(
                "Year the recognised incapacity for work started (0: none)",
                "Jaar van begin van de erkende arbeidsongeschiktheid (0: geen)",
                "Année de début de l'incapacité de travail reconnue (0 : aucune)",
            ),
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[ref("art. 87, 93 (primary incapacity, then invalidity)", act=ZIV)],
        ),
        person_month(
            "sickness_invalidity_start_month",
            label(
                "Month the recognised incapacity for work started",
                "Maand van begin van de erkende arbeidsongeschiktheid",
                "Mois de début de l'incapacité de travail reconnue",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            default=1,
            reference=[ref("art. 87, 93", act=ZIV)],
        ),
        person_month(
            "sickness_invalidity_scheme",
            label(
                "Benefit insurance scheme (employee or self-employed)",
                "Uitkeringsverzekering (werknemers of zelfstandigen)",
                "Assurance indemnités (salariés ou indépendants)",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=SCHEMES,
            default=EMPLOYEE,
            reference=[ref("art. 86 (employees)", act=ZIV), ref("art. 1-2", act=RD_1971)],
        ),
        person_month(
            "sickness_invalidity_daily_wage",
            label(
                "Lost gross daily wage (6-day week), at the index of the period",
                "Gederfd brutodagloon (zesdagenweek), tegen het indexcijfer van de periode",
                "Rémunération journalière brute perdue (semaine de 6 jours), à l'indice de la"
                " période",
            ),
            unit="EUR/day",
            behaviour="stock",
            reference=[
                ref("art. 87 (lost wage, RD 10/6/2001 average daily wage)", act=ZIV),
                ref("calculation of the benefit", act="INAMI/RIZIV", url=INAMI_AMOUNTS),
            ],
        ),
        person_month(
            "sickness_invalidity_is_regular_worker",
            label(
                "Regular worker (regelmatig werknemer) for the minimum amounts",
                "Regelmatig werknemer (voor de minimumuitkeringen)",
                "Travailleur régulier (pour les indemnités minimales)",
            ),
            default=True,
            reference=[ref("art. 214 §1 (minimum of a regular worker)")],
            **_BOOL,
        ),
        person_month(
            "sickness_invalidity_benefit_days",
            label(
                "Benefit days in the month (6-day week; 26 for a full month)",
                "Uitkeringsdagen in de maand (zesdagenweek; 26 voor een volle maand)",
                "Jours indemnisables dans le mois (semaine de 6 jours ; 26 pour un mois complet)",
            ),
            unit="day",
            behaviour="stock",
            default=26.0,
            reference=[ref("art. 87 (every working day; 6-day week)", act=ZIV)],
        ),
        person_month(
            "sickness_invalidity_pays_maintenance",
            label(
                "Lives alone and pays maintenance (with family burden)",
                "Woont alleen en betaalt onderhoudsgeld (met gezinslast)",
                "Vit seul et paie une pension alimentaire (avec charge de famille)",
            ),
            default=False,
            reference=[ref("art. 225 §1 (beneficiary with family burden)")],
            **_BOOL,
        ),
        person_month(
            "sickness_invalidity_has_ceased_business",
            label(
                "Self-employed invalid who has ceased the business (assimilation)",
                "Zelfstandige invalide die het bedrijf heeft stopgezet (gelijkstelling)",
                "Indépendant invalide ayant cessé son entreprise (assimilation)",
            ),
            default=True,
            reference=[ref("art. 7-8 (invalidity amounts with and without cessation)", RD_1971)],
            **_BOOL,
        ),
        person_month(
            "sickness_invalidity_authorised_work_fraction",
            label(
                "Authorised work as a share of full time (employees, from April 2018)",
                "Toegelaten arbeid als deel van voltijds (werknemers, vanaf april 2018)",
                "Travail autorisé en fraction d'un temps plein (salariés, depuis avril 2018)",
            ),
            unit="/1",
            behaviour="stock",
            reference=[ref("art. 230 §1 (fraction of occupation)")],
        ),
        person_month(
            "sickness_invalidity_authorised_work_earnings",
            label(
                "Gross earnings from authorised work (employees, before April 2018)",
                "Bruto-inkomen uit toegelaten arbeid (werknemers, vóór april 2018)",
                "Revenu brut du travail autorisé (salariés, avant avril 2018)",
            ),
            reference=[ref("art. 230 §1 (income tranches, version until 31/3/2018)")],
        ),
        person_month(
            "sickness_invalidity_authorised_activity_month",
            label(
                "Month of the authorised self-employed activity (1 = first month; 0: none)",
                "Maand van de toegelaten zelfstandige activiteit (1 = eerste maand; 0: geen)",
                "Mois de l'activité indépendante autorisée (1 = premier mois ; 0 : aucune)",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[ref("art. 23-23bis (authorised activity of the self-employed)", RD_1971)],
        ),
        person_month(
            "sickness_invalidity_same_cause_as_occupational_risk",
            label(
                "Incapacity caused by the compensated work accident or occupational disease",
                "Ongeschiktheid veroorzaakt door het vergoede arbeidsongeval of de beroepsziekte",
                "Incapacité causée par l'accident du travail ou la maladie professionnelle"
                " indemnisé",
            ),
            default=False,
            reference=[ref("art. 136 §2 (damage compensated under another law)", act=ZIV)],
            **_BOOL,
        ),
    ]
