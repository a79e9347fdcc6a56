"""Programme inputs of the unemployment programme (prefixed ``unemployment_``).

The shared inputs (age, labour status, wages, replacement incomes) are declared by the spine
(``mimosis.legislation.inputs``).
"""

from __future__ import annotations

from mimosis.engine import Variable
from mimosis.legislation.unemployment.common import RVA_TABLES, label, person_month, ref

_T67 = ref("art. 104 (average daily wage), art. 114", url=RVA_TABLES)


def variables() -> list[Variable]:
    return [
        person_month(
            "unemployment_reference_gross_wage",
            label(
                "Last gross monthly wage (reference for the benefit)",
                "Laatste brutomaandloon (referteloon)",
                "Dernière rémunération mensuelle brute (de référence)",
            ),
            reference=[_T67],
        ),
        person_month(
            "unemployment_start_year",
            label(
                "Year the current unemployment right started",
                "Jaar van begin van het huidige recht op uitkeringen",
                "Année de début du droit aux allocations en cours",
            ),
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[ref("art. 114 §2 (months counted from the start of the right)")],
        ),
        person_month(
            "unemployment_start_month",
            label(
                "Month the current unemployment right started",
                "Maand van begin van het huidige recht op uitkeringen",
                "Mois de début du droit aux allocations en cours",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            default=1,
            reference=[ref("art. 114 §2")],
        ),
        person_month(
            "unemployment_years_of_work",
            label(
                "Years of wage-earning career (beroepsverleden)",
                "Jaren beroepsverleden als loontrekkende",
                "Années de passé professionnel salarié",
            ),
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[ref("art. 114 §3 (2 months of second period per year)")],
        ),
        person_month(
            "unemployment_is_school_leaver",
            label(
                "Admitted on the basis of studies (integration allowance)",
                "Toegelaten op basis van studies (inschakelingsuitkering)",
                "Admis sur la base des études (allocation d'insertion)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 36, art. 124")],
        ),
        person_month(
            "unemployment_pays_maintenance",
            label(
                "Lives alone and pays maintenance (court decision or notarial deed)",
                "Woont alleen en betaalt onderhoudsgeld (vonnis of notariële akte)",
                "Vit seul et paie une pension alimentaire (jugement ou acte notarié)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 110 §1, 3°")],
        ),
        person_month(
            "unemployment_days_paid",
            label(
                "Benefit days in the month (26 for a full month)",
                "Uitkeringsdagen in de maand (26 voor een volledige maand)",
                "Jours d'allocation dans le mois (26 pour un mois complet)",
            ),
            unit="day",
            default=26.0,
            reference=[ref("art. 99-100 (six allowances a week)", url=RVA_TABLES)],
        ),
        person_month(
            "unemployment_ale_hours",
            label(
                "Hours worked through a local employment agency (PWA/ALE)",
                "Uren gewerkt via een PWA",
                "Heures prestées via une ALE",
            ),
            unit="count",
            reference=[ref("art. 79 (PWA/ALE activity)")],
        ),
        person_month(
            "unemployment_is_involuntary_part_time",
            label(
                "Part-time worker with maintenance of rights (IGU applicant)",
                "Deeltijdse werknemer met behoud van rechten (IGU-aanvrager)",
                "Travailleur à temps partiel avec maintien des droits (demandeur d'AGR)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 29, art. 131bis")],
        ),
        person_month(
            "unemployment_part_time_hours",
            label(
                "Hours worked in the month (part-time job)",
                "Gepresteerde uren in de maand (deeltijdse betrekking)",
                "Heures prestées dans le mois (emploi à temps partiel)",
            ),
            unit="count",
            reference=[ref("art. 131bis")],
        ),
        person_month(
            "unemployment_part_time_net_wage",
            label(
                "Net wage of the part-time job",
                "Nettoloon van de deeltijdse betrekking",
                "Rémunération nette de l'emploi à temps partiel",
            ),
            reference=[ref("art. 131bis")],
        ),
        person_month(
            "unemployment_igu_months",
            label(
                "Months of income-guarantee allowance already received",
                "Reeds ontvangen maanden inkomensgarantie-uitkering",
                "Mois d'allocation de garantie de revenus déjà perçus",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[ref("art. 131bis (reduction after 24 months, from 2018)")],
        ),
    ]
