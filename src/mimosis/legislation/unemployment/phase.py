"""Months of unemployment and the indemnification phase (RD 25/11/1991 art. 114 §2-4).

First period (12 months): phase 11 (months 1-3), 12 (4-6), 13 (7-12). Second period: phase 2A
(2 fixed months), phase 2B (2 months per career year, at most 10), then the degressive phases
21-24 (6 months each, while career months remain). Third period: the flat rate. A person with
a long career or of the exemption age keeps the phase-2B amount (art. 114 §4): their phase
stays ``career_2b``.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, ParameterView, Variable
from mimosis.legislation.sparse import on_subset, only_where
from mimosis.legislation.unemployment.common import (
    IntArray,
    has_right_start,
    label,
    person_month,
    ref,
)

PHASES: tuple[str, ...] = (
    "none",
    "months_1_3",
    "months_4_6",
    "months_7_12",
    "fixed_2a",
    "career_2b",
    "degressive_21",
    "degressive_22",
    "degressive_23",
    "degressive_24",
    "flat_rate",
)
NONE, M1_3, M4_6, M7_12, FIXED_2A, CAREER_2B, DEG_21 = range(7)
FLAT_RATE = PHASES.index("flat_rate")
_P = "unemployment.period_structure"


def months_formula(ctx: Context) -> IntArray:
    # art. 114 §2: months of the right counted from its start (the current month included)
    start_year = ctx.get("unemployment_start_year")
    start_month = ctx.get("unemployment_start_month")
    now = ctx.period.start
    months = (now.year - start_year) * 12 + (now.month - start_month) + 1
    has_right = (start_year > 0) & (months > 0)
    return np.where(has_right, months, 0).astype(np.int64)


def phase_formula(ctx: Context) -> np.ndarray:
    # no right (months <= 0): no phase
    months = ctx.get("unemployment_months_unemployed")
    career = ctx.get("unemployment_years_of_work")
    age = ctx.get("age")
    return on_subset(
        months > 0,
        lambda i: _phase(ctx.params, months[i], career[i], age[i]),
        default=NONE,
        dtype=np.int16,
    )


def _phase(p: ParameterView, months: np.ndarray, career: np.ndarray, age: np.ndarray) -> np.ndarray:
    # art. 114 §3: 2 months of second period per career year; the first 10 form phase 2B
    career_months = career * p.number(f"{_P}.months_per_career_year")
    max_2b = p.number(f"{_P}.career_phase_max_months")
    deg_len = p.number(f"{_P}.degressive_phase_months")
    deg_total = deg_len * p.number(f"{_P}.degressive_phase_count")
    end_1 = p.number(f"{_P}.first_period_months")
    end_2a = end_1 + p.number(f"{_P}.fixed_second_phase_months")
    end_2b = end_2a + np.minimum(career_months, max_2b)
    end_deg = end_2b + np.clip(career_months - max_2b, 0, deg_total)
    # art. 114 §4: phases 21-24, one per started block of 6 months after phase 2B
    degressive = DEG_21 + np.ceil((months - end_2b) / deg_len).astype(np.int64) - 1
    # art. 114 §4: exceptions to the forfaitisation keep the phase-2B amount
    keeps_2b = (career >= p.number(f"{_P}.no_flat_rate_career_years")) | (
        age >= p.number(f"{_P}.no_flat_rate_age")
    )
    after_2b = np.where(keeps_2b, CAREER_2B, np.where(months <= end_deg, degressive, FLAT_RATE))
    return np.select(
        [
            months <= p.number(f"{_P}.phase_11_last_month"),
            months <= p.number(f"{_P}.phase_12_last_month"),
            months <= end_1,
            months <= end_2a,
            months <= end_2b,
        ],
        [M1_3, M4_6, M7_12, FIXED_2A, CAREER_2B],
        default=after_2b,
    ).astype(np.int16)


def variables() -> list[Variable]:
    return [
        person_month(
            "unemployment_months_unemployed",
            label(
                "Months of unemployment right (current month included)",
                "Maanden werkloosheidsrecht (huidige maand inbegrepen)",
                "Mois de droit aux allocations (mois en cours compris)",
            ),
            dtype="int",
            unit="month",
            behaviour="stock",
            reference=[ref("art. 114 §2")],
            dependencies=["unemployment_start_year", "unemployment_start_month"],
            formula=only_where(has_right_start, months_formula),
        ),
        person_month(
            "unemployment_phase",
            label(
                "Indemnification phase",
                "Vergoedingsfase",
                "Phase d'indemnisation",
            ),
            dtype="enum",
            unit=None,
            behaviour="stock",
            enum_values=PHASES,
            reference=[ref("art. 114 §2-4")],
            dependencies=["unemployment_months_unemployed", "unemployment_years_of_work", "age"],
            parameters=[_P],
            formula=phase_formula,
        ),
    ]
