"""Daily amounts: the full unemployment benefit after work and the integration allowance.

Benefit after work (RD 25/11/1991 art. 111, 114): the average daily wage (last gross monthly
wage / 26) is capped by the ceiling of the phase and multiplied by the rate of the phase and
category, never below the category minimum. In phases 21-24 the phase-2B amount loses one
fifth of its distance to the flat rate per phase; the third period pays the flat rate (never
below the minimum). Integration allowance (art. 124): flat daily amounts by category and age.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, ParameterView, Variable
from mimosis.legislation.sparse import on_subset
from mimosis.legislation.unemployment.common import (
    COHABITANT,
    LIVING_ALONE,
    RVA_TABLES,
    WITH_FAMILY,
    FloatArray,
    label,
    person_month,
    ref,
    round_cents,
)
from mimosis.legislation.unemployment.phase import (
    CAREER_2B,
    DEG_21,
    FIXED_2A,
    FLAT_RATE,
    M1_3,
    M7_12,
)

_U = "unemployment"
_RATE = f"{_U}.replacement_rate"
_CEIL = f"{_U}.wage_ceiling"
_MIN = f"{_U}.minimum"
_FLAT = f"{_U}.flat_rate"


def daily_wage_formula(ctx: Context) -> FloatArray:
    # art. 104: the monthly wage divided by 26 gives the average daily wage
    days = ctx.params.number(f"{_U}.benefit_days_per_month")
    return np.asarray(ctx.get("unemployment_reference_gross_wage") / days, dtype=np.float64)


def _by_category(category: np.ndarray, a: float, n: float, b: float) -> FloatArray:
    return np.select([category == WITH_FAMILY, category == LIVING_ALONE], [a, n], default=b)


def daily_amount_formula(ctx: Context) -> FloatArray:
    # school leavers receive the integration allowance instead (art. 124); no phase, no amount
    phase = ctx.get("unemployment_phase")
    after_work = ~ctx.get("unemployment_is_school_leaver")
    concerned = after_work & (phase >= M1_3) & (phase <= FLAT_RATE)
    wage = ctx.get("unemployment_reference_daily_wage")
    cat = ctx.get("unemployment_family_category")
    return on_subset(concerned, lambda i: _daily_amount(ctx.params, wage[i], phase[i], cat[i]))


def _daily_amount(
    p: ParameterView, wage: FloatArray, phase: np.ndarray, cat: np.ndarray
) -> FloatArray:
    cohabitant = cat == COHABITANT

    # first period (art. 114 §1, art. 111): same rates for all, ceilings by phase
    first_rate = np.where(
        phase == M1_3,
        p.number(f"{_RATE}.first_period_months_1_3"),
        p.number(f"{_RATE}.first_period_months_4_12"),
    )
    first_ceiling = np.where(
        phase == M7_12, p.number(f"{_CEIL}.months_7_12"), p.number(f"{_CEIL}.months_1_6")
    )
    min_a = p.number(f"{_MIN}.with_family_burden")
    min_n = p.number(f"{_MIN}.living_alone")
    min_b_first = np.where(
        phase == M1_3,
        p.number(f"{_MIN}.cohabitant_months_1_3"),
        p.number(f"{_MIN}.cohabitant_months_4_12"),
    )
    first_min = _by_category(cat, min_a, min_n, 0.0)
    first_min = np.where(cohabitant, min_b_first, first_min)
    first = np.maximum(round_cents(first_rate * np.minimum(wage, first_ceiling)), first_min)

    # second period, phases 2A-2B (art. 114 §3): rate and ceiling by category
    second_rate = _by_category(
        cat,
        p.number(f"{_RATE}.second_period_with_family_burden"),
        p.number(f"{_RATE}.second_period_living_alone"),
        p.number(f"{_RATE}.second_period_cohabitant"),
    )
    second_ceiling = np.where(
        cat == LIVING_ALONE,
        p.number(f"{_CEIL}.second_period_living_alone"),
        p.number(f"{_CEIL}.second_period"),
    )
    min_b2 = p.number(f"{_MIN}.cohabitant_second_period")
    second_min = _by_category(cat, min_a, min_n, min_b2)
    second = np.maximum(round_cents(second_rate * np.minimum(wage, second_ceiling)), second_min)

    # phases 21-24 (art. 114 §4): one fifth of the distance to the flat rate per phase
    step = p.number(f"{_U}.period_structure.degressive_step")
    flat = _by_category(
        cat,
        p.number(f"{_FLAT}.with_family_burden"),
        p.number(f"{_FLAT}.living_alone"),
        p.number(f"{_FLAT}.cohabitant"),
    )
    k = np.clip(phase - DEG_21 + 1, 0, None)
    min_b_flat = p.number(f"{_MIN}.cohabitant_flat_rate")
    degressive_min = np.where(
        cohabitant, round_cents(min_b2 - k * step * (min_b2 - min_b_flat)), second_min
    )
    degressive = np.maximum(round_cents(second - k * step * (second - flat)), degressive_min)
    # third period: the flat rate, never below the (flat-rate) minimum
    flat_min = np.where(cohabitant, min_b_flat, second_min)
    third = np.maximum(flat, flat_min)

    return np.select(
        [
            (phase >= M1_3) & (phase <= M7_12),
            (phase == FIXED_2A) | (phase == CAREER_2B),
            (phase >= DEG_21) & (phase < FLAT_RATE),
            phase == FLAT_RATE,
        ],
        [first, second, degressive, third],
        default=0.0,
    )


def integration_allowance_formula(ctx: Context) -> FloatArray:
    # art. 124: school leavers only
    age = ctx.get("age")
    cat = ctx.get("unemployment_family_category")
    privileged = ctx.get("unemployment_is_privileged_cohabitant")
    return on_subset(
        ctx.get("unemployment_is_school_leaver"),
        lambda i: _integration_allowance(ctx.params, age[i], cat[i], privileged[i]),
    )


def _integration_allowance(
    p: ParameterView, age: np.ndarray, cat: np.ndarray, privileged: np.ndarray
) -> FloatArray:
    d = f"{_U}.integration_allowance.daily_amount"
    adult = age >= p.number(f"{_U}.integration_allowance.age_adult")
    full_alone = age >= p.number(f"{_U}.integration_allowance.age_full_living_alone")
    # art. 124: amounts by category and age
    living_alone = np.select(
        [full_alone, adult],
        [p.number(f"{d}.living_alone_21_plus"), p.number(f"{d}.living_alone_18_20")],
        default=p.number(f"{d}.living_alone_under_18"),
    )
    cohabitant = np.where(
        adult, p.number(f"{d}.cohabitant_18_plus"), p.number(f"{d}.cohabitant_under_18")
    )
    privileged_amount = np.where(
        adult,
        p.number(f"{d}.privileged_cohabitant_18_plus"),
        p.number(f"{d}.privileged_cohabitant_under_18"),
    )
    cohabitant = np.where(privileged, privileged_amount, cohabitant)
    with_family = p.number(f"{d}.with_family_burden")
    return np.asarray(
        np.select(
            [cat == WITH_FAMILY, cat == LIVING_ALONE], [with_family, living_alone], cohabitant
        ),
        dtype=np.float64,
    )


def variables() -> list[Variable]:
    day_amount = {"unit": "EUR/day", "behaviour": "stock"}
    return [
        person_month(
            "unemployment_reference_daily_wage",
            label(
                "Average daily wage (reference for the benefit)",
                "Gemiddeld dagloon",
                "Rémunération journalière moyenne",
            ),
            reference=[ref("art. 104", url=RVA_TABLES)],
            dependencies=["unemployment_reference_gross_wage"],
            parameters=[f"{_U}.benefit_days_per_month"],
            formula=daily_wage_formula,
            **day_amount,
        ),
        person_month(
            "unemployment_daily_amount",
            label(
                "Daily amount of the full unemployment benefit",
                "Dagbedrag van de werkloosheidsuitkering",
                "Montant journalier de l'allocation de chômage",
            ),
            reference=[ref("art. 111, 114"), ref("amount tables", act="RVA/ONEM", url=RVA_TABLES)],
            dependencies=[
                "unemployment_reference_daily_wage",
                "unemployment_phase",
                "unemployment_family_category",
                "unemployment_is_school_leaver",
            ],
            parameters=[_RATE, _CEIL, _MIN, _FLAT, f"{_U}.period_structure.degressive_step"],
            formula=daily_amount_formula,
            **day_amount,
        ),
        person_month(
            "unemployment_integration_allowance_daily",
            label(
                "Daily amount of the integration allowance (school leavers)",
                "Dagbedrag van de inschakelingsuitkering",
                "Montant journalier de l'allocation d'insertion",
            ),
            reference=[ref("art. 124")],
            dependencies=[
                "age",
                "unemployment_family_category",
                "unemployment_is_privileged_cohabitant",
                "unemployment_is_school_leaver",
            ],
            parameters=[f"{_U}.integration_allowance"],
            formula=integration_allowance_formula,
            **day_amount,
        ),
    ]
