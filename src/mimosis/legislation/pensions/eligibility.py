"""Pension age, early-retirement conditions and whether a person draws a retirement pension.

- Statutory age (RD n° 50 art. 2 §1, Law of 10 August 2015): 65; 66 for persons born in
  1960-1963 (pensions from 1 February 2025); 67 from the 1964 cohort (from 1 February 2030).
- Early retirement (RD n° 50 art. 4, Laws of 28 December 2011 and 10 August 2015): a minimum
  age and a number of career years by year of the pension's start (2015: 61.5 / 40; 2016:
  62 / 40; 2017: 62.5 / 41; 2018: 63 / 41; from 2019: 63 / 42), or 60 / 61 with a longer career.
  A career year counts with at least 104 full-time-equivalent days (employees) or two quarters
  (self-employed).
- A pension takes effect on the first day of the month after the one in which the conditions
  are met: with the birthday taken on the first of the birth month, the age condition is
  ``months of age > 12 x required age``.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.pensions.common import (
    AGE_URL,
    LAW_2015,
    BoolArray,
    FloatArray,
    P,
    label,
    months_of_age,
    person_month,
    ref,
)

_AGE = f"{P}.age"
_EARLY = f"{_AGE}.early_retirement"
_RETIRED = LABOUR_STATUS.index("retired")


def statutory_age_formula(ctx: Context) -> FloatArray:
    # Law of 10 August 2015 art. 2: the age by cohort (scale on the year of birth)
    scale = ctx.params.scale(f"{_AGE}.statutory_age")
    return np.asarray(scale.calc(ctx.get("birth_year").astype(np.float64)), dtype=np.float64)


def career_years_formula(ctx: Context) -> FloatArray:
    # RD n° 50 art. 4 §3: the employee years of 104 days and the self-employed years (years
    # with both activities are counted twice here: see the README)
    employee = ctx.get("pensions_employee_career_years")
    self_employed = np.floor(ctx.get("pensions_self_employed_career_years"))
    return np.asarray(employee + self_employed, dtype=np.float64)


def is_eligible_formula(ctx: Context) -> BoolArray:
    p = ctx.params
    months = months_of_age(ctx)
    career = ctx.get("pensions_career_years")
    # art. 2 §1: the statutory age, whatever the career
    statutory = months > 12 * ctx.get("pensions_statutory_age")
    # art. 4 §1: the general early-retirement age with the required career
    general = (months > 12 * p.number(f"{_EARLY}.age")) & (
        career >= p.number(f"{_EARLY}.career_years")
    )
    # art. 4 §2: at 60 or 61 with a long career
    at_60 = (months > 12 * 60) & (career >= p.number(f"{_EARLY}.long_career_60"))
    at_61 = (months > 12 * 61) & (career >= p.number(f"{_EARLY}.long_career_61"))
    return np.asarray(statutory | general | at_60 | at_61, dtype=bool)


def draws_formula(ctx: Context) -> BoolArray:
    start = ctx.period.start
    start_year = ctx.get("pensions_retirement_start_year")
    start_month = ctx.get("pensions_retirement_start_month")
    # the pension took effect (on request) on the first of the given month
    started = (start_year > 0) & (
        (start_year < start.year) | ((start_year == start.year) & (start_month <= start.month))
    )
    # without a start date: a person reported retired draws the pension once eligible
    retired = (ctx.get("labour_status") == _RETIRED) & ctx.get("pensions_is_eligible_retirement")
    return np.asarray(started | retired, dtype=bool)


def variables() -> list[Variable]:
    return [
        Variable(
            "pensions_statutory_age",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="year",
            behaviour="stock",
            label=label(
                "Statutory pension age (by year of birth)",
                "Wettelijke pensioenleeftijd (naar geboortejaar)",
                "Âge légal de la pension (selon l'année de naissance)",
            ),
            reference=[ref("art. 2 (RD n° 50 art. 2 §1)", act=LAW_2015, url=AGE_URL)],
            dependencies=["birth_year"],
            parameters=[f"{_AGE}.statutory_age"],
            formula=statutory_age_formula,
        ),
        Variable(
            "pensions_career_years",
            entity="person",
            period_unit="year",
            dtype="float",
            unit="count",
            behaviour="stock",
            label=label(
                "Career years for the early pension (all schemes)",
                "Loopbaanjaren voor het vervroegd pensioen (alle stelsels)",
                "Années de carrière pour la pension anticipée (tous régimes)",
            ),
            reference=[ref("art. 4 §3", url=AGE_URL)],
            dependencies=["pensions_employee_career_years", "pensions_self_employed_career_years"],
            formula=career_years_formula,
        ),
        person_month(
            "pensions_is_eligible_retirement",
            label(
                "Meets the age and career conditions of a retirement pension",
                "Voldoet aan de leeftijds- en loopbaanvoorwaarden voor een rustpensioen",
                "Remplit les conditions d'âge et de carrière d'une pension de retraite",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("art. 2 §1, art. 4", url=AGE_URL)],
            dependencies=[
                "birth_year",
                "birth_month",
                "pensions_statutory_age",
                "pensions_career_years",
            ],
            parameters=[_EARLY],
            formula=is_eligible_formula,
        ),
        person_month(
            "pensions_draws_retirement_pension",
            label(
                "Draws a retirement pension",
                "Ontvangt een rustpensioen",
                "Bénéficie d'une pension de retraite",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            reference=[ref("art. 2-4 (the pension takes effect on request)", url=AGE_URL)],
            dependencies=[
                "pensions_retirement_start_year",
                "pensions_retirement_start_month",
                "labour_status",
                "pensions_is_eligible_retirement",
            ],
            formula=draws_formula,
        ),
    ]
