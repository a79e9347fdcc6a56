"""Daily amounts before cumulation: employees (wage-related) and the self-employed (flat).

Employees (coordinated Act of 14/7/1994 art. 87, 93; RD 3/7/1996 art. 211-213, 225-226):

- the lost daily wage is capped at the wage ceiling of the cohort: the start month of the
  incapacity for the primary incapacity, the start month of the invalidity (one year later)
  for invalidity;
- primary incapacity: 60 % of the capped wage; invalidity: 65 % (with family burden), 55 %
  (single), 40 % (cohabitant);
- minima: from the 7th month (and in invalidity) by family situation for a regular worker,
  and the integration income in working days (with / without family burden) for a non-regular
  worker; from 2021 an earlier minimum in the preceding months, capped at the lost wage
  (month 5 in 2021, 4 from 2022, with a single amount in month 3 from 2023).

Self-employed (RD 20/7/1971 art. 6-8): flat daily amounts by family situation; in
invalidity a higher cohabitant amount for those who ceased their business.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import Context, ParameterView, Variable
from mimosis.legislation.sickness_invalidity.common import (
    COHABITANT,
    INAMI_AMOUNTS,
    INAMI_SELF_EMPLOYED,
    RD_1971,
    SINGLE,
    WITH_FAMILY,
    ZIV,
    BoolArray,
    FloatArray,
    IntArray,
    P,
    add_months,
    daily,
    label,
    month_code,
    ref,
    round_cents,
)
from mimosis.legislation.sparse import on_subset, only_where

_RATE = f"{P}.replacement_rate"
_MIN = f"{P}.minimum"
_SE = f"{P}.self_employed"
_II = "social_assistance.amount"


def _by_family(situation: np.ndarray, family: Any, single: Any, cohab: Any) -> FloatArray:
    choices = [np.asarray(family, dtype=np.float64), np.asarray(single, dtype=np.float64)]
    return np.asarray(
        np.select([situation == WITH_FAMILY, situation == SINGLE], choices, cohab),
        dtype=np.float64,
    )


def ceiling_formula(ctx: Context) -> FloatArray:
    # art. 87 ZIV: the lost wage is capped at the amount fixed by the King; RD 3/7/1996 art.
    # 211: the ceiling in force when the incapacity (or the invalidity) began, indexed
    # (no incapacity: no cohort, no ceiling)
    year = ctx.get("sickness_invalidity_start_year")
    month = ctx.get("sickness_invalidity_start_month")
    months_primary = int(ctx.params.number(f"{P}.periods.primary_incapacity_months"))
    invalid = ctx.get("sickness_invalidity_is_invalid")
    scale = ctx.params.scale(f"{P}.wage_ceiling")

    def ceiling(i: np.ndarray) -> FloatArray:
        y, m = year[i], month[i]
        cohort = np.where(invalid[i], add_months(y, m, months_primary), month_code(y, m))
        return np.asarray(scale.calc(cohort), dtype=np.float64)

    return on_subset(year > 0, ceiling)


def _non_regular_minimum(p: ParameterView, with_family: np.ndarray) -> FloatArray:
    # RD 3/7/1996 art. 214 §2: the integration income valued in working days
    days = p.number(f"{_MIN}.working_days_per_year")
    family = p.number(f"{_II}.with_family") / days
    alone = p.number(f"{_II}.single") / days
    return round_cents(np.where(with_family, family, alone))


#: the inputs of the employee amount, by keyword of ``_employee_daily``
_EMPLOYEE_INPUTS = {
    "wage": "sickness_invalidity_daily_wage",
    "ceiling": "sickness_invalidity_wage_ceiling",
    "month": "sickness_invalidity_incapacity_month",
    "invalid": "sickness_invalidity_is_invalid",
    "situation": "sickness_invalidity_family_situation",
    "regular": "sickness_invalidity_is_regular_worker",
    "age": "age",
}


def employee_daily_formula(ctx: Context) -> FloatArray:
    # computed for the incapacitated only (nothing is due outside an incapacity)
    values = {key: ctx.get(name) for key, name in _EMPLOYEE_INPUTS.items()}
    return on_subset(
        values["month"] > 0,
        lambda i: _employee_daily(ctx.params, **{k: v[i] for k, v in values.items()}),
    )


def _employee_daily(
    p: ParameterView,
    *,
    wage: FloatArray,
    ceiling: FloatArray,
    month: IntArray,
    invalid: BoolArray,
    situation: np.ndarray,
    regular: BoolArray,
    age: IntArray,
) -> FloatArray:
    capped = np.minimum(wage, ceiling)
    with_family = situation == WITH_FAMILY
    # art. 87 ZIV / RD art. 211 §1: 60 % in primary incapacity; art. 93 ZIV / RD art. 213:
    # 65 / 55 / 40 % in invalidity by family situation
    inv_rate = _by_family(
        situation,
        p.number(f"{_RATE}.invalidity_with_family_burden"),
        p.number(f"{_RATE}.invalidity_single"),
        p.number(f"{_RATE}.invalidity_cohabitant"),
    )
    rate = np.where(invalid, inv_rate, p.number(f"{_RATE}.primary"))
    amount = round_cents(rate * capped)
    # minima of a regular worker by family situation; of a non-regular worker by family burden
    reg_family = p.number(f"{_MIN}.regular_with_family_burden")
    reg_single = p.number(f"{_MIN}.regular_single")
    regular_min = _by_family(
        situation, reg_family, reg_single, p.number(f"{_MIN}.regular_cohabitant")
    )
    # art. 214 §1, last paragraph: without dependants, the regular minimum only from age 21
    adult = age >= p.number(f"{_MIN}.regular_minimum_age_without_family_burden")
    regular_min = np.where(with_family | adult, regular_min, 0.0)
    non_regular_min = _non_regular_minimum(p, with_family)
    full_min = np.where(regular, regular_min, non_regular_min)
    # early minima (from 2021), capped at the lost wage: with family burden as the full
    # minimum, without family burden the single amount; in month 3 (from 2023) one amount
    differentiated = p.flag(f"{_MIN}.early_minimum_differentiated")
    early_min = np.where(with_family & differentiated, full_min, reg_single)
    full_from = p.number(f"{_MIN}.full_minimum_from_month")
    early_from = p.number(f"{_MIN}.early_minimum_from_month")
    uniform_from = p.number(f"{_MIN}.uniform_minimum_from_month")
    minimum = np.select(
        [
            invalid | (month >= full_from),
            month >= early_from,
            month >= uniform_from,
        ],
        [full_min, np.minimum(early_min, wage), np.minimum(reg_single, wage)],
        default=0.0,
    )
    return np.asarray(np.maximum(amount, minimum), dtype=np.float64)


def _incapacitated(ctx: Context) -> BoolArray:
    return np.asarray(ctx.get("sickness_invalidity_incapacity_month") > 0)


def self_employed_daily_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    situation = ctx.get("sickness_invalidity_family_situation")
    invalid = ctx.get("sickness_invalidity_is_invalid")
    ceased = ctx.get("sickness_invalidity_has_ceased_business")
    # RD 20/7/1971 art. 6: primary incapacity, flat amounts by family situation
    primary = _by_family(
        situation,
        p.number(f"{_SE}.with_family_burden"),
        p.number(f"{_SE}.single"),
        p.number(f"{_SE}.cohabitant"),
    )
    # art. 7-8: invalidity; the cohabitant who ceased the business gets a higher amount
    invalid_cohabitant = np.where(
        ceased, p.number(f"{_SE}.invalidity_cohabitant_business_ceased"), primary
    )
    amount = np.where(invalid & (situation == COHABITANT), invalid_cohabitant, primary)
    month = ctx.get("sickness_invalidity_incapacity_month")
    return np.where(month > 0, amount, 0.0)


def variables() -> list[Variable]:
    return [
        daily(
            "sickness_invalidity_wage_ceiling",
            label(
                "Daily wage ceiling of the cohort (6-day week)",
                "Loongrens per dag van het cohort (zesdagenweek)",
                "Plafond de rémunération journalière de la cohorte (semaine de 6 jours)",
            ),
            reference=[ref("art. 87", act=ZIV), ref("art. 211 §1", url=INAMI_AMOUNTS)],
            dependencies=[
                "sickness_invalidity_start_year",
                "sickness_invalidity_start_month",
                "sickness_invalidity_is_invalid",
            ],
            parameters=[f"{P}.wage_ceiling", f"{P}.periods.primary_incapacity_months"],
            formula=ceiling_formula,
        ),
        daily(
            "sickness_invalidity_employee_daily_amount",
            label(
                "Daily incapacity benefit of an employee (before cumulation)",
                "Dagbedrag van de arbeidsongeschiktheidsuitkering werknemer (vóór cumulatie)",
                "Montant journalier de l'indemnité d'incapacité salarié (avant cumul)",
            ),
            reference=[
                ref("art. 87, 93", act=ZIV),
                ref("art. 211-213, 225-226", url=INAMI_AMOUNTS),
            ],
            dependencies=[
                "sickness_invalidity_daily_wage",
                "sickness_invalidity_wage_ceiling",
                "sickness_invalidity_incapacity_month",
                "sickness_invalidity_is_invalid",
                "sickness_invalidity_family_situation",
                "sickness_invalidity_is_regular_worker",
                "age",
            ],
            parameters=[_RATE, _MIN, f"{_II}.with_family", f"{_II}.single"],
            formula=employee_daily_formula,
        ),
        daily(
            "sickness_invalidity_self_employed_daily_amount",
            label(
                "Daily incapacity benefit of a self-employed person (before cumulation)",
                "Dagbedrag van de arbeidsongeschiktheidsuitkering zelfstandige (vóór cumulatie)",
                "Montant journalier de l'indemnité d'incapacité indépendant (avant cumul)",
            ),
            reference=[ref("art. 6-8", act=RD_1971, url=INAMI_SELF_EMPLOYED)],
            dependencies=[
                "sickness_invalidity_family_situation",
                "sickness_invalidity_is_invalid",
                "sickness_invalidity_has_ceased_business",
                "sickness_invalidity_incapacity_month",
            ],
            parameters=[_SE],
            formula=only_where(_incapacitated, self_employed_daily_formula),
        ),
    ]
