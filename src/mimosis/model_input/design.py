"""Starting weights from the documented sample design (``data/margins.yaml``, ``design``).

The extract carries no weight (the authorisation lists none) but it carries what the design
needs: each person's area (municipality -> region; the German language area at municipality
level), the status groups (the benefit blocks) and the ``sampled`` flag. The design
documentation gives the oversampling factors; the inclusion probability of a person is
``pi_i = min(1, c x area factor x status factor)``, where the constant ``c`` solves the
Horvitz-Thompson identity ``sum over sampled persons of 1 / pi_i = population total`` (true for
the design, whatever the stratum sizes, which the recipient does not know). Every member of a
sampled person's household is in the sample, so a household's inclusion probability is
``pi_H = 1 - prod over its members (1 - pi_i)`` and every member carries ``d_H = 1 / pi_H``.

Status groups, first match wins: DIS (an IVT/IT disability allowance in the fourth quarter of
2015), RIS (integration income in December 2015), INV (an invalidity payment covering December
2015), GEN (everybody else). These are observed with error (a person can receive a benefit
without belonging to the status stratum); the calibration to the beneficiary totals corrects
the totals, the design weights only give the starting point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.model_input.errors import ModelInputError
from mimosis.model_input.link import Persons

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

STATUS_ORDER = ("DIS", "RIS", "INV")
_BISECTIONS = 200


@dataclass(frozen=True)
class DesignWeights:
    """Design weights per household and the stratum (area x status) of every person."""

    household_weight: FloatArray  # d_H
    person_probability: FloatArray  # pi_i
    stratum: IntArray  # per person: area index x 4 + status index
    strata: tuple[str, ...]  # labels of the stratum numbers
    constant: float  # c


def area_index(persons: Persons, names: tuple[str, ...]) -> IntArray:
    """Per household: the index in ``names`` of its area (flanders | wallonia | brussels |
    german_area); a few comparisons over the households, no string sorting."""
    region = np.asarray(persons.region_hh)
    index = np.full(region.size, -1, dtype=np.int64)
    for i, name in enumerate(names):
        index[region == name] = i
    german = np.asarray(persons.german_area_hh, dtype=bool)
    if german.any():
        index[german] = names.index("german_area") if "german_area" in names else -1
    if np.any(index < 0):
        raise ModelInputError("margins.yaml design: an area of the extract has no factor")
    return index


def status_index(counts: Mapping[str, FloatArray], n: int) -> IntArray:
    """Per person: the index of DIS | RIS | INV | GEN (``STATUS_ORDER``, then GEN) from the
    2015 benefit indicators; the first match wins."""
    flags = [
        counts.get("disability_ivt_it", np.zeros(n)) > 0,
        counts.get("integration_income_december", np.zeros(n)) > 0,
        counts.get("invalidity", np.zeros(n)) > 0,
    ]
    return np.asarray(
        np.select(flags, list(range(len(STATUS_ORDER))), default=len(STATUS_ORDER)),
        dtype=np.int64,
    )


def _solve_constant(factor: FloatArray, total: float) -> float:
    """c with sum(1 / min(1, c x factor)) = total over the sampled persons (monotone in c)."""
    n = factor.size
    if n == 0 or total < n:
        raise ModelInputError(
            "design: the population total is smaller than the number of sampled persons"
        )

    def estimate(c: float) -> float:
        return float(np.sum(1.0 / np.minimum(1.0, c * factor)))

    low, high = 1e-12, 1.0 / float(factor.min())
    for _ in range(_BISECTIONS):
        mid = (low * high) ** 0.5
        if estimate(mid) > total:
            low = mid
        else:
            high = mid
        if high / low < 1 + 1e-13:
            break
    return float((low * high) ** 0.5)


def design_weights(
    persons: Persons, counts: Mapping[str, FloatArray], design: Mapping[str, Any]
) -> DesignWeights:
    n = persons.n
    if not persons.sampled.any():
        raise ModelInputError("table 'person': no person is flagged 'sampled'")
    area_names = tuple(design["areas"])
    status_names = (*STATUS_ORDER, "GEN")
    area_factor = np.array([float(design["areas"][a]) for a in area_names])
    status_factor = np.array([float(design["statuses"][s]) for s in status_names])
    ai = area_index(persons, area_names)[persons.household]
    si = status_index(counts, n)
    factor = area_factor[ai] * status_factor[si]
    c = _solve_constant(factor[persons.sampled], float(design["population_total"]))
    pi = np.minimum(1.0, c * factor)
    log_miss = np.bincount(
        persons.household,
        weights=np.log1p(-np.minimum(pi, 1 - 1e-12)),
        minlength=persons.n_households,
    )
    pi_h = -np.expm1(log_miss)
    strata = tuple(f"{a}/{s}" for a in area_names for s in status_names)
    return DesignWeights(
        household_weight=1.0 / pi_h,
        person_probability=pi,
        stratum=(ai * len(status_names) + si).astype(np.int64),
        strata=strata,
        constant=c,
    )
