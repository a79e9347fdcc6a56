"""Code columns held as small integers over a tuple of codes, and categorical draws.

A :class:`Coded` column costs two bytes a person however long its codes are; it turns into an
Arrow string column only when a table is built. Index -1 means empty (null).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.errors import UserError


@dataclass(frozen=True)
class Coded:
    codes: tuple[str, ...]
    index: np.ndarray  # int16; -1 = empty

    @classmethod
    def empty(cls, codes: Sequence[str], n: int) -> Coded:
        return cls(tuple(codes), np.full(n, -1, dtype=np.int16))

    @classmethod
    def of(cls, codes: Sequence[str], values: Sequence[str] | np.ndarray) -> Coded:
        """From code values (strings); every value must be one of ``codes``."""
        lookup = {c: i for i, c in enumerate(codes)}
        try:
            index = np.array([lookup[str(v)] for v in values], dtype=np.int16)
        except KeyError as exc:
            raise UserError(f"code {exc.args[0]!r} is not one of {list(codes)}") from None
        return cls(tuple(codes), index)

    def code(self, value: str) -> int:
        try:
            return self.codes.index(value)
        except ValueError:
            raise UserError(f"code {value!r} is not one of {list(self.codes)}") from None

    def isin(self, *values: str) -> np.ndarray:
        """Boolean mask of the rows holding any of ``values``."""
        return np.isin(self.index, [self.code(v) for v in values])

    def set(self, mask: np.ndarray, value: str | None) -> None:
        """Set the rows of ``mask`` to ``value`` (None = empty), in place."""
        self.index[mask] = -1 if value is None else self.code(value)

    def take(self, rows: np.ndarray) -> Coded:
        return Coded(self.codes, self.index[rows])

    def values(self) -> np.ndarray:
        """The codes as a numpy string array ('' for empty); for tests and measures."""
        table = np.array([*self.codes, ""], dtype=object)
        return table[np.where(self.index < 0, len(self.codes), self.index)]

    def to_arrow(self) -> pa.Array:
        indices = pa.array(self.index.astype(np.int32), mask=self.index < 0)
        dictionary = pa.array(self.codes, type=pa.string())
        return pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode()


def choose_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of a (rows x categories) probability matrix (rows normalised)."""
    cumulative: np.ndarray = np.cumsum(probabilities, axis=1)
    cumulative /= cumulative[:, -1:]
    u = rng.random((probabilities.shape[0], 1))
    chosen: np.ndarray = np.minimum((u > cumulative).sum(axis=1), probabilities.shape[1] - 1)
    return chosen


def choose(
    rng: np.random.Generator,
    codes: Sequence[str],
    table: Mapping[str, float],
    n: int,
) -> np.ndarray:
    """``n`` indices into ``codes`` drawn with the weights of ``table`` (codes absent from the
    table have weight 0)."""
    weights = np.array([table.get(c, 0.0) for c in codes], dtype=np.float64)
    if weights.sum() <= 0:
        raise UserError(f"no positive weight among codes {list(codes)}")
    return rng.choice(len(codes), size=n, p=weights / weights.sum()).astype(np.int16)


def choose_by_group(
    rng: np.random.Generator,
    codes: Sequence[str],
    tables: Sequence[Mapping[str, float]],
    group: np.ndarray,
) -> np.ndarray:
    """Indices into ``codes``, each row drawn with the table of its group (``tables[group]``)."""
    matrix = np.array([[t.get(c, 0.0) for c in codes] for t in tables], dtype=np.float64)
    return choose_rows(rng, matrix[group]).astype(np.int16)
