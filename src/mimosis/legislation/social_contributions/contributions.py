"""Employee and employer contributions on the declared wage (Law of 29/6/1981 art. 38)."""

from __future__ import annotations

from typing import Any

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.social_contributions.common import (
    EMPLOYER_CATEGORIES,
    LAW_1981,
    FloatArray,
    cents,
    label,
)

EMPLOYEE = "social_contributions.employee"
EMPLOYER = "social_contributions.employer"


def declared_wage(ctx: Context) -> FloatArray:
    # RD 28/11/1969 art. 23: manual workers are declared at 108 % of the gross wage
    gross = ctx.get("employee_gross_wage")
    blue_collar = ctx.get("is_blue_collar")
    factor = ctx.params.number(f"{EMPLOYEE}.blue_collar_base_factor")
    return np.where(blue_collar, gross * factor, gross)


def employee_contributions(ctx: Context) -> FloatArray:
    # Law 29/6/1981 art. 38 §2: 13.07 % of the declared wage (work bonus: separate variable)
    rate = ctx.params.number(f"{EMPLOYEE}.rate")
    return cents(rate * ctx.get("social_contributions_declared_wage"))


def employer_rate(ctx: Context) -> FloatArray:
    """Basic contribution plus wage moderation for each worker's employer category."""
    category = ctx.get("social_contributions_employer_category")
    rates = [
        ctx.params.number(f"{EMPLOYER}.basic_rate.{name}")
        + ctx.params.number(f"{EMPLOYER}.wage_moderation_rate.{name}")
        for name in EMPLOYER_CATEGORIES
    ]
    return np.asarray(np.choose(category, rates), dtype=np.float64)


def employer_contributions(ctx: Context) -> FloatArray:
    # Law 29/6/1981 art. 38 §3 (basic) and §3bis (wage moderation), on the declared wage
    return cents(employer_rate(ctx) * ctx.get("social_contributions_declared_wage"))


def employer_contributions_net(ctx: Context) -> FloatArray:
    # RD 16/5/2003: the structural reduction is deducted from the employer contributions due
    net = ctx.get("employer_social_contributions") - ctx.get("structural_reduction")
    return np.asarray(np.maximum(net, 0.0))


_MONEY: dict[str, Any] = {
    "entity": "person",
    "period_unit": "month",
    "dtype": "float",
    "unit": "EUR/month",
}

VARIABLES: tuple[Variable, ...] = (
    Variable(
        "social_contributions_employer_category",
        entity="person",
        period_unit="month",
        dtype="enum",
        unit=None,
        behaviour="stock",
        enum_values=EMPLOYER_CATEGORIES,
        default=0,
        label=label(
            "Employer category of the structural reduction",
            "Werkgeverscategorie van de structurele vermindering",
            "Catégorie d'employeur de la réduction structurelle",
        ),
        reference=[LAW_1981],
    ),
    Variable(
        "social_contributions_declared_wage",
        **_MONEY,
        behaviour="flow",
        label=label(
            "Wage declared to social security (108 % for manual workers)",
            "Aangegeven loon (108 % voor arbeiders)",
            "Salaire déclaré (108 % pour les ouvriers)",
        ),
        reference=[LAW_1981],
        dependencies=["employee_gross_wage", "is_blue_collar"],
        parameters=[f"{EMPLOYEE}.blue_collar_base_factor"],
        formula=declared_wage,
    ),
    Variable(
        "employee_social_contributions",
        **_MONEY,
        behaviour="flow",
        label=label(
            "Employee social security contributions",
            "Persoonlijke socialezekerheidsbijdragen",
            "Cotisations personnelles de sécurité sociale",
        ),
        reference=[LAW_1981],
        dependencies=["social_contributions_declared_wage"],
        parameters=[f"{EMPLOYEE}.rate"],
        formula=employee_contributions,
    ),
    Variable(
        "employer_social_contributions",
        **_MONEY,
        behaviour="flow",
        label=label(
            "Employer social security contributions (basic and wage moderation)",
            "Werkgeversbijdragen (basisbijdrage en loonmatiging)",
            "Cotisations patronales (base et modération salariale)",
        ),
        reference=[LAW_1981],
        dependencies=[
            "social_contributions_declared_wage",
            "social_contributions_employer_category",
        ],
        parameters=[f"{EMPLOYER}.basic_rate", f"{EMPLOYER}.wage_moderation_rate"],
        formula=employer_contributions,
    ),
    Variable(
        "employer_social_contributions_net",
        **_MONEY,
        behaviour="flow",
        label=label(
            "Employer contributions after the structural reduction",
            "Werkgeversbijdragen na structurele vermindering",
            "Cotisations patronales après réduction structurelle",
        ),
        reference=[LAW_1981],
        dependencies=["employer_social_contributions", "structural_reduction"],
        formula=employer_contributions_net,
    ),
)
