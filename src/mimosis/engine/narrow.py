"""Arrays of a simulation seen on some of its households (``Simulation.on_households``).

A view reads its source's arrays, each sliced to the kept rows of its entity when it is read
(never copied up front: a derivation reads only the few arrays its dirty nodes need), and
holds what is written to it itself. The source is read, never changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, Generic, TypeVar

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]
IntArray = npt.NDArray[np.int64]
K = TypeVar("K")
V = TypeVar("V")


class Overlay(MutableMapping[K, V], Generic[K, V]):
    """A mapping over a read-only source: reads fall through to ``read(source value)``,
    writes and deletions touch the overlay only (a deleted source key is hidden)."""

    def __init__(self, source: Mapping[K, Any], read: Callable[[K, Any], V]) -> None:
        self._source = source
        self._read = read
        self._own: dict[K, V] = {}
        self._hidden: set[K] = set()

    def __getitem__(self, key: K) -> V:
        if key in self._own:
            return self._own[key]
        if key in self._hidden:
            raise KeyError(key)
        return self._read(key, self._source[key])

    def __contains__(self, key: object) -> bool:
        return key in self._own or (key not in self._hidden and key in self._source)

    def __setitem__(self, key: K, value: V) -> None:
        self._own[key] = value
        self._hidden.discard(key)

    def __delitem__(self, key: K) -> None:
        if key in self._own:
            del self._own[key]
        elif key not in self._source or key in self._hidden:
            raise KeyError(key)
        if key in self._source:
            self._hidden.add(key)

    def __iter__(self) -> Iterator[K]:
        yield from self._own
        for key in self._source:
            if key not in self._own and key not in self._hidden:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        self._own.clear()
        self._hidden.clear()
        self._source = {}


def sliced(rows: Mapping[str, IntArray], entity_of: Callable[[Any], str]) -> Callable[..., Array]:
    """The reader of an ``Overlay`` of arrays: the kept rows of the key's entity, read-only."""

    def read(key: Any, arr: Array) -> Array:
        return _rows_of(arr, rows[entity_of(key)])

    return read


def _rows_of(arr: Array, rows: IntArray) -> Array:
    """``arr`` at ``rows``, a read-only copy."""
    out = np.asarray(arr)[rows]
    out.flags.writeable = False
    return out


class Sliced(Mapping[K, Array], Generic[K]):
    """Arrays by key (a held input's periods), each sliced to ``rows`` when it is first read
    and then the same read-only array: a view's derivation reads few of its inputs."""

    def __init__(self, source: Mapping[K, Array], rows: IntArray) -> None:
        self._source = source
        self._rows = rows
        self._done: dict[K, Array] = {}
        # one array per key even when two threads read it first: its identity is its token
        self._lock = threading.Lock()

    def __getitem__(self, key: K) -> Array:
        with self._lock:
            out = self._done.get(key)
            if out is None:
                out = self._done[key] = _rows_of(self._source[key], self._rows)
            return out

    def __contains__(self, key: object) -> bool:
        return key in self._source

    def __iter__(self) -> Iterator[K]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)
