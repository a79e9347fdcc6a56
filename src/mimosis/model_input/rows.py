"""Rows of a block per person: person positions, imputed and uprated amounts, reductions.

``Blocks`` wraps the extract's tables for the derivation modules: ``rows(table)`` gives a
table's rows with the person position of each (``link.Persons.positions``), ``amount`` the
imputed point values of an amount column (``impute.py``, seeded per table and column, recorded
for the imputation report), and the ``per_person_*`` helpers reduce rows to persons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.catalogue import Catalogue
from mimosis.model_input.errors import ModelInputError
from mimosis.model_input.impute import ColumnFit, Scheme, impute, person_uniforms
from mimosis.model_input.link import Persons, coded, column

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Rows:
    """One table's rows, with the person position of each (-1: not a linked person)."""

    name: str
    data: pa.Table
    person: IntArray
    by_person: bool = False  # rows sorted by person (the extract's grain order): one run each

    @property
    def n(self) -> int:
        return int(self.person.size)

    def col(self, name: str) -> Any:
        return column(self.data, name, self.name)

    def mapped(self, name: str, mapping: Mapping[str, str], default: str) -> Any:
        """A code column translated by ``mapping`` (codes not in it: ``default``)."""
        indices, labels = coded(self.data, name, self.name)
        names = np.array([mapping.get(str(label), default) for label in labels], dtype=str)
        return names[indices]

    def mapped_codes(self, name: str, mapping: Mapping[str, int], default: int) -> Any:
        """A code column translated to small integer codes (no per-row strings)."""
        indices, labels = coded(self.data, name, self.name)
        codes = np.array([mapping.get(str(label), default) for label in labels], dtype=np.int8)
        return codes[indices]

    def has(self, name: str) -> bool:
        return name in self.data.column_names


@dataclass
class Blocks:
    """The extract's tables seen per person, with seeded imputation."""

    tables: Mapping[str, pa.Table]
    persons: Persons
    catalogue: Catalogue
    schemes: Mapping[str, Scheme]
    seed: int
    exact: bool = False  # amounts are exact values (the plain source, for coarsening_cost)
    fits: list[ColumnFit] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)  # derived arrays read by several steps

    def present(self, name: str) -> bool:
        return name in self.tables

    def rows(
        self,
        name: str,
        key: str = "person_id",
        where: Any = None,
        columns: Sequence[str] | None = None,
    ) -> Rows:
        """The rows of table ``name``; ``columns``: only these (and the key) are kept, before
        ``where`` (a pyarrow filter expression) selects rows: big tables are never copied
        whole."""
        data = self.tables[name]
        if columns is not None:
            data = data.select([key, *[c for c in columns if c != key]])
        if where is not None:
            data = data.filter(where)
        ids = column(data, key, name)
        ordered = bool(np.all(ids[1:] >= ids[:-1])) if ids.size > 1 else True
        return Rows(name, data, self.persons.positions(ids), ordered)

    def amount(self, rows: Rows, name: str) -> FloatArray:
        """Imputed point values of an amount column (NaN where null)."""
        if not rows.has(name):
            raise ModelInputError(f"table {rows.name!r} has no column {name!r}")
        var = self.catalogue.table(rows.name).variable(name)
        if var.class_scheme is None or self.exact:
            return np.asarray(rows.col(name), dtype=np.float64)
        scheme = self.schemes.get(var.class_scheme)
        if scheme is None:
            raise ModelInputError(
                f"{rows.name}.{name}: class scheme {var.class_scheme!r} is not in the extract"
            )
        raw = rows.data.column(name)
        valid = ~np.asarray(raw.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        index = rows.col(name)
        uniform = person_uniforms(self.seed, rows.name, name, rows.person, self.persons.n)
        values, fit = impute(index, valid, scheme, uniform=uniform, table=rows.name, column=name)
        self.fits.append(fit)
        return values


def per_person_sum(rows: Rows, values: npt.ArrayLike, n: int, mask: Any = None) -> FloatArray:
    """Sum of ``values`` over each person's rows (NaN counts as 0)."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64))
    keep = rows.person >= 0
    if mask is not None:
        keep = keep & np.asarray(mask, dtype=bool)
    return np.bincount(rows.person[keep], weights=v[keep], minlength=n).astype(np.float64)


def per_person_any(rows: Rows, mask: npt.ArrayLike, n: int) -> BoolArray:
    keep = (rows.person >= 0) & np.asarray(mask, dtype=bool)
    return np.bincount(rows.person[keep], minlength=n) > 0


def per_person_last(  # noqa: PLR0917 (rows, values, order, n, default read as one phrase)
    rows: Rows,
    values: npt.ArrayLike,
    order: npt.ArrayLike,
    n: int,
    default: Any,
    mask: Any = None,
) -> Any:
    """The value of each person's row with the largest ``order`` (``default`` if none)."""
    v = np.asarray(values)
    o = np.asarray(order)
    keep = rows.person >= 0
    if mask is not None:
        keep = keep & np.asarray(mask, dtype=bool)
    idx = np.flatnonzero(keep)
    kind = v.dtype
    if v.dtype.kind == "U":  # wide enough for the default too
        kind = np.dtype(f"<U{max(v.dtype.itemsize // 4, len(str(default)), 1)}")
    out = np.full(n, default, dtype=kind)
    if idx.size:
        person = rows.person[idx]
        same = person[1:] == person[:-1]
        if rows.by_person and np.all(o[idx][1:][same] >= o[idx][:-1][same]):
            # the extract is sorted by its grain keys (person, then period or spell): each
            # person's rows are one run, in order; its last row is the one wanted
            last = idx[np.r_[~same, True]]
        else:
            sort = idx[np.lexsort((o[idx], rows.person[idx]))]
            ends = np.r_[rows.person[sort][1:] != rows.person[sort][:-1], True]
            last = sort[ends]
        out[rows.person[last]] = v[last]
    return out


def months_overlap(start: IntArray, end: IntArray, first: int, last: int) -> IntArray:
    """Months of [start, end] (month indexes, end -1: open) inside [first, last]."""
    s = np.maximum(start, first)
    e = np.minimum(np.where(end < 0, last, end), last)
    return np.where((start >= 0) & (e >= s), e - s + 1, 0).astype(np.int64)
