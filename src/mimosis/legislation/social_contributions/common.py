"""Shared helpers of the social_contributions programme (labels, references, rounding)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

LAW_1981 = {
    "act": "Law of 29 June 1981 establishing the general principles of social security for "
    "employees",
    "article": "art. 38",
    "url": "https://www.socialsecurity.be/employer/instructions/dmfa/nl/latest/instructions/"
    "socialsecuritycontributions/contributions.html",
}
RD_2003 = {
    "act": "Royal Decree of 16 May 2003 executing Title IV, chapter 7 of the Programme Act of "
    "24 December 2002",
    "article": "art. 2-4 (structural reduction)",
    "url": "https://www.socialsecurity.be/employer/instructions/dmfa/nl/latest/instructions/"
    "deductions/structuralreduction_targetgroupreductions/structuralreduction.html",
}
PA_1988 = {
    "act": "Programme Act of 30 December 1988",
    "article": "art. 106-112 (special social security contribution)",
}

#: the employer categories of the structural reduction (RD 16/5/2003 art. 1), in code order
EMPLOYER_CATEGORIES: tuple[str, ...] = (
    "private_sector",
    "social_profit",
    "sheltered_workshop",
    "sheltered_workshop_target_group",
)


def label(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def cents(values: Any) -> FloatArray:
    """Round to the euro cent, 0.005 up (the administration's rounding)."""
    return np.asarray(np.floor(np.asarray(values, dtype=np.float64) * 100.0 + 0.5 + 1e-6) / 100.0)


def positive(values: Any) -> FloatArray:
    """max(0, values): a difference of the legal formulas never counts below zero."""
    return np.asarray(np.maximum(np.asarray(values, dtype=np.float64), 0.0))
