"""Programme inputs of the pensions programme (prefixed ``pensions_``).

The career is summarised per person by ``career.employee_career_inputs`` and
``career.self_employed_career_inputs`` (see ``career.py`` and the README): sums of revalued,
capped remunerations at the prices of the simulated date and counts of career years by
intensity. They are yearly stocks (one value per person and year). The survivor-pension
inputs describe the deceased spouse (the same helper applied to the deceased's career).
"""

from __future__ import annotations

from typing import Any

from mimosis.engine import Variable
from mimosis.legislation.pensions.common import (
    LAW_1980,
    LAW_2014,
    RD72,
    SFP_CALC,
    SFP_MIN,
    label,
    ref,
)


def _year_stock(
    name: str, lbl: dict[str, str], reference: list[dict[str, str]], **kw: Any
) -> Variable:
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "year",
        "dtype": "float",
        "unit": "count",
        "behaviour": "stock",
    }
    fields.update(kw)
    return Variable(name, label=lbl, reference=reference, **fields)


_ART5 = [ref("art. 5 §1, art. 7 (revalued, capped remunerations; 1/45 a year)", url=SFP_CALC)]
_MIN = [ref("art. 152 §1 (career conditions of the minimum pension)", act=LAW_1980, url=SFP_MIN)]
_SE = [ref("art. 5-9 (income-related pension from 1984, lump sum before)", act=RD72)]
_SURV = [ref("art. 16-17 (survivor pension), 21bis-21ter (transition allowance)", act=LAW_2014)]


def variables() -> list[Variable]:
    return [
        _year_stock(
            "pensions_employee_revalued_wages",
            label(
                "Employee career: sum of the capped, revalued remunerations",
                "Werknemersloopbaan: som van de begrensde, geherwaardeerde lonen",
                "Carrière salariée : somme des rémunérations plafonnées et revalorisées",
            ),
            _ART5,
            unit="EUR",
        ),
        _year_stock(
            "pensions_employee_career_days",
            label(
                "Employee career: full-time-equivalent days",
                "Werknemersloopbaan: voltijds equivalente dagen",
                "Carrière salariée : jours équivalents temps plein",
            ),
            _ART5,
            unit="day",
        ),
        _year_stock(
            "pensions_employee_years_fraction",
            label(
                "Employee career: years of at least 52 full-time days",
                "Werknemersloopbaan: jaren met minstens 52 voltijdse dagen",
                "Carrière salariée : années d'au moins 52 jours temps plein",
            ),
            _MIN,
        ),
        _year_stock(
            "pensions_employee_years_flexible",
            label(
                "Employee career: years of at least 156 full-time days",
                "Werknemersloopbaan: jaren met minstens 156 voltijdse dagen",
                "Carrière salariée : années d'au moins 156 jours temps plein",
            ),
            _MIN,
        ),
        _year_stock(
            "pensions_employee_years_strict",
            label(
                "Employee career: years of at least 208 full-time days",
                "Werknemersloopbaan: jaren met minstens 208 voltijdse dagen",
                "Carrière salariée : années d'au moins 208 jours temps plein",
            ),
            _MIN,
        ),
        _year_stock(
            "pensions_employee_career_years",
            label(
                "Employee career years of at least 104 full-time days (early retirement)",
                "Loopbaanjaren als werknemer met minstens 104 voltijdse dagen",
                "Années de carrière salariée d'au moins 104 jours temps plein",
            ),
            [ref("art. 4 §3 (career condition of the early pension)")],
        ),
        _year_stock(
            "pensions_self_employed_revalued_income",
            label(
                "Self-employed career: sum of the revalued, corrected business incomes",
                "Zelfstandige loopbaan: som van de geherwaardeerde, gecorrigeerde inkomens",
                "Carrière d'indépendant : somme des revenus revalorisés et corrigés",
            ),
            _SE,
            unit="EUR",
        ),
        _year_stock(
            "pensions_self_employed_career_years",
            label(
                "Self-employed career years (quarters / 4)",
                "Loopbaanjaren als zelfstandige (kwartalen / 4)",
                "Années de carrière d'indépendant (trimestres / 4)",
            ),
            _SE,
        ),
        _year_stock(
            "pensions_retirement_start_year",
            label(
                "Year the retirement pension took effect (0: not started)",
                "Jaar van ingang van het rustpensioen (0: niet ingegaan)",
                "Année de prise de cours de la pension de retraite (0 : pas commencée)",
            ),
            [ref("art. 2-4 (the pension takes effect on the first of a month, on request)")],
            dtype="int",
            unit="year",
        ),
        _year_stock(
            "pensions_retirement_start_month",
            label(
                "Month the retirement pension took effect",
                "Maand van ingang van het rustpensioen",
                "Mois de prise de cours de la pension de retraite",
            ),
            [ref("art. 2-4 (the pension takes effect on the first of a month)")],
            dtype="int",
            unit="month",
            default=1,
        ),
        _year_stock(
            "pensions_survivor_death_year",
            label(
                "Year of death of the spouse (0: no deceased spouse)",
                "Overlijdensjaar van de echtgenoot (0: geen overleden echtgenoot)",
                "Année du décès du conjoint (0 : pas de conjoint décédé)",
            ),
            _SURV,
            dtype="int",
            unit="year",
        ),
        _year_stock(
            "pensions_survivor_death_month",
            label(
                "Month of death of the spouse",
                "Overlijdensmaand van de echtgenoot",
                "Mois du décès du conjoint",
            ),
            _SURV,
            dtype="int",
            unit="month",
            default=1,
        ),
        _year_stock(
            "pensions_survivor_deceased_revalued_wages",
            label(
                "Deceased spouse: sum of the capped, revalued employee remunerations",
                "Overleden echtgenoot: som van de begrensde, geherwaardeerde lonen",
                "Conjoint décédé : somme des rémunérations plafonnées et revalorisées",
            ),
            _SURV,
            unit="EUR",
        ),
        _year_stock(
            "pensions_survivor_deceased_self_employed_income",
            label(
                "Deceased spouse: sum of the revalued, corrected business incomes",
                "Overleden echtgenoot: som van de geherwaardeerde beroepsinkomens",
                "Conjoint décédé : somme des revenus professionnels revalorisés",
            ),
            _SURV,
            unit="EUR",
        ),
        _year_stock(
            "pensions_survivor_deceased_career_years",
            label(
                "Deceased spouse: career years (for the minimum survivor pension)",
                "Overleden echtgenoot: loopbaanjaren (minimum overlevingspensioen)",
                "Conjoint décédé : années de carrière (minimum de la pension de survie)",
            ),
            _SURV,
        ),
        _year_stock(
            "pensions_survivor_career_denominator",
            label(
                "Denominator of the deceased's career fraction (45, or the years from age 20 to "
                "the death)",
                "Noemer van de loopbaanbreuk van de overledene",
                "Dénominateur de la fraction de carrière du défunt",
            ),
            _SURV,
            default=45,
        ),
        _year_stock(
            "pensions_survivor_child_at_death",
            label(
                "A dependent child at the death of the spouse (transition allowance)",
                "Een kind ten laste bij het overlijden (overgangsuitkering)",
                "Un enfant à charge au décès du conjoint (allocation de transition)",
            ),
            _SURV,
            dtype="bool",
            unit="bool",
            default=False,
        ),
        _year_stock(
            "pensions_survivor_child_under_13_at_death",
            label(
                "A dependent child under 13 (or disabled) at the death of the spouse",
                "Een kind ten laste jonger dan 13 (of met een handicap) bij het overlijden",
                "Un enfant à charge de moins de 13 ans (ou handicapé) au décès",
            ),
            _SURV,
            dtype="bool",
            unit="bool",
            default=False,
        ),
    ]
