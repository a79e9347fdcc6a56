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
from mimosis.model_input.impute import ClassFit, ColumnFit, Scheme, fit_classes, person_uniforms
from mimosis.model_input.link import Persons, coded, coded_mask, column

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

    def among(self, name: str, values: Sequence[str]) -> BoolArray:
        """Rows whose code in column ``name`` is one of ``values`` (the labels are compared,
        not the rows; a null is '')."""
        return coded_mask(self.data, name, self.name, values)

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
        ids = _key(data, key, name)
        ordered = bool(np.all(ids[1:] >= ids[:-1])) if ids.size > 1 else True
        return Rows(name, data, self.persons.positions(ids), ordered)

    def count_per_person(self, name: str, where: Any, key: str = "person_id") -> IntArray:
        """Per person: the number of rows of table ``name`` where ``where`` (a function of the
        table giving a boolean mask per row). No column but the key is copied."""
        data = self.tables[name]
        mask = np.asarray(where(data), dtype=bool)
        ids = _key(data, key, name)[mask]
        if ids.size and ids.min() < 0:
            ids = ids[ids >= 0]
        # counted by sequence number, then read for the persons' numbers (a number that is
        # no person's is counted and never read): no position lookup per row
        by_id = np.bincount(ids, minlength=self.persons.lookup.size)
        return np.asarray(by_id[self.persons.person_id], dtype=np.int64)

    def amount(self, rows: Rows, name: str, where: Any = None) -> FloatArray:
        """Imputed point values of an amount column (NaN where null). ``where`` (a mask of
        rows): draw only those rows, the others are NaN; the class fit still uses every
        row, so the values drawn are the same as without ``where``."""
        column_ = self.amount_column(rows, name)
        if where is None:
            return column_.at(None)
        mask = np.asarray(where, dtype=bool)
        out = np.full(rows.n, np.nan)
        numbers = np.flatnonzero(mask)
        out[numbers] = column_.at(numbers)
        return out

    def amount_column(self, rows: Rows, name: str) -> AmountColumn:
        """An amount column fitted once (recorded for the imputation report), whose point
        values can then be drawn for any of its rows."""
        if not rows.has(name):
            raise ModelInputError(f"table {rows.name!r} has no column {name!r}")
        var = self.catalogue.table(rows.name).variable(name)
        if var.class_scheme is None or self.exact:
            return AmountColumn(rows, name, np.asarray(rows.col(name), dtype=np.float64))
        scheme = self.schemes.get(var.class_scheme)
        if scheme is None:
            raise ModelInputError(
                f"{rows.name}.{name}: class scheme {var.class_scheme!r} is not in the extract"
            )
        raw = rows.data.column(name)
        valid = ~np.asarray(raw.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        index = rows.col(name)
        fit = fit_classes(index, valid, scheme, table=rows.name, column=name)
        self.fits.append(fit.report)
        return AmountColumn(rows, name, None, index, valid, fit, self.seed, self.persons.n)


def _key(data: pa.Table, key: str, name: str) -> IntArray:
    """The person key column as stored (an integer array, not widened), nulls as -1."""
    ids = data.column(key) if key in data.column_names else None
    if ids is None or ids.null_count or not pa.types.is_integer(ids.type):
        return np.asarray(column(data, key, name))
    return np.asarray(ids.to_numpy())


@dataclass(frozen=True)
class AmountColumn:
    """Point values of one amount column: exact (``values``), or drawn per row from the
    column's class fit, with the row's person's uniform number (``impute.py``)."""

    rows: Rows
    name: str
    values: FloatArray | None  # exact amounts (no class scheme, or the plain source)
    index: IntArray | None = None
    valid: BoolArray | None = None
    fit: ClassFit | None = None
    seed: int = 0
    n_persons: int = 0

    def at(self, numbers: IntArray | None) -> FloatArray:
        """Values of rows ``numbers`` (None: every row)."""
        if self.values is not None:
            return self.values if numbers is None else self.values[numbers]
        assert self.index is not None and self.valid is not None and self.fit is not None
        table = self.rows.name
        uniform = person_uniforms(
            self.seed, table, self.name, self.rows.person, self.n_persons, rows=numbers
        )
        if numbers is None:
            return self.fit.draw(self.index, self.valid, uniform)
        return self.fit.draw(self.index[numbers], self.valid[numbers], uniform)


def per_person_sum(rows: Rows, values: npt.ArrayLike, n: int, mask: Any = None) -> FloatArray:
    """Sum of ``values`` over each person's rows (NaN counts as 0)."""
    keep = rows.person >= 0
    if mask is not None:
        keep = keep & np.asarray(mask, dtype=bool)
    v = np.nan_to_num(np.asarray(values, dtype=np.float64)[keep])  # only the rows summed
    return np.bincount(rows.person[keep], weights=v, minlength=n).astype(np.float64)


def per_person_sum_by(
    rows: Rows, values: npt.ArrayLike, n: int, group: IntArray, *, n_groups: int
) -> FloatArray:
    """``per_person_sum`` for each group at once (``group`` per row in 0..n_groups-1, other
    values skipped): an (n_groups, n) array; row ``g`` equals ``per_person_sum(rows, values,
    n, group == g)`` (the same rows summed in the same order)."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float64))
    g = np.asarray(group, dtype=np.int64)
    keep = (rows.person >= 0) & (g >= 0) & (g < n_groups)
    if keep.all():  # every row counts: no copies of the kept rows
        key = g * n + rows.person
    else:
        key, v = g[keep] * n + rows.person[keep], v[keep]
    sums = np.bincount(key, weights=v, minlength=n_groups * n)
    return sums.astype(np.float64).reshape(n_groups, n)


def per_person_last_by(
    rows: Rows, values: npt.ArrayLike, n: int, group: IntArray, *, n_groups: int, default: Any
) -> Any:
    """For each group (``group`` per row in 0..n_groups-1, other values skipped) and person:
    the value of the person's last row of that group, in row order (``default`` if none).
    An (n_groups, n) array; row ``g`` equals ``per_person_last(rows, values, order, n,
    default, group == g)`` when ``order`` is constant within a group (e.g. the quarter)."""
    v = np.asarray(values)
    g = np.asarray(group, dtype=np.int64)
    out = np.full((n_groups, n), default, dtype=v.dtype)
    keep = (rows.person >= 0) & (g >= 0) & (g < n_groups)
    every = bool(keep.all())
    idx = np.arange(keep.size) if every else np.flatnonzero(keep)
    if idx.size:
        person, gi = (rows.person, g) if every else (rows.person[idx], g[idx])
        key = person * n_groups + gi
        backwards = (person[1:] == person[:-1]) & (gi[1:] < gi[:-1])
        if not rows.by_person or backwards.any():
            # not in the extract's grain order (person, then period): sort, stably
            order = np.argsort(key, kind="stable")
            idx, key = idx[order], key[order]
        last = idx[np.r_[key[1:] != key[:-1], True]]
        out[g[last], rows.person[last]] = v[last]
    return out


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
        ordered = o[idx]
        if rows.by_person and not (same & ~(ordered[1:] >= ordered[:-1])).any():
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
