"""Executing a plan: each node computed once its dependencies are, intermediates freed as soon
as nothing planned still reads them, outputs added up as they come (``Simulation.totals``).

With ``Simulation.threads`` > 1 (and no explanation asked), ready nodes are evaluated by that
many threads: numpy does its array work outside the interpreter lock, so two CPUs work on two
nodes. The earliest ready node in plan order goes first, so memory follows the sequential
frontier; storing, freeing and adding up happen under one lock; results are the same whatever
the number of threads (a node is reused from the previous period only when its inputs are
identical, whichever thread evaluated that one).
"""

from __future__ import annotations

import heapq
import logging
import os
import threading
from collections import Counter
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from mimosis.engine.parameters import ParamValue
from mimosis.engine.planner import NodeKey, Plan, PlannedNode
from mimosis.engine.variables import Formula

log = logging.getLogger(__name__)
Array = npt.NDArray[Any]
FloatArray = npt.NDArray[np.float64]
#: plans smaller than this run in the calling thread (starting threads would dominate)
PARALLEL_MIN_NODES = 64


def threads_from_env(name: str, default: int) -> int:
    """A thread count from the environment variable ``name`` (a positive integer), else
    ``default``."""
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


#: tells two computed arrays apart without comparing them: equal tokens, equal values
Token = tuple[Any, ...]
#: progress(nodes done, nodes planned)
NodeProgress = Callable[[int, int], None]


@dataclass(slots=True)
class Memo:
    """The last evaluation of a variable in one execution: if the next node of the same
    variable has the same formula, dependency tokens and parameter values, and the formula did
    not read its period, its result is this one (computed once for months that do not differ)."""

    formula: Formula
    deps: tuple[Token, ...]
    params: tuple[tuple[str, ParamValue], ...]
    period_read: bool
    token: Token
    array: Array


@dataclass(slots=True)
class Sink:
    """Where a produced node is added up (``Simulation.totals``)."""

    output: str
    factor: float


def add_to(acc: dict[str, FloatArray], sinks: list[Sink], arr: Array) -> None:
    for sink in sinks:
        part = arr * sink.factor if sink.factor != 1.0 else arr
        if sink.output in acc:
            acc[sink.output] += part
        else:
            acc[sink.output] = np.array(part, dtype=np.float64)


@dataclass(slots=True)
class _Sum:
    """A sum node being added up (``planner``): its parts in order, the next one due, the parts
    that came early, the running total and the parts' tokens."""

    parts: tuple[NodeKey, ...]
    cursor: int = 0
    early: dict[NodeKey, tuple[Array, Token]] = field(default_factory=dict)
    total: Array | None = None
    tokens: list[Token] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, key: NodeKey, arr: Array, token: Token) -> None:
        """Add ``key``'s array, in the parts' order (a part that comes early waits), so that
        the sum does not depend on the order nodes finish in."""
        with self.lock:
            self.early[key] = (arr, token)
            while self.cursor < len(self.parts) and self.parts[self.cursor] in self.early:
                part, part_token = self.early.pop(self.parts[self.cursor])
                if self.total is None:  # a private copy, in float for booleans (as _combine)
                    self.total = part.astype(np.float64 if part.dtype.kind == "b" else part.dtype)
                else:
                    self.total += part
                self.tokens.append(part_token)
                self.cursor += 1

    def result(self) -> tuple[Array, Token]:
        with self.lock:
            total, self.total = self.total, None
        assert total is not None and self.cursor == len(self.parts)
        total.flags.writeable = False
        return total, ("sum", *self.tokens)


class Executing(Protocol):
    """What an execution needs of its simulation (``Simulation`` provides it)."""

    threads: int
    _store: MutableMapping[NodeKey, Array]
    _tokens: MutableMapping[NodeKey, Token]
    _explained: dict[NodeKey, PlannedNode]

    @property
    def origin_arrays(self) -> tuple[Mapping[NodeKey, Array], Mapping[NodeKey, Token]]: ...

    def _evaluate(
        self,
        node: PlannedNode,
        explain: bool,
        memo: dict[str, Memo] | None,
        lock: threading.Lock | None = None,
    ) -> tuple[Array, Token]: ...


class Execution:
    """One execution of a plan by a simulation."""

    def __init__(
        self,
        sim: Executing,
        plan: Plan,
        pinned: set[NodeKey],
        explain: bool,
        *,
        sinks: Mapping[NodeKey, list[Sink]] | None,
        acc: dict[str, FloatArray] | None,
        progress: NodeProgress | None,
    ) -> None:
        self.sim = sim
        self.nodes = list(plan.nodes.items())
        self.pinned = pinned
        self.explain = explain
        self.sinks = sinks if sinks is not None and acc is not None else None
        self.acc = acc if acc is not None else {}
        # outputs are added up in plan order whatever the order nodes finish in, so that
        # floating-point sums do not depend on the threads: per output, the plan positions
        # of its nodes, the next one due, and the parts that came early
        self.due: dict[str, list[int]] = {}
        self.cursor: dict[str, int] = {}
        self.early: dict[str, dict[int, list[tuple[Array, float]]]] = {}
        self.progress = progress
        self.remaining = dict(plan.consumers)
        self.shared, self.shared_tokens = sim.origin_arrays
        # an origin seen on some households slices what it lends: not under the lock
        self.lends_cheaply = isinstance(self.shared, dict)
        self.memo: dict[str, Memo] | None = None if explain else {}
        self.left = Counter(k[0] for k, n in self.nodes if n.kind == "formula")
        self.total = len(self.nodes)
        self.step = max(1, self.total // 100)
        self.done = 0
        self.freed = 0
        # parallel state
        self.position = {key: i for i, (key, _) in enumerate(self.nodes)}
        self.consumers_of: dict[NodeKey, list[NodeKey]] = {}
        self.waiting: dict[NodeKey, int] = {}
        self.ready: list[int] = []
        self.lock = threading.Lock()
        self.turn = threading.Condition(self.lock)
        self.failures: list[BaseException] = []
        # sum nodes: each one's state, and the sums each node is a part of
        self.sums = {k: _Sum(n.deps) for k, n in self.nodes if n.kind == "sum"}
        self.feeds: dict[NodeKey, list[_Sum]] = {}
        for total in self.sums.values():
            for part in total.parts:
                self.feeds.setdefault(part, []).append(total)

    def run(self) -> None:
        if self.sinks is not None:
            for key, node_sinks in self.sinks.items():
                if key not in self.position:
                    continue
                for sink in node_sinks:
                    self.due.setdefault(sink.output, []).append(self.position[key])
            for output, positions in self.due.items():
                self.due[output] = sorted(set(positions))
                self.cursor[output] = 0
                self.early[output] = {}
        threads = self.sim.threads
        if threads > 1 and not self.explain and self.total >= PARALLEL_MIN_NODES:
            self._parallel(threads)
        else:
            for key, node in self.nodes:
                arr, token = self._value(key, node, None)
                self._feed(key, arr, token)
                self._commit(key, node, arr, token)
        log.debug("executed %d nodes, freed %d", self.total, self.freed)

    def _value(
        self, key: NodeKey, node: PlannedNode, lock: threading.Lock | None
    ) -> tuple[Array, Token]:
        store, tokens = self.sim._store, self.sim._tokens
        if node.kind == "available":
            if key in store:
                return store[key], tokens[key]
            return self.shared[key], self.shared_tokens[key]  # the very same array object
        if node.kind == "sum":
            if self.explain:
                self.sim._explained[key] = node
            return self.sums[key].result()
        result = self.sim._evaluate(node, self.explain, self.memo, lock)
        if self.explain:
            self.sim._explained[key] = node
        return result

    def _commit(self, key: NodeKey, node: PlannedNode, arr: Array, token: Token) -> None:
        store, tokens = self.sim._store, self.sim._tokens
        store[key], tokens[key] = arr, token
        if node.kind == "formula" and self.memo is not None:
            self.left[key[0]] -= 1
            if self.left[key[0]] == 0:
                self.memo.pop(key[0], None)
        if node.kind != "sum":  # a sum's parts were released as they were added
            for d in node.deps:
                self._release(d)
        if self.sinks is not None and key in self.sinks:
            self._add_in_order(key, arr)
        for _ in self.feeds.get(key, ()):
            self.remaining[key] -= 1  # added to its sum (``_feed``): that reader is done
        if self.remaining[key] == 0 and key not in self.pinned and key in store:
            del store[key], tokens[key]  # nothing reads it but sums and totals
            self.freed += 1
        for consumer in self.consumers_of.get(key, ()):
            self.waiting[consumer] -= 1
            if self.waiting[consumer] == 0:
                heapq.heappush(self.ready, self.position[consumer])
        self.done += 1
        if self.progress is not None and (self.done % self.step == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    def _release(self, key: NodeKey) -> None:
        """One reader of ``key`` is done; freed when none is left (unless pinned)."""
        self.remaining[key] -= 1
        if self.remaining[key] == 0 and key not in self.pinned:
            del self.sim._store[key], self.sim._tokens[key]
            self.freed += 1

    def _feed(self, key: NodeKey, arr: Array, token: Token) -> None:
        """Add a computed node to the sums it is a part of (outside the execution's lock)."""
        for total in self.feeds.get(key, ()):
            total.add(key, arr, token)

    def _add_in_order(self, key: NodeKey, arr: Array) -> None:
        assert self.sinks is not None
        position = self.position[key]
        for sink in self.sinks[key]:
            self.early[sink.output].setdefault(position, []).append((arr, sink.factor))
        for output in {sink.output for sink in self.sinks[key]}:
            due, early = self.due[output], self.early[output]
            while self.cursor[output] < len(due) and due[self.cursor[output]] in early:
                for part, factor in early.pop(due[self.cursor[output]]):
                    add_to(self.acc, [Sink(output, factor)], part)
                self.cursor[output] += 1

    def _parallel(self, threads: int) -> None:
        for key, node in self.nodes:
            self.waiting[key] = len(node.deps)
            for d in node.deps:
                self.consumers_of.setdefault(d, []).append(key)
        self.ready = [self.position[key] for key, _ in self.nodes if self.waiting[key] == 0]
        heapq.heapify(self.ready)
        workers = [threading.Thread(target=self._work, daemon=True) for _ in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if self.failures:
            raise self.failures[0]

    def _work(self) -> None:
        turn = self.turn
        while True:
            with turn:
                while not self.ready and self.done < self.total and not self.failures:
                    turn.wait()
                if self.failures or self.done >= self.total:
                    return
                key, node = self.nodes[heapq.heappop(self.ready)]
                if node.kind == "available" and self.lends_cheaply and key not in self.feeds:
                    arr, token = self._value(key, node, None)
                    self._commit(key, node, arr, token)
                    turn.notify_all()
                    continue
            try:
                arr, token = self._value(key, node, self.lock)
                self._feed(key, arr, token)
            except BaseException as exc:  # handed to the calling thread
                with turn:
                    self.failures.append(exc)
                    turn.notify_all()
                return
            with turn:
                self._commit(key, node, arr, token)
                turn.notify_all()
