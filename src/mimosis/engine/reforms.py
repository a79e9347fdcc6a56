"""Reforms: parameter changes (YAML) and Python reforms that replace or add variables.

A reform turns a system into a new system. ``Simulation.derive(reform)`` compares the two
and recomputes only what the changes reach.

YAML format::

    name: higher_tax_free_amount
    description: Raise the tax-free amount to 12 000 EUR from 2026.
    changes:
      - path: income_tax.tax_free_amount
        from: 2026-01-01
        to: 2026-12-31        # optional, inclusive; without it the change is open-ended
        value: 12000          # a scale takes {thresholds: [...], rates|amounts: [...]}

For an indexed parameter the value is a base (non-indexed) amount, like in its file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mimosis.engine.errors import ParameterSchemaError, ReformError
from mimosis.engine.parameter_schema import format_validation_error
from mimosis.engine.parameters import coerce_value
from mimosis.engine.system import TaxBenefitSystem


class Reform(Protocol):
    """Anything with a name that turns a system into a new system."""

    @property
    def name(self) -> str: ...

    def apply(self, system: TaxBenefitSystem) -> TaxBenefitSystem: ...


@dataclass(frozen=True)
class ParameterChange:
    path: str
    start: date
    stop: date | None
    value: Any


@dataclass(frozen=True)
class ParameterReform:
    name: str
    description: str
    changes: tuple[ParameterChange, ...]
    source: str = "<memory>"

    def apply(self, system: TaxBenefitSystem) -> TaxBenefitSystem:
        tree = system.parameters
        for i, change in enumerate(self.changes):
            where = f"{self.source}: changes.{i}"
            if change.path not in tree.leaves:
                close = difflib.get_close_matches(change.path, list(tree.leaves), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ReformError(f"{where}.path: unknown parameter {change.path!r}{hint}")
            try:
                value = coerce_value(tree.leaves[change.path], change.value, f"{where}.value")
            except ParameterSchemaError as e:
                raise ReformError(str(e)) from None
            tree = tree.with_value(change.path, change.start, change.stop, value)
        return system.with_parameters(tree)


@dataclass(frozen=True)
class VariableReform:
    """A Python reform: ``transform(system)`` returns a new system, typically
    ``system.replace_variables([...])`` with new or modified variables."""

    name: str
    description: str
    transform: Callable[[TaxBenefitSystem], TaxBenefitSystem]

    def apply(self, system: TaxBenefitSystem) -> TaxBenefitSystem:
        new = self.transform(system)
        if not isinstance(new, TaxBenefitSystem):
            raise ReformError(f"reform {self.name!r} did not return a TaxBenefitSystem")
        return new


class _ChangeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str = Field(min_length=1)
    start: date = Field(alias="from")
    stop: date | None = Field(default=None, alias="to")
    value: Any

    @model_validator(mode="after")
    def _dates(self) -> _ChangeModel:
        if self.stop is not None and self.stop < self.start:
            raise ValueError("'to' is before 'from'")
        if self.value is None:
            raise ValueError("'value' is required")
        return self


class _ReformModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    description: str
    changes: list[_ChangeModel] = Field(min_length=1)


def reform_from_dict(data: Mapping[str, Any], source: str = "<memory>") -> ParameterReform:
    try:
        model = _ReformModel.model_validate(dict(data))
    except ValidationError as e:
        raise ReformError(format_validation_error(source, "", e)) from None
    changes = tuple(ParameterChange(c.path, c.start, c.stop, c.value) for c in model.changes)
    return ParameterReform(model.name, model.description, changes, source)


def load_reform(path: Path | str) -> ParameterReform:
    """Read and validate a YAML reform file (parameter paths are checked on ``apply``)."""
    file = Path(path)
    with file.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ReformError(f"{file}: a reform file holds a mapping")
    return reform_from_dict(data, str(file))
