"""A small made-up system (no real law): a flat-rate tax scale, an indexed household benefit.

Variables:
    earnings (person, month, input)        age (person, year, input)
    yearly_earnings = sum of 12 months of earnings
    income_tax = toy_tax.scale on yearly_earnings
    net_income = yearly_earnings - income_tax
    household_net_income = sum over members of net_income
    benefit (household, month) = amount if household income per month under the ceiling
    disposable_income (household, year) = household_net_income + 12 months of benefit
    nb_adults (household, year): members aged 18+
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np

from mimosis.engine import (
    Context,
    Entity,
    Membership,
    Population,
    TaxBenefitSystem,
    Variable,
    parameters_from_dict,
)

REF = [{"act": "Toy Act", "article": "art. 1"}]
HOUSEHOLD = Entity(
    "household", roles=("head", "partner", "dependant"), unique_roles=("head", "partner")
)


def label(text: str) -> dict[str, str]:
    return {"en": text, "nl": text, "fr": text}


def toy_parameters_dict() -> dict[str, Any]:
    return {
        "toy_tax": {
            "label": label("toy tax"),
            "scale": {
                "label": label("toy tax scale"),
                "unit": "EUR/year",
                "type": "scale",
                "reference": REF,
                "values": [
                    {
                        "from": date(2020, 1, 1),
                        "thresholds": [0, 10000, 40000],
                        "rates": [0.0, 0.25, 0.5],
                    },
                ],
            },
        },
        "toy_benefit": {
            "amount": {
                "label": label("benefit amount"),
                "unit": "EUR/month",
                "reference": REF,
                "indexation": {"series": "toy_index", "base_index": 1.0, "decimals": 2},
                "values": [{"from": date(2020, 1, 1), "value": 100.0}],
            },
            "ceiling": {
                "label": label("monthly income ceiling"),
                "unit": "EUR/month",
                "reference": REF,
                "values": [{"from": date(2020, 1, 1), "value": 2000.0}],
            },
        },
        "toy_age": {
            "adult": {
                "label": label("age of majority"),
                "unit": "year",
                "reference": REF,
                "values": [{"from": date(2020, 1, 1), "value": 18}],
            }
        },
        "indices": {
            "toy_index": {
                "label": label("toy index"),
                "unit": "index",
                "reference": REF,
                "values": [
                    {"from": date(2020, 1, 1), "value": 1.0},
                    {"from": date(2025, 6, 1), "value": 1.02},
                ],
            }
        },
    }


def build_variables(calls: Counter[str] | None = None) -> list[Variable]:
    """The toy variables; ``calls`` (if given) counts formula calls by name."""

    def counted(name: str, fn: Any) -> Any:
        def wrapper(ctx: Context) -> Any:
            if calls is not None:
                calls[name] += 1
            return fn(ctx)

        return wrapper

    def yearly_earnings(ctx: Context) -> Any:
        return ctx.get("earnings")

    def income_tax(ctx: Context) -> Any:
        return ctx.params.scale("toy_tax.scale").calc(ctx.get("yearly_earnings"))

    def net_income(ctx: Context) -> Any:
        return ctx.get("yearly_earnings") - ctx.get("income_tax")

    def household_net_income(ctx: Context) -> Any:
        return ctx.group("household").sum(ctx.get("net_income"))

    def benefit(ctx: Context) -> Any:
        monthly_income = ctx.get("household_net_income")  # yearly flow spread over the month
        eligible = monthly_income < ctx.params.number("toy_benefit.ceiling")
        return np.where(eligible, ctx.params.number("toy_benefit.amount"), 0.0)

    def disposable_income(ctx: Context) -> Any:
        return ctx.get("household_net_income") + ctx.get("benefit")

    def nb_adults(ctx: Context) -> Any:
        adult = ctx.get("age") >= ctx.params.number("toy_age.adult")
        return ctx.group("household").count(adult)

    common: dict[str, Any] = {"reference": REF}
    money_year: dict[str, Any] = {
        "period_unit": "year",
        "dtype": "float",
        "unit": "EUR/year",
        "behaviour": "flow",
    }
    return [
        Variable(
            "earnings",
            entity="person",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=label("earnings"),
            **common,
        ),
        Variable(
            "age",
            entity="person",
            period_unit="year",
            dtype="int",
            unit="year",
            behaviour="stock",
            label=label("age"),
            default=40,
            **common,
        ),
        Variable(
            "yearly_earnings",
            entity="person",
            label=label("yearly earnings"),
            dependencies=["earnings"],
            formula=counted("yearly_earnings", yearly_earnings),
            **money_year,
            **common,
        ),
        Variable(
            "income_tax",
            entity="person",
            label=label("income tax"),
            dependencies=["yearly_earnings"],
            parameters=["toy_tax.scale"],
            formula=counted("income_tax", income_tax),
            **money_year,
            **common,
        ),
        Variable(
            "net_income",
            entity="person",
            label=label("net income"),
            dependencies=["yearly_earnings", "income_tax"],
            formula=counted("net_income", net_income),
            **money_year,
            **common,
        ),
        Variable(
            "household_net_income",
            entity="household",
            label=label("household net income"),
            dependencies=["net_income"],
            formula=counted("household_net_income", household_net_income),
            **money_year,
            **common,
        ),
        Variable(
            "benefit",
            entity="household",
            period_unit="month",
            dtype="float",
            unit="EUR/month",
            behaviour="flow",
            label=label("benefit"),
            dependencies=["household_net_income"],
            parameters=["toy_benefit"],
            formula=counted("benefit", benefit),
            **common,
        ),
        Variable(
            "disposable_income",
            entity="household",
            label=label("disposable income"),
            dependencies=["household_net_income", "benefit"],
            formula=counted("disposable_income", disposable_income),
            **money_year,
            **common,
        ),
        Variable(
            "nb_adults",
            entity="household",
            period_unit="year",
            dtype="int",
            unit="count",
            behaviour="stock",
            label=label("adults"),
            dependencies=["age"],
            parameters=["toy_age.adult"],
            formula=counted("nb_adults", nb_adults),
            **common,
        ),
    ]


def build_system(calls: Counter[str] | None = None) -> TaxBenefitSystem:
    return TaxBenefitSystem(
        [HOUSEHOLD], build_variables(calls), parameters_from_dict(toy_parameters_dict())
    )


def build_population(monthly: list[float] | None = None) -> Population:
    """Household 0: a couple and a child; household 1: a single earner; household 2: two."""
    hh = np.array([0, 0, 0, 1, 2, 2])
    roles = np.array(["head", "partner", "dependant", "head", "head", "partner"])
    earnings = np.array(
        monthly if monthly is not None else [1000.0, 500.0, 0.0, 5000.0, 100.0, 0.0]
    )
    ages = np.array([40, 38, 10, 55, 70, 17])
    return Population(
        [HOUSEHOLD],
        {"household": Membership(hh, roles)},
        inputs={"earnings": {"2025": earnings * 12}, "age": {"2025": ages}},
        household_weights=np.array([1.0, 2.0, 3.0]),
    )
