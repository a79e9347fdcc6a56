"""The schema of parameter files, checked at load. Unknown keys are errors.

A parameter file is either a *leaf* (it has ``values``) or a *node* (it has none: its keys
other than the metadata keys are children, each a leaf or a node). A folder may hold an
``index.yaml`` with the folder's own metadata. The format is documented in
``engine/README.md``.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from mimosis.engine.errors import ParameterSchemaError
from mimosis.engine.metadata import Unit

SEGMENT = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
NODE_METADATA_KEYS = frozenset({"label", "reference", "description"})

Number = StrictInt | StrictFloat


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class LabelModel(_Strict):
    en: str = Field(min_length=1)
    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)


class ReferenceModel(_Strict):
    act: str = Field(min_length=1)
    article: str = Field(min_length=1)
    url: str | None = None
    note: str | None = None


class ValueEntryModel(_Strict):
    """A dated value; ``value: null`` means the parameter is not in force from that date."""

    start: date = Field(alias="from")
    value: StrictBool | StrictInt | StrictFloat | None
    reference: list[ReferenceModel] | None = None
    note: str | None = None


class ScaleEntryModel(_Strict):
    """A dated scale: thresholds with marginal ``rates`` or with one amount per bracket."""

    start: date = Field(alias="from")
    thresholds: list[Number] = Field(min_length=1)
    rates: list[Number] | None = None
    amounts: list[Number] | None = None
    reference: list[ReferenceModel] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _brackets(self) -> ScaleEntryModel:
        if (self.rates is None) == (self.amounts is None):
            raise ValueError("a scale entry has either 'rates' or 'amounts' (not both)")
        per_bracket = self.rates if self.rates is not None else self.amounts
        assert per_bracket is not None
        if len(per_bracket) != len(self.thresholds):
            raise ValueError("a scale entry needs as many rates/amounts as thresholds")
        if any(b <= a for a, b in zip(self.thresholds, self.thresholds[1:], strict=False)):
            raise ValueError("scale thresholds must be strictly increasing")
        return self


class IndexationModel(_Strict):
    """The stored amounts are base amounts; multiply by series coefficient / ``base_index``."""

    series: str
    base_index: Number = Field(gt=0)
    decimals: int | None = Field(default=None, ge=0, le=6)
    applies_to: list[Literal["thresholds", "amounts"]] | None = None

    @field_validator("series")
    @classmethod
    def _series_name(cls, v: str) -> str:
        if not SEGMENT.match(v):
            raise ValueError("series must be a snake_case file name in parameters/indices/")
        return v


class _ParameterBase(_Strict):
    label: LabelModel
    unit: Unit
    reference: list[ReferenceModel] = Field(min_length=1)
    description: str | None = None
    indexation: IndexationModel | None = None


def _check_sorted(starts: list[date]) -> None:
    if any(b <= a for a, b in itertools.pairwise(starts)):
        raise ValueError("'values' must be sorted by 'from', with no date twice")


class ValueParameterModel(_ParameterBase):
    type: Literal["value"] = "value"
    values: list[ValueEntryModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _sorted(self) -> ValueParameterModel:
        _check_sorted([e.start for e in self.values])
        if self.indexation is not None and self.indexation.applies_to is not None:
            raise ValueError("'indexation.applies_to' is only for scales")
        if self.unit == "bool" and any(
            e.value is not None and not isinstance(e.value, bool) for e in self.values
        ):
            raise ValueError("a parameter with unit 'bool' takes true/false values")
        return self


class ScaleParameterModel(_ParameterBase):
    """``unit`` is the unit of the thresholds; ``amount_unit`` that of the amounts."""

    type: Literal["scale"]
    amount_unit: Unit | None = None
    values: list[ScaleEntryModel] = Field(min_length=1)

    @model_validator(mode="after")
    def _sorted(self) -> ScaleParameterModel:
        _check_sorted([e.start for e in self.values])
        kinds = {e.rates is None for e in self.values}
        if len(kinds) > 1:
            raise ValueError("all entries of a scale use 'rates', or all use 'amounts'")
        if kinds == {True} and self.amount_unit is None:
            raise ValueError("a scale with 'amounts' must declare 'amount_unit'")
        if kinds == {False} and self.amount_unit is not None:
            raise ValueError("'amount_unit' is only for scales with 'amounts'")
        return self


class NodeModel(_Strict):
    """Metadata of a folder (``index.yaml``) or of a node file."""

    label: LabelModel | None = None
    reference: list[ReferenceModel] | None = None
    description: str | None = None


ParameterModel = ValueParameterModel | ScaleParameterModel


def format_validation_error(source: str, prefix: str, error: ValidationError) -> str:
    """One line per problem, naming the file and the key; never the offending value."""
    lines = []
    for err in error.errors(include_url=False, include_input=False):
        loc = ".".join(str(p) for p in (*([prefix] if prefix else []), *err["loc"]))
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(f"{source}: {loc or '<root>'}: {msg}")
    return "\n".join(lines)


def parse_leaf(raw: dict[str, Any], source: str, prefix: str = "") -> ParameterModel:
    kind = raw.get("type", "value")
    model: type[ParameterModel]
    if kind == "scale":
        model = ScaleParameterModel
    elif kind == "value":
        model = ValueParameterModel
    else:
        where = f"{prefix}.type" if prefix else "type"
        raise ParameterSchemaError(f"{source}: {where}: must be 'value' or 'scale'")
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        raise ParameterSchemaError(format_validation_error(source, prefix, e)) from None


def parse_node(raw: dict[str, Any], source: str, prefix: str = "") -> NodeModel:
    meta = {k: v for k, v in raw.items() if k in NODE_METADATA_KEYS}
    try:
        return NodeModel.model_validate(meta)
    except ValidationError as e:
        raise ParameterSchemaError(format_validation_error(source, prefix, e)) from None


def check_segment(name: str, source: Path | str) -> None:
    if not SEGMENT.match(name):
        raise ParameterSchemaError(
            f"{source}: {name!r} is not a valid parameter name (English snake_case)"
        )
