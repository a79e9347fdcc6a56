"""Simulations: plan, compute in topological order, free intermediates, derive reforms.

Memory: after a node is computed, each of its dependencies loses one pending consumer; a
node with no pending consumer is freed unless it is *pinned* (an output, ``keep=``,
``explain=True``, or needed by a later derivation via ``retain_for=``). Peak memory is thus
the live frontier of the graph, not the graph.

Derivation: ``derive(reform)`` / ``with_inputs(...)`` return a new simulation that knows what
changed (variables, parameter leaves, inputs). When it computes, a node is *dirty* if the
change touches it (for parameters: if the value in force at the node's date differs) or any
of its dependencies is dirty. Clean nodes the origin simulation still holds are shared (the
same array object); dirty nodes, and clean ones the origin has freed, are computed.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from mimosis.engine.context import Context, ParameterView
from mimosis.engine.entities import Population
from mimosis.engine.errors import EngineError, FormulaError, NotRetainedError, PopulationError
from mimosis.engine.execution import (
    Execution,
    Memo,
    NodeProgress,
    Sink,
    Token,
    threads_from_env,
)
from mimosis.engine.narrow import Overlay, Sliced, sliced
from mimosis.engine.parameters import ParameterSnapshot, ParameterUse
from mimosis.engine.periods import Period
from mimosis.engine.planner import (
    NodeKey,
    Plan,
    PlannedNode,
    Request,
    build_plan,
    interleaved,
    prune,
    resolve,
    retargeted,
)
from mimosis.engine.reforms import Reform
from mimosis.engine.system import TaxBenefitSystem
from mimosis.engine.variables import Variable

log = logging.getLogger(__name__)
Array = npt.NDArray[Any]
FloatArray = npt.NDArray[np.float64]
Keep = Literal["all"] | Iterable[str] | None
_COUNTER = itertools.count(1)


def _default_threads() -> int:
    return threads_from_env("MIMOSIS_THREADS", max(1, min(2, os.cpu_count() or 1)))


#: full plans (nothing available) per system, by requests and the inputs held at exact periods:
#: planning touches metadata only, yet costs ~0.1 s at this graph size, and the work-incentive
#: passes plan the same requests dozens of times
_PLANS: weakref.WeakKeyDictionary[TaxBenefitSystem, dict[Any, Plan]] = weakref.WeakKeyDictionary()
_MAX_PLANS = 64
#: the two caches are shared by simulations that may run in threads (work-incentive passes)
_CACHE_LOCK = threading.RLock()
#: systems a reform made from a system (``Reform.apply`` builds a new parameter tree whose
#: snapshots and plans would be rebuilt at every derivation)
_APPLIED: weakref.WeakKeyDictionary[
    TaxBenefitSystem, dict[int, tuple[Reform, TaxBenefitSystem]]
] = weakref.WeakKeyDictionary()


def applied(reform: Reform, system: TaxBenefitSystem) -> TaxBenefitSystem:
    """``reform.apply(system)``, the same object for the same reform and system."""
    with _CACHE_LOCK:
        by_reform = _APPLIED.setdefault(system, {})
        hit = by_reform.get(id(reform))
        if hit is not None and hit[0] is reform:
            return hit[1]
        new = reform.apply(system)
        by_reform[id(reform)] = (reform, new)
        return new


@dataclass(frozen=True)
class Change:
    """What a derived simulation changes relative to its origin."""

    variables: frozenset[str]
    inputs: frozenset[str]
    readers: Mapping[str, frozenset[str]]  # variable -> changed parameter leaves it reads
    old: Callable[[Period], ParameterSnapshot]
    new: Callable[[Period], ParameterSnapshot]

    def touches(self, key: NodeKey) -> bool:
        name, period = key
        if name in self.variables or name in self.inputs:
            return True
        paths = self.readers.get(name)
        if not paths:
            return False
        old, new = self.old(period), self.new(period)
        return any(old.get(p) != new.get(p) for p in paths)


def dirty_nodes(plan: Plan, change: Change) -> set[NodeKey]:
    dirty: set[NodeKey] = set()
    for key, node in plan.nodes.items():  # topological order
        if change.touches(key) or any(d in dirty for d in node.deps):
            dirty.add(key)
    return dirty


class Simulation:
    """A system applied to a population.

    ``threads`` (class attribute; env ``MIMOSIS_THREADS``, default the CPUs up to 2): nodes
    whose dependencies are done are evaluated by that many threads at once (numpy works
    outside the interpreter lock); results do not depend on it.

    ``parameters``: ``None`` reads, for each period, the parameters in force on its first
    day; a ``date`` or a ``ParameterSnapshot`` fixes the legislation for every period.
    """

    threads: int = _default_threads()

    def __init__(
        self,
        system: TaxBenefitSystem,
        population: Population,
        parameters: date | ParameterSnapshot | None = None,
    ) -> None:
        if isinstance(parameters, ParameterSnapshot) and parameters.tree is not system.parameters:
            raise EngineError("the parameter snapshot does not come from this system's parameters")
        self.system = system
        self.population = population
        self._param_date: date | None = (
            parameters.date if isinstance(parameters, ParameterSnapshot) else parameters
        )
        self.threads: int = Simulation.threads
        self._store: MutableMapping[NodeKey, Array] = {}
        self._tokens: MutableMapping[NodeKey, Token] = {}
        #: read-only arrays of default values by (size, dtype, value), shared with derivations
        self._defaults: dict[tuple[int, str, Any], Array] = {}
        #: held inputs converted to other periods (``_converted``)
        self._conversions: dict[Token, tuple[tuple[Array, ...], Array]] = {}
        self._totals: MutableMapping[tuple[str, tuple[Period, ...]], FloatArray] = {}
        self._uses: dict[NodeKey, tuple[ParameterUse, ...]] = {}
        self._explained: dict[NodeKey, PlannedNode] = {}
        self._origin: Simulation | None = None
        self._change: Change | None = None
        self._dirty: set[NodeKey] = set()
        self.formula_calls: Counter[str] = Counter()
        self.memo_hits: Counter[str] = Counter()
        self._inputs: dict[str, Mapping[Period, Array]] = {}
        for name in population.inputs:
            self._inputs[name] = self._normalise_input(name, population.inputs[name])

    # -- public API --------------------------------------------------------------------------
    def snapshot(self, period: Period) -> ParameterSnapshot:
        when = self._param_date if self._param_date is not None else period.start
        return self.system.parameters.at(when)

    def compute(
        self,
        outputs: Sequence[str],
        period: Period | str,
        *,
        keep: Keep = None,
        explain: bool = False,
        retain_for: Sequence[Reform | str] = (),
    ) -> dict[str, Array]:
        """Compute ``outputs`` over ``period``; return {name: array}.

        ``keep``: ``"all"`` or names of variables whose intermediate arrays stay in memory.
        ``explain``: keep everything and record parameter reads (for ``explain``).
        ``retain_for``: reforms (or names of inputs that ``with_inputs`` will change) whose
        derivation should find every clean array it needs: exactly those are kept.
        """
        at = Period.coerce(period)
        requests = [resolve(self.system.variable(name), at) for name in outputs]
        plan = self._plan(requests)
        pinned: set[NodeKey] = {k for r in requests for k in r.nodes}
        pinned |= set(self._store)  # never free what an earlier call retained
        if explain or keep == "all":
            pinned |= set(plan.nodes)
        elif keep is not None:
            names = set(keep)
            for name in names:
                self.system.variable(name)
            pinned |= {k for k in plan.nodes if k[0] in names}
        for target in retain_for:
            pinned |= self._frontier(requests, target)
        self._execute(plan, pinned, explain)
        return {r.variable: self._fetch(r) for r in requests}

    def compute_with(
        self, reform: Reform, outputs: Sequence[str], period: Period | str
    ) -> tuple[dict[str, Array], Simulation]:
        """``compute(outputs, period)`` here and in ``derive(reform)``, in one execution: each
        node the reform changes runs as soon as what it reads is ready, so nothing is kept
        for the derivation (the memory is the two computations' live frontier, not this
        one's, then every array the reform reads, then the reform's). Returns this
        simulation's outputs and the derived simulation, which holds its own outputs (and
        shares the ones the reform does not change).

        A reform that reads a node this computation does not plan (a new variable's
        dependency) is computed after it instead, with ``retain_for=[reform]``."""
        at = Period.coerce(period)
        requests = [resolve(self.system.variable(name), at) for name in outputs]
        joined = self._alongside(reform, requests)
        if joined is None:
            return self.compute(outputs, at, retain_for=[reform]), self.derive(reform)
        roots = joined.roots()
        pinned = {k for r in requests for k in r.nodes} | {joined.joint(k) for k in roots}
        self._run_alongside(joined, pinned, None, None, None)
        derived = joined.derived
        for key in roots:
            if key in joined.dirty:
                derived._store[key] = self._store.pop(joined.joint(key))
                derived._tokens[key] = self._tokens.pop(joined.joint(key))
            else:
                derived._store[key], derived._tokens[key] = self._store[key], self._tokens[key]
        return {r.variable: self._fetch(r) for r in requests}, derived

    def totals_with(
        self,
        reform: Reform,
        outputs: Sequence[str],
        periods: Sequence[Period | str],
        *,
        progress: NodeProgress | None = None,
    ) -> tuple[dict[str, FloatArray], dict[str, FloatArray], Simulation]:
        """``totals(outputs, periods)`` here and in ``derive(reform)``, in one execution (as
        ``compute_with``): this simulation's totals, the reform's, and the derived simulation.
        A reform reading a node this computation does not plan falls back to ``totals`` with
        ``retain_for=[reform]``, then the derivation's."""
        ps = tuple(Period.coerce(p) for p in periods)
        if not ps:
            raise EngineError("totals need at least one period")
        names = list(dict.fromkeys(outputs))
        requests = [resolve(self.system.variable(n), p) for n in names for p in ps]
        joined = self._alongside(reform, requests)
        if joined is None:
            mine = self.totals(names, ps, retain_for=[reform], progress=progress)
            derived = self.derive(reform)
            return mine, derived.totals(names, ps, progress=progress), derived
        sinks: dict[NodeKey, list[Sink]] = {}
        for r in requests:
            for k, factor in _summed(r):
                sinks.setdefault(k, []).append(Sink(r.variable, factor))
        for r in joined.requests:
            for k, factor in _summed(r):
                sinks.setdefault(joined.joint(k), []).append(Sink(r.variable + joined.tag, factor))
        acc: dict[str, FloatArray] = {}
        self._run_alongside(joined, set(), sinks, acc, progress)
        mine = {n: acc[n] for n in names}
        theirs = {n: acc[n + joined.tag] for n in names}
        derived = joined.derived
        for n in names:
            self._totals[(n, ps)] = mine[n]
            derived._totals[(n, ps)] = theirs[n]
        return mine, theirs, derived

    def _alongside(self, reform: Reform, requests: list[Request]) -> _Joined | None:
        """The plan of ``requests`` here with the derivation by ``reform`` alongside (its dirty
        nodes under keys of their own, reading them), or None when the reform reads a node
        this plan does not hold."""
        derived = self.derive(reform)
        changed_requests = [
            resolve(derived.system.variable(r.variable), r.period) for r in requests
        ]
        full = self._full_plan(self.system, requests)
        changed_full = derived._full_plan(derived.system, changed_requests)
        assert derived._change is not None
        dirty = dirty_nodes(changed_full, derived._change)
        derived._dirty |= dirty
        changed_roots = [k for r in changed_requests for k in r.nodes]
        part = prune(changed_full, changed_roots, lambda key: key not in dirty)
        reads = [k for k, n in part.nodes.items() if n.kind == "available"]
        if any(k not in full.nodes for k in reads):
            return None
        own = self._needed(full, [k for r in requests for k in r.nodes] + reads)
        tag, changed = f"@{reform.name}", frozenset(dirty)

        def joint(key: NodeKey) -> NodeKey:
            return _joint_key(key, changed, tag)

        theirs = {
            joint(k): retargeted(n, joint) for k, n in part.nodes.items() if n.kind != "available"
        }
        position = {k: i for i, k in enumerate(full.nodes)}
        changed_position = {joint(k): i for i, k in enumerate(changed_full.nodes)}
        plan = interleaved(
            {**own.nodes, **theirs},
            lambda k: position[k] if k in position else changed_position[k],
        )
        return _Joined(derived, plan, theirs, changed, tag, changed_requests)

    def _run_alongside(
        self,
        joined: _Joined,
        pinned: set[NodeKey],
        sinks: Mapping[NodeKey, list[Sink]] | None,
        acc: dict[str, FloatArray] | None,
        progress: NodeProgress | None,
    ) -> None:
        """Execute a joined plan: the derivation evaluates its nodes reading (and writing) this
        simulation's arrays; if anything fails, none of its arrays stays here."""
        derived = joined.derived
        derived._store, derived._tokens = self._store, self._tokens
        try:
            ids = frozenset(id(n) for n in joined.theirs.values())
            executing = _Joint(self, derived, ids)
            Execution(
                executing,
                joined.plan,
                pinned | set(self._store),
                False,
                sinks=sinks,
                acc=acc,
                progress=progress,
            ).run()
        except BaseException:
            for key in joined.theirs:
                self._store.pop(key, None)
                self._tokens.pop(key, None)
            raise
        finally:
            derived._store, derived._tokens = {}, {}

    def totals(
        self,
        outputs: Sequence[str],
        periods: Sequence[Period | str],
        *,
        retain_for: Sequence[Reform | str] = (),
        progress: NodeProgress | None = None,
    ) -> dict[str, FloatArray]:
        """The sum of each output over ``periods`` (float64, over the output's entity).

        One plan for every period: what the periods share (a yearly tax read by each month) is
        computed once; a node equal by construction to the previous period's (same formula,
        dependencies and parameter values, period not read) is not recomputed; each output
        node is added to its total and freed as soon as nothing else reads it. A simulation
        derived from this one reuses the totals of the outputs its change does not reach.
        """
        ps = tuple(Period.coerce(p) for p in periods)
        if not ps:
            raise EngineError("totals need at least one period")
        names = list(dict.fromkeys(outputs))
        requests = [resolve(self.system.variable(n), p) for n in names for p in ps]
        out: dict[str, FloatArray] = {}
        origin = self._origin
        if origin is not None and self._change is not None:
            reusable = [n for n in names if (n, ps) in origin._totals]
            if reusable:
                full = self._full_plan(self.system, requests)
                dirty = dirty_nodes(full, self._change)
                for n in reusable:
                    if not any(k in dirty for r in requests if r.variable == n for k in r.nodes):
                        out[n] = origin._totals[(n, ps)]
        todo = [r for r in requests if r.variable not in out]
        if todo:
            plan = self._plan(todo)
            pinned: set[NodeKey] = set(self._store)
            for target in retain_for:
                pinned |= self._frontier(todo, target)
            sinks: dict[NodeKey, list[Sink]] = {}
            for r in todo:
                for k, factor in _summed(r):
                    sinks.setdefault(k, []).append(Sink(r.variable, factor))
            acc: dict[str, FloatArray] = {}
            self._execute(plan, pinned, False, sinks=sinks, acc=acc, progress=progress)
            out.update(acc)
        for n in names:
            self._totals[(n, ps)] = out[n]
        return {n: out[n] for n in names}

    def get(self, name: str, period: Period | str) -> Array:
        """A retained value (an output, or kept); ``NotRetainedError`` if it was freed."""
        request = resolve(self.system.variable(name), Period.coerce(period))
        return self._fetch(request)

    def is_retained(self, name: str, period: Period | str) -> bool:
        request = resolve(self.system.variable(name), Period.coerce(period))
        return all(k in self._store for k in request.nodes)

    def retained(self) -> list[NodeKey]:
        return list(self._store)

    def release(self) -> None:
        """Free every retained array of this simulation."""
        self._store.clear()
        self._tokens.clear()
        self._totals.clear()
        self._conversions.clear()
        self._uses.clear()
        self._explained.clear()

    def derive(self, reform: Reform) -> Simulation:
        """A simulation of ``reform`` sharing every array the reform does not reach."""
        new_system = applied(reform, self.system)
        log.info("deriving reform %s", reform.name)
        return self._derived(new_system, self.population, self._inputs, self._change_to(new_system))

    def with_inputs(self, inputs: Mapping[str, Array | Mapping[Period | str, Array]]) -> Simulation:
        """A simulation where some inputs are replaced; only their downstream is recomputed.

        A bare array replaces the input at its single period in the population; give
        ``{period: array}`` when the population holds the input at several periods.
        """
        by_period: dict[str, dict[Any, Array]] = {}
        for name, value in inputs.items():
            if isinstance(value, Mapping):
                by_period[name] = dict(value)
                continue
            held = list(self.population.inputs.get(name, {}))
            if len(held) != 1:
                raise PopulationError(
                    f"input {name!r} is held at {len(held)} periods; pass {{period: array}}"
                )
            by_period[name] = {held[0]: value}
        population = self.population.replace_inputs(by_period)
        normalised = dict(self._inputs)
        for name in by_period:
            normalised[name] = self._normalise_input(name, population.inputs[name])
        change = Change(frozenset(), frozenset(by_period), {}, self.snapshot, self.snapshot)
        return self._derived(self.system, population, normalised, change)

    def on_households(self, households: npt.NDArray[np.bool_]) -> Simulation:
        """This simulation on the flagged households only (one flag per household): the same
        system and parameters, the population and inputs of these households, and every array
        this simulation holds (not its origins') read for them when it is needed.

        Derive from it (``with_inputs``, ``derive``) to recompute a change that concerns a few
        households without the others: a household's results do not depend on the other
        households (every group lies within a household). Give ``retain_for`` when computing
        this simulation so that it holds what the derivation will need.
        """

        def entity_of(name: str) -> str:
            return self.system.variables[name].entity

        population, rows = self.population.of_households(households, entity_of)
        arrays = sliced(rows, lambda key: entity_of(key[0]))
        sim = self._made(
            self.system,
            population,
            {},
            store=Overlay(self._store, arrays),
            tokens=Overlay(self._tokens, lambda _, token: token),
            totals=Overlay(self._totals, arrays),
            defaults={},
        )
        # this simulation's inputs (normalised already), each sliced when it is first read
        sim._inputs = {
            name: Sliced(held, rows[entity_of(name)]) for name, held in self._inputs.items()
        }
        return sim

    def _chain(self, key: NodeKey) -> Iterable[Simulation]:
        """This simulation, then its origins for as long as ``key`` is clean in between."""
        sim: Simulation | None = self
        while sim is not None:
            yield sim
            change = sim._change
            if key in sim._dirty or (change is not None and change.touches(key)):
                return
            sim = sim._origin

    def plan_of(self, key: NodeKey) -> PlannedNode | None:
        """The planned node of an explained computation (clean ones from the origin)."""
        for sim in self._chain(key):
            if key in sim._explained:
                return sim._explained[key]
        return None

    def uses_of(self, key: NodeKey) -> tuple[ParameterUse, ...]:
        """Parameters the node's formula read (recorded with ``explain=True``)."""
        for sim in self._chain(key):
            if key in sim._uses:
                return sim._uses[key]
        return ()

    def value_of(self, key: NodeKey) -> Array:
        """A node's array if retained here or, when clean, by an origin."""
        for sim in self._chain(key):
            if key in sim._store:
                return sim._store[key]
        raise NotRetainedError(
            f"{key[0]!r} at {key[1]} is not retained; compute with explain=True or keep="
        )

    # -- derivation ---------------------------------------------------------------------------
    def _change_to(self, new_system: TaxBenefitSystem) -> Change:
        old_vars = self.system.variables
        changed_vars = frozenset(
            n for n, v in new_system.variables.items() if old_vars.get(n) is not v
        )
        leaves = self.system.parameters.changed_leaves(new_system.parameters)
        readers = new_system.readers_of(leaves) if leaves else {}

        def new(period: Period) -> ParameterSnapshot:
            when = self._param_date if self._param_date is not None else period.start
            return new_system.parameters.at(when)

        return Change(changed_vars, frozenset(), readers, self.snapshot, new)

    def _derived(
        self,
        system: TaxBenefitSystem,
        population: Population,
        inputs: dict[str, Mapping[Period, Array]],
        change: Change,
    ) -> Simulation:
        sim = self._made(system, population, inputs, defaults=self._defaults)
        sim._origin = self
        sim._change = change
        return sim

    def _made(
        self,
        system: TaxBenefitSystem,
        population: Population,
        inputs: dict[str, Mapping[Period, Array]],
        *,
        defaults: dict[tuple[int, str, Any], Array],
        store: MutableMapping[NodeKey, Array] | None = None,
        tokens: MutableMapping[NodeKey, Token] | None = None,
        totals: MutableMapping[tuple[str, tuple[Period, ...]], FloatArray] | None = None,
    ) -> Simulation:
        """A simulation made from this one (its parameters and threads), without an origin."""
        sim = object.__new__(Simulation)
        sim.system = system
        sim.population = population
        sim._param_date = self._param_date
        sim.threads = self.threads
        sim._store = {} if store is None else store
        sim._tokens = {} if tokens is None else tokens
        sim._defaults = defaults
        sim._conversions = {}
        sim._totals = {} if totals is None else totals
        sim._uses = {}
        sim._explained = {}
        sim._origin = None
        sim._change = None
        sim._dirty = set()
        sim.formula_calls = Counter()
        sim.memo_hits = Counter()
        sim._inputs = inputs
        return sim

    def _frontier(self, requests: list[Request], target: Reform | str) -> set[NodeKey]:
        """Clean nodes a derivation by ``target`` would read: keep exactly those."""
        if isinstance(target, str):
            self.system.variable(target)
            change = Change(frozenset(), frozenset({target}), {}, self.snapshot, self.snapshot)
            system = self.system
        else:
            system = applied(target, self.system)
            change = self._change_to(system)
        full = self._full_plan(system, requests)
        dirty = dirty_nodes(full, change)
        return {d for k in dirty for d in full.nodes[k].deps if d not in dirty}

    # -- planning and execution ------------------------------------------------------------
    def _has_exact_input(self, name: str, period: Period) -> bool:
        return period in self._inputs.get(name, {})

    def _full_plan(self, system: TaxBenefitSystem, requests: list[Request]) -> Plan:
        """The plan of ``requests`` with nothing available (cached per system)."""
        exact = frozenset((name, p) for name, held in self._inputs.items() for p in held)
        key = (tuple((r.variable, r.period) for r in requests), exact)
        with _CACHE_LOCK:
            plans = _PLANS.setdefault(system, {})
            plan = plans.get(key)
            if plan is None:
                plan = build_plan(system, requests, self._has_exact_input, lambda _: False)
                if len(plans) >= _MAX_PLANS:
                    plans.pop(next(iter(plans)))
                plans[key] = plan
            return plan

    def _plan(self, requests: list[Request]) -> Plan:
        full = self._full_plan(self.system, requests)
        return self._needed(full, [k for r in requests for k in r.nodes])

    def _pruned(self, full: Plan, roots: list[NodeKey]) -> Plan:
        """What ``roots`` need of ``full`` in a derived simulation: nothing it holds, nor what
        its origin holds and its change does not touch."""
        own = self._store
        origin, change = self._origin, self._change
        assert origin is not None and change is not None
        dirty = dirty_nodes(full, change)
        self._dirty |= dirty
        shared = origin._store

        def stop(key: NodeKey) -> bool:
            return key in own or (key not in dirty and key in shared)

        plan = prune(full, roots, stop)
        log.debug(
            "derived plan: %d dirty of %d, %d to run",
            len(dirty),
            len(full.nodes),
            sum(n.kind != "available" for n in plan.nodes.values()),
        )
        return plan

    def _needed(self, full: Plan, roots: list[NodeKey]) -> Plan:
        """What ``roots`` need of ``full`` (planned for them: every node of it serves one),
        but nothing this simulation (or, clean, its origin) holds."""
        if self._origin is None or self._change is None:
            own = self._store
            return prune(full, roots, own.__contains__) if own else full
        return self._pruned(full, roots)

    def _execute(
        self,
        plan: Plan,
        pinned: set[NodeKey],
        explain: bool,
        *,
        sinks: Mapping[NodeKey, list[Sink]] | None = None,
        acc: dict[str, FloatArray] | None = None,
        progress: NodeProgress | None = None,
    ) -> None:
        Execution(self, plan, pinned, explain, sinks=sinks, acc=acc, progress=progress).run()

    def _evaluate(
        self,
        node: PlannedNode,
        explain: bool,
        memo: dict[str, Memo] | None,
        lock: threading.Lock | None = None,
    ) -> tuple[Array, Token]:
        variable = node.variable
        name, period = node.key
        n = self.population.count(variable.entity)
        if node.kind == "input":
            return self._input_value(variable, period, n)
        if node.kind == "default" or node.formula is None:
            return self._default(variable, n), ("default", name)
        guard = lock if lock is not None else contextlib.nullcontext()
        snapshot = self.snapshot(period)
        with guard:
            last = memo.get(name) if memo is not None else None
            deps = tuple(self._tokens[d] for d in node.deps) if memo is not None else ()
        if (
            last is not None
            and last.formula is node.formula
            and not last.period_read
            and last.deps == deps
            and all(snapshot.get(path) == value for path, value in last.params)
        ):
            with guard:
                self.memo_hits[name] += 1
            return last.array, last.token
        uses: list[ParameterUse] | None = [] if explain else None
        view = ParameterView(snapshot, name, variable.parameters, uses)
        ctx = Context(node, self.population, view, self._fetch, self._entity_of)
        result = node.formula(ctx)
        with guard:
            self.formula_calls[name] += 1
        if uses is not None:
            self._uses[node.key] = tuple(uses)
        arr = _frozen(_check_result(variable, period, result, n))
        period_read = ctx.period_read or view.date_read
        token: Token = ("f", next(_COUNTER))
        if (
            last is not None
            and period_read
            and last.formula is node.formula
            and arr.dtype == last.array.dtype
            and np.array_equal(arr, last.array)
        ):
            arr, token = last.array, last.token  # equal to the last period's: same token
        if memo is not None:
            with guard:
                memo[name] = Memo(node.formula, deps, tuple(view.reads), period_read, token, arr)
        return arr, token

    @property
    def origin_arrays(self) -> tuple[Mapping[NodeKey, Array], Mapping[NodeKey, Token]]:
        """The arrays (and tokens) this simulation may share: its origin's, if derived."""
        origin = self._origin
        return (origin._store, origin._tokens) if origin is not None else ({}, {})

    def _entity_of(self, name: str) -> str:
        return self.system.variables[name].entity

    def _fetch(self, request: Request) -> Array:
        try:
            arrays = [self._store[k] for k in request.nodes]
        except KeyError as e:
            raise NotRetainedError(
                f"{request.variable!r} at {request.period} is not retained (node {e.args[0][1]})"
            ) from None
        return _combine(request, arrays)

    def fetch_retained(self, request: Request) -> Array:
        """Like ``get`` for a resolved request, also finding clean values in origins."""
        return _combine(request, [self.value_of(k) for k in request.nodes])

    # -- inputs ---------------------------------------------------------------------------------
    def _normalise_input(self, name: str, by_period: Mapping[Period, Array]) -> dict[Period, Array]:
        if name not in self.system.variables:
            raise PopulationError(f"input {name!r} is not a variable of the system")
        variable = self.system.variables[name]
        n = self.population.count(variable.entity)
        out: dict[Period, Array] = {}
        for period, raw in by_period.items():
            arr = np.asarray(raw)
            where = f"input {name!r} at {period}"
            if arr.shape != (n,):
                raise PopulationError(f"{where}: expected one value per {variable.entity} ({n})")
            if variable.dtype == "enum" and arr.dtype.kind in "US":
                arr = _enum_codes(variable, arr, where)
            elif not _castable(arr.dtype, variable.numpy_dtype):
                raise PopulationError(f"{where}: dtype {arr.dtype} does not fit {variable.dtype}")
            out[period] = _frozen(arr.astype(variable.numpy_dtype, copy=False))
        return out

    def _default(self, variable: Variable, n: int) -> Array:
        """A read-only array of the variable's default, shared by every variable and period
        with the same default, dtype and size (not one new array per node)."""
        dtype = variable.numpy_dtype
        key = (n, dtype.str, variable.default)
        arr = self._defaults.get(key)
        if arr is None:
            arr = self._defaults[key] = _frozen(np.full(n, variable.default, dtype=dtype))
        return arr

    def _input_value(self, variable: Variable, period: Period, n: int) -> tuple[Array, Token]:
        """An input's array at ``period`` and its token (held arrays live as long as this
        simulation, so their identity tells them apart)."""
        held = self._inputs.get(variable.name, {})
        if period in held:
            return held[period], ("in", id(held[period]))
        flow = variable.behaviour == "flow"
        for p, arr in held.items():
            if p.contains(period):
                if not flow:
                    return arr, ("in", id(arr))
                ratio = period.n_months / p.n_months
                token: Token = ("in", id(arr), ratio)
                return self._converted(
                    token, (arr,), functools.partial(np.multiply, arr, ratio)
                ), token
        inside = sorted((p for p in held if period.contains(p)), key=lambda p: p.sort_key)
        if inside and sum(p.n_months for p in inside) == period.n_months:
            if not flow:
                return held[inside[0]], ("in", id(held[inside[0]]))
            parts = tuple(held[p] for p in inside)

            def total() -> Array:
                out = parts[0]
                for part in parts[1:]:
                    out = out + part
                return out

            token = ("in", *(id(part) for part in parts))
            return self._converted(token, parts, total), token
        return self._default(variable, n), ("default", variable.name)

    def _converted(
        self, token: Token, sources: tuple[Array, ...], make: Callable[[], Array]
    ) -> Array:
        """A held input converted to another period (a month's share of a quarter's flow, a
        year's sum of its quarters), made once per simulation: every month of a quarter reads
        the same array. The entry holds its sources, so their identities stay theirs."""
        hit = self._conversions.get(token)
        if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
            return hit[1]
        arr = _frozen(make())
        self._conversions[token] = (sources, arr)
        return arr


@dataclass(frozen=True)
class _Joined:
    """A plan with a derivation alongside (``Simulation._alongside``)."""

    derived: Simulation
    plan: Plan
    theirs: dict[NodeKey, PlannedNode]  # the derivation's nodes, under their joint keys
    dirty: frozenset[NodeKey]  # the derivation's dirty nodes (original keys)
    tag: str  # appended to the name of a dirty node's key (and of the derivation's totals)
    requests: list[Request]  # the derivation's requests

    def joint(self, key: NodeKey) -> NodeKey:
        """A node's key in the plan, as the derivation reads it."""
        return _joint_key(key, self.dirty, self.tag)

    def roots(self) -> list[NodeKey]:
        return [k for r in self.requests for k in r.nodes]


def _joint_key(key: NodeKey, dirty: frozenset[NodeKey], tag: str) -> NodeKey:
    """A derivation's node in a joined plan: its own key when clean (the origin's node), else
    the key with ``tag`` appended to its name."""
    return (key[0] + tag, key[1]) if key in dirty else key


def _summed(request: Request) -> list[tuple[NodeKey, float]]:
    """The nodes a request's total adds up, each with its factor (``Simulation.totals``)."""
    if request.mode == "spread":
        return [(request.nodes[0], request.factor)]
    if request.mode == "sum":
        return [(k, 1.0) for k in request.nodes]
    return [(request.nodes[0], 1.0)]


class _Joint:
    """An execution's simulation that evaluates some planned nodes (``theirs``, by identity)
    by another one: both read and write the first one's arrays (``Simulation.compute_with``)."""

    def __init__(self, sim: Simulation, other: Simulation, theirs: frozenset[int]) -> None:
        self.threads = sim.threads
        self._store = sim._store
        self._tokens = sim._tokens
        self._explained = sim._explained
        self._sim = sim
        self._other = other
        self._theirs = theirs

    @property
    def origin_arrays(self) -> tuple[Mapping[NodeKey, Array], Mapping[NodeKey, Token]]:
        return self._sim.origin_arrays

    def _evaluate(
        self,
        node: PlannedNode,
        explain: bool,
        memo: dict[str, Memo] | None,
        lock: threading.Lock | None = None,
    ) -> tuple[Array, Token]:
        by = self._other if id(node) in self._theirs else self._sim
        return by._evaluate(node, explain, memo, lock)


def _combine(request: Request, arrays: list[Array]) -> Array:
    mode = request.mode
    if mode in ("exact", "first", "same"):
        return arrays[0]
    if mode == "spread":
        return arrays[0] * request.factor
    total = arrays[0].astype(np.float64) if arrays[0].dtype.kind == "b" else arrays[0]
    for a in arrays[1:]:
        total = total + a
    return total


def _frozen(arr: Array) -> Array:
    if arr.flags.writeable:
        arr = arr.view()
        arr.flags.writeable = False
    return arr


def _castable(source: np.dtype[Any], target: np.dtype[Any]) -> bool:
    if target.kind == "f":
        return source.kind in "fiub"
    if target.kind == "i":
        return source.kind in "iub"
    return source.kind == target.kind


def _enum_codes(variable: Variable, arr: Array, where: str) -> Array:
    uniq, inverse = np.unique(arr.astype(str), return_inverse=True)
    bad = [str(u) for u in uniq if str(u) not in variable.enum_values]
    if bad:
        raise PopulationError(f"{where}: unknown enum values {bad}")
    codes = np.array([variable.enum_code(str(u)) for u in uniq], dtype=np.int16)
    return codes[inverse]


def _check_result(variable: Variable, period: Period, result: Any, n: int) -> Array:
    arr = np.asarray(result)
    target = variable.numpy_dtype
    where = f"variable {variable.name!r} at {period}"
    if arr.ndim == 0:
        arr = np.full(n, arr, dtype=target)
    if arr.shape != (n,):
        raise FormulaError(f"{where}: formula returned shape {arr.shape}, expected ({n},)")
    if arr.dtype == target:
        return arr
    if target.kind == "b" and arr.dtype.kind != "b":
        raise FormulaError(f"{where}: a bool variable's formula must return booleans")
    if target.kind == "i" and arr.dtype.kind == "f":
        raise FormulaError(f"{where}: returned floats for an int variable; round explicitly")
    if not _castable(arr.dtype, target):
        raise FormulaError(f"{where}: returned dtype {arr.dtype}, expected {variable.dtype}")
    return arr.astype(target)
