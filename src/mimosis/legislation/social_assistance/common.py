"""Shared helpers of the social-assistance programme (no legal numbers here)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

ACT = "Act of 26 May 2002 on the right to social integration"
ACT_URL = "https://www.ejustice.just.fgov.be/eli/loi/2002/05/26/2002022559/justel"
RD = "Royal Decree of 11 July 2002 (general regulation on the right to social integration)"
PRIMABOOK = "https://primabook.mi-is.be/fr/droit-lintegration-sociale/le-calcul-des-ressources"
RD_URL = PRIMABOOK

#: categories of art. 14 §1 (and "none": no right as applicant)
CATEGORIES: tuple[str, ...] = ("none", "cohabitant", "single", "with_family")
NONE, COHABITANT, SINGLE, WITH_FAMILY = range(4)


def ref(article: str, act: str = ACT, url: str | None = ACT_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def person_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    """A person variable per month (defaults: float EUR/month flow)."""
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "float",
        "unit": "EUR/month",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def partner_values(ctx: Context, values: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], BoolArray]:
    """Per person, the value of their partner in the family unit, and whether they have one."""
    fu = ctx.group("family_unit")
    adult_value = fu.project(fu.value_of_role(values, "adult"))
    partner_value = fu.project(fu.value_of_role(values, "partner"))
    unit_has_partner = fu.project(fu.nb_persons("partner") > 0)
    is_adult = fu.has_role("adult")
    is_partner = fu.has_role("partner")
    has_partner = (is_adult & unit_has_partner) | is_partner
    none = np.zeros_like(adult_value)
    value = np.where(is_adult, partner_value, np.where(is_partner, adult_value, none))
    return value, has_partner


def category_amounts(ctx: Context, path: str) -> tuple[float, float, float]:
    """The (cohabitant, single, with_family) values of a parameter node."""
    p = ctx.params
    return (
        p.number(f"{path}.cohabitant"),
        p.number(f"{path}.single"),
        p.number(f"{path}.with_family"),
    )


def by_category(category: np.ndarray, values: tuple[float, float, float]) -> FloatArray:
    return np.select(
        [category == COHABITANT, category == SINGLE, category == WITH_FAMILY],
        list(values),
        default=0.0,
    )
