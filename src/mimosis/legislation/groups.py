"""Structural quantities of the group entities (performance helpers, no law here).

A fiscal household holds at most one ``declarant`` and one ``partner``; a family unit at most
one ``adult`` and one ``partner``. ``couple_index`` gives each person's position of the other
member of their couple, so that several partner values are gathered (one indexing each)
instead of projected through the group each time; ``members`` gives each person the number of
members (of a role) of their group.

These depend only on the membership of the population, which is fixed for a simulation, so
they are computed once per membership and reused by every formula and period (a formula reads
them monthly, twelve times a year). The memo is keyed by the membership arrays themselves
(held by weak reference): a new population gets new arrays and new values. The returned
arrays are read-only.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine import Context, GroupIndex

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_Refs = tuple["weakref.ReferenceType[Any]", "weakref.ReferenceType[Any]"]
_LOCK = threading.RLock()
_MEMO: dict[tuple[Any, ...], tuple[_Refs, tuple[npt.NDArray[Any], ...]]] = {}


def _memo(
    group: GroupIndex, key: tuple[Any, ...], compute: Callable[[], tuple[npt.NDArray[Any], ...]]
) -> tuple[npt.NDArray[Any], ...]:
    full_key = (id(group.index), id(group.roles), *key)
    with _LOCK:  # formulas may run in threads (work-incentive passes)
        hit = _MEMO.get(full_key)
        if hit is not None and hit[0][0]() is group.index and hit[0][1]() is group.roles:
            return hit[1]
        stale = [k for k, (refs, _) in _MEMO.items() if refs[0]() is None or refs[1]() is None]
        for k in stale:
            del _MEMO[k]
        values = compute()
        for v in values:
            v.flags.writeable = False
        _MEMO[full_key] = ((weakref.ref(group.index), weakref.ref(group.roles)), values)
        return values


def couple_index(ctx: Context, entity: str, first: str, second: str) -> tuple[IntArray, BoolArray]:
    """Per person, the position of the other member of their couple in ``entity`` (roles
    ``first`` and ``second``; 0 when none) and whether there is one."""
    index, has_other, _, _ = _couple(ctx, entity, first, second)
    return index, has_other


def _couple(ctx: Context, entity: str, first: str, second: str) -> tuple[npt.NDArray[Any], ...]:
    group = ctx.group(entity)

    def compute() -> tuple[npt.NDArray[Any], ...]:
        positions = np.arange(group.n_persons, dtype=np.int64)
        first_at = group.project(group.value_of_role(positions, first, default=-1))
        second_at = group.project(group.value_of_role(positions, second, default=-1))
        other = np.where(
            group.has_role(first), second_at, np.where(group.has_role(second), first_at, -1)
        )
        has_other = other >= 0
        holders = np.flatnonzero(has_other)
        return np.where(has_other, other, 0), has_other, holders, other[holders]

    return _memo(group, ("couple", first, second), compute)


def of_other(values: npt.NDArray[Any], index: IntArray, has_other: BoolArray) -> Any:
    """The other member's value for each person (``couple_index``), zero when none."""
    return np.where(has_other, values[index], np.zeros_like(values))


def other_values(
    ctx: Context, entity: str, first: str, second: str, values: npt.NDArray[Any]
) -> npt.NDArray[Any]:
    """The value of the other member of each person's couple in ``entity``, zero when none
    (``of_other`` over ``couple_index``, gathering only for the persons in a couple)."""
    _, _, holders, others = _couple(ctx, entity, first, second)
    out = np.zeros_like(values)
    out[holders] = values[others]
    return out


def members(ctx: Context, entity: str, role: str | None = None) -> IntArray:
    """Per person, the number of members of their group in ``entity`` (holding ``role``)."""
    group = ctx.group(entity)
    (count,) = _memo(group, ("members", role), lambda: (group.project(group.nb_persons(role)),))
    return count
