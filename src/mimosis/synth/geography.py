"""Where households live: municipalities (NIS codes valid on 1 January 2015, from the
catalogue's code list ``municipality``) with their selection weights per sampling area.

Weights: if ``catalogue/data/sources/municipality_population_2015.csv`` exists (a column with
the NIS code and one with the population), each municipality weighs its population; otherwise
each province's population (``design.yaml``) is shared equally among its municipalities, and
the Brussels and German-speaking municipalities weigh the same.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mimosis.catalogue import Catalogue
from mimosis.catalogue.load import DATA_DIR as CATALOGUE_DATA
from mimosis.errors import UserError
from mimosis.synth.params import Design

REFERENCE_DAY = "2015-01-01"
POPULATION_FILE = CATALOGUE_DATA / "sources" / "municipality_population_2015.csv"


@dataclass(frozen=True)
class AreaMunicipalities:
    codes: tuple[str, ...]
    probabilities: np.ndarray


def _valid_on(valid_from: str | None, valid_to: str | None, day: str) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def municipality_parents(catalogue: Catalogue) -> dict[str, tuple[str, str, str]]:
    """NIS code -> (district, province, region) for municipalities valid on 1 January 2015."""
    lists = catalogue.codelists
    district_parent = {c.code: c.parent for c in lists["district"].codes}
    province_parent = {c.code: c.parent for c in lists["province"].codes}
    out: dict[str, tuple[str, str, str]] = {}
    for code in lists["municipality"].codes:
        if not _valid_on(code.valid_from, code.valid_to, REFERENCE_DAY) or code.parent is None:
            continue
        province = district_parent.get(code.parent) or ""
        region = province_parent.get(province) or province
        out[code.code] = (code.parent, province, region)
    return out


def _read_population(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise UserError(f"{path.name}: no rows")
    fields = list(rows[0])
    code_col = next((f for f in fields if "nis" in f.lower() or "code" in f.lower()), None)
    pop_col = next((f for f in fields if "pop" in f.lower() or "persons" in f.lower()), None)
    if code_col is None or pop_col is None:
        msg = f"{path.name}: needs a NIS-code column and a population column (has {fields})"
        raise UserError(msg)
    return {row[code_col].strip().zfill(5): float(row[pop_col]) for row in rows}


def area_municipalities(catalogue: Catalogue, design: Design) -> list[AreaMunicipalities]:
    """Per sampling area (design order), its municipalities and their probabilities."""
    parents = municipality_parents(catalogue)
    population = _read_population(POPULATION_FILE) if POPULATION_FILE.exists() else None
    dg = {code for area in design.areas for code in area.municipalities}
    out = []
    for area in design.areas:
        if area.municipalities:
            codes = list(area.municipalities)
        else:
            codes = [c for c, (_, _, r) in parents.items() if r == area.region and c not in dg]
        codes.sort()
        unknown = [c for c in codes if c not in parents]
        if not codes or unknown:
            msg = f"area {area.id}: no municipalities or unknown NIS codes {unknown}"
            raise UserError(msg)
        if population is not None:
            weights = np.array([population.get(c, 0.0) for c in codes])
        elif area.provinces:
            share = {p.code: p.persons for p in area.provinces}
            per_province: dict[str, int] = {}
            for c in codes:
                per_province[parents[c][1]] = per_province.get(parents[c][1], 0) + 1
            weights = np.array(
                [share.get(parents[c][1], 0) / per_province[parents[c][1]] for c in codes]
            )
        else:
            weights = np.ones(len(codes))
        if weights.sum() <= 0:
            raise UserError(f"area {area.id}: municipality weights add up to zero")
        out.append(AreaMunicipalities(tuple(codes), weights / weights.sum()))
    return out
