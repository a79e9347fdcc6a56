"""Benefits of the Work Accidents Act of 10 April 1971 (private sector).

- Basic wage (art. 34-39): the wage of the year before the accident, capped at the ceiling of
  the accident year (art. 39); for minors and apprentices in temporary incapacity at least the
  minimum basic wage (art. 38).
- Temporary total incapacity (art. 22): 90 % of the average daily wage (basic wage / 365) for
  every calendar day.
- Permanent incapacity (art. 24): a yearly allowance (an annuity after the three-year revision
  period) equal to the basic wage times the degree of incapacity, halved below 5 % and reduced
  by a quarter from 5 % to under 10 %; paid monthly here (one twelfth).
- Help of a third party (art. 24, 4th paragraph): a supplementary yearly allowance set by the
  need for help, at most twelve times the guaranteed average minimum monthly income.
- Pension (art. 42bis; RD of 12 December 2006): from the month in which a retirement or
  survivor pension is received, the allowance for permanent incapacity is limited to a flat
  monthly amount per percentage point of incapacity, by degree category.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, ParameterView, Variable
from mimosis.legislation.sparse import on_subset

FloatArray = npt.NDArray[np.float64]
P = "work_accidents"
WAA = "Work Accidents Act of 10 April 1971"
FEDRIS = "https://fedris.be/nl/slachtoffer/privesector/vergoeding/blijvende-arbeidsongeschiktheid"
_LIMIT = "occupational_diseases.pension_limitation"
_GGMMI = "sickness_invalidity.family_situation.minimum_wage"
_BOOL = {"dtype": "bool", "unit": "bool", "behaviour": "stock", "default": False}


def _ref(article: str, act: str = WAA, url: str | None = None) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _person_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "float",
        "unit": "EUR/month",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def _cents(values: Any) -> FloatArray:
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)


def capped_basic_wage_formula(ctx: Context) -> FloatArray:
    # art. 39: the basic wage is capped at the ceiling in force in the year of the accident
    year = ctx.get("work_accidents_accident_year")
    ceiling = ctx.params.scale(f"{P}.basic_wage.ceiling")
    wage = ctx.get("work_accidents_basic_wage")
    return on_subset(year > 0, lambda i: np.minimum(wage[i], ceiling.calc(year[i])))


def temporary_formula(ctx: Context) -> FloatArray:
    year = ctx.get("work_accidents_accident_year")
    basic = ctx.get("work_accidents_capped_basic_wage")
    minor = ctx.get("work_accidents_is_minor_or_apprentice")
    days = ctx.get("work_accidents_temporary_incapacity_days")
    return on_subset(
        year > 0, lambda i: _temporary(ctx.params, year[i], basic[i], minor[i], days[i])
    )


def _temporary(p: ParameterView, year: Any, basic: FloatArray, minor: Any, days: Any) -> FloatArray:
    # art. 38: minors and apprentices: at least the minimum basic wage (temporary incapacity)
    minimum = p.scale(f"{P}.basic_wage.minimum_minor_or_apprentice").calc(year)
    basic = np.where(minor, np.maximum(basic, minimum), basic)
    # art. 22: 90 % of the average daily wage (basic wage / 365) per calendar day
    daily = _cents(
        p.number(f"{P}.temporary_incapacity.rate")
        * basic
        / p.number(f"{P}.temporary_incapacity.days_per_year")
    )
    return _cents(daily * days)


def permanent_formula(ctx: Context) -> FloatArray:
    degree = ctx.get("work_accidents_permanent_degree")
    basic = ctx.get("work_accidents_capped_basic_wage")
    pensioned = ctx.get("pension_income") > 0
    return on_subset(
        degree > 0, lambda i: _permanent(ctx.params, degree[i], basic[i], pensioned[i])
    )


def _permanent(p: ParameterView, degree: Any, basic: FloatArray, pensioned: Any) -> FloatArray:
    # art. 24: basic wage x degree, halved below 5 %, reduced by a quarter from 5 to < 10 %
    factor = p.scale(f"{P}.permanent_incapacity.reduction_factor").calc(degree)
    yearly = basic * degree * factor
    monthly = _cents(yearly / 12)
    # art. 42bis, RD 12/12/2006: with a retirement or survivor pension, a flat monthly amount
    # per percentage point of incapacity, by degree category
    per_point = p.scale(_LIMIT).calc(degree)
    limited = _cents(per_point * np.round(degree * 100, 6))
    return np.where(pensioned, np.minimum(monthly, limited), monthly)


def third_party_formula(ctx: Context) -> FloatArray:
    # art. 24, 4th paragraph: according to the need, at most 12 x the minimum monthly income
    p = ctx.params
    share = np.clip(ctx.get("work_accidents_third_party_help_share"), 0.0, 1.0)
    maximum = p.number(f"{P}.third_party_help.months_of_minimum_income") * p.number(_GGMMI)
    return _cents(share * maximum / 12)


def benefit_formula(ctx: Context) -> FloatArray:
    return np.asarray(
        ctx.get("work_accidents_temporary_incapacity_benefit")
        + ctx.get("work_accidents_permanent_incapacity_benefit")
        + ctx.get("work_accidents_third_party_help"),
        dtype=np.float64,
    )


def _inputs() -> list[Variable]:
    return [
        _person_month(
            "work_accidents_accident_year",
            _label(
                "Year of the work accident (0: none)",
                "Jaar van het arbeidsongeval (0: geen)",
                "Année de l'accident du travail (0 : aucun)",
            ),
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[_ref("art. 39 (ceiling of the year of the accident)")],
        ),
        _person_month(
            "work_accidents_basic_wage",
            _label(
                "Basic wage: the wage of the year before the accident",
                "Basisloon: het loon van het jaar vóór het ongeval",
                "Rémunération de base : la rémunération de l'année précédant l'accident",
            ),
            unit="EUR",
            behaviour="stock",
            reference=[
                _ref(
                    "art. 34-37",
                    url="https://fedris.be/fr/professionnel/secteur-prive/remuneration-de-base",
                )
            ],
        ),
        _person_month(
            "work_accidents_temporary_incapacity_days",
            _label(
                "Calendar days of total temporary incapacity in the month",
                "Kalenderdagen volledige tijdelijke ongeschiktheid in de maand",
                "Jours calendrier d'incapacité temporaire totale dans le mois",
            ),
            unit="day",
            behaviour="stock",
            reference=[_ref("art. 22")],
        ),
        _person_month(
            "work_accidents_permanent_degree",
            _label(
                "Degree of permanent incapacity (share)",
                "Graad van blijvende arbeidsongeschiktheid (aandeel)",
                "Taux d'incapacité permanente (fraction)",
            ),
            unit="/1",
            behaviour="stock",
            reference=[_ref("art. 24")],
        ),
        _person_month(
            "work_accidents_third_party_help_share",
            _label(
                "Need for the help of a third party (share of the maximum)",
                "Nood aan hulp van derden (deel van het maximum)",
                "Besoin de l'aide d'une tierce personne (part du maximum)",
            ),
            unit="/1",
            behaviour="stock",
            reference=[_ref("art. 24, 4th paragraph")],
        ),
        _person_month(
            "work_accidents_is_minor_or_apprentice",
            _label(
                "Minor or apprentice at the time of the accident",
                "Minderjarige of leerling op het ogenblik van het ongeval",
                "Mineur ou apprenti au moment de l'accident",
            ),
            reference=[_ref("art. 38")],
            **_BOOL,
        ),
    ]


def variables() -> list[Variable]:
    money = {"reference": [_ref("art. 22-24, 42bis", url=FEDRIS)]}
    return [
        *_inputs(),
        _person_month(
            "work_accidents_capped_basic_wage",
            _label(
                "Basic wage capped at the ceiling of the accident year",
                "Basisloon begrensd tot de loongrens van het ongevalsjaar",
                "Rémunération de base plafonnée au plafond de l'année de l'accident",
            ),
            unit="EUR",
            behaviour="stock",
            reference=[_ref("art. 39")],
            dependencies=["work_accidents_accident_year", "work_accidents_basic_wage"],
            parameters=[f"{P}.basic_wage.ceiling"],
            formula=capped_basic_wage_formula,
        ),
        _person_month(
            "work_accidents_temporary_incapacity_benefit",
            _label(
                "Allowance for temporary incapacity (work accident)",
                "Vergoeding voor tijdelijke arbeidsongeschiktheid (arbeidsongeval)",
                "Indemnité d'incapacité temporaire (accident du travail)",
            ),
            reference=[_ref("art. 22, 38")],
            dependencies=[
                "work_accidents_capped_basic_wage",
                "work_accidents_accident_year",
                "work_accidents_is_minor_or_apprentice",
                "work_accidents_temporary_incapacity_days",
            ],
            parameters=[f"{P}.temporary_incapacity", f"{P}.basic_wage.minimum_minor_or_apprentice"],
            formula=temporary_formula,
        ),
        _person_month(
            "work_accidents_permanent_incapacity_benefit",
            _label(
                "Allowance or annuity for permanent incapacity (work accident)",
                "Vergoeding of rente voor blijvende arbeidsongeschiktheid (arbeidsongeval)",
                "Allocation ou rente d'incapacité permanente (accident du travail)",
            ),
            reference=[
                _ref("art. 24, 42bis"),
                _ref("art. 1-3", act="Royal Decree of 12 December 2006 implementing art. 42bis"),
            ],
            dependencies=[
                "work_accidents_permanent_degree",
                "work_accidents_capped_basic_wage",
                "pension_income",
            ],
            parameters=[f"{P}.permanent_incapacity", _LIMIT],
            formula=permanent_formula,
        ),
        _person_month(
            "work_accidents_third_party_help",
            _label(
                "Supplementary allowance for the help of a third party",
                "Bijkomende vergoeding voor hulp van derden",
                "Allocation complémentaire pour l'aide d'une tierce personne",
            ),
            reference=[_ref("art. 24, 4th paragraph")],
            dependencies=["work_accidents_third_party_help_share"],
            parameters=[f"{P}.third_party_help", _GGMMI],
            formula=third_party_formula,
        ),
        _person_month(
            "work_accident_benefit",
            _label(
                "Work-accident benefits of the month",
                "Arbeidsongevallenvergoedingen van de maand",
                "Indemnités d'accident du travail du mois",
            ),
            dependencies=[
                "work_accidents_temporary_incapacity_benefit",
                "work_accidents_permanent_incapacity_benefit",
                "work_accidents_third_party_help",
            ],
            formula=benefit_formula,
            **money,
        ),
    ]
