"""The tax-benefit system: entities, variables and parameters, registered explicitly.

Built from an explicit list (no folder scanning, nothing at import time) and checked at
construction: entities exist, dependencies exist, declared parameter paths exist, no cycle
within a period.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType, ModuleType

from mimosis.engine.entities import PERSON, Entity
from mimosis.engine.errors import CycleError, DependencyError, VariableError
from mimosis.engine.parameters import ParameterTree
from mimosis.engine.variables import Variable

log = logging.getLogger(__name__)


class TaxBenefitSystem:
    """Immutable once built. Reforms make new systems (``replace_variables``,
    ``with_parameters``) that share every unchanged variable object."""

    def __init__(
        self,
        entities: Sequence[Entity],
        variables: Iterable[Variable],
        parameters: ParameterTree,
    ) -> None:
        self.entities: Mapping[str, Entity] = MappingProxyType({e.name: e for e in entities})
        if len(self.entities) != len(entities):
            raise VariableError("an entity is declared twice")
        by_name: dict[str, Variable] = {}
        for v in variables:
            if not isinstance(v, Variable):
                raise VariableError(f"not a Variable: {type(v).__name__}")
            if v.name in by_name:
                raise VariableError(f"variable {v.name!r} is declared twice")
            by_name[v.name] = v
        self.variables: Mapping[str, Variable] = MappingProxyType(by_name)
        self.parameters = parameters
        self._check()
        consumers: dict[str, list[str]] = {name: [] for name in by_name}
        for v in by_name.values():
            for d in v.dependencies:
                consumers[d.variable].append(v.name)
        self._consumers = {k: tuple(vs) for k, vs in consumers.items()}
        log.debug("system built: %d variables", len(by_name))

    @classmethod
    def from_modules(
        cls,
        entities: Sequence[Entity],
        modules: Sequence[ModuleType],
        parameters: ParameterTree,
    ) -> TaxBenefitSystem:
        """Collect the ``VARIABLES`` tuple each module declares, in the order given."""
        variables: list[Variable] = []
        for module in modules:
            declared = getattr(module, "VARIABLES", None)
            if not isinstance(declared, tuple | list):
                raise VariableError(f"module {module.__name__} declares no VARIABLES tuple")
            variables.extend(declared)
        return cls(entities, variables, parameters)

    def variable(self, name: str) -> Variable:
        try:
            return self.variables[name]
        except KeyError:
            raise DependencyError(
                f"unknown variable {name!r}{_suggest(name, self.variables)}"
            ) from None

    def consumers(self, name: str) -> tuple[str, ...]:
        """Variables that declare ``name`` as a dependency."""
        return self._consumers.get(name, ())

    def readers_of(self, leaf_paths: Iterable[str]) -> dict[str, frozenset[str]]:
        """For each variable reading any of ``leaf_paths``, the paths it reads among them."""
        paths = tuple(leaf_paths)
        out: dict[str, frozenset[str]] = {}
        for v in self.variables.values():
            hit = frozenset(p for p in paths if any(_overlap(p, q) for q in v.parameters))
            if hit:
                out[v.name] = hit
        return out

    def replace_variables(self, variables: Iterable[Variable]) -> TaxBenefitSystem:
        """A new system where ``variables`` replace those of the same name, or are added."""
        merged = dict(self.variables)
        for v in variables:
            merged[v.name] = v
        return TaxBenefitSystem(list(self.entities.values()), merged.values(), self.parameters)

    def with_parameters(self, parameters: ParameterTree) -> TaxBenefitSystem:
        return TaxBenefitSystem(list(self.entities.values()), self.variables.values(), parameters)

    # -- checks ----------------------------------------------------------------------------
    def _check(self) -> None:
        entity_names = {PERSON, *self.entities}
        for v in self.variables.values():
            if v.entity not in entity_names:
                raise VariableError(
                    f"variable {v.name!r}: unknown entity {v.entity!r}; "
                    f"declared: {sorted(entity_names)}"
                )
            for d in v.dependencies:
                if d.variable not in self.variables:
                    raise DependencyError(
                        f"variable {v.name!r} depends on unknown variable {d.variable!r}"
                        f"{_suggest(d.variable, self.variables)}"
                    )
            for p in v.parameters:
                if not self.parameters.has_path(p):
                    raise DependencyError(
                        f"variable {v.name!r} declares unknown parameter {p!r}"
                        f"{_suggest(p, self.parameters.leaves)}"
                    )
        self._check_cycles()

    def _check_cycles(self) -> None:
        """Cycles through non-lagged dependencies are errors (lagged ones go back in time)."""
        edges = {
            name: [d.variable for d in v.dependencies if not d.is_lagged]
            for name, v in self.variables.items()
        }
        state: dict[str, int] = {}  # 1 = on the stack, 2 = done
        for root in edges:
            if state.get(root):
                continue
            stack: list[tuple[str, int]] = [(root, 0)]
            path: list[str] = [root]
            state[root] = 1
            while stack:
                node, i = stack[-1]
                if i < len(edges[node]):
                    stack[-1] = (node, i + 1)
                    nxt = edges[node][i]
                    if state.get(nxt) == 1:
                        cycle = [*path[path.index(nxt) :], nxt]
                        raise CycleError("dependency cycle: " + " -> ".join(cycle))
                    if not state.get(nxt):
                        state[nxt] = 1
                        stack.append((nxt, 0))
                        path.append(nxt)
                else:
                    state[node] = 2
                    stack.pop()
                    path.pop()


def _overlap(a: str, b: str) -> bool:
    """Two dotted paths overlap if one is the other or lies below it."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
