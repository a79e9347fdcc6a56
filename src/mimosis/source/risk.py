"""The disclosure-risk report for the access-control officer: aggregate statistics only.

Computed at the source on the persons of the extract (table ``person``) from the requested
columns, before sealing (docs/risk-report.md explains how to read it):

- k-anonymity over the quasi-identifiers (default: birth year-month, sex, municipality, current
  nationality class, household size): the smallest equivalence class, the distribution of class
  sizes, sample uniques (persons alone in their class);
- household uniqueness: households whose members' combined quasi-identifiers (the multiset of
  their classes) occur in no other household;
- l-diversity of sensitive attributes: the fewest distinct values in a class, and how many
  persons sit in classes where everybody shares one value (attribute disclosure even when k is
  reached);
- a lattice of coarser geography (municipality -> district -> province -> region) and birth date
  (year-month -> year -> five-year band): k, sample uniques and the share of persons in classes
  of at least ``target_k`` at each node, and the finest node reaching ``target_share``.

Group-bys are numpy ``unique`` over integer keys: a few seconds at a million persons. No value of
any record appears in the report: only counts, shares and the names of columns and levels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.source.coarsen import Geography, year_month
from mimosis.source.request import BIRTH_LEVELS, GEO_LEVELS, BirthLevel, GeoLevel, RiskSpec

FORMAT = "mimosis-risk-report/1"
GEO_QI = "municipality"
BIRTH_QI = "birth_date"
HOUSEHOLD_CAP = 32  # households larger than this are counted as unique (conservative)
SIZE_BINS = ((1, 1), (2, 2), (3, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, None))


@dataclass(frozen=True)
class RiskInput:
    """Per-person arrays (aligned, one entry per row of ``person``) taken from requested columns.

    ``qi`` holds the quasi-identifiers other than geography and birth date (already at the level
    they leave in); ``municipality`` and ``birth_date`` are at source precision so that the
    lattice can coarsen them; ``household`` is a dense household code (None when household_id is
    not requested); ``sensitive`` maps an attribute name to a code per person."""

    persons: int
    qi: Mapping[str, pa.Array] = field(default_factory=dict)
    municipality: pa.Array | None = None
    birth_date: pa.Array | None = None
    household: np.ndarray | None = None
    sensitive: Mapping[str, np.ndarray] = field(default_factory=dict)
    absent: tuple[str, ...] = ()  # quasi-identifiers configured but not in the extract
    absent_sensitive: tuple[str, ...] = ()  # sensitive attributes not in the extract


def encode(values: pa.Array | pa.ChunkedArray | np.ndarray) -> np.ndarray:
    """Dense int64 codes 0..m-1 of any column, an empty value being a value of its own."""
    if isinstance(values, np.ndarray):
        return np.unique(values, return_inverse=True)[1].astype(np.int64).ravel()
    encoded = pc.dictionary_encode(values, null_encoding="encode")
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def combine(codes: list[np.ndarray], n: int) -> np.ndarray:
    """One dense int64 key per record from several dense codes (mixed radix, re-densified
    whenever the next product could overflow)."""
    key = np.zeros(n, dtype=np.int64)
    span = 1
    for code in codes:
        width = int(code.max()) + 1 if code.size else 1
        if span * width >= 2**62:
            key = encode(key)
            span = int(key.max()) + 1 if key.size else 1
        key = key * width + code
        span *= width
    return encode(key) if codes else key


def _size_distribution(counts: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for low, high in SIZE_BINS:
        mask = counts >= low if high is None else (counts >= low) & (counts <= high)
        label = f"{low}+" if high is None else (str(low) if low == high else f"{low}-{high}")
        out.append(
            {"class_size": label, "classes": int(mask.sum()), "persons": int(counts[mask].sum())}
        )
    return out


def class_stats(key: np.ndarray, target_k: int) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
    """k-anonymity statistics of a dense key; also the class of each record and class sizes."""
    n = key.size
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    below = counts < target_k
    stats = {
        "k": int(counts.min()) if n else 0,
        "equivalence_classes": int(counts.size),
        "sample_uniques": int((counts == 1).sum()),
        "sample_unique_share": float((counts == 1).sum() / n) if n else 0.0,
        "persons_below_target_k": int(counts[below].sum()),
        "share_reaching_target_k": float(1 - counts[below].sum() / n) if n else 1.0,
    }
    return stats, inverse.ravel(), counts


def household_uniqueness(classes: np.ndarray, household: np.ndarray) -> dict[str, Any]:
    """Households whose multiset of member classes occurs once (exact, via a padded matrix)."""
    order = np.lexsort((classes, household))
    h, c = household[order], classes[order]
    starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
    sizes = np.diff(np.r_[starts, h.size])
    n_households = int(starts.size)
    big = sizes > HOUSEHOLD_CAP
    small = ~big
    width = int(sizes[small].max()) if small.any() else 1
    matrix = np.full((int(small.sum()), width), -1, dtype=np.int64)
    row_of_household = np.cumsum(small) - 1
    member_household = np.repeat(np.arange(n_households), sizes)
    rank = np.arange(h.size) - np.repeat(starts, sizes)
    keep = small[member_household]
    matrix[row_of_household[member_household[keep]], rank[keep]] = c[keep]
    rows = np.ascontiguousarray(matrix).view(np.dtype((np.void, 8 * width))).ravel()
    _, inverse, counts = np.unique(rows, return_inverse=True, return_counts=True)
    unique_small = counts[inverse.ravel()] == 1
    unique = int(unique_small.sum()) + int(big.sum())
    persons = int(sizes[small][unique_small].sum()) + int(sizes[big].sum())
    return {
        "households": n_households,
        "unique_households": unique,
        "unique_household_share": unique / n_households if n_households else 0.0,
        "persons_in_unique_households": persons,
        "households_larger_than_cap": int(big.sum()),
        "cap": HOUSEHOLD_CAP,
    }


def l_diversity(
    classes: np.ndarray, counts: np.ndarray, values: np.ndarray, target_k: int
) -> dict[str, Any]:
    """Distinct sensitive values per equivalence class."""
    width = int(values.max()) + 1 if values.size else 1
    pairs = np.unique(classes * width + values)
    distinct = np.bincount(pairs // width, minlength=counts.size)
    homogeneous = distinct == 1
    big_enough = counts >= target_k
    return {
        "l": int(distinct.min()) if distinct.size else 0,
        "classes_with_one_value": int(homogeneous.sum()),
        "persons_in_classes_with_one_value": int(counts[homogeneous].sum()),
        "persons_in_k_anonymous_classes_with_one_value": int(
            counts[homogeneous & big_enough].sum()
        ),
        "distinct_values_overall": int(np.unique(values).size),
    }


class _Codes:
    """Lazily encoded lattice codes."""

    def __init__(self, data: RiskInput, geography: Geography) -> None:
        self._data = data
        self._geography = geography
        self._geo: dict[GeoLevel, np.ndarray] = {}
        self._birth: dict[BirthLevel, np.ndarray] = {}

    def geo(self, level: GeoLevel) -> np.ndarray | None:
        if self._data.municipality is None:
            return None
        if level not in self._geo:
            lifted = self._geography.lift(
                self._data.municipality, GeoLevel.MUNICIPALITY, level, "person.municipality"
            )
            self._geo[level] = encode(lifted)
        return self._geo[level]

    def birth(self, level: BirthLevel) -> np.ndarray | None:
        if self._data.birth_date is None:
            return None
        if level not in self._birth:
            self._birth[level] = encode(year_month(self._data.birth_date, level))
        return self._birth[level]


def risk_report(
    data: RiskInput,
    spec: RiskSpec,
    geography: Geography,
    *,
    applied: tuple[GeoLevel, BirthLevel] = (GeoLevel.MUNICIPALITY, BirthLevel.YEAR_MONTH),
) -> dict[str, Any]:
    """The report (JSON-ready) for the persons in ``data``."""
    n = data.persons
    codes = _Codes(data, geography)
    rest = [encode(data.qi[name]) for name in spec.quasi_identifiers if name in data.qi]
    rest_key = combine(rest, n)
    used = [
        name
        for name in spec.quasi_identifiers
        if name in data.qi
        or (name == GEO_QI and data.municipality is not None)
        or (name == BIRTH_QI and data.birth_date is not None)
    ]

    def key_at(geo: GeoLevel, birth: BirthLevel) -> np.ndarray:
        parts = [rest_key]
        for part in (codes.geo(geo), codes.birth(birth)):
            if part is not None:
                parts.append(part)
        return combine(parts, n)

    stats, classes, counts = class_stats(key_at(*applied), spec.target_k)
    stats["class_size_distribution"] = _size_distribution(counts)
    report: dict[str, Any] = {
        "format": FORMAT,
        "persons": n,
        "quasi_identifiers": {
            "configured": list(spec.quasi_identifiers),
            "used": used,
            "not_in_extract": list(data.absent),
            "levels_applied": {"geography": applied[0].value, "birth_date": applied[1].value},
        },
        "target_k": spec.target_k,
        "target_share": spec.target_share,
        "k_anonymity": stats,
    }
    if data.household is not None:
        report["household_uniqueness"] = household_uniqueness(classes, data.household)
    else:
        report["household_uniqueness"] = None
    report["l_diversity"] = [
        {"attribute": name, **l_diversity(classes, counts, values, spec.target_k)}
        for name, values in data.sensitive.items()
    ]
    report["l_diversity_not_in_extract"] = list(data.absent_sensitive)
    report["lattice"] = _lattice(key_at, spec, applied, data)
    report["recommendation"] = _recommend(report["lattice"], spec)
    return report


def _lattice(
    key_at: Any, spec: RiskSpec, applied: tuple[GeoLevel, BirthLevel], data: RiskInput
) -> list[dict[str, Any]]:
    geo_levels = GEO_LEVELS if data.municipality is not None else (applied[0],)
    birth_levels = BIRTH_LEVELS if data.birth_date is not None else (applied[1],)
    nodes = []
    for geo in geo_levels:
        for birth in birth_levels:
            stats, _, _ = class_stats(key_at(geo, birth), spec.target_k)
            nodes.append(
                {
                    "geography": geo.value,
                    "birth_date": birth.value,
                    "applied": (geo, birth) == applied,
                    "k": stats["k"],
                    "sample_uniques": stats["sample_uniques"],
                    "share_reaching_target_k": stats["share_reaching_target_k"],
                }
            )
    return nodes


def _recommend(lattice: list[dict[str, Any]], spec: RiskSpec) -> dict[str, Any]:
    def rank(node: dict[str, Any]) -> tuple[int, int]:
        g = GEO_LEVELS.index(GeoLevel(node["geography"]))
        b = BIRTH_LEVELS.index(BirthLevel(node["birth_date"]))
        return (g + b, g)

    applied = next((node for node in lattice if node["applied"]), None)
    ok = sorted((n for n in lattice if n["share_reaching_target_k"] >= spec.target_share), key=rank)
    if applied is not None and applied["share_reaching_target_k"] >= spec.target_share:
        verdict = "the levels applied reach the target"
    elif ok:
        verdict = "coarsen to the finest node that reaches the target"
    else:
        verdict = "no node of the lattice reaches the target: coarsen other quasi-identifiers"
    return {
        "verdict": verdict,
        "finest_node_reaching_target": (
            {"geography": ok[0]["geography"], "birth_date": ok[0]["birth_date"]} if ok else None
        ),
    }
