"""What a formula receives: its period, its declared dependencies, parameters, group helpers.

A formula may read only what its variable declares: ``ctx.get`` of an undeclared variable or
period raises ``UndeclaredDependencyError``; ``ctx.params[path]`` outside the declared
parameter paths raises ``UndeclaredParameterError``. Both name the variable and what it asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine.entities import PERSON, GroupIndex, Population, SubsetGroup
from mimosis.engine.errors import UndeclaredDependencyError, UndeclaredParameterError
from mimosis.engine.parameters import ParameterSnapshot, ParameterUse, ParamValue
from mimosis.engine.periods import Period
from mimosis.engine.planner import PlannedNode, Request
from mimosis.engine.scales import Scale

Array = npt.NDArray[Any]


class ParameterView:
    """The parameters in force for one formula, restricted to its declared paths.

    ``view["a.b.c"]`` returns a number, a bool or a ``Scale``; ``view.scale("a.b")`` the same
    typed as a ``Scale``; ``view.number("a.b")`` typed as a float.
    """

    __slots__ = ("_allowed", "_snapshot", "_uses", "_variable", "date_read", "reads")

    def __init__(
        self,
        snapshot: ParameterSnapshot,
        variable: str,
        allowed: tuple[str, ...],
        uses: list[ParameterUse] | None,
    ) -> None:
        self._snapshot = snapshot
        self._variable = variable
        self._allowed = allowed
        self._uses = uses
        #: (path, value) of every parameter read, and whether the date itself was read: what
        #: the engine compares to reuse a result for another period (simulation.py)
        self.reads: list[tuple[str, ParamValue]] = []
        self.date_read = False

    @property
    def date(self) -> Any:
        self.date_read = True
        return self._snapshot.date

    def __getitem__(self, path: str) -> ParamValue:
        if not any(path == p or path.startswith(p + ".") for p in self._allowed):
            raise UndeclaredParameterError(
                f"variable {self._variable!r} read parameter {path!r} but declares only "
                f"{list(self._allowed)}"
            )
        value = self._snapshot[path]
        self.reads.append((path, value))
        if self._uses is not None:
            self._uses.append(self._snapshot.use(path))
        return value

    def number(self, path: str) -> float:
        value = self[path]
        if isinstance(value, Scale):
            raise UndeclaredParameterError(f"parameter {path!r} is a scale, not a number")
        return float(value)

    def flag(self, path: str) -> bool:
        value = self[path]
        if not isinstance(value, bool):
            raise UndeclaredParameterError(f"parameter {path!r} is not a bool")
        return value

    def scale(self, path: str) -> Scale:
        value = self[path]
        if not isinstance(value, Scale):
            raise UndeclaredParameterError(f"parameter {path!r} is not a scale")
        return value


class Context:
    """The argument of every formula.

    - ``ctx.period``: the period being computed (in the variable's own ``period_unit``);
    - ``ctx.get(name, period=None)``: a declared dependency (default: at ``ctx.period``; for
      a lagged or re-based dependency pass the period it declares, e.g.
      ``ctx.period.last_year``), as an array over the dependency's own entity;
    - ``ctx.params``: the parameters in force (see ``ParameterView``);
    - ``ctx.group(entity)``: aggregation helpers (``sum``, ``max``, ``min``, ``any``, ``all``,
      ``count``, ``nb_persons``, ``has_role``, ``value_of_role``, ``project``);
    - ``ctx.size``: number of members of the variable's own entity;
    - ``ctx.zeros()`` / ``ctx.full(value)``: arrays of that size.
    """

    __slots__ = (
        "_entity_of",
        "_fetch",
        "_node",
        "_period",
        "_population",
        "params",
        "period_read",
    )

    def __init__(
        self,
        node: PlannedNode,
        population: Population,
        params: ParameterView,
        fetch: Callable[[Request], Array],
        entity_of: Callable[[str], str] | None = None,
    ) -> None:
        self._entity_of = entity_of
        self._node = node
        self._population = population
        self._fetch = fetch
        self.params = params
        self._period: Period = node.key[1]
        #: whether the formula read its period (then its result may differ between periods
        #: even with equal dependencies and parameters: simulation.py does not reuse it)
        self.period_read = False

    @property
    def period(self) -> Period:
        self.period_read = True
        return self._period

    @property
    def variable(self) -> str:
        return self._node.key[0]

    @property
    def entity(self) -> str:
        return self._node.variable.entity

    @property
    def size(self) -> int:
        return self._population.count(self._node.variable.entity)

    def get(self, name: str, period: Period | None = None) -> Array:
        at = self._period if period is None else period
        request = self._node.requests.get((name, at))
        if request is None:
            declared = [str(d) for d in self._node.variable.dependencies]
            raise UndeclaredDependencyError(
                f"variable {self.variable!r} at {self._period} asked for {name!r} at {at}, "
                f"which it does not declare; declared: {declared}"
            )
        return self._fetch(request)

    def group(self, entity: str) -> GroupIndex:
        return self._population.group(entity)

    def persons_of(self, entity: str, group_values: Array) -> Array:
        """Broadcast a group array to persons (shorthand for ``group(entity).project``)."""
        return self._population.group(entity).project(group_values)

    def zeros(self, dtype: Any = np.float64) -> Array:
        return np.zeros(self.size, dtype=dtype)

    def full(self, value: Any, dtype: Any = None) -> Array:
        return np.full(self.size, value, dtype=dtype)

    @property
    def is_person(self) -> bool:
        return self._node.variable.entity == PERSON

    def entity_of(self, name: str) -> str:
        """The entity of a declared dependency."""
        if self._entity_of is None:
            raise UndeclaredDependencyError("this context cannot tell the entity of a variable")
        return self._entity_of(name)

    def on_subset(
        self, mask: Any, formula: Callable[[Any], Any], *, dense: float | None = None
    ) -> Array:
        """``formula`` evaluated for the persons of ``mask`` only (a performance tool, no law).

        Inside, person arrays hold the subset's persons only, group arrays every group, and
        group aggregations (``sum``, ``count``, ``any`` ...) run over the subset's members.
        A person variable gets its default outside ``mask``; a group variable gets what the
        formula returns. The result equals the full formula's whenever the full formula gives
        the default outside ``mask`` and reads no aggregate over persons outside it: the
        caller guarantees this (and a test compares both on a population).

        ``dense``: when the formula aggregates no group partly inside ``mask`` (the caller
        guarantees it: groups lie wholly inside or outside), a share of persons above which the
        formula is evaluated for everyone and the default set outside ``mask`` (the same
        result; gathering every input for most persons costs more than the formula saves).
        """
        variable = self._node.variable
        flags = np.asarray(mask, dtype=bool)
        rows = np.flatnonzero(flags)
        dtype = variable.numpy_dtype
        if dense is not None and variable.entity == PERSON and rows.size > dense * self.size:
            full = np.asarray(formula(self), dtype=dtype)
            return np.where(flags, full, np.asarray(variable.default, dtype=dtype))
        values = np.asarray(formula(SubsetContext(self, rows)))
        if variable.entity != PERSON:
            return values
        # zeros come from calloc: pages left untouched by a small subset are never written
        out = (
            np.zeros(self.size, dtype=dtype)
            if variable.default == 0
            else np.full(self.size, variable.default, dtype=dtype)
        )
        if rows.size:
            out[rows] = values
        return out


class SubsetContext:
    """The context of a formula evaluated on a subset of persons (``Context.on_subset``)."""

    __slots__ = ("_groups", "_parent", "_rows", "params")

    def __init__(self, parent: Context, rows: npt.NDArray[np.intp]) -> None:
        self._parent = parent
        self._rows = rows
        self._groups: dict[str, SubsetGroup] = {}
        self.params = parent.params

    @property
    def period(self) -> Period:
        return self._parent.period

    @property
    def variable(self) -> str:
        return self._parent.variable

    @property
    def entity(self) -> str:
        return self._parent.entity

    @property
    def is_person(self) -> bool:
        return self._parent.is_person

    @property
    def size(self) -> int:
        return int(self._rows.size) if self._parent.is_person else self._parent.size

    def get(self, name: str, period: Period | None = None) -> Array:
        values = self._parent.get(name, period)
        return values[self._rows] if self._parent.entity_of(name) == PERSON else values

    def group(self, entity: str) -> SubsetGroup:
        if entity not in self._groups:
            self._groups[entity] = SubsetGroup(self._parent.group(entity), self._rows)
        return self._groups[entity]

    def persons_of(self, entity: str, group_values: Array) -> Array:
        return self.group(entity).project(group_values)

    def zeros(self, dtype: Any = np.float64) -> Array:
        return np.zeros(self.size, dtype=dtype)

    def full(self, value: Any, dtype: Any = None) -> Array:
        return np.full(self.size, value, dtype=dtype)
