"""The special social security contribution (Programme Act of 30/12/1988 art. 106-112).

- ``special_social_security_contribution`` (person, month): the amount withheld by the
  employer each month, set by the worker's quarterly wage and household situation
  (art. 107-108 and the RSZ/ONSS table): single workers and two-income households pay a flat
  9.30 EUR a month from a quarterly wage of 3,285.29; one-income households (a married or
  legally cohabiting worker whose partner has no professional income) pay nothing below
  5,836.14; above, 7.6 % and then 1.1 % of the quarterly wage (per month: a third), up to
  60.94 (single / two incomes) or 51.64 (one income) a month.
- ``special_social_security_contribution_annual`` (fiscal household, year): the definitive
  yearly contribution of art. 106 on the household's net taxable income, settled in the tax
  assessment against the withholdings. Its base is the programme input
  ``special_social_security_contribution_household_income`` until the income-tax programme
  provides the net taxable income (see README).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable, dep
from mimosis.legislation.social_contributions.common import PA_1988, FloatArray, cents, label

PATH = "social_contributions.special_contribution"
W = f"{PATH}.withholding"
#: professional income in the sense of art. 107: earnings and every taxable pension and
#: replacement income (WIB 92 art. 23 §1, 4°-5°, art. 31 al. 2, 2°, art. 34)
_PROFESSIONAL_INCOME = (
    "employee_gross_wage",
    "self_employed_net_income",
    "taxable_replacement_income",
)


def one_income_household(ctx: Context) -> np.ndarray:
    # art. 107: a worker whose spouse or legal cohabitant has no professional income
    has_income = np.zeros(ctx.size, dtype=bool)
    for name in _PROFESSIONAL_INCOME:
        has_income |= ctx.get(name) > 0
    fiscal = ctx.group("fiscal_household")
    in_couple = fiscal.has_role("declarant") | fiscal.has_role("partner")
    couple = fiscal.project(fiscal.nb_persons("partner") > 0)
    earners = fiscal.project(fiscal.count(has_income & in_couple))
    return np.asarray(in_couple & couple & has_income & (earners == 1))


def withholding(ctx: Context) -> FloatArray:
    quarterly = ctx.get("social_contributions_declared_wage", ctx.period.quarter)
    one_income = ctx.get("special_social_security_contribution_one_income_household")
    first = ctx.params.number(f"{W}.first_threshold")
    second = ctx.params.number(f"{W}.second_threshold")
    third = ctx.params.number(f"{W}.third_threshold")
    flat = ctx.params.number(f"{W}.flat_amount")
    # the flat amount is the minimum for single and two-income households only
    floor = np.where(one_income, 0.0, flat)
    maximum = np.where(
        one_income,
        ctx.params.number(f"{W}.maximum_one_income"),
        ctx.params.number(f"{W}.maximum_two_incomes"),
    )
    band_flat = (quarterly >= first) & (quarterly <= second)
    band_rate = (quarterly > second) & (quarterly <= third)
    band_top = quarterly > third
    in_rate_band = np.maximum(
        ctx.params.number(f"{W}.first_rate") * (quarterly - second) / 3, floor
    )
    in_top_band = (
        ctx.params.number(f"{W}.base_amount")
        + ctx.params.number(f"{W}.second_rate") * (quarterly - third) / 3
    )
    amount = np.select(
        [band_flat, band_rate, band_top],
        [floor, in_rate_band, np.minimum(in_top_band, maximum)],
        default=0.0,
    )
    return cents(amount)


def annual_contribution(ctx: Context) -> FloatArray:
    # art. 106: yearly scale on the household's net taxable income, with a maximum
    base = ctx.get("special_social_security_contribution_household_income")
    due = ctx.params.scale(f"{PATH}.annual_scale").calc(base)
    return cents(np.minimum(due, ctx.params.number(f"{PATH}.annual_maximum")))


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "special_social_security_contribution_one_income_household",
        entity="person",
        period_unit="month",
        dtype="bool",
        unit="bool",
        behaviour="stock",
        label=label(
            "Worker of a one-income household (special contribution)",
            "Werknemer van een gezin met één inkomen (bijzondere bijdrage)",
            "Travailleur d'un ménage à un revenu (cotisation spéciale)",
        ),
        reference=[PA_1988],
        dependencies=list(_PROFESSIONAL_INCOME),
        formula=one_income_household,
    ),
    Variable(
        "special_social_security_contribution",
        entity="person",
        period_unit="month",
        dtype="float",
        unit="EUR/month",
        behaviour="flow",
        label=label(
            "Special social security contribution (withheld on the wage)",
            "Bijzondere bijdrage voor de sociale zekerheid (ingehouden op het loon)",
            "Cotisation spéciale pour la sécurité sociale (retenue sur le salaire)",
        ),
        reference=[PA_1988],
        dependencies=[
            dep("social_contributions_declared_wage", at="quarter"),
            "special_social_security_contribution_one_income_household",
        ],
        parameters=[W],
        formula=withholding,
    ),
    Variable(
        "special_social_security_contribution_household_income",
        entity="fiscal_household",
        period_unit="year",
        dtype="float",
        unit="EUR/year",
        behaviour="flow",
        label=label(
            "Net taxable income of the household (base of the annual special contribution)",
            "Gezamenlijk netto belastbaar inkomen (grondslag jaarlijkse bijzondere bijdrage)",
            "Revenu net imposable du ménage (base de la cotisation spéciale annuelle)",
        ),
        reference=[PA_1988],
    ),
    Variable(
        "special_social_security_contribution_annual",
        entity="fiscal_household",
        period_unit="year",
        dtype="float",
        unit="EUR/year",
        behaviour="flow",
        label=label(
            "Special social security contribution due for the year (settlement)",
            "Bijzondere bijdrage verschuldigd voor het jaar (afrekening)",
            "Cotisation spéciale due pour l'année (régularisation)",
        ),
        reference=[PA_1988],
        dependencies=["special_social_security_contribution_household_income"],
        parameters=[f"{PATH}.annual_scale", f"{PATH}.annual_maximum"],
        formula=annual_contribution,
    ),
)
