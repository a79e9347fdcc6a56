"""Social contributions of the self-employed (RD n° 38 of 27/7/1967 art. 11-13, 37).

Since 1 January 2015 the definitive contributions of year N are a percentage of the net
taxable professional income of year N (Law of 22/11/2013); the provisional contributions
paid during the year on the revalued income of N-3 are a collection device, regularised
later, and are not modelled. Per occupation:
- main occupation: the rates on at least the minimum income (art. 12 §1);
- secondary occupation: nothing below the exemption threshold, the rates on the income above
  it otherwise (art. 12 §2), no minimum;
- student self-employed (from 2017): nothing below the threshold, the rates on the part of
  the income above it (Law of 18/12/2016); before 2017 treated as a secondary occupation;
- active after pension: nothing below the pensioner threshold, the pensioner rate on the
  first bracket and the normal rate on the second (art. 12 §1bis, 37).
Rates: first bracket up to the first ceiling, second bracket up to the second ceiling,
nothing above. Management fees of the social insurance funds are not included.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS

FloatArray = npt.NDArray[np.float64]
RATES = "self_employed.rates"
LIMITS = "self_employed.limits"
OCCUPATIONS: tuple[str, ...] = (
    "unspecified",
    "main",
    "secondary",
    "student",
    "after_pension",
    "not_self_employed",
)
_SELF_EMPLOYED = LABOUR_STATUS.index("self_employed")
RD38 = {
    "act": "Royal Decree n° 38 of 27 July 1967 organising the social status of the self-employed",
    "article": "art. 11-13, 37",
    "url": "https://www.inasti.be/nl/faq/hoeveel-bedragen-de-sociale-bijdragen",
}


def _label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _cents(values: Any) -> FloatArray:
    return np.asarray(np.floor(np.asarray(values, dtype=np.float64) * 100.0 + 0.5 + 1e-6) / 100.0)


def _code(name: str) -> int:
    return OCCUPATIONS.index(name)


def occupation(ctx: Context) -> np.ndarray:
    """The declared occupation; if unspecified, main for a person whose labour status is
    self-employed (first month of the year), secondary for another person with business
    income, not self-employed otherwise."""
    declared = ctx.get("self_employed_occupation")
    unspecified = declared == _code("unspecified")
    main = ctx.get("labour_status") == _SELF_EMPLOYED
    has_income = ctx.get("self_employed_net_income") > 0
    derived = np.select(
        [main, has_income],
        [_code("main"), _code("secondary")],
        default=_code("not_self_employed"),
    )
    return np.where(unspecified, derived, declared).astype(np.int16)


def _brackets(ctx: Context, income: FloatArray, first_rate: Any) -> FloatArray:
    """art. 12 §1: first_rate up to the first ceiling, the second rate up to the second."""
    first = ctx.params.number(f"{LIMITS}.first_ceiling")
    second = ctx.params.number(f"{LIMITS}.second_ceiling")
    in_first = np.clip(income, 0.0, first)
    in_second = np.clip(income, first, second) - first
    return np.asarray(
        first_rate * in_first + ctx.params.number(f"{RATES}.second_bracket") * in_second
    )


def contributions(ctx: Context) -> FloatArray:
    income = np.maximum(ctx.get("self_employed_net_income"), 0.0)
    kind = ctx.get("self_employed_occupation_applied")
    rate = ctx.params.number(f"{RATES}.first_bracket")
    students = np.bool_(ctx.params.flag(f"{RATES}.student_status_in_force"))
    main = kind == _code("main")
    student = (kind == _code("student")) & students
    secondary = (kind == _code("secondary")) | ((kind == _code("student")) & ~students)
    pensioner = kind == _code("after_pension")
    # art. 12 §1: a main occupation pays at least on the minimum income
    minimum = ctx.params.number(f"{LIMITS}.minimum_income_main")
    on_main = _brackets(ctx, np.maximum(income, minimum), rate)
    # art. 12 §2: secondary occupation, nothing below the threshold
    secondary_due = income >= ctx.params.number(f"{LIMITS}.secondary_threshold")
    on_secondary = np.where(secondary_due, _brackets(ctx, income, rate), 0.0)
    # Law of 18/12/2016: student self-employed, the rates on the part above the threshold
    threshold = ctx.params.number(f"{LIMITS}.student_threshold")
    above = _brackets(ctx, income, rate) - _brackets(ctx, np.full_like(income, threshold), rate)
    on_student = np.where(income > threshold, above, 0.0)
    # art. 37: active after pension, nothing below the threshold, a lower first-bracket rate
    pension_rate = ctx.params.number(f"{RATES}.pensioner_first_bracket")
    pensioner_due = income >= ctx.params.number(f"{LIMITS}.pensioner_threshold")
    on_pensioner = np.where(pensioner_due, _brackets(ctx, income, pension_rate), 0.0)
    annual = np.select(
        [main, secondary, student, pensioner],
        [on_main, on_secondary, on_student, on_pensioner],
        default=0.0,
    )
    # contributions are due per quarter: a quarter of the annual amount, to the cent
    return 4 * _cents(annual / 4)


def variables() -> list[Variable]:
    return [
        Variable(
            "self_employed_occupation",
            entity="person",
            period_unit="year",
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=OCCUPATIONS,
            default=0,
            label=_label(
                "Self-employed occupation (declared)",
                "Zelfstandige activiteit (opgegeven)",
                "Activité d'indépendant (déclarée)",
            ),
            reference=[RD38],
        ),
        Variable(
            "self_employed_occupation_applied",
            entity="person",
            period_unit="year",
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=OCCUPATIONS,
            label=_label(
                "Self-employed occupation (applied)",
                "Zelfstandige activiteit (toegepast)",
                "Activité d'indépendant (appliquée)",
            ),
            reference=[RD38],
            dependencies=["self_employed_occupation", "labour_status", "self_employed_net_income"],
            formula=occupation,
        ),
        Variable(
            "self_employed_social_contributions",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="EUR/year",
            behaviour="flow",
            label=_label(
                "Social contributions of the self-employed",
                "Sociale bijdragen van zelfstandigen",
                "Cotisations sociales des indépendants",
            ),
            reference=[RD38],
            dependencies=["self_employed_net_income", "self_employed_occupation_applied"],
            parameters=[RATES, LIMITS],
            formula=contributions,
        ),
    ]
