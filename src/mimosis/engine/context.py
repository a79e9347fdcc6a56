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

from mimosis.engine.entities import PERSON, GroupIndex, Population
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

    __slots__ = ("_allowed", "_snapshot", "_uses", "_variable")

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

    @property
    def date(self) -> Any:
        return self._snapshot.date

    def __getitem__(self, path: str) -> ParamValue:
        if not any(path == p or path.startswith(p + ".") for p in self._allowed):
            raise UndeclaredParameterError(
                f"variable {self._variable!r} read parameter {path!r} but declares only "
                f"{list(self._allowed)}"
            )
        value = self._snapshot[path]
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

    __slots__ = ("_fetch", "_node", "_population", "params", "period")

    def __init__(
        self,
        node: PlannedNode,
        population: Population,
        params: ParameterView,
        fetch: Callable[[Request], Array],
    ) -> None:
        self._node = node
        self._population = population
        self._fetch = fetch
        self.params = params
        self.period: Period = node.key[1]

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
        at = self.period if period is None else period
        request = self._node.requests.get((name, at))
        if request is None:
            declared = [str(d) for d in self._node.variable.dependencies]
            raise UndeclaredDependencyError(
                f"variable {self.variable!r} at {self.period} asked for {name!r} at {at}, "
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
