"""Shared helpers of the unemployment programme: labels, references, variable factories.

Nothing here holds a legal number: amounts, rates and durations are parameters
(``src/mimosis/parameters/unemployment/``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.groups import couple_index, of_other
from mimosis.legislation.inputs import LABOUR_STATUS
from mimosis.legislation.sparse import whole_households

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

RD = "Royal Decree of 25 November 1991 on unemployment regulations"
RD_URL: str | None = None
MD = "Ministerial Decree of 26 November 1991 (application of the unemployment regulations)"
RVA_TABLES = "https://www.rva.be/documentatie/bedragen/volledige-werkloosheid"

#: family categories of art. 110 (A: with family burden, N: living alone, B: cohabitant)
CATEGORIES: tuple[str, ...] = ("with_family_burden", "living_alone", "cohabitant")
WITH_FAMILY, LIVING_ALONE, COHABITANT = range(3)


def ref(article: str, act: str = RD, url: str | None = RD_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def person_month(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    """A person variable computed per month (defaults: float EUR/month flow)."""
    fields: dict[str, Any] = {
        "entity": "person",
        "period_unit": "month",
        "dtype": "float",
        "unit": "EUR/month",
        "behaviour": "flow",
    }
    fields.update(kw)
    return Variable(name, label=lbl, **fields)


def partner_index(ctx: Context) -> tuple[IntArray, BoolArray]:
    """Per person, the position of their partner in the family unit (0 when none) and whether
    they have one. The family unit (guide: a person, their married or de facto partner and
    their dependent children) holds at most one ``adult`` and one ``partner``."""
    return couple_index(ctx, "family_unit", "adult", "partner")


def partner_values(ctx: Context, values: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], BoolArray]:
    """Per person, the value of their partner in the family unit, and whether they have one."""
    index, has_partner = partner_index(ctx)
    return of_other(values, index, has_partner), has_partner


def round_cents(values: Any) -> FloatArray:
    """Amounts are paid to the cent."""
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)


_UNEMPLOYED_STATUS = LABOUR_STATUS.index("unemployed")


def has_right_start(ctx: Context) -> BoolArray:
    """The persons with a recorded start of an unemployment right: the months of the right, the
    phase, the amounts and the entitlement are nil for everyone else (``phase.py``)."""
    return np.asarray(ctx.get("unemployment_start_year") > 0)


def claimant_households(ctx: Context) -> BoolArray:
    """The members of the households of the unemployed (a right opened, or registered as
    unemployed): the family category and the privileged cohabitant are the claimant's, and
    only the amounts of claimants read them (a performance restriction, ``sparse.only_where``;
    whole households, because the category reads the partner and the other members)."""
    unemployed = np.asarray(ctx.get("labour_status") == _UNEMPLOYED_STATUS)
    return whole_households(ctx, has_right_start(ctx) | unemployed)
