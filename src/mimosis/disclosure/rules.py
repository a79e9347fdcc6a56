"""Output disclosure control as pure functions: a table in, a released table out.

Every cell is published, rounded, or suppressed, and carries the rule that decided it. The
thresholds live in ``policy.yaml`` beside this module (one place, signed off by the
access-control officer); nothing here holds a number of its own.
"""

from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mimosis.errors import UserError
from mimosis.indicators.tables import Cell, Statistic, StatTable

POLICY_FILE = Path(__file__).with_name("policy.yaml")


class PolicyError(UserError):
    """The disclosure policy file is malformed."""


class Dominance(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    n: int = Field(ge=1, le=2)  # cells carry their two largest contributions
    k: float = Field(gt=0, le=1)


class Policy(BaseModel):
    """The disclosure-control policy (see policy.yaml for the meaning of each field)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_persons: int = Field(ge=1)
    min_households: int = Field(ge=1)
    rounding_base: int = Field(ge=1)
    threshold_on_rounded_count: bool
    dominance: tuple[Dominance, ...]
    p_percent: float | None = Field(default=None, gt=0, lt=1)
    quantile_min_persons: int = Field(ge=1)
    class_disclosure: Literal["flag", "suppress"]
    amount_decimals: int = Field(ge=0, le=4)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


def load_policy(path: Path | None = None) -> Policy:
    """Read and check a policy file (the package's own by default)."""
    source = path or POLICY_FILE
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        return Policy.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        msg = f"{source}: cannot read the disclosure policy: {exc}"
        raise PolicyError(msg) from None
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        msg = f"{source}: invalid disclosure policy: {fields}"
        raise PolicyError(msg) from None


@functools.cache
def default_policy() -> Policy:
    return load_policy()


class Status(StrEnum):
    PUBLISHED = "published"
    ROUNDED = "rounded"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class ReleasedCell:
    """A cell as it may leave: its value (None when suppressed), status, deciding rule, flags."""

    value: float | None
    status: Status
    rule: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReleasedTable:
    name: str
    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], ReleasedCell]
    row_label: str
    unit: str
    notes: tuple[str, ...]
    policy: str  # fingerprint of the policy applied

    def value(self, row: str, column: str) -> float | None:
        return self.cells[(row, column)].value


def round_half_up(value: float, base: float) -> float:
    return math.floor(value / base + 0.5) * base


Finding = tuple[str, str] | None  # (rule, reason) when a rule suppresses the cell


def _no_extremes(cell: Cell, policy: Policy) -> Finding:
    if cell.statistic in (Statistic.MINIMUM, Statistic.MAXIMUM):
        return "no-extremes", "minima and maxima are never published"
    return None


def _small_group(cell: Cell, policy: Policy) -> Finding:
    persons = cell.n_persons
    if policy.threshold_on_rounded_count:
        persons = int(round_half_up(persons, policy.rounding_base))
    if persons < policy.min_persons:
        return "min-persons", f"fewer than {policy.min_persons} persons"
    if cell.n_households < policy.min_households:
        return "min-households", f"fewer than {policy.min_households} households"
    return None


def _small_quantile(cell: Cell, policy: Policy) -> Finding:
    if cell.statistic is Statistic.QUANTILE and cell.n_persons < policy.quantile_min_persons:
        return "small-quantile", f"quantile from fewer than {policy.quantile_min_persons} persons"
    return None


def _dominated(cell: Cell, policy: Policy) -> Finding:
    if cell.statistic not in (Statistic.SUM, Statistic.MEAN) or cell.total <= 0:
        return None
    tops = (cell.top1, cell.top1 + cell.top2)
    for rule in policy.dominance:
        if tops[rule.n - 1] > rule.k * cell.total:
            reason = f"the {rule.n} largest contributions exceed {rule.k:.0%} of the total"
            return f"dominance-{rule.n}-{round(rule.k * 100)}", reason
    if policy.p_percent is not None and cell.total - cell.top1 - cell.top2 < (
        policy.p_percent * cell.top1
    ):
        return "p-percent", f"the rest is below {policy.p_percent:.0%} of the largest"
    return None


def _class_disclosure(cell: Cell, policy: Policy) -> Finding:
    if policy.class_disclosure == "suppress" and cell.group_share in (0.0, 1.0):
        return "class-disclosure", "0 % or 100 % of the group"
    return None


PRIMARY_RULES = (_no_extremes, _small_group, _small_quantile, _dominated, _class_disclosure)


def _primary(cell: Cell, policy: Policy) -> Finding:
    """The first rule that suppresses this cell on its own, with the reason; None if none."""
    for rule in PRIMARY_RULES:
        finding = rule(cell, policy)
        if finding is not None:
            return finding
    return None


def _publish(cell: Cell, policy: Policy) -> ReleasedCell:
    flags: tuple[str, ...] = ()
    if cell.group_share is not None and cell.group_share in (0.0, 1.0):
        flags = ("class-disclosure: 0 % or 100 % of the group",)
    if cell.statistic is Statistic.COUNT:
        value = round_half_up(cell.value, policy.rounding_base)
        return ReleasedCell(
            value, Status.ROUNDED, f"count rounded to {policy.rounding_base}", flags
        )
    if cell.statistic in (Statistic.SUM, Statistic.MEAN, Statistic.QUANTILE):
        value = round(cell.value, policy.amount_decimals)
        return ReleasedCell(value, Status.ROUNDED, "amount rounded", flags)
    return ReleasedCell(round(cell.value, 4), Status.PUBLISHED, "passes every rule", flags)


ADDITIVE = (Statistic.COUNT, Statistic.SUM)


def _secondary(table: StatTable, suppressed: dict[tuple[str, str], str]) -> None:
    """Where a column adds up to its total row, one suppressed cell in the column could be
    recovered by subtraction: suppress the smallest other cell too, until no column has exactly
    one suppressed cell."""
    if table.total_row is None:
        return
    for column in table.columns:
        line = list(table.rows)
        if table.cells[(line[0], column)].statistic not in ADDITIVE:
            continue
        while sum((row, column) in suppressed for row in line) == 1:
            candidates = [row for row in line if (row, column) not in suppressed]
            smallest = min(candidates, key=lambda row: table.cells[(row, column)].n_persons)
            suppressed[(smallest, column)] = "secondary"


def release_table(table: StatTable, policy: Policy | None = None) -> ReleasedTable:
    """Apply primary and secondary suppression, rounding and flags to every cell."""
    policy = policy or default_policy()
    suppressed: dict[tuple[str, str], str] = {}
    reasons: dict[tuple[str, str], str] = {}
    for row, column, cell in table:
        primary = _primary(cell, policy)
        if primary is not None:
            suppressed[(row, column)], reasons[(row, column)] = primary
    _secondary(table, suppressed)
    cells: dict[tuple[str, str], ReleasedCell] = {}
    for row, column, cell in table:
        key = (row, column)
        if key in suppressed:
            rule = suppressed[key]
            reason = reasons.get(key, "would reveal a suppressed cell through the total")
            cells[key] = ReleasedCell(None, Status.SUPPRESSED, f"{rule}: {reason}")
        else:
            cells[key] = _publish(cell, policy)
    return ReleasedTable(
        name=table.name,
        title=table.title,
        rows=table.rows,
        columns=table.columns,
        cells=cells,
        row_label=table.row_label,
        unit=table.unit,
        notes=table.notes,
        policy=policy.fingerprint,
    )
