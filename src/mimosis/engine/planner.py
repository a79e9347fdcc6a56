"""The planner: from requested outputs to an ordered list of (variable, period) nodes.

Planning touches metadata only (no arrays), so it is cheap and can be done twice (once in
full to find what a reform touches, once pruned to what must really be computed).

A *request* is a variable at any period; it resolves to one or more *nodes* (the variable at
periods of its own ``period_unit``) and a conversion:

- ``exact``: the node is the requested period;
- ``sum`` / ``first``: the request spans several nodes (flow: summed; stock: first one);
- ``spread`` / ``same``: the request is shorter than the node (flow: pro rata by months;
  stock: the same value).

A formula reading a flow over several of its nodes (a yearly tax reading twelve monthly
amounts) reads one *sum* node, ``(variable, span)``, whose dependencies are those nodes: the
execution adds each of them into the sum as soon as it is computed and frees it when nothing
else reads it, instead of keeping every month alive until the yearly formula runs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from mimosis.engine.errors import PeriodError, PlanError
from mimosis.engine.periods import MONTHS_IN, Period
from mimosis.engine.system import TaxBenefitSystem
from mimosis.engine.variables import Formula, Variable

NodeKey = tuple[str, Period]
Mode = Literal["exact", "sum", "first", "spread", "same"]
Kind = Literal["input", "formula", "default", "available", "sum"]
#: how far back (in months) lagged dependencies may reach before planning gives up
MAX_LOOKBACK_MONTHS = 12 * 30


@dataclass(frozen=True, slots=True)
class Request:
    variable: str
    period: Period
    nodes: tuple[NodeKey, ...]
    mode: Mode
    factor: float = 1.0


@dataclass(frozen=True, slots=True)
class PlannedNode:
    key: NodeKey
    variable: Variable
    kind: Kind
    formula: Formula | None
    requests: dict[tuple[str, Period], Request]
    deps: tuple[NodeKey, ...]


@dataclass(frozen=True)
class Plan:
    nodes: dict[NodeKey, PlannedNode]  # in topological order (dependencies first)
    consumers: dict[NodeKey, int]  # number of planned nodes reading each node

    @classmethod
    def of(cls, nodes: dict[NodeKey, PlannedNode]) -> Plan:
        """The plan of ``nodes`` (in topological order), counting each one's readers."""
        consumers: dict[NodeKey, int] = dict.fromkeys(nodes, 0)
        for node in nodes.values():
            for d in node.deps:
                consumers[d] += 1
        return cls(nodes, consumers)


def resolve(variable: Variable, period: Period) -> Request:
    """Which nodes of ``variable`` answer a request at ``period``, and how to convert."""
    unit = variable.period_unit
    step = MONTHS_IN[unit]
    flow = variable.behaviour == "flow"
    name = variable.name
    try:
        if period.unit == unit and period.size == 1:
            return Request(name, period, ((name, period),), "exact")
        if period.n_months >= step:
            subs = period.subperiods(unit)
            if len(subs) == 1:
                return Request(name, period, ((name, subs[0]),), "exact")
            return Request(name, period, tuple((name, s) for s in subs), "sum" if flow else "first")
        node = period.containing(unit)
    except PeriodError as e:
        raise PlanError(f"variable {name!r} ({unit}ly) cannot be read over {period}: {e}") from None
    if flow:
        return Request(name, period, ((name, node),), "spread", period.n_months / step)
    return Request(name, period, ((name, node),), "same")


def build_plan(
    system: TaxBenefitSystem,
    requests: Iterable[Request],
    has_exact_input: Callable[[str, Period], bool],
    stop: Callable[[NodeKey], bool],
) -> Plan:
    """Plan every node the requests need, dependencies first.

    ``stop(node)`` says a node's value is already available (it is planned as ``available``
    and its own dependencies are not visited). A population input at exactly a node's period
    overrides the variable's formula.
    """
    roots = [key for r in requests for key in r.nodes]
    earliest = min((k[1].sort_key[0] for k in roots), default=0)
    nodes: dict[NodeKey, PlannedNode] = {}
    on_stack: set[NodeKey] = set()
    for root in roots:
        if root in nodes:
            continue
        stack: list[tuple[PlannedNode, int]] = [
            (_make_node(system, root, has_exact_input, stop), 0)
        ]
        on_stack.add(root)
        while stack:
            node, i = stack[-1]
            if i < len(node.deps):
                stack[-1] = (node, i + 1)
                dep = node.deps[i]
                if dep in nodes:
                    continue
                if dep in on_stack:
                    raise PlanError(f"cycle through {dep[0]!r} at {dep[1]}")
                if earliest - dep[1].sort_key[0] > MAX_LOOKBACK_MONTHS:
                    raise PlanError(
                        f"variable {node.key[0]!r}: lagged dependencies reach {dep[0]!r} at "
                        f"{dep[1]}, too far back; provide it as an input"
                    )
                on_stack.add(dep)
                stack.append((_make_node(system, dep, has_exact_input, stop), 0))
            else:
                stack.pop()
                on_stack.discard(node.key)
                nodes[node.key] = node
    return Plan.of(nodes)


def _make_node(
    system: TaxBenefitSystem,
    key: NodeKey,
    has_exact_input: Callable[[str, Period], bool],
    stop: Callable[[NodeKey], bool],
) -> PlannedNode:
    name, period = key
    variable = system.variable(name)
    if stop(key):
        return PlannedNode(key, variable, "available", None, {}, ())
    spanned = resolve(variable, period)
    if spanned.mode == "sum":  # a sum node (the module docstring)
        parts = {(name, k[1]): Request(name, k[1], (k,), "exact") for k in spanned.nodes}
        return PlannedNode(key, variable, "sum", None, parts, spanned.nodes)
    if variable.is_input or has_exact_input(name, period):
        return PlannedNode(key, variable, "input", None, {}, ())
    formula = variable.formula_at(period.start)
    if formula is None:
        return PlannedNode(key, variable, "default", None, {}, ())
    requests: dict[tuple[str, Period], Request] = {}
    deps: dict[NodeKey, None] = {}
    for d in variable.dependencies:
        target = d.period_for(period)
        req = resolve(system.variables[d.variable], target)
        if req.mode == "sum":  # read through its sum node
            req = Request(d.variable, target, ((d.variable, target),), "exact")
        requests[(d.variable, target)] = req
        deps.update(dict.fromkeys(req.nodes))
    return PlannedNode(key, variable, "formula", formula, requests, tuple(deps))


def prune(full: Plan, roots: Iterable[NodeKey], stop: Callable[[NodeKey], bool]) -> Plan:
    """The part of ``full`` (planned with nothing available) that the roots need when the
    nodes for which ``stop`` holds are available: the same as ``build_plan`` with that
    ``stop``, without resolving any dependency again."""
    stopped: dict[NodeKey, bool] = {}
    stack = list(roots)
    while stack:
        key = stack.pop()
        if key in stopped:
            continue
        if stop(key):
            stopped[key] = True
            continue
        stopped[key] = False
        stack.extend(d for d in full.nodes[key].deps if d not in stopped)
    nodes: dict[NodeKey, PlannedNode] = {}
    for key, node in full.nodes.items():  # the full plan's topological order
        if key in stopped:
            nodes[key] = (
                PlannedNode(key, node.variable, "available", None, {}, ()) if stopped[key] else node
            )
    return Plan.of(nodes)


def retargeted(node: PlannedNode, target: Callable[[NodeKey], NodeKey]) -> PlannedNode:
    """``node`` reading ``target(key)`` wherever it read ``key`` (its own key unchanged)."""
    requests = {
        at: Request(r.variable, r.period, tuple(target(k) for k in r.nodes), r.mode, r.factor)
        for at, r in node.requests.items()
    }
    deps = tuple(target(d) for d in node.deps)
    return PlannedNode(node.key, node.variable, node.kind, node.formula, requests, deps)


def interleaved(nodes: dict[NodeKey, PlannedNode], rank: Callable[[NodeKey], int]) -> Plan:
    """One plan of ``nodes`` (every dependency among them), in a topological order that takes
    the ready node of lowest ``rank`` first: two computations planned in the same order run
    side by side, node by node, so that what one reads of the other is freed early."""
    waiting = {k: len(n.deps) for k, n in nodes.items()}
    readers: dict[NodeKey, list[NodeKey]] = {}
    for k, n in nodes.items():
        for d in n.deps:
            readers.setdefault(d, []).append(k)
    keys = list(nodes)
    seq = {k: i for i, k in enumerate(keys)}
    ready = [(rank(k), seq[k]) for k in keys if waiting[k] == 0]
    heapq.heapify(ready)
    ordered: dict[NodeKey, PlannedNode] = {}
    while ready:
        _, i = heapq.heappop(ready)
        key = keys[i]
        ordered[key] = nodes[key]
        for reader in readers.get(key, ()):
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, (rank(reader), seq[reader]))
    if len(ordered) != len(nodes):
        raise PlanError("interleaved nodes do not form an acyclic plan")
    return Plan.of(ordered)
