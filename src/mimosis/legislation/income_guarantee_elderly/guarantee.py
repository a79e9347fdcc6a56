"""The amount of the income guarantee for the elderly (Law of 22 March 2001 art. 3-6).

Conditions: the statutory pension age (art. 3 refers to the age of RD n° 50 art. 2: 65; 66
for the cohorts 1960-1963, 67 from 1964 — ``pensions_statutory_age``), the month after the
birthday; nationality and main residence in Belgium (input); a claim (input, default: yes,
examined ex officio with the pension).

Amount (art. 6): the yearly basic amount (cohabitant) or 1.5 x the basic amount (single),
minus the yearly resources per person sharing the residence after the general exemption;
paid monthly (one twelfth), nothing when the resources exceed the amount.
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.income_guarantee_elderly.common import (
    FloatArray,
    G,
    label,
    months_of_age,
    person_month,
    ref,
    round_cents,
)

_A = f"{G}.amount"
_M = f"{G}.means_test"


def guarantee_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    base = p.number(f"{_A}.base")
    # art. 6 §1-2: the basic amount, x 1.5 for a person who does not share the residence
    amount = np.where(
        ctx.get("income_guarantee_elderly_is_single"),
        base * p.number(f"{_A}.single_coefficient"),
        base,
    )
    yearly = 12 * ctx.get("income_guarantee_elderly_shared_resources")
    counted = np.maximum(yearly - p.number(f"{_M}.general_exemption"), 0.0)
    # art. 3: from the month after the statutory pension age is reached
    aged = months_of_age(ctx) > 12 * ctx.get("pensions_statutory_age")
    eligible = (
        aged
        & ctx.get("income_guarantee_elderly_meets_residence_conditions")
        & ctx.get("income_guarantee_elderly_takes_up")
    )
    return round_cents(np.where(eligible, np.maximum(amount - counted, 0.0) / 12, 0.0))


def variables() -> list[Variable]:
    return [
        person_month(
            "income_guarantee_elderly",
            label(
                "Income guarantee for the elderly (IGO / GRAPA)",
                "Inkomensgarantie voor ouderen (IGO)",
                "Garantie de revenus aux personnes âgées (GRAPA)",
            ),
            reference=[ref("art. 3, 4, 6, 7")],
            dependencies=[
                "income_guarantee_elderly_is_single",
                "income_guarantee_elderly_shared_resources",
                "birth_year",
                "birth_month",
                "pensions_statutory_age",
                "income_guarantee_elderly_meets_residence_conditions",
                "income_guarantee_elderly_takes_up",
            ],
            parameters=[_A, f"{_M}.general_exemption"],
            formula=guarantee_formula,
        ),
    ]
