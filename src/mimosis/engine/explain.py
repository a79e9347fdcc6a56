"""Explanations: the trace of a variable for one person or group, and a baseline/reform diff.

Both need the simulation(s) computed with ``explain=True`` (which keeps every intermediate
and records the parameters each formula read). A trace shows, for the subject (one person or
one group), the values of the variable and of everything it depends on, restricted to the
members or groups related to the subject.

Records: a trace holds the subject's values. It is for the household calculator and for
debugging inside the secure environment; it is never a released output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mimosis.engine.entities import PERSON
from mimosis.engine.errors import EngineError
from mimosis.engine.parameters import ParameterUse
from mimosis.engine.periods import Period
from mimosis.engine.planner import NodeKey, Request, resolve
from mimosis.engine.simulation import Simulation

IntArray = npt.NDArray[np.int64]


@dataclass
class Trace:
    """One variable at one period, for the subject: values, parameters read, dependencies."""

    variable: str
    period: Period
    entity: str
    indices: tuple[int, ...]  # positions in the entity (members or groups of the subject)
    values: tuple[Any, ...]
    kind: str  # input | formula | default | conversion
    label: str
    unit: str | None
    parameters: tuple[ParameterUse, ...] = ()
    children: list[Trace] = field(default_factory=list)
    repeated: bool = False  # already shown above in the tree

    @property
    def key(self) -> tuple[str, Period]:
        return (self.variable, self.period)

    def find(self, variable: str) -> Trace | None:
        """The first trace of ``variable`` in this tree (depth first)."""
        if self.variable == variable and not self.repeated:
            return self
        for child in self.children:
            hit = child.find(variable)
            if hit is not None:
                return hit
        return None

    def render(self, indent: int = 0) -> str:
        pad = "  " * indent
        shown = ", ".join(_fmt(v) for v in self.values)
        unit = f" {self.unit}" if self.unit else ""
        line = f"{pad}{self.variable} [{self.period}] = {shown}{unit}  ({self.kind})"
        if self.repeated:
            return line + " (see above)"
        lines = [line]
        for use in self.parameters:
            refs = "; ".join(str(r) for r in use.references)
            lines.append(f"{pad}  param {use.path} = {use.render_value()} {use.unit} [{refs}]")
        lines.extend(child.render(indent + 1) for child in self.children)
        return "\n".join(lines)


@dataclass
class DiffTrace:
    """A variable's baseline and reform values for the subject, and what changed below."""

    variable: str
    period: Period
    baseline: tuple[Any, ...] | None
    reform: tuple[Any, ...] | None
    parameter_changes: list[tuple[str, str, str]] = field(default_factory=list)
    children: list[DiffTrace] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.baseline != self.reform

    def render(self, indent: int = 0) -> str:
        pad = "  " * indent

        def vals(v: tuple[Any, ...] | None) -> str:
            return "-" if v is None else ", ".join(_fmt(x) for x in v)

        lines = [
            f"{pad}{self.variable} [{self.period}]: {vals(self.baseline)} -> {vals(self.reform)}"
        ]
        for path, old, new in self.parameter_changes:
            lines.append(f"{pad}  param {path}: {old} -> {new}")
        lines.extend(child.render(indent + 1) for child in self.children)
        return "\n".join(lines)


def explain(
    sim: Simulation, variable: str, period: Period | str, *, entity: str, index: int
) -> Trace:
    """Trace ``variable`` over ``period`` for member ``index`` of ``entity``."""
    at = Period.coerce(period)
    persons = _subject_persons(sim, entity, index)
    request = resolve(sim.system.variable(variable), at)
    return _Tracer(sim, persons).request(request, set())


def explain_diff(
    baseline: Simulation,
    reform: Simulation,
    variable: str,
    period: Period | str,
    *,
    entity: str,
    index: int,
) -> DiffTrace:
    """What differs between baseline and reform for one subject, as a tree of changes."""
    base = explain(baseline, variable, period, entity=entity, index=index)
    new = explain(reform, variable, period, entity=entity, index=index)
    return _diff(_index_tree(base, {}), new)


class _Tracer:
    def __init__(self, sim: Simulation, persons: IntArray) -> None:
        self.sim = sim
        self.persons = persons

    def _positions(self, entity: str) -> IntArray:
        if entity == PERSON:
            return self.persons
        return np.unique(self.sim.population.group(entity).index[self.persons])

    def request(self, request: Request, seen: set[NodeKey]) -> Trace:
        if request.mode == "exact":
            return self.node(request.nodes[0], seen)
        variable = self.sim.system.variable(request.variable)
        pos = self._positions(variable.entity)
        values = self.sim.fetch_retained(request)
        trace = Trace(
            request.variable,
            request.period,
            variable.entity,
            tuple(int(i) for i in pos),
            tuple(values[pos].tolist()),
            f"conversion ({request.mode})",
            variable.label.en,
            variable.unit,
        )
        trace.children = [self.node(k, seen) for k in request.nodes]
        return trace

    def node(self, key: NodeKey, seen: set[NodeKey]) -> Trace:
        sim = self.sim
        variable = sim.system.variable(key[0])
        planned = sim.plan_of(key)
        if planned is None:
            raise EngineError(
                f"{key[0]!r} at {key[1]} was not computed with explain=True in this simulation"
            )
        pos = self._positions(variable.entity)
        values = sim.value_of(key)[pos]
        if variable.dtype == "enum":
            shown = tuple(variable.enum_values[int(c)] for c in values)
        else:
            shown = tuple(values.tolist())
        trace = Trace(
            key[0],
            key[1],
            variable.entity,
            tuple(int(i) for i in pos),
            shown,
            "conversion (sum)" if planned.kind == "sum" else planned.kind,
            variable.label.en,
            variable.unit,
            sim.uses_of(key),
            repeated=key in seen,
        )
        if trace.repeated:
            return trace
        seen.add(key)
        trace.children = [self.request(r, seen) for r in planned.requests.values()]
        return trace


def _subject_persons(sim: Simulation, entity: str, index: int) -> IntArray:
    n = sim.population.count(entity)
    if not 0 <= index < n:
        raise EngineError(f"{entity} index out of range (0..{n - 1})")
    if entity == PERSON:
        return np.array([index], dtype=np.int64)
    return np.flatnonzero(sim.population.group(entity).index == index).astype(np.int64)


def _index_tree(trace: Trace, out: dict[NodeKey, Trace]) -> dict[NodeKey, Trace]:
    if not trace.repeated and trace.key not in out:
        out[trace.key] = trace
    for child in trace.children:
        _index_tree(child, out)
    return out


def _diff(base: dict[NodeKey, Trace], new: Trace) -> DiffTrace:
    old = base.get(new.key)
    node = DiffTrace(new.variable, new.period, old.values if old else None, new.values)
    old_params = {u.path: u.render_value() for u in old.parameters} if old else {}
    for use in new.parameters:
        before = old_params.get(use.path, "-")
        if before != use.render_value():
            node.parameter_changes.append((use.path, before, use.render_value()))
    for child in new.children:
        if child.repeated:
            continue
        sub = _diff(base, child)
        if sub.changed or sub.children or sub.parameter_changes:
            node.children.append(sub)
    return node


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
