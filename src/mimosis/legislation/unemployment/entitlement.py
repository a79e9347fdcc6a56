"""Entitlement: labour status, the duration of the integration allowance and, from 2026, the
limitation in time of the full unemployment benefit.

- Integration allowance (RD 25/11/1991 art. 63 §2): at most 36 months (12 from 2026).
- Claims from 1 March 2026: 12 months, plus one month per 4 months of work beyond the first
  year, at most 12 extra months.
- Rights opened before: they end in waves by unemployment duration (20 years or more on
  1/1/2026, 8 years on 1/3/2026, 2 years on 1/4/2026; shorter spells at the end of the new
  maximum duration, from an assumed 1/7/2026), unless the person was 55 on 30/6/2025 with the
  required career.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.unemployment.common import BoolArray, IntArray, label, person_month, ref

_TL = "unemployment.time_limit"
_TR = f"{_TL}.transition"
_MAX_SCHOOL = "unemployment.integration_allowance.max_months"
_UNEMPLOYED = LABOUR_STATUS.index("unemployed")
_RVA_2026 = (
    "https://www.rva.be/nieuws/2026/03/02/nieuwe-werkloosheids--reglementering-sinds-1-maart-2026"
)
_REFORM = "Programme Act of 2025 (limitation in time of unemployment benefits)"


def _school_leaver_ended(ctx: Context) -> BoolArray:
    # art. 63 §2: the integration allowance is limited in time
    months = ctx.get("unemployment_months_unemployed")
    school = ctx.get("unemployment_is_school_leaver")
    return school & (months > ctx.params.number(_MAX_SCHOOL))


def _new_maximum(ctx: Context) -> IntArray:
    """12 months + 1 per 4 months of work beyond the first year, at most 12 extra."""
    p = ctx.params
    career_months = ctx.get("unemployment_years_of_work") * 12
    beyond = career_months - p.number(f"{_TL}.career_months_for_basic_right")
    extra = np.clip(
        np.floor(beyond / p.number(f"{_TL}.career_months_per_extra_month")),
        0,
        p.number(f"{_TL}.extra_months_max"),
    )
    return (p.number(f"{_TL}.basic_months") + extra).astype(np.int64)


def _age_at_reference(ctx: Context) -> IntArray:
    year = ctx.params.number(f"{_TR}.reference_year")
    month = ctx.params.number(f"{_TR}.reference_month")
    before_birthday = month < ctx.get("birth_month")
    return (year - ctx.get("birth_year") - np.where(before_birthday, 1, 0)).astype(np.int64)


def ended_before_2026(ctx: Context) -> BoolArray:
    return _school_leaver_ended(ctx)


def ended_from_2026(ctx: Context) -> BoolArray:
    p = ctx.params
    months = ctx.get("unemployment_months_unemployed")
    school = ctx.get("unemployment_is_school_leaver")
    start = ctx.get("unemployment_start_year") * 12 + ctx.get("unemployment_start_month")
    first_new = p.number(f"{_TL}.new_regime_start_year") * 12 + p.number(
        f"{_TL}.new_regime_start_month"
    )
    new_claim = start >= first_new
    maximum = _new_maximum(ctx)
    # new claims: the right lasts the new maximum duration
    new_ended = ~school & new_claim & (months > maximum)
    # older rights: waves by duration of unemployment, unless 55 with a long career
    exempt = (_age_at_reference(ctx) >= p.number(f"{_TR}.exempt_age")) & (
        ctx.get("unemployment_years_of_work") >= p.number(f"{_TR}.exempt_career_years")
    )
    waves = (
        (p.flag(f"{_TR}.long_ended") & (months >= 12 * p.number(f"{_TR}.long_years")))
        | (p.flag(f"{_TR}.medium_ended") & (months >= 12 * p.number(f"{_TR}.medium_years")))
        | (p.flag(f"{_TR}.short_ended") & (months >= 12 * p.number(f"{_TR}.short_years")))
        | (p.flag(f"{_TR}.recent_limited") & (months > maximum))
    )
    old_ended = ~school & ~new_claim & ~exempt & waves
    return _school_leaver_ended(ctx) | new_ended | old_ended


def entitled_formula(ctx: Context) -> BoolArray:
    unemployed = ctx.get("labour_status") == _UNEMPLOYED
    has_right = ctx.get("unemployment_months_unemployed") > 0
    ended = ctx.get("unemployment_right_ended")
    return np.asarray(unemployed & has_right & ~ended, dtype=np.bool_)


def variables() -> list[Variable]:
    flags = {"dtype": "bool", "unit": "bool", "behaviour": "stock", "default": False}
    return [
        person_month(
            "unemployment_right_ended",
            label(
                "The right to unemployment benefits has ended (limitation in time)",
                "Het recht op uitkeringen is beëindigd (beperking in de tijd)",
                "Le droit aux allocations a pris fin (limitation dans le temps)",
            ),
            reference=[ref("art. 63 §2"), ref("limitation in time", act=_REFORM, url=_RVA_2026)],
            dependencies=[
                "unemployment_months_unemployed",
                "unemployment_is_school_leaver",
                "unemployment_start_year",
                "unemployment_start_month",
                "unemployment_years_of_work",
                "birth_year",
                "birth_month",
            ],
            parameters=[_MAX_SCHOOL, _TL],
            formulas={date(2015, 1, 1): ended_before_2026, date(2026, 1, 1): ended_from_2026},
            **flags,
        ),
        person_month(
            "unemployment_is_entitled",
            label(
                "Entitled to full unemployment benefits this month",
                "Gerechtigd op volledige werkloosheidsuitkeringen deze maand",
                "Droit aux allocations de chômage complet ce mois",
            ),
            reference=[ref("art. 44-45 (without work and without wage), art. 114")],
            dependencies=[
                "labour_status",
                "unemployment_months_unemployed",
                "unemployment_right_ended",
            ],
            formula=entitled_formula,
            **flags,
        ),
    ]
