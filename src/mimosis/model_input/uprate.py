"""Ageing amounts from 2015 to the simulation year: benefits with the social-benefit index
series (read through the engine's parameter tree), wages with nominal wage growth
(``data/uprating.yaml``, sourced). See that file for the figures and their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from mimosis.engine import EngineError, ParameterTree
from mimosis.model_input.errors import ModelInputError

BASE_YEAR = 2015
FIRST_YEAR, LAST_YEAR = 2015, 2026
BENEFIT_SERIES = "indices.social_benefits"


@lru_cache(maxsize=1)
def uprating_data() -> dict[str, Any]:
    text = resources.files("mimosis.model_input").joinpath("data/uprating.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def wage_factor(year: int) -> float:
    """Cumulated nominal wage growth from 2015 to ``year``."""
    growth = uprating_data()["wage_growth"]["values"]
    factor = 1.0
    for y in range(BASE_YEAR + 1, year + 1):
        if y not in growth:
            raise ModelInputError(f"data/uprating.yaml: no wage growth for {y}")
        factor *= 1.0 + float(growth[y]["value"])
    return factor


def _yearly_mean(tree: ParameterTree, path: str, year: int) -> float:
    try:
        values = [float(tree.at(date(year, m, 1))[path]) for m in range(1, 13)]  # type: ignore[arg-type]
    except EngineError as e:
        raise ModelInputError(f"the index series {path!r} has no value in {year}") from e
    return float(np.mean(values))


@dataclass(frozen=True)
class Uprating:
    """Factors from 2015 amounts to amounts of ``year``."""

    year: int
    wage: float
    benefit: float

    @classmethod
    def for_year(cls, year: int, tree: ParameterTree) -> Uprating:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ModelInputError(
                f"simulation year {year} outside {FIRST_YEAR}-{LAST_YEAR} (data/uprating.yaml)"
            )
        benefit = _yearly_mean(tree, BENEFIT_SERIES, year) / _yearly_mean(
            tree, BENEFIT_SERIES, BASE_YEAR
        )
        return cls(year=year, wage=wage_factor(year), benefit=benefit)
