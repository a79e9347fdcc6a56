"""Earnings while drawing a pension (permitted work, RD of 21 December 1967 art. 64).

Yearly professional income: the gross wage of an employee activity, or, when business income
is earned, 80 % of the gross wage plus the net business income compared with the
self-employed limit (80 % of the employee limit). Since 2015 the pension is reduced by the
percentage by which the limit is exceeded (suspended from 100 %), and there is no limit:

- from 1 January of the year in which the statutory pension age is reached, for a retirement
  pension (alone or with a survivor pension);
- with a career of 45 years at the start of the retirement pension (the career years known to
  the model are used).

A survivor pension alone has its own, higher limits (below and from the statutory age), with
an increase per further dependent child from 2023. The spouse of a household-rate pensioner
must stay within the retirement limits (from the statutory age: the higher limits);
otherwise the single rate is paid (``employee.py``).
"""

from __future__ import annotations

import numpy as np

from mimosis.engine import Context, Variable
from mimosis.legislation.pensions.common import (
    EARNINGS_URL,
    RD_1967,
    BoolArray,
    FloatArray,
    P,
    label,
    ref,
)

_L = f"{P}.earnings_limit"
_REF = [ref("art. 64 §1-3 (permitted professional activity)", act=RD_1967, url=EARNINGS_URL)]
_INCOME_DEPS = ["employee_gross_wage", "self_employed_net_income"]


def dependent_children(ctx: Context) -> FloatArray:
    """Number of dependent children in the person's fiscal household (0 for a dependant)."""
    fh = ctx.group("fiscal_household")
    child = ctx.get("is_dependent_child")
    n = fh.project(fh.count(child)).astype(np.float64)
    return np.where(child, 0.0, n)


def _exceed_rate(ctx: Context, employee_limit: FloatArray) -> FloatArray:
    """The share by which the yearly income exceeds the limit (0 to 1)."""
    p = ctx.params
    wages = ctx.get("employee_gross_wage")
    business = ctx.get("self_employed_net_income")
    mixed = business > 0
    # art. 64 §2: a self-employed (or mixed) activity: 80 % of the gross wage + net income,
    # against the self-employed limit (80 % of the employee limit in every table)
    income = np.where(mixed, p.number(f"{_L}.mixed_wage_share") * wages + business, wages)
    limit = np.where(mixed, p.number(f"{_L}.self_employed_share") * employee_limit, employee_limit)
    safe = np.where(limit > 0, limit, 1.0)
    return np.asarray(np.clip((income - limit) / safe, 0.0, 1.0), dtype=np.float64)


def _reaches_age_this_year(ctx: Context) -> BoolArray:
    # the limits end on 1 January of the year in which the statutory age is reached
    return np.asarray(
        ctx.period.start.year >= ctx.get("birth_year") + ctx.get("pensions_statutory_age"),
        dtype=bool,
    )


def retirement_rate_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    with_child = dependent_children(ctx) > 0
    limit = np.where(
        with_child,
        p.number(f"{_L}.retirement_with_child"),
        p.number(f"{_L}.retirement_no_child"),
    )
    unlimited = _reaches_age_this_year(ctx) | (
        ctx.get("pensions_career_years") >= p.number(f"{_L}.unlimited_career_years")
    )
    return np.where(unlimited, 0.0, _exceed_rate(ctx, limit))


def survivor_rate_formula(ctx: Context) -> FloatArray:
    p = ctx.params
    children = dependent_children(ctx)
    from_age = _reaches_age_this_year(ctx)
    # art. 64 §3: survivor pension alone; one child, then an increase per further child
    below = np.where(
        children > 0,
        p.number(f"{_L}.survivor_with_child")
        + np.maximum(children - 1, 0) * p.number(f"{_L}.survivor_extra_child"),
        p.number(f"{_L}.survivor_no_child"),
    )
    above = np.where(
        children > 0, p.number(f"{_L}.after_age_with_child"), p.number(f"{_L}.after_age_no_child")
    )
    return _exceed_rate(ctx, np.where(from_age, above, below))


def spouse_exceeds_formula(ctx: Context) -> BoolArray:
    p = ctx.params
    with_child = dependent_children(ctx) > 0
    from_age = _reaches_age_this_year(ctx)
    below = np.where(
        with_child, p.number(f"{_L}.retirement_with_child"), p.number(f"{_L}.retirement_no_child")
    )
    above = np.where(
        with_child, p.number(f"{_L}.after_age_with_child"), p.number(f"{_L}.after_age_no_child")
    )
    # art. 64: the spouse of a household-rate pensioner respects the limits at every age
    return np.asarray(_exceed_rate(ctx, np.where(from_age, above, below)) > 0, dtype=bool)


def _yearly(name: str, lbl: dict[str, str], **kw: object) -> Variable:
    fields: dict[str, object] = {
        "entity": "person",
        "period_unit": "year",
        "dtype": "float",
        "unit": "/1",
        "behaviour": "stock",
        "reference": _REF,
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)  # type: ignore[arg-type]


def variables() -> list[Variable]:
    common = [
        *_INCOME_DEPS,
        "is_dependent_child",
        "birth_year",
        "pensions_statutory_age",
    ]
    return [
        _yearly(
            "pensions_retirement_earnings_reduction",
            label(
                "Reduction of the retirement pension for excess earnings (share)",
                "Vermindering van het rustpensioen wegens te hoge beroepsinkomsten (deel)",
                "Réduction de la pension de retraite pour revenus excédentaires (part)",
            ),
            dependencies=[*common, "pensions_career_years"],
            parameters=[_L],
            formula=retirement_rate_formula,
        ),
        _yearly(
            "pensions_survivor_earnings_reduction",
            label(
                "Reduction of a survivor pension alone for excess earnings (share)",
                "Vermindering van een overlevingspensioen alleen wegens beroepsinkomsten (deel)",
                "Réduction d'une pension de survie seule pour revenus excédentaires (part)",
            ),
            dependencies=common,
            parameters=[_L],
            formula=survivor_rate_formula,
        ),
        _yearly(
            "pensions_exceeds_household_spouse_limit",
            label(
                "Earns more than a household-rate pensioner's spouse may",
                "Verdient meer dan de echtgenoot van een gezinspensioen mag",
                "Gagne plus que ne le peut le conjoint d'un pensionné au taux ménage",
            ),
            dtype="bool",
            unit="bool",
            dependencies=common,
            parameters=[_L],
            formula=spouse_exceeds_formula,
        ),
    ]
