"""Link the blocks: persons contiguous by household, their roles and links, rows per person.

From table ``person`` (one row per person of a sampled household):

- **order**: persons sorted by household, then head, partner, children, others, then by birth
  (the engine wants persons contiguous by household);
- **household role** (``legislation.entities.HOUSEHOLD``): ``head`` = the reference person
  (relation 01, or the person whose id is the reference person's; without one, the first
  member by role, then birth);
  ``partner`` = the first spouse or registered partner of the head (relation 02 or 21);
  ``child`` = son or daughter, stepchild, grandchild, great-grandchild (03, 13, 05, 14);
  ``other`` = everyone else (parents, siblings, in-laws, unrelated, collective households);
- **dependant_of**: the mother, else the father, if living in the same household
  (``situation_2016``), else the head (the engine's default);
- **geography**: the municipality (or the coarser level the extract carries, manifest
  ``coarsening``) lifted to the region through the catalogue's code lists; the German
  language area from the documented municipality list (only at municipality level);
- **rows per person**: ``positions(ids)`` maps the sequence numbers of any person column of any
  block to person positions (-1: not a member of a sampled household, e.g. a parent living
  elsewhere).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue
from mimosis.legislation.entities import HOUSEHOLD
from mimosis.model_input.errors import MissingTableError, ModelInputError

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.str_]

HEAD, PARTNER, CHILD, OTHER = (
    HOUSEHOLD.role_code(r) for r in ("head", "partner", "child", "other")
)
REL_HEAD = "01"
REL_PARTNER = ("02", "21")
REL_CHILD = ("03", "13", "05", "14")
REGION_NAMES = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
GEO_CHAIN = ("municipality", "district", "province", "region")
PERSON_COLUMNS = (
    "person_id",
    "reference_person_id",
    "household_id",
    "sampled",
    "relation_to_head",
    "birth_date",
    "sex",
    "municipality",
    "household_type",
    "civil_status",
)


def is_code(kind: pa.DataType) -> bool:
    """A string column, plain or dictionary-encoded (the vault's projected read)."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def coded(table: pa.Table, name: str, where: str) -> tuple[IntArray, StrArray]:
    """A string column as (indices, labels): a few distinct codes, millions of rows."""
    if name not in table.column_names:
        raise ModelInputError(f"table {where!r} has no column {name!r}")
    col = table.column(name)
    encoded = pc.dictionary_encode(col.fill_null("") if col.null_count else col).combine_chunks()
    indices = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    labels = encoded.dictionary.to_pylist()
    if pa.types.is_dictionary(col.type) and labels:
        # read dictionary-encoded (or filtered): keep only the codes the rows use
        used = np.bincount(indices, minlength=len(labels)) > 0
        if not used.all():
            indices = (np.cumsum(used) - 1)[indices]
            labels = [label for label, u in zip(labels, used, strict=True) if u]
    return indices, np.asarray(labels or [""], dtype=str)


def column(table: pa.Table, name: str, where: str) -> Any:
    """A column as numpy (nulls: -1 for integers, '' for strings, False for flags)."""
    if name not in table.column_names:
        raise ModelInputError(f"table {where!r} has no column {name!r}")
    col = table.column(name)
    if is_code(col.type):
        indices, labels = coded(table, name, where)
        return labels[indices]
    if pa.types.is_boolean(col.type):
        filled = col.fill_null(False) if col.null_count else col
        return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=bool)
    if pa.types.is_integer(col.type):
        filled = col.fill_null(-1) if col.null_count else col
        return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=np.int64)
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype=np.float64)


def coded_mask(table: pa.Table, name: str, where: str, values: Sequence[str]) -> BoolArray:
    """Rows whose code (string column) is one of ``values``: the few labels are compared,
    not the rows (a null counts as '')."""
    col = table.column(name) if name in table.column_names else None
    if col is not None and pa.types.is_dictionary(col.type) and col.null_count == 0:
        # the vault's dictionary-encoded read: test each label once, index by the row codes
        encoded = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
        labels = np.asarray(encoded.dictionary.to_pylist() or [""], dtype=str)
        hit = np.isin(labels, list(values))
        return np.asarray(hit[encoded.indices.to_numpy(zero_copy_only=False)], dtype=bool)
    indices, labels = coded(table, name, where)
    return np.asarray(np.isin(labels, list(values))[indices], dtype=bool)


def _any_of(values: StrArray, codes: Sequence[str]) -> BoolArray:
    """``np.isin`` for a few string codes: a comparison per code (no sorting of the rows)."""
    out = np.zeros(values.shape, dtype=bool)
    for code in codes:
        out |= values == code
    return out


def table(tables: Mapping[str, pa.Table], name: str) -> pa.Table:
    if name not in tables:
        raise MissingTableError(f"the extract has no table {name!r}; the model input needs it")
    return tables[name]


@dataclass(frozen=True)
class Persons:
    """The persons of the extract in engine order (all arrays per person, sorted)."""

    person_id: IntArray  # sequence numbers
    household: IntArray  # 0..H-1, contiguous
    role: IntArray  # HOUSEHOLD role codes
    relation: StrArray
    partner: IntArray  # row of the partner (-1 none)
    dependant_of: IntArray  # row of the parent in the household (-1: the head, by default)
    birth: IntArray  # YYYYMM (YYYY + month 7 when only the year or band is known)
    sex: StrArray
    civil_status: StrArray
    sampled: BoolArray
    region_hh: StrArray  # per household
    municipality_hh: IntArray  # per household: NIS code (0 when coarsened above it)
    german_area_hh: BoolArray  # per household
    household_type_hh: StrArray  # per household
    lookup: IntArray  # sequence number -> row (-1)

    @property
    def n(self) -> int:
        return int(self.person_id.size)

    @property
    def n_households(self) -> int:
        return int(self.region_hh.size)

    def positions(self, ids: npt.ArrayLike) -> IntArray:
        """Rows of the persons with sequence numbers ``ids`` (-1: not in table ``person``)."""
        v = np.asarray(ids)
        if v.dtype.kind not in "iu":
            v = v.astype(np.int64)
        if v.size and v.min() >= 0 and v.max() < self.lookup.size:
            return np.asarray(self.lookup[v], dtype=np.int64)  # any integer width, not widened
        v = v.astype(np.int64, copy=False)
        inside = (v >= 0) & (v < self.lookup.size)
        return np.where(inside, self.lookup[np.where(inside, v, 0)], -1)

    def household_size(self) -> IntArray:
        return np.bincount(self.household, minlength=self.n_households).astype(np.int64)


def _birth(raw: IntArray, level: str) -> IntArray:
    """YYYYMM from the birth column at its coarsening level."""
    if level == "year_month":
        return raw
    year = raw + 2 if level == "five_years" else raw  # the middle of a five-year band
    return np.where(raw > 0, year * 100 + 7, -1)  # only the year known: July, mid-year


def _geography(cat: Catalogue, codes: StrArray, level: str) -> tuple[StrArray, IntArray]:
    """Region name and municipality number (0 unless the level is municipality)."""
    if level not in GEO_CHAIN:
        raise ModelInputError(f"person.municipality: unknown geography level {level!r}")
    values = codes
    for step in GEO_CHAIN[GEO_CHAIN.index(level) : -1]:
        parents = {c.code: c.parent or "" for c in cat.codelists[step].codes}
        uniq, inverse = np.unique(values, return_inverse=True)
        mapped = np.array([parents.get(str(u), "") for u in uniq], dtype=object)
        if any(m == "" for m in mapped):
            raise ModelInputError(
                f"person.municipality: codes outside code list {step!r} (counted, not shown)"
            )
        values = mapped[inverse].astype(str)
    uniq, inverse = np.unique(values, return_inverse=True)
    names = np.array([REGION_NAMES.get(str(u), "") for u in uniq], dtype=object)
    if any(n == "" for n in names):
        raise ModelInputError("person.municipality: a region code outside code list 'region'")
    municipality = np.zeros(codes.size, dtype=np.int64)
    if level == "municipality":
        digits = np.char.isdigit(codes)
        municipality[digits] = codes[digits].astype(np.int64)
    return names[inverse].astype(str), municipality


def _parents(tables: Mapping[str, pa.Table], lookup: IntArray, order_inv: IntArray) -> IntArray:
    """Per original person row: the row (original numbering) of the mother, else the father."""
    n = order_inv.size
    out = np.full(n, -1, dtype=np.int64)
    if "situation_2016" not in tables:
        return out
    sit = tables["situation_2016"]
    pid = column(sit, "person_id", "situation_2016")
    inside = (pid >= 0) & (pid < lookup.size)
    rows = np.where(inside, lookup[np.where(inside, pid, 0)], -1)
    for name in ("father_id", "mother_id"):  # the mother, written last, wins
        if name not in sit.column_names:
            continue
        parent = column(sit, name, "situation_2016")
        ok = (parent >= 0) & (parent < lookup.size) & (rows >= 0)
        prow = np.where(ok, lookup[np.where(ok, parent, 0)], -1)
        has = prow >= 0
        out[rows[has]] = prow[has]
    return out


def link_persons(
    tables: Mapping[str, pa.Table],
    cat: Catalogue,
    coarsening: Mapping[str, Any],
    german_area: Sequence[str] = (),
) -> Persons:
    """Persons and households of the extract (see the module docstring)."""
    person = table(tables, "person")
    raw = {
        name: column(person, name, "person") for name in PERSON_COLUMNS if name != "municipality"
    }
    municipality_index, municipality_codes = coded(person, "municipality", "person")
    ids = raw["person_id"]
    n = ids.size
    if n == 0:
        raise ModelInputError("table 'person' is empty")
    if ids.min() < 0 or np.bincount(ids).max() > 1:
        raise ModelInputError("table 'person': person_id is missing or not unique")
    lookup = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
    lookup[ids] = np.arange(n)
    relation = raw["relation_to_head"]
    is_ref = (relation == REL_HEAD) | (ids == raw["reference_person_id"])
    role = np.select(
        [is_ref, _any_of(relation, REL_PARTNER), _any_of(relation, REL_CHILD)],
        [HEAD, PARTNER, CHILD],
        default=OTHER,
    ).astype(np.int64)
    columns = coarsening.get("columns", {})
    birth_level = str(columns.get("person.birth_date", {}).get("level", "year_month"))
    birth = _birth(raw["birth_date"], birth_level)
    hh_id = raw["household_id"]
    order, role_sorted, household = _order_and_roles(hh_id, role, birth)
    role_final = role_sorted
    first = np.r_[True, household[1:] != household[:-1]]
    order_inv = np.empty(n, dtype=np.int64)
    order_inv[order] = np.arange(n)
    # links in the final numbering
    head_pos = np.flatnonzero(first)
    partner_pos = np.full(head_pos.size, -1, dtype=np.int64)
    has_p = role_final == PARTNER
    partner_pos[household[has_p]] = np.flatnonzero(has_p)
    partner = np.full(n, -1, dtype=np.int64)
    couple = partner_pos >= 0
    partner[head_pos[couple]] = partner_pos[couple]
    partner[partner_pos[couple]] = head_pos[couple]
    parent_orig = _parents(tables, lookup, order_inv)[order]
    parent = np.where(parent_orig >= 0, order_inv[np.maximum(parent_orig, 0)], -1)
    same_hh = (parent >= 0) & (household[np.maximum(parent, 0)] == household)
    dependant_of = np.where(same_hh & (parent != np.arange(n)), parent, -1)
    geo = columns.get("person.municipality", {})
    level = str(geo.get("codelist", geo.get("to", "municipality")))
    # the households' codes: a few thousand distinct codes, looked up once each
    used, inverse = np.unique(municipality_index[order][first], return_inverse=True)
    municipality = municipality_codes[used]
    region_u, municipality_u = _geography(cat, municipality, level)
    region_hh, municipality_hh = region_u[inverse], municipality_u[inverse]
    german = (
        np.isin(municipality, list(german_area))[inverse]
        if level == "municipality"
        else np.zeros(inverse.size, dtype=bool)
    )
    lookup[ids[order]] = np.arange(n)
    return Persons(
        person_id=ids[order],
        household=household,
        role=role_final,
        relation=relation[order],
        partner=partner,
        dependant_of=dependant_of,
        birth=birth[order],
        sex=raw["sex"][order],
        civil_status=raw["civil_status"][order],
        sampled=raw["sampled"][order],
        region_hh=region_hh,
        municipality_hh=municipality_hh,
        german_area_hh=german,
        household_type_hh=raw["household_type"][order][first],
        lookup=lookup,
    )


def lexsort_ints(keys: Sequence[IntArray]) -> IntArray:
    """``np.lexsort(keys)`` (last key primary) for integer keys: one stable sort of a combined
    int64 key when the keys' ranges fit in 63 bits (the same permutation: lexsort is stable
    too), else ``np.lexsort``."""
    arrays = [np.asarray(k, dtype=np.int64) for k in keys]
    if not arrays or arrays[0].size == 0:
        return np.lexsort(arrays) if arrays else np.zeros(0, dtype=np.int64)
    combined = np.zeros(arrays[0].size, dtype=np.int64)
    span = 1
    for k in reversed(arrays):  # primary key first
        low, high = int(k.min()), int(k.max())
        width = high - low + 1
        span *= width
        if span >= 2**62:
            return np.lexsort(arrays)
        combined = combined * width + (k - low)
    return np.argsort(combined, kind="stable")


def _order_and_roles(
    hh_id: IntArray, role: IntArray, birth: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Persons sorted by household, role, birth; one head (the first reference person, else
    the oldest member) and at most one partner per household; household numbers 0..H-1."""
    order = lexsort_ints((birth, role, hh_id))
    hh = hh_id[order]
    first = np.r_[True, hh[1:] != hh[:-1]]
    group = (np.cumsum(first) - 1).astype(np.int64)
    r = role[order]
    r = np.where(first, HEAD, np.where(r == HEAD, OTHER, r))
    is_partner = (r == PARTNER).astype(np.int64)
    before = np.cumsum(is_partner) - is_partner  # partners before this row, all households
    at_start = np.maximum.accumulate(np.where(first, before, 0))
    r = np.where((r == PARTNER) & (before - at_start > 0), OTHER, r)
    again = lexsort_ints((birth[order], r, group))
    return order[again], r[again].astype(np.int64), group[again]
