"""Entities (person and declared groups) and the group operations formulas use.

A group entity (household, fiscal household, family unit ...) is declared with its roles.
In a population, each group entity is an index array person -> group (0..n_groups-1) and a
role code per person. Aggregation uses ``np.bincount`` / ``ufunc.reduceat``; broadcasting a
group value to its members is fancy indexing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine.errors import PopulationError, VariableError
from mimosis.engine.narrow import Sliced
from mimosis.engine.periods import Period

Array = npt.NDArray[Any]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

PERSON = "person"
_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@dataclass(frozen=True)
class Entity:
    """A group entity: its name, the roles a member can have, and which roles are unique.

    A unique role (e.g. ``head``) is held by at most one member of each group, so "the value
    of the member with that role" is well defined. ``roles[0]`` is the default role.
    """

    name: str
    roles: tuple[str, ...]
    unique_roles: tuple[str, ...] = ()
    label: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name) or self.name == PERSON:
            raise VariableError(
                f"invalid group entity name {self.name!r} (snake_case, not 'person')"
            )
        if not self.roles:
            raise VariableError(f"entity {self.name!r} declares no roles")
        if len(set(self.roles)) != len(self.roles):
            raise VariableError(f"entity {self.name!r} declares a role twice")
        if len(self.roles) > 127:
            raise VariableError(f"entity {self.name!r} declares too many roles")
        unknown = set(self.unique_roles) - set(self.roles)
        if unknown:
            raise VariableError(
                f"entity {self.name!r}: unique roles {sorted(unknown)} not in roles"
            )

    def role_code(self, role: str) -> int:
        try:
            return self.roles.index(role)
        except ValueError:
            raise VariableError(
                f"entity {self.name!r} has no role {role!r}; roles: {self.roles}"
            ) from None


class GroupIndex:
    """The membership of persons in one group entity, with vectorised group operations.

    All ``values`` arguments are person arrays (length ``n_persons``); results of
    aggregations are group arrays (length ``n_groups``).
    """

    __slots__ = ("_order", "_starts", "entity", "index", "n_groups", "roles")

    def __init__(self, entity: Entity, index: IntArray, roles: npt.NDArray[np.int8]) -> None:
        self.entity = entity
        self.index = index
        self.roles = roles
        self.n_groups = int(index.max()) + 1 if index.size else 0
        sorted_ = bool(np.all(index[1:] >= index[:-1])) if index.size > 1 else True
        self._order: IntArray | None = None if sorted_ else np.argsort(index, kind="stable")
        ordered = index if self._order is None else index[self._order]
        self._starts: IntArray = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])

    @property
    def n_persons(self) -> int:
        return int(self.index.size)

    def _ordered(self, values: Array) -> Array:
        return values if self._order is None else values[self._order]

    def sum(self, values: Array) -> Array:
        """Sum over members. Integer and boolean inputs give int64, others float64."""
        out = np.bincount(self.index, weights=values, minlength=self.n_groups)
        if values.dtype.kind in "biu":
            return out.astype(np.int64)
        return out

    def max(self, values: Array) -> Array:
        return np.maximum.reduceat(self._ordered(values), self._starts)

    def min(self, values: Array) -> Array:
        return np.minimum.reduceat(self._ordered(values), self._starts)

    def count(self, mask: BoolArray) -> IntArray:
        """Number of members for whom ``mask`` is true."""
        # positions first: a boolean index over a scattered mask is 1.5-3x slower
        members = self.index[np.flatnonzero(mask)]
        return np.bincount(members, minlength=self.n_groups).astype(np.int64)

    def any(self, mask: BoolArray) -> BoolArray:
        return self.count(mask) > 0

    def all(self, mask: BoolArray) -> BoolArray:
        return np.equal(self.count(~mask), 0)

    def nb_persons(self, role: str | None = None) -> IntArray:
        """Number of members, or of members holding ``role``."""
        if role is None:
            return np.bincount(self.index, minlength=self.n_groups).astype(np.int64)
        return self.count(self.has_role(role))

    def has_role(self, role: str) -> BoolArray:
        """Person mask: the person holds ``role`` in this entity."""
        return np.equal(self.roles, self.entity.role_code(role))

    def value_of_role(self, values: Array, role: str, default: Any = 0) -> Array:
        """Per group, the value of the member holding the unique ``role`` (``default`` if none)."""
        if role not in self.entity.unique_roles:
            raise VariableError(
                f"role {role!r} of entity {self.entity.name!r} is not declared unique; "
                "the value of 'the' member with it is not defined"
            )
        holders = np.flatnonzero(self.has_role(role))
        out = np.full(self.n_groups, default, dtype=values.dtype)
        out[self.index[holders]] = values[holders]
        return out

    def project(self, group_values: Array) -> Array:
        """Broadcast a group array to persons: each member gets its group's value."""
        return group_values[self.index]


@dataclass(frozen=True)
class Membership:
    """Raw membership of persons in a group entity, as handed over by model_input.

    ``roles`` holds, per person, either codes (int, positions in ``Entity.roles``) or the
    role names themselves (str).
    """

    index: Array
    roles: Array


class Population:
    """n persons stored contiguous by household, their group memberships, inputs and weights.

    ``inputs`` maps a variable name to {period: array}; arrays have the length of the
    variable's entity (checked by the simulation, which knows the variables).
    ``household_weights`` has one weight per household (default 1); a person's weight is
    its household's weight.
    """

    def __init__(
        self,
        entities: Sequence[Entity],
        memberships: dict[str, Membership],
        *,
        household: str = "household",
        inputs: dict[str, dict[Any, Array]] | None = None,
        household_weights: Array | None = None,
    ) -> None:
        declared = {e.name: e for e in entities}
        if household not in declared:
            raise PopulationError(f"household entity {household!r} is not among the entities")
        missing = sorted(set(declared) - set(memberships))
        extra = sorted(set(memberships) - set(declared))
        if missing or extra:
            raise PopulationError(f"memberships missing for {missing}, undeclared {extra}")
        sizes = {name: np.asarray(m.index).shape for name, m in memberships.items()}
        n = sizes[household][0] if len(sizes[household]) == 1 else -1
        self.n_persons = n
        self.household = household
        self.entities: tuple[Entity, ...] = tuple(entities)
        self.groups: dict[str, GroupIndex] = {}
        for name, m in memberships.items():
            self.groups[name] = _build_group(declared[name], m, n)
        _check_contiguous(self.groups[household])
        hh_index = self.groups[household].index
        for name, g in self.groups.items():
            if name != household:
                _check_nested(g, hh_index, household)
        n_hh = self.groups[household].n_groups
        if household_weights is None:
            weights = np.ones(n_hh)
        else:
            weights = np.asarray(household_weights, dtype=np.float64)
            if weights.shape != (n_hh,):
                raise PopulationError(
                    f"household_weights must have one value per household ({n_hh})"
                )
            if not np.all(np.isfinite(weights)) or np.any(weights < 0):
                raise PopulationError("household_weights must be finite and non-negative")
        self.household_weights: npt.NDArray[np.float64] = weights
        self.inputs: dict[str, Mapping[Period, Array]] = {}
        for var, by_period in (inputs or {}).items():
            self.inputs[var] = {Period.coerce(p): np.asarray(a) for p, a in by_period.items()}

    @property
    def person_weights(self) -> npt.NDArray[np.float64]:
        return self.household_weights[self.groups[self.household].index]

    def count(self, entity: str) -> int:
        """Number of members of ``entity`` (persons or groups)."""
        if entity == PERSON:
            return self.n_persons
        try:
            return self.groups[entity].n_groups
        except KeyError:
            raise PopulationError(f"unknown entity {entity!r}") from None

    def group(self, entity: str) -> GroupIndex:
        try:
            return self.groups[entity]
        except KeyError:
            raise PopulationError(f"unknown group entity {entity!r}") from None

    def rows_of_households(self, households: BoolArray) -> dict[str, IntArray]:
        """For a flag per household, the rows kept of each entity (persons and every group):
        the members of the flagged households and the groups they form (groups lie within
        households), in their order."""
        hh = self.groups[self.household]
        flags = np.asarray(households, dtype=bool)
        if flags.shape != (hh.n_groups,):
            raise PopulationError(f"expected one flag per household ({hh.n_groups})")
        keep = flags[hh.index]
        rows = {PERSON: np.flatnonzero(keep)}
        for name, group in self.groups.items():
            rows[name] = np.flatnonzero(np.bincount(group.index[keep], minlength=group.n_groups))
        return rows

    def of_households(
        self, households: BoolArray, entity_of: Callable[[str], str]
    ) -> tuple[Population, dict[str, IntArray]]:
        """The population of the flagged households (one flag per household), every input
        sliced (``entity_of``: a variable's entity), and the rows kept of each entity."""
        rows = self.rows_of_households(households)
        keep = rows[PERSON]
        memberships = {
            name: Membership(_renumbered(group, keep, rows[name]), group.roles[keep])
            for name, group in self.groups.items()
        }
        sub = Population(
            self.entities,
            memberships,
            household=self.household,
            household_weights=self.household_weights[rows[self.household]],
        )
        # each input sliced when it is first read (a derivation reads few of them)
        sub.inputs = {
            var: Sliced(by_period, rows[entity_of(var)]) for var, by_period in self.inputs.items()
        }
        return sub, rows

    def replace_inputs(self, inputs: dict[str, dict[Any, Array]]) -> Population:
        """A population sharing structure and other inputs, with ``inputs`` replaced."""
        new = object.__new__(Population)
        new.__dict__.update(self.__dict__)
        new.inputs = dict(self.inputs)
        for var, by_period in inputs.items():
            merged = dict(new.inputs.get(var, {}))
            merged.update({Period.coerce(p): np.asarray(a) for p, a in by_period.items()})
            new.inputs[var] = merged
        return new


def _renumbered(group: GroupIndex, persons: IntArray, groups: IntArray) -> IntArray:
    """The group numbers of the kept ``persons``, renumbered 0..G'-1 in the order of the kept
    ``groups`` (those of ``rows_of_households``: a table, not a sort)."""
    new = np.full(group.n_groups, -1, dtype=np.int64)
    new[groups] = np.arange(groups.size)
    return new[group.index[persons]]


def _build_group(entity: Entity, m: Membership, n: int) -> GroupIndex:
    name = entity.name
    index = np.asarray(m.index)
    if index.ndim != 1 or index.shape[0] != n or n < 0:
        raise PopulationError(f"{name}: index must be 1-d with one entry per person")
    if index.dtype.kind not in "iu":
        raise PopulationError(f"{name}: index must be integer, got dtype {index.dtype}")
    index = index.astype(np.int64, copy=False)
    if n and (index.min() < 0):
        raise PopulationError(f"{name}: index has negative entries")
    n_groups = int(index.max()) + 1 if n else 0
    if n and np.bincount(index, minlength=n_groups).min() == 0:
        raise PopulationError(f"{name}: group numbers must be 0..n_groups-1 with no empty group")
    raw_roles = np.asarray(m.roles)
    if raw_roles.shape != (n,):
        raise PopulationError(f"{name}: roles must have one entry per person")
    if raw_roles.dtype.kind in "USO":
        known = {r: i for i, r in enumerate(entity.roles)}
        uniq, inverse = np.unique(raw_roles.astype(str), return_inverse=True)
        bad = [str(u) for u in uniq if str(u) not in known]
        if bad:
            raise PopulationError(f"{name}: unknown roles {bad}; declared {entity.roles}")
        codes = np.array([known[str(u)] for u in uniq], dtype=np.int8)[inverse]
    elif raw_roles.dtype.kind in "iu":
        if n and (raw_roles.min() < 0 or raw_roles.max() >= len(entity.roles)):
            raise PopulationError(f"{name}: role codes must be within 0..{len(entity.roles) - 1}")
        codes = raw_roles.astype(np.int8)
    else:
        raise PopulationError(f"{name}: roles must be role names or integer codes")
    group = GroupIndex(entity, index, codes)
    for role in entity.unique_roles:
        if n and group.nb_persons(role).max() > 1:
            raise PopulationError(f"{name}: role {role!r} is unique but held twice in a group")
    return group


def _check_contiguous(g: GroupIndex) -> None:
    idx = g.index
    if idx.size == 0:
        return
    steps = np.diff(idx)
    if idx[0] != 0 or np.any((steps != 0) & (steps != 1)):
        raise PopulationError(
            f"persons must be stored contiguous by {g.entity.name}, numbered 0,1,2... in order"
        )


def _check_nested(g: GroupIndex, hh_index: IntArray, household: str) -> None:
    if g.index.size == 0:
        return
    lo = np.full(g.n_groups, np.iinfo(np.int64).max)
    hi = np.full(g.n_groups, -1)
    np.minimum.at(lo, g.index, hh_index)
    np.maximum.at(hi, g.index, hh_index)
    if np.any(lo != hi):
        raise PopulationError(f"every {g.entity.name} must lie within a single {household}")


class SubsetGroup(GroupIndex):
    """A group entity seen from a subset of its persons (``Context.on_subset``): aggregations
    run over the subset's members only; group arrays keep every group."""

    __slots__ = ()

    def __init__(self, group: GroupIndex, rows: IntArray) -> None:
        # no GroupIndex.__init__: the groups are the whole entity's, members a subset
        self.entity = group.entity
        self.index = group.index[rows]
        self.roles = group.roles[rows]
        self.n_groups = group.n_groups
        self._order = None
        self._starts = np.zeros(0, dtype=np.int64)

    def _reduce(self, ufunc: Any, values: Array, empty: Any) -> Array:
        out = np.full(self.n_groups, empty, dtype=values.dtype)
        ufunc.at(out, self.index, values)
        return out

    def max(self, values: Array, empty: Any = 0) -> Array:
        """Per group, the largest value among its subset members (``empty`` if none)."""
        return self._reduce(np.maximum, values, empty)

    def min(self, values: Array, empty: Any = 0) -> Array:
        """Per group, the smallest value among its subset members (``empty`` if none)."""
        return self._reduce(np.minimum, values, empty)
