"""Shared helpers of the income guarantee for the elderly (no legal numbers here)."""

from __future__ import annotations

from mimosis.legislation.pensions.common import (
    BoolArray,
    FloatArray,
    label,
    months_of_age,
    person_month,
    round_cents,
)

G = "income_guarantee_elderly"
LAW = "Law of 22 March 2001 establishing the income guarantee for the elderly"
RD = "Royal Decree of 23 May 2001 (general regulation of the income guarantee for the elderly)"
SFP_URL = "https://www.sfpd.fgov.be/nl/recht-op-pensioen/igo"
CALC_URL = "https://www.onprvp.fgov.be/NL/profes/benefits/igo/calculation/paginas/default.aspx"


def ref(article: str, act: str = LAW, url: str | None = SFP_URL) -> dict[str, str]:
    out = {"act": act, "article": article}
    if url:
        out["url"] = url
    return out


__all__ = [
    "CALC_URL",
    "LAW",
    "RD",
    "SFP_URL",
    "BoolArray",
    "FloatArray",
    "G",
    "label",
    "months_of_age",
    "person_month",
    "ref",
    "round_cents",
]
