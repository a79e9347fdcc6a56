"""Variables: declared with metadata, explicit dependencies and (dated) formulas.

A variable without a formula is an *input*: its values come from the population (or its
``default``). A formula is a plain function ``f(ctx) -> array`` (see ``context.Context``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from mimosis.engine.errors import VariableError
from mimosis.engine.metadata import (
    PERIODIC_MONEY,
    UNITS,
    Labels,
    Reference,
    coerce_references,
)
from mimosis.engine.periods import PERIOD_UNITS, Behaviour, Period, PeriodUnit

if TYPE_CHECKING:
    from mimosis.engine.context import Context

Array = npt.NDArray[Any]
Formula = Callable[["Context"], Any]
DType = Literal["float", "int", "bool", "enum"]
At = Literal["same", "month", "quarter", "year"]

NUMPY_DTYPES: dict[str, np.dtype[Any]] = {
    "float": np.dtype(np.float64),
    "int": np.dtype(np.int64),
    "bool": np.dtype(np.bool_),
    "enum": np.dtype(np.int16),
}
_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Dependency:
    """A variable read by a formula, and at which period relative to the formula's own.

    ``at``: ``same`` (the formula's period), or the ``month`` (first month), ``quarter`` or
    ``year`` containing the start of the formula's period; then shifted back ``lag`` units of
    that period. ``Dependency("income", at="year", lag=1)`` is "last year's income".
    """

    variable: str
    at: At = "same"
    lag: int = 0

    def __post_init__(self) -> None:
        if self.at not in ("same", "month", "quarter", "year"):
            raise VariableError(f"dependency {self.variable!r}: unknown 'at' {self.at!r}")
        if self.lag < 0:
            raise VariableError(f"dependency {self.variable!r}: lag must be >= 0 (no future)")

    @property
    def is_lagged(self) -> bool:
        return self.lag > 0

    def period_for(self, period: Period) -> Period:
        if self.at == "same":
            base = period
        elif self.at == "month":
            base = period.first_month
        elif self.at == "quarter":
            base = period.quarter
        else:
            base = period.year
        return base.offset(-self.lag) if self.lag else base

    def __str__(self) -> str:
        if self.at == "same" and not self.lag:
            return self.variable
        return f"{self.variable}@{self.at}" + (f"-{self.lag}" if self.lag else "")


def dep(variable: str, at: At = "same", lag: int = 0) -> Dependency:
    """Shorthand for ``Dependency``."""
    return Dependency(variable, at, lag)


class Variable:
    """A declared variable. Immutable, compared by identity: a reform that replaces a variable
    makes a new object, which is how derivation knows what changed.

    ``behaviour`` says how the value moves between periods: ``flow`` (summed over
    sub-periods, spread pro rata over a shorter period) or ``stock`` (same value over a
    shorter period, read at the first sub-period over a longer one).
    """

    __slots__ = (
        "_starts",
        "_versions",
        "behaviour",
        "default",
        "dependencies",
        "dtype",
        "entity",
        "enum_values",
        "label",
        "name",
        "parameters",
        "period_unit",
        "reference",
        "unit",
    )

    name: str
    entity: str
    period_unit: PeriodUnit
    dtype: DType
    unit: str | None
    label: Labels
    behaviour: Behaviour
    reference: tuple[Reference, ...]
    dependencies: tuple[Dependency, ...]
    parameters: tuple[str, ...]
    default: Any
    enum_values: tuple[str, ...]
    _starts: tuple[date, ...]
    _versions: tuple[Formula, ...]

    def __init__(
        self,
        name: str,
        *,
        entity: str,
        period_unit: PeriodUnit,
        dtype: DType,
        unit: str | None,
        label: Labels | Mapping[str, str],
        behaviour: Behaviour,
        reference: Iterable[Reference | Mapping[str, str]] = (),
        dependencies: Iterable[str | Dependency] = (),
        parameters: Iterable[str] = (),
        formula: Formula | None = None,
        formulas: Mapping[date, Formula] | None = None,
        default: Any = 0,
        enum_values: Iterable[str] = (),
    ) -> None:
        who = f"variable {name!r}"
        if not _NAME.match(name):
            raise VariableError(f"{who}: name must be English snake_case")
        if period_unit not in PERIOD_UNITS:
            raise VariableError(f"{who}: period_unit must be one of {PERIOD_UNITS}")
        if dtype not in NUMPY_DTYPES:
            raise VariableError(f"{who}: dtype must be one of {tuple(NUMPY_DTYPES)}")
        if behaviour not in ("flow", "stock"):
            raise VariableError(f"{who}: behaviour must be 'flow' or 'stock'")
        if formula is not None and formulas is not None:
            raise VariableError(f"{who}: give 'formula' or dated 'formulas', not both")
        versions: dict[date, Formula] = dict(formulas or {})
        if formula is not None:
            versions = {date.min: formula}
        if not all(callable(f) for f in versions.values()):
            raise VariableError(f"{who}: formulas must be callables f(ctx) -> array")
        ordered = sorted(versions.items())
        deps = tuple(d if isinstance(d, Dependency) else Dependency(d) for d in dependencies)
        params = tuple(parameters)
        if not versions and (deps or params):
            raise VariableError(f"{who}: an input variable (no formula) has no dependencies")
        try:
            np.asarray(default, dtype=NUMPY_DTYPES[dtype])
        except (TypeError, ValueError):
            raise VariableError(f"{who}: default does not fit dtype {dtype!r}") from None
        values: dict[str, Any] = {
            "name": name,
            "entity": entity,
            "period_unit": period_unit,
            "dtype": dtype,
            "unit": unit,
            "label": Labels.coerce(label, who),
            "behaviour": behaviour,
            "reference": coerce_references(reference, who),
            "dependencies": deps,
            "parameters": params,
            "default": default,
            "enum_values": tuple(enum_values),
            "_starts": tuple(d for d, _ in ordered),
            "_versions": tuple(f for _, f in ordered),
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)
        self._check_units(who)

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"variable {self.name!r} is immutable; declare a new one")

    def __repr__(self) -> str:
        return f"Variable({self.name!r}, entity={self.entity!r}, period_unit={self.period_unit!r})"

    def _check_units(self, who: str) -> None:
        if self.dtype == "enum":
            if self.unit is not None or len(self.enum_values) < 1:
                raise VariableError(f"{who}: an enum has unit None and declares enum_values")
            return
        if self.enum_values:
            raise VariableError(f"{who}: enum_values is only for dtype 'enum'")
        if self.unit not in UNITS:
            raise VariableError(f"{who}: unit must be one of {sorted(UNITS)}")
        if (self.dtype == "bool") != (self.unit == "bool"):
            raise VariableError(f"{who}: dtype 'bool' goes with unit 'bool' and only with it")
        per = PERIODIC_MONEY.get(self.unit)
        if per is not None and (per != self.period_unit or self.behaviour != "flow"):
            raise VariableError(
                f"{who}: unit {self.unit!r} is a flow per {per}; declare period_unit {per!r} "
                "and behaviour 'flow'"
            )

    @property
    def is_input(self) -> bool:
        return not self._versions

    @property
    def numpy_dtype(self) -> np.dtype[Any]:
        return NUMPY_DTYPES[self.dtype]

    def formula_at(self, when: date) -> Formula | None:
        """The formula version in force at ``when`` (None before the first version)."""
        i = -1
        for i_, start in enumerate(self._starts):
            if start > when:
                break
            i = i_
        return self._versions[i] if i >= 0 else None

    def enum_code(self, value: str) -> int:
        try:
            return self.enum_values.index(value)
        except ValueError:
            raise VariableError(f"variable {self.name!r} has no enum value {value!r}") from None

    def reads_parameter(self, path: str) -> bool:
        """True if ``path`` is one of the declared parameter paths or lies below one."""
        return any(path == p or path.startswith(p + ".") for p in self.parameters)

    def formulas(self) -> dict[date, Formula]:
        """The dated formula versions (``date.min`` for an undated formula)."""
        return dict(zip(self._starts, self._versions, strict=True))

    def evolve(self, **changes: Any) -> Variable:
        """A new variable equal to this one except for ``changes`` (for reforms)."""
        fields: dict[str, Any] = {
            "entity": self.entity,
            "period_unit": self.period_unit,
            "dtype": self.dtype,
            "unit": self.unit,
            "label": self.label,
            "behaviour": self.behaviour,
            "reference": self.reference,
            "dependencies": self.dependencies,
            "parameters": self.parameters,
            "default": self.default,
            "enum_values": self.enum_values,
        }
        if "formula" not in changes and "formulas" not in changes and self._versions:
            fields["formulas"] = self.formulas()
        fields.update(changes)
        return Variable(
            changes.pop("name", self.name), **{k: v for k, v in fields.items() if k != "name"}
        )
