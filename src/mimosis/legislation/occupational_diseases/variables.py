"""Benefits of the laws on occupational diseases, coordinated on 3 June 1970 (private sector).

- Basic wage: the wage of the four quarters before the claim, capped at the ceiling of the
  work-accidents act for the year in which the compensation of the incapacity starts (art. 49;
  the same amounts as art. 39 of the Work Accidents Act).
- Temporary total incapacity or preventive removal from the harmful work (art. 34, 37): 90 %
  of the average daily wage (basic wage / 365) per calendar day.
- Permanent incapacity (art. 35): a yearly allowance, paid monthly, equal to the basic wage
  times the degree, halved below 5 %, reduced by a quarter from 5 % to 9 %.
- Pension (art. 35bis): from the month in which a retirement or survivor pension is received,
  the allowance is limited to a flat monthly amount per percentage point by degree category;
  former miners keep the highest category.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, ParameterView, Variable
from mimosis.legislation.sparse import on_subset

FloatArray = npt.NDArray[np.float64]
P = "occupational_diseases"
LAWS = "Laws on occupational diseases coordinated on 3 June 1970"
FEDRIS = (
    "https://fedris.be/nl/slachtoffer/beroepsziekten-privesector/vergoeding/"
    "blijvende-arbeidsongeschiktheid"
)
_CEILING = "work_accidents.basic_wage.ceiling"


def _ref(article: str, act: str = LAWS, url: str | None = None) -> dict[str, str]:
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
    # art. 49: capped at the ceiling of the year in which the compensation starts
    year = ctx.get("occupational_diseases_start_year")
    ceiling = ctx.params.scale(_CEILING)
    wage = ctx.get("occupational_diseases_basic_wage")
    return on_subset(year > 0, lambda i: np.minimum(wage[i], ceiling.calc(year[i])))


def temporary_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    basic = ctx.get("occupational_diseases_capped_basic_wage")
    days = ctx.get("occupational_diseases_temporary_incapacity_days")
    # art. 34, 37: 90 % of the basic wage / 365 per calendar day (nothing without a basic wage)
    rate = p.number(f"{P}.temporary_incapacity.rate")
    per_year = p.number(f"{P}.temporary_incapacity.days_per_year")
    return on_subset(basic != 0, lambda i: _cents(_cents(rate * basic[i] / per_year) * days[i]))


def permanent_formula(ctx: Context) -> FloatArray:
    degree = ctx.get("occupational_diseases_permanent_degree")
    basic = ctx.get("occupational_diseases_capped_basic_wage")
    miner = ctx.get("occupational_diseases_is_former_miner")
    pensioned = ctx.get("pension_income") > 0
    return on_subset(
        degree > 0,
        lambda i: _permanent(ctx.params, degree[i], basic[i], miner[i], pensioned[i]),
    )


def _permanent(
    p: ParameterView, degree: Any, basic: FloatArray, miner: Any, pensioned: Any
) -> FloatArray:
    # art. 35: basic wage x degree, halved below 5 %, reduced by a quarter from 5 to 9 %
    factor = p.scale(f"{P}.permanent_incapacity.reduction_factor").calc(degree)
    monthly = _cents(basic * degree * factor / 12)
    # art. 35bis: with a retirement or survivor pension, a flat amount per percentage point;
    # former miners who stopped the underground work keep the highest category
    scale = p.scale(f"{P}.pension_limitation")
    category_degree = np.where(miner, 1.0, degree)
    limited = _cents(scale.calc(category_degree) * np.round(degree * 100, 6))
    return np.where(pensioned, np.minimum(monthly, limited), monthly)


def benefit_formula(ctx: Context) -> FloatArray:
    return np.asarray(
        ctx.get("occupational_diseases_temporary_incapacity_benefit")
        + ctx.get("occupational_diseases_permanent_incapacity_benefit"),
        dtype=np.float64,
    )


def _inputs() -> list[Variable]:
    return [
        _person_month(
            "occupational_diseases_start_year",
            _label(
                "Year the compensation of the incapacity started (0: none)",
                "Jaar waarin de vergoeding van de ongeschiktheid begon (0: geen)",
                "Année du début de l'indemnisation de l'incapacité (0 : aucune)",
            ),
            dtype="int",
            unit="year",
            behaviour="stock",
            reference=[_ref("art. 49")],
        ),
        _person_month(
            "occupational_diseases_basic_wage",
            _label(
                "Basic wage: the wage of the four quarters before the claim",
                "Basisloon: het loon van de vier kwartalen vóór de aanvraag",
                "Rémunération de base : la rémunération des quatre trimestres avant la demande",
            ),
            unit="EUR",
            behaviour="stock",
            reference=[
                _ref(
                    "art. 47-49",
                    url="https://www.fedris.be/nl/professional/beroepsziekten-privesector/basisloon",
                )
            ],
        ),
        _person_month(
            "occupational_diseases_temporary_incapacity_days",
            _label(
                "Calendar days of temporary total incapacity or preventive removal",
                "Kalenderdagen tijdelijke volledige ongeschiktheid of verwijdering",
                "Jours calendrier d'incapacité temporaire totale ou d'écartement",
            ),
            unit="day",
            behaviour="stock",
            reference=[_ref("art. 34, 37")],
        ),
        _person_month(
            "occupational_diseases_permanent_degree",
            _label(
                "Degree of permanent incapacity (share)",
                "Graad van blijvende arbeidsongeschiktheid (aandeel)",
                "Taux d'incapacité permanente (fraction)",
            ),
            unit="/1",
            behaviour="stock",
            reference=[_ref("art. 35")],
        ),
        _person_month(
            "occupational_diseases_is_former_miner",
            _label(
                "Former miner who had to stop or leave underground work",
                "Ex-mijnwerker die het ondergrondse werk moest stopzetten",
                "Ancien mineur ayant dû cesser le travail au fond",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[_ref("art. 35bis", url="https://fedris.be/nl/node/2303")],
        ),
    ]


def variables() -> list[Variable]:
    return [
        *_inputs(),
        _person_month(
            "occupational_diseases_capped_basic_wage",
            _label(
                "Basic wage capped at the ceiling of the start year",
                "Basisloon begrensd tot de loongrens van het beginjaar",
                "Rémunération de base plafonnée au plafond de l'année de début",
            ),
            unit="EUR",
            behaviour="stock",
            reference=[_ref("art. 49")],
            dependencies=["occupational_diseases_start_year", "occupational_diseases_basic_wage"],
            parameters=[_CEILING],
            formula=capped_basic_wage_formula,
        ),
        _person_month(
            "occupational_diseases_temporary_incapacity_benefit",
            _label(
                "Allowance for temporary incapacity or removal (occupational disease)",
                "Vergoeding voor tijdelijke ongeschiktheid of verwijdering (beroepsziekte)",
                "Indemnité d'incapacité temporaire ou d'écartement (maladie professionnelle)",
            ),
            reference=[_ref("art. 34, 37")],
            dependencies=[
                "occupational_diseases_capped_basic_wage",
                "occupational_diseases_temporary_incapacity_days",
            ],
            parameters=[f"{P}.temporary_incapacity"],
            formula=temporary_formula,
        ),
        _person_month(
            "occupational_diseases_permanent_incapacity_benefit",
            _label(
                "Allowance for permanent incapacity (occupational disease)",
                "Vergoeding voor blijvende arbeidsongeschiktheid (beroepsziekte)",
                "Allocation d'incapacité permanente (maladie professionnelle)",
            ),
            reference=[_ref("art. 35, 35bis", url=FEDRIS)],
            dependencies=[
                "occupational_diseases_permanent_degree",
                "occupational_diseases_capped_basic_wage",
                "occupational_diseases_is_former_miner",
                "pension_income",
            ],
            parameters=[f"{P}.permanent_incapacity", f"{P}.pension_limitation"],
            formula=permanent_formula,
        ),
        _person_month(
            "occupational_disease_benefit",
            _label(
                "Occupational-disease benefits of the month",
                "Beroepsziektevergoedingen van de maand",
                "Indemnités de maladie professionnelle du mois",
            ),
            reference=[_ref("art. 34-35bis", url=FEDRIS)],
            dependencies=[
                "occupational_diseases_temporary_incapacity_benefit",
                "occupational_diseases_permanent_incapacity_benefit",
            ],
            formula=benefit_formula,
        ),
    ]
