"""Calibration targets of the synthetic source population: schema, loader and comparison.

The targets live in ``data/targets.yaml``: public Belgian statistics for the reference date
of the data (1 January 2015 for stocks, year 2015 for flows). The generator's ``--check``
computes the same statistics on the synthetic population and passes them to :func:`compare`.
All shares and rates are fractions in [0, 1], never percentages.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

DEFAULT_PATH = Path(__file__).parent / "data" / "targets.yaml"

Kind = Literal["share", "count", "mean", "quantile", "rate", "index"]
Status = Literal["V", "V3", "P", "D", "U"]
Unit = Literal["/1", "count", "person", "EUR/month", "EUR/year"]
FilterValue = str | int | float | bool | list[int | None] | list[str]

_FILE_KEYS = frozenset({"schema_version", "reference_date", "sources", "targets"})


class TargetsError(ValueError):
    """The targets file cannot be read or a target in it is malformed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Frozen):
    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    table: str | None = None


class Population(_Frozen):
    """What the statistic is computed over (the denominator), in words and as a filter the
    generator applies; ``subset`` is the numerator's extra condition for shares and rates."""

    description: str = Field(min_length=1)
    filter: dict[str, FilterValue]
    subset: dict[str, FilterValue] = Field(default_factory=dict)  # numerator of a share/rate


class Tolerance(_Frozen):
    kind: Literal["absolute", "relative"]
    value: float = Field(gt=0)
    reason: str = Field(min_length=1)

    def bound(self, target: float) -> float:
        """Largest accepted absolute difference from ``target``."""
        return self.value if self.kind == "absolute" else self.value * abs(target)


class Target(_Frozen):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
    label: str = Field(min_length=1)
    kind: Kind
    value: float
    unit: Unit
    population: Population
    tolerance: Tolerance
    year: int = Field(ge=2010, le=2025)
    reference_period: str = Field(min_length=1)
    quantile: float | None = Field(default=None, gt=0, lt=1)
    factor: float = Field(default=1.0, gt=0)
    source: Source
    status: Status
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if not math.isfinite(self.value):
            raise ValueError("value must be finite")
        if self.kind in ("share", "rate"):
            if self.unit != "/1":
                raise ValueError(f"a {self.kind} has unit '/1', not {self.unit!r}")
            if not 0.0 <= self.value <= 1.0:
                raise ValueError(f"a {self.kind} is a fraction in [0, 1], got {self.value}")
        if self.kind == "count" and (self.unit not in ("count", "person") or self.value < 0):
            raise ValueError("a count is non-negative with unit 'count' or 'person'")
        if (self.kind == "quantile") != (self.quantile is not None):
            raise ValueError("'quantile' (the probability) is given exactly for kind 'quantile'")
        if self.factor != 1.0 and self.kind != "quantile":
            raise ValueError("'factor' applies to quantiles only")
        return self


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(target)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def load_targets(path: Path | str | None = None) -> tuple[Target, ...]:
    """Read and validate the targets file; errors name the file and the target id."""
    file = Path(path) if path is not None else DEFAULT_PATH
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TargetsError(f"{file}: cannot read the targets file: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("targets"), list):
        raise TargetsError(f"{file}: expected a mapping with a 'targets' list")
    unknown = sorted(set(raw) - _FILE_KEYS)
    if unknown:
        raise TargetsError(f"{file}: unknown top-level keys {unknown}")
    targets: list[Target] = []
    seen: set[str] = set()
    for index, item in enumerate(raw["targets"]):
        name = item.get("id") if isinstance(item, dict) else None
        label = repr(name) if isinstance(name, str) else f"#{index + 1}"
        try:
            target = Target.model_validate(item)
        except ValidationError as exc:
            raise TargetsError(f"{file}: target {label}: {_describe(exc)}") from exc
        if target.id in seen:
            raise TargetsError(f"{file}: target {label}: duplicate id")
        seen.add(target.id)
        targets.append(target)
    if not targets:
        raise TargetsError(f"{file}: the 'targets' list is empty")
    return tuple(targets)


@dataclass(frozen=True, slots=True)
class Comparison:
    """One row of the generator's ``--check`` table."""

    id: str
    unit: str
    value: float
    observed: float | None
    difference: float | None
    bound: float
    within: bool
    status: str


def compare(targets: Iterable[Target], observed: Mapping[str, float]) -> list[Comparison]:
    """Compare observed statistics with the targets; a missing or NaN value is out of tolerance."""
    rows: list[Comparison] = []
    for target in targets:
        bound = target.tolerance.bound(target.value)
        got = observed.get(target.id)
        if got is None or not math.isfinite(got):
            rows.append(
                Comparison(
                    target.id, target.unit, target.value, got, None, bound, False, target.status
                )
            )
            continue
        difference = float(got) - target.value
        rows.append(
            Comparison(
                target.id,
                target.unit,
                target.value,
                float(got),
                difference,
                bound,
                abs(difference) <= bound,
                target.status,
            )
        )
    return rows


def format_comparisons(rows: Iterable[Comparison]) -> str:
    """Plain-text table of comparisons, one line per target, failures marked."""

    def num(x: float | None) -> str:
        if x is None:
            return "-"
        return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"

    header = f"{'id':<44} {'target':>12} {'observed':>12} {'diff':>12} {'bound':>10}  ok  status"
    lines = [header, "-" * len(header)]
    for r in rows:
        ok = "yes" if r.within else "NO "
        lines.append(
            f"{r.id:<44} {num(r.value):>12} {num(r.observed):>12} {num(r.difference):>12} "
            f"{num(r.bound):>10}  {ok} {r.status}"
        )
    return "\n".join(lines)
