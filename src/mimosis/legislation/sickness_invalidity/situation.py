"""Month of incapacity, phase and family situation of the beneficiary.

- Primary incapacity covers the first year from the start of the incapacity, invalidity the
  period after it (coordinated Act of 14/7/1994 art. 87 and 93). The incapacity is taken to
  start on the first day of its start month: month 1 is the start month, months 13 onward are
  invalidity. Benefits end with the month in which the legal pension age is reached.
- Family situation (RD 3/7/1996 art. 225-226): *with family burden* when living with a
  partner whose income does not exceed the dependant limit, with dependent children or with
  other persons without income, or when living alone and paying maintenance; *single* when
  living alone or when the partner's income lies between the dependant limit and the upper
  limit of the assimilation (the minimum wage for professional income, a lower limit for
  replacement income); *cohabitant* otherwise.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.groups import couple_index
from mimosis.legislation.groups import members as members_of
from mimosis.legislation.sickness_invalidity.common import (
    COHABITANT,
    FAMILY_SITUATIONS,
    SINGLE,
    WITH_FAMILY,
    ZIV,
    BoolArray,
    FloatArray,
    IntArray,
    P,
    label,
    person_month,
    ref,
)
from mimosis.legislation.sparse import only_where

_FS = f"{P}.family_situation"
_PROFESSIONAL = ["employee_gross_wage", "self_employed_net_income"]
#: the partner's replacement incomes, read from the shared inputs and the programmes upstream
#: (never the taxable replacement-income aggregate, which depends on this programme)
_REPLACEMENT = [
    "pension_income",
    "other_replacement_income_gross",
    "unemployment_benefit",
    "unemployment_income_guarantee_allowance",
    "work_accident_benefit",
    "occupational_disease_benefit",
]


def incapacity_month_formula(ctx: Context) -> IntArray:
    # art. 87, 93: months counted from the start of the incapacity (the start month is 1)
    start_year = ctx.get("sickness_invalidity_start_year")
    start_month = ctx.get("sickness_invalidity_start_month")
    now = ctx.period.start
    months = (now.year - start_year) * 12 + (now.month - start_month) + 1
    # art. 103bis-type end: no benefit after the month in which the pension age is reached
    pension_age = ctx.params.number(f"{P}.periods.pension_age")
    age = ctx.get("age")
    past_pension_age = (age > pension_age) | (
        (age == pension_age) & (ctx.get("birth_month") != now.month)
    )
    incapacitated = (start_year > 0) & (months > 0) & ~past_pension_age
    return np.where(incapacitated, months, 0).astype(np.int64)


def _incapacity_recorded(ctx: Context) -> BoolArray:
    """The persons with a recorded incapacity: the month is 0 for everyone else."""
    return np.asarray(ctx.get("sickness_invalidity_start_year") > 0)


def is_invalid_formula(ctx: Context) -> BoolArray:
    # art. 93: invalidity begins after one year of primary incapacity
    months = ctx.get("sickness_invalidity_incapacity_month")
    return np.asarray(
        months > ctx.params.number(f"{P}.periods.primary_incapacity_months"), dtype=bool
    )


def _incomes_of(ctx: Context, at: IntArray) -> tuple[FloatArray, FloatArray]:
    """The professional and replacement incomes of the persons at positions ``at``."""
    professional = ctx.get("employee_gross_wage")[at] + ctx.get("self_employed_net_income")[at]
    replacement = np.zeros(at.size)
    for name in _REPLACEMENT:
        replacement = replacement + ctx.get(name)[at]
    return np.asarray(professional, dtype=np.float64), replacement


def family_situation_formula(ctx: Context) -> np.ndarray:
    """Art. 225-226, for the persons in incapacity (the benefit's only readers; the default,
    cohabitant, elsewhere): household and family-unit aggregates over every member, the
    person's own situation on the incapacitated rows only."""
    p = ctx.params
    out = np.full(ctx.size, COHABITANT, dtype=np.int16)
    rows = np.flatnonzero(ctx.get("sickness_invalidity_incapacity_month") > 0)
    if not rows.size:
        return out
    dependant_limit = p.number(f"{_FS}.dependant_income_limit")
    professional_upper = p.number(f"{_FS}.minimum_wage")
    replacement_upper = p.number(f"{_FS}.replacement_income_upper_limit")
    fu = ctx.group("family_unit")
    household = ctx.group("household")
    # the members of the households of incapacitated persons (their family units lie inside)
    sick_household = np.zeros(household.n_groups, dtype=bool)
    sick_household[household.index[rows]] = True
    members = np.flatnonzero(sick_household[household.index])
    professional, replacement = _incomes_of(ctx, members)
    has_income = (professional + replacement) > 0
    with_income_hh = np.bincount(
        household.index[members], weights=has_income, minlength=household.n_groups
    )
    with_income_fu = np.bincount(fu.index[members], weights=has_income, minlength=fu.n_groups)
    # members with income in the household but outside the person's family unit
    outside_with_income = (
        with_income_hh[household.index[rows]] - with_income_fu[fu.index[rows]]
    ) > 0.5
    # the partner in the family unit (married or de facto) and their income
    partner, has_partner_all = couple_index(ctx, "family_unit", "adult", "partner")
    has_partner = has_partner_all[rows]
    partner_professional, partner_replacement = _incomes_of(ctx, partner[rows])
    other_income = np.where(has_partner, partner_professional + partner_replacement, 0.0)
    other_replacement = np.where(has_partner, partner_replacement, 0.0)
    in_couple_role = (fu.has_role("adult") | fu.has_role("partner"))[rows]
    has_children = (members_of(ctx, "family_unit", "child")[rows] > 0) & in_couple_role
    in_unit = members_of(ctx, "family_unit")[rows]
    household_size = members_of(ctx, "household")[rows]
    lives_alone = household_size == 1
    others_outside_unit = household_size > in_unit
    # art. 225 §1: partner without income or below the dependant limit, dependent children,
    # other household members without income, or living alone and paying maintenance
    partner_dependent = has_partner & (other_income <= dependant_limit)
    others_dependent = ~has_partner & others_outside_unit & ~outside_with_income
    maintenance = ctx.get("sickness_invalidity_pays_maintenance")[rows]
    with_family = partner_dependent | has_children | others_dependent | (lives_alone & maintenance)
    # art. 226: alone, or a partner whose income lies below the assimilation limit (the
    # replacement-income limit when the partner has a replacement income)
    upper = np.where(other_replacement > 0, replacement_upper, professional_upper)
    partner_assimilated = has_partner & ~outside_with_income & (other_income <= upper)
    single = lives_alone | partner_assimilated
    out[rows] = np.where(with_family, WITH_FAMILY, np.where(single, SINGLE, COHABITANT))
    return out


def variables() -> list[Variable]:
    return [
        person_month(
            "sickness_invalidity_incapacity_month",
            label(
                "Month of recognised incapacity (1 = start month; 0: not incapacitated)",
                "Maand van erkende arbeidsongeschiktheid (1 = beginmaand; 0: niet ongeschikt)",
                "Mois d'incapacité reconnue (1 = mois de début ; 0 : pas en incapacité)",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[ref("art. 87, 93", act=ZIV)],
            dependencies=[
                "sickness_invalidity_start_year",
                "sickness_invalidity_start_month",
                "age",
                "birth_month",
            ],
            parameters=[f"{P}.periods.pension_age"],
            formula=only_where(_incapacity_recorded, incapacity_month_formula),
        ),
        person_month(
            "sickness_invalidity_is_invalid",
            label(
                "In the invalidity period (after one year of primary incapacity)",
                "In de periode van invaliditeit (na één jaar primaire ongeschiktheid)",
                "En période d'invalidité (après un an d'incapacité primaire)",
            ),
            dtype="bool",
            unit="bool",
            behaviour="stock",
            default=False,
            reference=[ref("art. 93", act=ZIV)],
            dependencies=["sickness_invalidity_incapacity_month"],
            parameters=[f"{P}.periods.primary_incapacity_months"],
            formula=is_invalid_formula,
        ),
        person_month(
            "sickness_invalidity_family_situation",
            label(
                "Family situation for incapacity benefits",
                "Gezinssituatie voor de arbeidsongeschiktheidsuitkering",
                "Situation familiale pour les indemnités d'incapacité",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=FAMILY_SITUATIONS,
            default=COHABITANT,
            reference=[ref("art. 225 (with family burden), art. 226 (single)")],
            dependencies=[
                *_PROFESSIONAL,
                *_REPLACEMENT,
                "sickness_invalidity_pays_maintenance",
                "sickness_invalidity_incapacity_month",
            ],
            parameters=[_FS],
            formula=family_situation_formula,
        ),
    ]
