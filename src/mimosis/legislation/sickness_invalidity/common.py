"""Shared helpers of the sickness and invalidity programme: labels, references, factories.

Nothing here holds a legal number: rates, amounts, ceilings and months are parameters
(``src/mimosis/parameters/sickness_invalidity/``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Variable

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

P = "sickness_invalidity"
ZIV = "Coordinated Act of 14 July 1994 on compulsory health care and benefits insurance (GVU/ZIV)"
RD_1996 = "Royal Decree of 3 July 1996 implementing the coordinated Act of 14 July 1994"
RD_1971 = "Royal Decree of 20 July 1971 (benefits and maternity insurance of the self-employed)"
INAMI_AMOUNTS = (
    "https://www.inami.fgov.be/nl/themas/arbeidsongeschiktheid/bedragen/werknemers-werklozen"
)
INAMI_SELF_EMPLOYED = "https://www.inami.fgov.be/nl/thema-s/arbeidsongeschiktheid/zelfstandigen"

#: family situation of the beneficiary (RD 3/7/1996 art. 225 with family burden, art. 226
#: single or assimilated, cohabitant otherwise)
FAMILY_SITUATIONS: tuple[str, ...] = ("with_family_burden", "single", "cohabitant")
WITH_FAMILY, SINGLE, COHABITANT = range(3)

#: the insurance scheme the person is covered by
SCHEMES: tuple[str, ...] = ("employee", "self_employed")
EMPLOYEE, SELF_EMPLOYED = range(2)


def ref(article: str, act: str = RD_1996, url: str | None = None) -> dict[str, str]:
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


def daily(name: str, lbl: dict[str, str], **kw: Any) -> Variable:
    """A daily amount (EUR/day, a state of the month)."""
    return person_month(name, lbl, unit="EUR/day", behaviour="stock", **kw)


def round_cents(values: Any) -> FloatArray:
    """Benefits are paid to the cent."""
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)


def month_code(year: Any, month: Any) -> Any:
    """A calendar month as yyyymm (the form of the cohort thresholds in the parameters)."""
    return np.asarray(year, dtype=np.int64) * 100 + np.asarray(month, dtype=np.int64)


def add_months(year: Any, month: Any, n: int) -> Any:
    """The month ``n`` months after (year, month), as yyyymm."""
    index = np.asarray(year, dtype=np.int64) * 12 + np.asarray(month, dtype=np.int64) - 1 + n
    return month_code(index // 12, index % 12 + 1)
