"""Shared helpers of the pensions programme: acts, labels, variable factories.

No legal number lives here: rates, amounts, ages and limits are parameters
(``src/mimosis/parameters/pensions/``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, Variable
from mimosis.legislation.groups import couple_index, of_other

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

P = "pensions"

RD50 = "Royal Decree n° 50 of 24 October 1967 (retirement and survivor pension of employees)"
RD50_URL = "https://www.ejustice.just.fgov.be/eli/arrete/1967/10/24/1967102409/justel"
RD_1967 = "Royal Decree of 21 December 1967 (general regulation of the employee pension scheme)"
RD72 = (
    "Royal Decree n° 72 of 10 November 1967 (retirement and survivor pension of the self-employed)"
)
LAW_1980 = "Law of 8 August 1980 on the budgetary proposals 1979-1980"
LAW_2014 = "Law of 5 May 2014 (survivor pension reform, transition allowance)"
LAW_2015 = "Law of 10 August 2015 (statutory pension age)"
SFP_CALC = "https://mypension.onprvp.fgov.be/nl/profes/calculation/paginas/default.aspx"
SFP_MIN = "https://www.onprvp.fgov.be/NL/profes/calculation/minimum/paginas/default.aspx"
EARNINGS_URL = "https://www.rsvz-inasti.fgov.be/nl/toegelaten-beroepsinkomsten-gepensioneerden"
AGE_URL = (
    "https://www.socialsecurity.be/citizen/nl/pensioen/vroeger-met-pensioen/"
    "vervroegd-pensioen-werknemer"
)


def ref(article: str, act: str = RD50, url: str | None = None) -> dict[str, str]:
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


def months_of_age(ctx: Context) -> IntArray:
    """Completed months of age at the start of the period (birthday on the first of the
    birth month, as ``age`` in ``mimosis.legislation.inputs``)."""
    start = ctx.period.start
    months = 12 * (start.year - ctx.get("birth_year")) + (start.month - ctx.get("birth_month"))
    return np.asarray(months, dtype=np.int64)


def spouse_index(ctx: Context) -> tuple[IntArray, BoolArray]:
    """Per person, the position of their spouse (the other partner of the fiscal household:
    married or legally cohabiting; 0 when none) and whether they have one."""
    return couple_index(ctx, "fiscal_household", "declarant", "partner")


def spouse_values(ctx: Context, values: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], BoolArray]:
    """Per person, the value of their spouse (zero when none) and whether they have one."""
    index, has_spouse = spouse_index(ctx)
    return of_spouse(values, index, has_spouse), has_spouse


def of_spouse(values: npt.NDArray[Any], index: IntArray, has_spouse: BoolArray) -> Any:
    """The spouse's value for each person (``spouse_index``), zero when none."""
    return of_other(values, index, has_spouse)


def round_cents(values: Any) -> FloatArray:
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)
