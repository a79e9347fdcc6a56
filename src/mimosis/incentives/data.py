"""What the work-incentive and take-up analyses read: the ``ModelInput`` contract
(docs/decisions/0006-model-input.md) as the protocol of ``scenarios.inputs`` (the real model
input, the stand-in and hand-made test populations all fit), and a few per-person helpers.

Records stay in memory (this package is one of the indicator modules of SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Period, Population
from mimosis.indicators.frame import PersonFrame
from mimosis.scenarios.inputs import ModelInputLike

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True)
class SimpleModelInput:
    """A ModelInput-like bundle built in memory (tests, the drawn stand-in, case files).

    ``education``: optional per-person education level labels (for the wage model); the
    ModelInput contract does not carry it yet.
    """

    year: int
    population: Population
    weight: FloatArray
    household: IntArray
    age: IntArray
    stratum: IntArray
    household_type: StrArray
    region: StrArray
    labour_status: StrArray
    observed: Mapping[str, FloatArray] = field(default_factory=dict)
    education: StrArray | None = None


def person_frame(data: ModelInputLike) -> PersonFrame:
    """The indicators' frame of ``data``."""
    return PersonFrame(
        weight=np.asarray(data.weight, dtype=np.float64),
        household=np.asarray(data.household, dtype=np.int64),
        age=np.asarray(data.age, dtype=np.int64),
        stratum=np.asarray(data.stratum, dtype=np.int64),
    )


def education_of(data: Any) -> StrArray | None:
    """The per-person education labels if the input carries them (``education``)."""
    values = getattr(data, "education", None)
    return None if values is None else np.asarray(values).astype(str)


def held_periods(population: Population, name: str) -> list[Period]:
    """The periods at which the population holds an input."""
    return sorted(population.inputs.get(name, {}), key=lambda p: p.sort_key)


def input_at(
    population: Population, name: str, period: Period, default: Any = 0
) -> npt.NDArray[Any]:
    """An input's raw array at ``period`` (a held period containing it, pro rata for money
    flows given over a longer period is the caller's business); ``default`` if not held."""
    held = population.inputs.get(name, {})
    if period in held:
        return np.asarray(held[period])
    for p, arr in held.items():
        if p.contains(period):
            return np.asarray(arr)
    return np.full(population.n_persons, default)


def household_types(population: Population, is_child: BoolArray) -> StrArray:
    """Household type per household from the roles: one person, single parent, couple without
    children, couple with children, other (a fallback when the input carries none)."""
    group = population.group(population.household)
    roles = group.roles
    partner_code = group.entity.roles.index("partner")
    n = group.n_groups
    size = np.bincount(group.index, minlength=n)
    children = np.bincount(group.index, weights=is_child.astype(np.float64), minlength=n)
    partners = np.bincount(
        group.index, weights=(roles == partner_code).astype(np.float64), minlength=n
    )
    adults = size - children
    return np.select(
        [
            size == 1,
            (adults == 1) & (children > 0),
            (partners > 0) & (adults == 2) & (children == 0),
            (partners > 0) & (adults == 2) & (children > 0),
        ],
        ["one_person", "single_parent", "couple_without_children", "couple_with_children"],
        default="other",
    ).astype(str)
