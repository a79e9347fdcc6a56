"""Shared helpers of the disability programme (no legal numbers here)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

LAW = "Law of 27 February 1987 on allowances to persons with disabilities"
LAW_URL = "https://www.ejustice.just.fgov.be/eli/wet/1987/02/27/1987022077/justel"
RD = "Royal Decree of 6 July 1987 on the income replacement and integration allowances"
RD_URL = "https://www.ejustice.just.fgov.be/eli/besluit/1987/07/06/1987022172/justel"
RD_ELDERLY = "Royal Decree of 5 March 1990 on the allowance for assistance to the elderly"
RD_ELDERLY_URL = "https://www.ejustice.just.fgov.be/eli/besluit/1990/03/05/1990022161/justel"
DG_HAN_CATEGORY = "https://handicap.belgium.be/nl/mijn-dossier/gezinscategorie.htm"

P = "disability"

#: IVT family categories of RD 6/7/1987 art. 4 ("none": no category computed)
CATEGORIES: tuple[str, ...] = ("a", "b", "c")
CAT_A, CAT_B, CAT_C = range(3)


def ref(article: str, act: str = LAW, url: str | None = LAW_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def person_variable(name: str, lbl: dict[str, str], period: str = "month", **kw: Any) -> Variable:
    """A person variable (defaults: float EUR/<period> flow)."""
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": period,
        "dtype": "float",
        "unit": f"EUR/{period}",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def partner_values(ctx: Context, values: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], BoolArray]:
    """Per person, the value of their partner in the family unit, and whether they have one
    (the family unit joins married, legally and de facto cohabiting partners)."""
    fu = ctx.group("family_unit")
    adult_value = fu.project(fu.value_of_role(values, "adult"))
    partner_value = fu.project(fu.value_of_role(values, "partner"))
    is_adult = fu.has_role("adult")
    is_partner = fu.has_role("partner")
    has_partner = (is_adult & fu.project(fu.nb_persons("partner") > 0)) | is_partner
    value = np.where(is_adult, partner_value, np.where(is_partner, adult_value, 0))
    return value, has_partner


def by_category(category: npt.NDArray[Any], a: float, b: float, c: float) -> FloatArray:
    return np.select([category == CAT_A, category == CAT_B, category == CAT_C], [a, b, c], 0.0)


def category_amounts(ctx: Context) -> tuple[float, float, float]:
    """The IVT amounts of categories A, B and C in force (Law art. 6 §1)."""
    p = ctx.params
    node = f"{P}.income_replacement.amount"
    return (
        p.number(f"{node}.category_a"),
        p.number(f"{node}.category_b"),
        p.number(f"{node}.category_c"),
    )


def monthly(yearly: FloatArray) -> FloatArray:
    """The monthly payment: one twelfth of the yearly amount, to the cent."""
    return np.asarray(np.round(yearly / 12.0, 2), dtype=np.float64)
