"""Parameters: a tree of dated, referenced values loaded from YAML, and snapshots at a date.

``load_parameters(folder)`` reads every ``*.yaml`` below ``folder``; a file's dotted path is
its folder path plus its stem (``income_tax/tax_free_amount.yaml`` ->
``income_tax.tax_free_amount``), plus the keys of a node file. Index series live in
``indices/<name>.yaml`` (path ``indices.<name>``). ``tree.at(date)`` returns an immutable
``ParameterSnapshot`` (cached per date) in which indexed amounts are already multiplied by the
coefficient in force.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from mimosis.engine.errors import ParameterError, ParameterSchemaError
from mimosis.engine.metadata import Labels, Reference
from mimosis.engine.parameter_schema import (
    NODE_METADATA_KEYS,
    ParameterModel,
    ReferenceModel,
    ScaleParameterModel,
    check_segment,
    parse_leaf,
    parse_node,
)
from mimosis.engine.scales import Scale, scale_from_mapping

log = logging.getLogger(__name__)

ParamValue = float | int | bool | Scale
INDICES = "indices"
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    start: date
    value: ParamValue | None  # None: not in force from ``start``
    references: tuple[Reference, ...] | None = None
    note: str | None = None


@dataclass(frozen=True)
class Indexation:
    series: str
    base_index: float
    decimals: int | None = None
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class ParameterLeaf:
    """One parameter: metadata plus its dated entries (sorted by start date)."""

    path: str
    label: Labels
    unit: str
    references: tuple[Reference, ...]
    entries: tuple[Entry, ...]
    kind: str = "value"  # "value" | "scale"
    indexation: Indexation | None = None
    amount_unit: str | None = None
    description: str | None = None
    source: str = "<memory>"
    _starts: tuple[date, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(e.start for e in self.entries))

    def entry_at(self, when: date) -> Entry | None:
        i = bisect.bisect_right(self._starts, when) - 1
        return self.entries[i] if i >= 0 else None


@dataclass(frozen=True)
class ParameterNode:
    path: str
    label: Labels | None = None
    references: tuple[Reference, ...] = ()
    description: str | None = None
    source: str = "<memory>"


@dataclass(frozen=True)
class ParameterUse:
    """A parameter as a formula read it: for explanations."""

    path: str
    value: ParamValue
    unit: str
    references: tuple[Reference, ...]
    at: date

    def render_value(self) -> str:
        return self.value.describe() if isinstance(self.value, Scale) else f"{self.value!r}"


_Date = date


class ParameterSnapshot:
    """Immutable values of every parameter in force at one date."""

    __slots__ = ("_absent", "_values", "date", "tree")
    _values: Mapping[str, ParamValue]
    _absent: Mapping[str, str]

    tree: ParameterTree
    date: _Date

    def __init__(self, tree: ParameterTree, when: _Date) -> None:
        object.__setattr__(self, "tree", tree)
        object.__setattr__(self, "date", when)
        values: dict[str, ParamValue] = {}
        absent: dict[str, str] = {}
        for path, leaf in tree.leaves.items():
            resolved = tree.resolve(leaf, when)
            if isinstance(resolved, str):
                absent[path] = resolved
            else:
                values[path] = resolved
        object.__setattr__(self, "_values", MappingProxyType(values))
        object.__setattr__(self, "_absent", MappingProxyType(absent))

    def __setattr__(self, key: str, value: object) -> None:
        raise AttributeError("a parameter snapshot is immutable")

    def __getitem__(self, path: str) -> ParamValue:
        try:
            return self._values[path]
        except KeyError:
            if path in self._absent:
                raise ParameterError(
                    f"parameter {path!r} on {self.date}: {self._absent[path]}"
                ) from None
            raise ParameterError(f"unknown parameter {path!r} (a leaf path is needed)") from None

    def __contains__(self, path: object) -> bool:
        return path in self._values

    def get(self, path: str) -> ParamValue | None:
        """The value, or None if the parameter is unknown or not in force."""
        return self._values.get(path)

    def use(self, path: str) -> ParameterUse:
        leaf = self.tree.leaf(path)
        entry = leaf.entry_at(self.date)
        refs = entry.references if entry is not None and entry.references else leaf.references
        return ParameterUse(path, self[path], leaf.unit, refs, self.date)


class ParameterTree:
    """Every parameter leaf and node, by dotted path. Immutable; changes make a new tree."""

    def __init__(self, leaves: Mapping[str, ParameterLeaf], nodes: Mapping[str, ParameterNode]):
        self.leaves: Mapping[str, ParameterLeaf] = MappingProxyType(dict(leaves))
        self.nodes: Mapping[str, ParameterNode] = MappingProxyType(dict(nodes))
        self._snapshots: dict[date, ParameterSnapshot] = {}
        self._check_indexation()

    def _check_indexation(self) -> None:
        for leaf in self.leaves.values():
            if leaf.indexation is None:
                continue
            series = self.leaves.get(f"{INDICES}.{leaf.indexation.series}")
            if series is None or series.unit != "index":
                raise ParameterSchemaError(
                    f"{leaf.source}: indexation.series: no index series "
                    f"{leaf.indexation.series!r} (expected {INDICES}/"
                    f"{leaf.indexation.series}.yaml with unit 'index')"
                )

    def at(self, when: date) -> ParameterSnapshot:
        snap = self._snapshots.get(when)
        if snap is None:
            snap = self._snapshots[when] = ParameterSnapshot(self, when)
        return snap

    def leaf(self, path: str) -> ParameterLeaf:
        try:
            return self.leaves[path]
        except KeyError:
            raise ParameterError(f"unknown parameter {path!r}") from None

    def has_path(self, path: str) -> bool:
        """True if ``path`` names a leaf or a node (folder, file or key of a node file)."""
        return path in self.leaves or path in self.nodes

    def leaves_under(self, path: str) -> Iterator[str]:
        prefix = path + "."
        return (p for p in self.leaves if p == path or p.startswith(prefix))

    def resolve(self, leaf: ParameterLeaf, when: date) -> ParamValue | str:
        """The value in force at ``when`` (indexed if declared), or why there is none."""
        entry = leaf.entry_at(when)
        if entry is None:
            return f"not in force before {leaf.entries[0].start}"
        if entry.value is None:
            return f"not in force since {entry.start}"
        if leaf.indexation is None:
            return entry.value
        idx = leaf.indexation
        series = self.leaves[f"{INDICES}.{idx.series}"]
        coef_entry = series.entry_at(when)
        if coef_entry is None or not isinstance(coef_entry.value, int | float):
            return f"index series {idx.series!r} has no coefficient at this date"
        coefficient = float(coef_entry.value) / idx.base_index
        if isinstance(entry.value, Scale):
            amounts_by = coefficient if "amounts" in idx.applies_to else 1.0
            thresholds_by = coefficient if "thresholds" in idx.applies_to else 1.0
            return entry.value.scaled(thresholds_by, amounts_by, idx.decimals)
        value = float(entry.value) * coefficient
        return value if idx.decimals is None else round(value, idx.decimals)

    def with_value(
        self, path: str, start: date, stop: date | None, value: ParamValue
    ) -> ParameterTree:
        """A new tree where ``path`` takes ``value`` from ``start`` (to ``stop`` inclusive)."""
        leaf = self.leaf(path)
        after = None if stop is None else leaf.entry_at(stop + timedelta(days=1))
        kept = [e for e in leaf.entries if e.start < start or (stop is not None and e.start > stop)]
        kept.append(Entry(start, value, None, "reform"))
        if stop is not None:
            resume = stop + timedelta(days=1)
            if not any(e.start == resume for e in kept):
                restored = after.value if after is not None else None
                refs = after.references if after is not None else None
                kept.append(Entry(resume, restored, refs, None))
        new_leaf = replace(leaf, entries=tuple(sorted(kept, key=lambda e: e.start)))
        leaves = dict(self.leaves)
        leaves[path] = new_leaf
        return ParameterTree(leaves, self.nodes)

    def changed_leaves(self, other: ParameterTree) -> frozenset[str]:
        """Leaf paths whose definition differs between the two trees (incl. via indexation)."""
        paths = set(self.leaves) | set(other.leaves)
        changed = {p for p in paths if self.leaves.get(p) is not other.leaves.get(p)}
        series = {p.removeprefix(f"{INDICES}.") for p in changed if p.startswith(f"{INDICES}.")}
        for p, leaf in other.leaves.items():
            if leaf.indexation is not None and leaf.indexation.series in series:
                changed.add(p)
        return frozenset(changed)


# -- loading ------------------------------------------------------------------------------
def load_parameters(folder: Path | str) -> ParameterTree:
    """Load and validate every parameter file below ``folder``."""
    root = Path(folder)
    if not root.is_dir():
        raise ParameterSchemaError(f"parameter folder {root} does not exist")
    leaves: dict[str, ParameterLeaf] = {}
    nodes: dict[str, ParameterNode] = {}
    for file in sorted(root.rglob("*")):
        if file.is_dir() or file.suffix not in (".yaml", ".yml"):
            continue
        if file.suffix == ".yml":
            raise ParameterSchemaError(f"{file}: parameter files end in '.yaml'")
        rel = file.relative_to(root)
        folders = list(rel.parts[:-1])
        for seg in folders:
            check_segment(seg, file)
        with file.open(encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_Loader)  # noqa: S506 - SafeLoader / CSafeLoader
        if not isinstance(raw, dict):
            raise ParameterSchemaError(f"{file}: a parameter file holds a mapping")
        if file.stem == "index":
            path = ".".join(folders)
            nodes[path] = _node(path, parse_node(raw, str(file)), str(file))
            if set(raw) - NODE_METADATA_KEYS:
                extra = sorted(set(raw) - NODE_METADATA_KEYS)
                raise ParameterSchemaError(f"{file}: unknown keys {extra} in a folder index")
            continue
        check_segment(file.stem, file)
        _add(raw, [*folders, file.stem], str(file), leaves, nodes)
    for path in list(leaves):  # folders are nodes too, even without index.yaml
        parts = path.split(".")
        for i in range(1, len(parts)):
            nodes.setdefault(".".join(parts[:i]), ParameterNode(".".join(parts[:i])))
    clash = sorted(set(leaves) & set(nodes))
    if clash:
        raise ParameterSchemaError(f"{root}: {clash[0]!r} is both a parameter and a folder/node")
    log.debug("loaded %d parameters from %s", len(leaves), root)
    return ParameterTree(leaves, nodes)


def parameters_from_dict(data: Mapping[str, Any], source: str = "<memory>") -> ParameterTree:
    """Build a tree from nested mappings in the file format (for tests and tools)."""
    leaves: dict[str, ParameterLeaf] = {}
    nodes: dict[str, ParameterNode] = {}
    for key, raw in data.items():
        check_segment(key, source)
        if not isinstance(raw, dict):
            raise ParameterSchemaError(f"{source}: {key}: expected a mapping")
        _add(raw, [key], source, leaves, nodes)
    return ParameterTree(leaves, nodes)


def _add(
    raw: dict[str, Any],
    parts: list[str],
    source: str,
    leaves: dict[str, ParameterLeaf],
    nodes: dict[str, ParameterNode],
) -> None:
    path = ".".join(parts)
    if path in leaves or path in nodes:
        raise ParameterSchemaError(f"{source}: parameter {path!r} is defined twice")
    if "values" in raw:
        leaves[path] = _leaf(path, parse_leaf(raw, source, prefix=""), source)
        return
    nodes[path] = _node(path, parse_node(raw, source), source)
    for key, child in raw.items():
        if key in NODE_METADATA_KEYS:
            continue
        check_segment(key, source)
        if not isinstance(child, dict):
            raise ParameterSchemaError(
                f"{source}: {key}: unknown key (a node's children are parameters or nodes)"
            )
        _add(child, [*parts, key], source, leaves, nodes)


def _refs(models: list[ReferenceModel] | None) -> tuple[Reference, ...] | None:
    if models is None:
        return None
    return tuple(Reference(m.act, m.article, m.url, m.note) for m in models)


def _leaf(path: str, model: ParameterModel, source: str) -> ParameterLeaf:
    label = Labels(model.label.en, model.label.nl, model.label.fr)
    entries: list[Entry] = []
    if isinstance(model, ScaleParameterModel):
        for s in model.values:
            scale = scale_from_mapping(s.model_dump())
            entries.append(Entry(s.start, scale, _refs(s.reference), s.note))
        default_applies: tuple[str, ...] = ("thresholds",)
    else:
        for v in model.values:
            entries.append(Entry(v.start, v.value, _refs(v.reference), v.note))
        default_applies = ()
    indexation = None
    if model.indexation is not None:
        ix = model.indexation
        applies = tuple(ix.applies_to) if ix.applies_to is not None else default_applies
        indexation = Indexation(ix.series, float(ix.base_index), ix.decimals, applies)
    return ParameterLeaf(
        path=path,
        label=label,
        unit=model.unit,
        references=_refs(model.reference) or (),
        entries=tuple(entries),
        kind=model.type,
        indexation=indexation,
        amount_unit=getattr(model, "amount_unit", None),
        description=model.description,
        source=source,
    )


def _node(path: str, model: Any, source: str) -> ParameterNode:
    label = None if model.label is None else Labels(model.label.en, model.label.nl, model.label.fr)
    return ParameterNode(path, label, _refs(model.reference) or (), model.description, source)


def coerce_value(leaf: ParameterLeaf, value: Any, where: str) -> ParamValue:
    """Check a replacement value (reforms) against the leaf's kind and unit."""
    if leaf.kind == "scale":
        if isinstance(value, Scale):
            return value
        if not isinstance(value, dict) or set(value) - {"thresholds", "rates", "amounts"}:
            raise ParameterSchemaError(f"{where}: a scale value is {{thresholds, rates|amounts}}")
        try:
            return scale_from_mapping(value)
        except (KeyError, ValueError, TypeError) as e:
            raise ParameterSchemaError(f"{where}: invalid scale ({e})") from None
    if leaf.unit == "bool":
        if not isinstance(value, bool):
            raise ParameterSchemaError(f"{where}: parameter {leaf.path!r} takes true/false")
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterSchemaError(f"{where}: parameter {leaf.path!r} takes a number")
    return value
