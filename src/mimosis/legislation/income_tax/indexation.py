"""Indexation of personal income tax amounts (WIB 92 / CIR 92 art. 178).

Amounts in the Code are base amounts. Each income year they are multiplied by a coefficient
(``indices.income_tax.general``: art. 178 §2; ``indices.income_tax.reform_1991``: art. 178 §3,
for amounts written at their 1991 value, i.e. the tax scale and the marital quotient) and
rounded: to the nearest ten euros, a units digit of 5 rounding up (art. 178 §2, last
paragraph), except the art. 147 reductions, which are rounded to the cent. The engine's generic
indexation rounds to decimals >= 0 only, so the rule is applied here, in one place.
"""

from __future__ import annotations

import math

from mimosis.engine import ParameterView, Scale

GENERAL = "indices.income_tax.general"
REFORM_1991 = "indices.income_tax.reform_1991"


def round_to_ten(amount: float) -> float:
    """Art. 178 §2: the nearest ten, up when the units digit reaches 5."""
    return math.floor(amount / 10.0 + 0.5) * 10.0


def round_to_cent(amount: float) -> float:
    """Art. 178 §2 (art. 147 amounts): the nearest cent, half up."""
    return math.floor(amount * 100.0 + 0.5) / 100.0


def indexed(params: ParameterView, path: str, series: str = GENERAL) -> float:
    """A base amount times the coefficient of ``series``, rounded to the ten."""
    return round_to_ten(params.number(path) * params.number(series))


def indexed_cents(params: ParameterView, path: str, series: str = GENERAL) -> float:
    """A base amount times the coefficient of ``series``, rounded to the cent (art. 147)."""
    return round_to_cent(params.number(path) * params.number(series))


def indexed_scale(params: ParameterView, path: str, series: str) -> Scale:
    """A scale whose thresholds (rate scale) or amounts (amount scale) are indexed.

    A rate scale has its thresholds indexed; an amount scale over a count (the child
    supplements) has its amounts indexed and its thresholds (numbers of children) unchanged.
    """
    scale = params.scale(path)
    coefficient = params.number(series)
    if scale.rates is not None:
        thresholds = tuple(round_to_ten(t * coefficient) for t in scale.thresholds)
        return Scale(thresholds, rates=scale.rates)
    assert scale.amounts is not None
    amounts = tuple(round_to_ten(a * coefficient) for a in scale.amounts)
    return Scale(scale.thresholds, amounts=amounts)
