"""The budget's programme registry (``data/programmes.yaml``): which simulated amounts are public
expenditure or revenue, and which level of government pays or receives them, by date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mimosis.errors import UserError

REGISTRY_FILE = Path(__file__).parent / "data" / "programmes.yaml"
Level = Literal["federal", "region", "community", "local"]
Kind = Literal["expenditure", "revenue"]


class RegistryError(UserError):
    """The programme registry file is malformed."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelFrom(_Strict):
    from_: date = Field(alias="from")
    level: Level


class ProgrammeSpec(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    variable: str
    less: tuple[str, ...] = ()
    label: str
    kind: Kind
    levels: tuple[LevelFrom, ...] = Field(min_length=1)
    reference: str

    def level_on(self, when: date) -> Level | None:
        """The level in force on ``when`` (None before the first entry)."""
        found: Level | None = None
        for entry in sorted(self.levels, key=lambda e: e.from_):
            if entry.from_ <= when:
                found = entry.level
        return found


class Registry(_Strict):
    programmes: tuple[ProgrammeSpec, ...]


def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        registry = Registry.model_validate(data)
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot read the programme registry: {exc}") from None
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RegistryError(f"{path}: invalid programme registry: {fields}") from None
    names = [p.name for p in registry.programmes]
    if len(set(names)) != len(names):
        raise RegistryError(f"{path}: a programme name is used twice")
    return registry


@dataclass(frozen=True)
class BudgetProgramme:
    """A registry entry resolved for a year: its level on 1 January... unless it changes in the
    year, in which case the level in force on 1 July (the middle of the year) is used."""

    name: str
    label: str
    variable: str
    less: tuple[str, ...]
    kind: Kind
    level: Level
    reference: str

    @property
    def variables(self) -> tuple[str, ...]:
        return (self.variable, *self.less)


def programmes_for(
    year: int, declared: Mapping[str, object], registry: Registry | None = None
) -> tuple[list[BudgetProgramme], list[str]]:
    """The programmes of ``year`` whose variables the system declares, and the names of those
    skipped (variable not declared, or no level in force)."""
    reg = registry or load_registry()
    kept: list[BudgetProgramme] = []
    skipped: list[str] = []
    mid_year = date(year, 7, 1)
    for spec in reg.programmes:
        level = spec.level_on(mid_year)
        if level is None or any(v not in declared for v in (spec.variable, *spec.less)):
            skipped.append(spec.name)
            continue
        kept.append(
            BudgetProgramme(
                spec.name, spec.label, spec.variable, spec.less, spec.kind, level, spec.reference
            )
        )
    return kept, skipped


def budget_variables(programmes: Sequence[BudgetProgramme]) -> list[str]:
    """Every variable the budget needs, once, in registry order."""
    seen: dict[str, None] = {}
    for p in programmes:
        for v in p.variables:
            seen.setdefault(v, None)
    return list(seen)
