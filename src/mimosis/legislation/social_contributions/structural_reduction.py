"""The structural reduction of employer contributions, per quarter (RD 16/5/2003 art. 2-4).

For each worker and quarter:
- W: the quarterly wage declared at 100 % (the gross wage, also for manual workers);
- mu: the work fraction (performance fraction of the quarter); S = W / mu, the quarterly
  reference wage of a full-time worker with full performances;
- R = F + alpha x (S0 - S) + gamma x (S2 - S) + delta x (W - S1), each difference at least 0
  (art. 2; the very-low-wage term gamma x (S2 - S) since Q2 2022);
- Ps = R x mu x beta, rounded to the cent and at most R (art. 4), beta depending on mu;
- the reduction cannot exceed the employer contributions due for the quarter.

Statutory civil servants are not subject to every branch of social security and get no
reduction. A worker with several employments is treated as one employment (mu_glob = mu).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.social_contributions.common import (
    EMPLOYER_CATEGORIES,
    RD_2003,
    FloatArray,
    cents,
    label,
    positive,
)

PATH = "social_contributions.structural_reduction"
_CIVIL_SERVANT = LABOUR_STATUS.index("civil_servant")
_COMPONENTS = (
    "flat_amount",
    "low_wage_coefficient",
    "low_wage_threshold",
    "very_low_wage_coefficient",
    "very_low_wage_threshold",
    "high_wage_coefficient",
    "high_wage_threshold",
)


def _by_category(ctx: Context, component: str, category: np.ndarray) -> FloatArray:
    """The parameter ``component`` of each worker's employer category."""
    values = [ctx.params.number(f"{PATH}.{name}.{component}") for name in EMPLOYER_CATEGORIES]
    return np.asarray(np.choose(category, values), dtype=np.float64)


def theoretical_amount(ctx: Context) -> FloatArray:
    """R, the reduction of a full-time worker with full performances (art. 2)."""
    wage = ctx.get("employee_gross_wage")  # W: quarterly wage at 100 %
    fraction = ctx.get("work_fraction")  # mu
    category = ctx.get("social_contributions_employer_category")
    p = {name: _by_category(ctx, name, category) for name in _COMPONENTS}
    working = (wage > 0) & (fraction > 0)
    reference = np.where(working, wage / np.where(working, fraction, 1.0), 0.0)  # S = W / mu
    amount = (
        p["flat_amount"]
        + p["low_wage_coefficient"] * positive(p["low_wage_threshold"] - reference)
        + p["very_low_wage_coefficient"] * positive(p["very_low_wage_threshold"] - reference)
        + p["high_wage_coefficient"] * positive(wage - p["high_wage_threshold"])
    )
    return np.where(working, cents(amount), 0.0)


def multiplier(ctx: Context, fraction: FloatArray) -> FloatArray:
    """beta (art. 4): 1/mu from 0.80, a sliding factor from 0.55, 1.18 from 0.275, else 0."""
    m = f"{PATH}.multiplier"
    full = fraction >= ctx.params.number(f"{m}.full_reduction_fraction")
    sliding = ~full & (fraction >= ctx.params.number(f"{m}.partial_fraction"))
    flat = ~full & ~sliding & (fraction >= ctx.params.number(f"{m}.minimum_fraction"))
    base = ctx.params.number(f"{m}.base_factor")
    slope = ctx.params.number(f"{m}.slope")
    safe = np.where(fraction > 0, fraction, 1.0)
    partial = ctx.params.number(f"{m}.partial_fraction")
    return np.select(
        [full, sliding, flat],
        [1.0 / safe, base + (fraction - partial) * slope, np.full_like(fraction, base)],
        default=0.0,
    )


def structural_reduction(ctx: Context) -> FloatArray:
    r = theoretical_amount(ctx)
    fraction = np.asarray(ctx.get("work_fraction"), dtype=np.float64)
    # art. 4: Ps = R x mu x beta, never more than R
    actual = np.minimum(cents(r * fraction * multiplier(ctx, fraction)), r)
    # statutory civil servants are not subject to all branches: no reduction
    status = ctx.get("labour_status")
    subject = status != _CIVIL_SERVANT
    # the reduction is limited to the employer contributions due for the quarter
    due = ctx.get("employer_social_contributions")
    return np.where(subject, np.minimum(actual, due), 0.0)


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "structural_reduction",
        entity="person",
        period_unit="quarter",
        dtype="float",
        unit="EUR/quarter",
        behaviour="flow",
        label=label(
            "Structural reduction of employer contributions",
            "Structurele vermindering van de werkgeversbijdragen",
            "Réduction structurelle des cotisations patronales",
        ),
        reference=[RD_2003],
        dependencies=[
            "employee_gross_wage",
            "work_fraction",
            "labour_status",
            "social_contributions_employer_category",
            "employer_social_contributions",
        ],
        parameters=[PATH],
        formula=structural_reduction,
    ),
)
