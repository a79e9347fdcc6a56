"""How released values are shown: rates as percentages, ratios with three decimals, amounts and
counts with thousands separators; a suppressed value as a mark."""

from __future__ import annotations

import re

SUPPRESSED_MARK = "x"
_PERCENT = ("rate", "share", "gaining", "losing")
_RATIO = ("gini", "s80_s20", "ratio")


def label(name: str) -> str:
    """A column or row key as a heading (``change_share`` -> ``change share``)."""
    return name.replace("_", " ")


def kind_of(column: str, row: str = "") -> str:
    """percent, ratio or amount, from the words of the column and row keys."""
    key = f"{row} {column}".lower()
    words = set(re.split(r"[_\s]+", key))
    if words & set(_RATIO) or "s80_s20" in key:
        return "ratio"
    if words & set(_PERCENT):
        return "percent"
    return "amount"


def format_value(value: float | None, column: str, row: str = "") -> str:
    if value is None:
        return SUPPRESSED_MARK
    kind = kind_of(column, row)
    if kind == "percent":
        return f"{value * 100:.1f} %"
    if kind == "ratio":
        return f"{value:.3f}"
    return f"{value:,.0f}"
