"""Shared helpers of the income-tax formulas: variable declaration and spouse arithmetic.

Joint taxation (WIB 92 / CIR 92 art. 126 §1): married and legally cohabiting partners form one
fiscal household, but the tax is computed per spouse ("decumul", art. 130) after the marital
quotient (art. 87-88) and the allocation of the tax-free sum (art. 134); the household's tax
is the sum of both. The taxpayers of a fiscal household are its ``declarant`` and ``partner``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Dependency, Variable

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Formula = Callable[[Context], Any]

FISCAL = "fiscal_household"
WIB = "WIB 92 / CIR 92"
WIB_URL = (
    "https://www.ejustice.just.fgov.be/cgi_loi/change_lg.pl?language=nl&la=N"
    "&table_name=wet&cn=1992041050"
)


def ref(article: str, act: str = WIB, url: str | None = WIB_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url is not None:
        out["url"] = url
    return out


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def money_year(
    name: str,
    lab: dict[str, str],
    reference: list[dict[str, str]],
    formula: Formula,
    *,
    dependencies: Sequence[str | Dependency],
    parameters: Sequence[str] = (),
    entity: str = "person",
) -> Variable:
    """An amount per income year (the period of the personal income tax)."""
    return Variable(
        name,
        entity=entity,
        period_unit="year",
        dtype="float",
        unit="EUR/year",
        behaviour="flow",
        label=lab,
        reference=reference,
        dependencies=list(dependencies),
        parameters=list(parameters),
        formula=formula,
    )


def as_float(values: Any) -> FloatArray:
    """``values`` as a float array (formula results are typed as such)."""
    return np.asarray(values, dtype=np.float64)


def taxpayer(ctx: Context) -> BoolArray:
    """Person mask: a taxpayer (declarant or partner) of their fiscal household."""
    group = ctx.group(FISCAL)
    return group.has_role("declarant") | group.has_role("partner")


def in_couple(ctx: Context) -> BoolArray:
    """Person mask: a taxpayer whose fiscal household holds two spouses (art. 126 §1)."""
    group = ctx.group(FISCAL)
    has_partner = group.project(group.nb_persons("partner") > 0)
    return taxpayer(ctx) & has_partner


def spouse_value(ctx: Context, values: Any) -> FloatArray:
    """For each taxpayer in a couple, the other spouse's value (0 elsewhere)."""
    group = ctx.group(FISCAL)
    arr = np.asarray(values, dtype=np.float64)
    couple = in_couple(ctx)
    total = group.sum(np.where(couple, arr, 0.0))
    return np.where(couple, group.project(total) - arr, 0.0)


def is_higher_spouse(ctx: Context, values: Any) -> BoolArray:
    """Taxpayer mask: the spouse with the higher value (the declarant on a tie), or a single."""
    arr = np.asarray(values, dtype=np.float64)
    other = spouse_value(ctx, arr)
    declarant = ctx.group(FISCAL).has_role("declarant")
    higher = (arr > other) | ((arr == other) & declarant)
    return np.asarray(taxpayer(ctx) & (higher | ~in_couple(ctx)), dtype=np.bool_)
