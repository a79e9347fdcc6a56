"""Case files: load and validate, build the population, compute, compare with expectations.

The format is documented in docs/case-format.md (and docs/legislation-guide.md). A file holds
one case (a mapping) or several (a list of mappings). Validation is strict: unknown keys,
unknown variables, wrong roles, bad periods and broken links are errors that name the file,
the case and the field (``CaseFileError``, a ``UserError``).

``calculate(case, period)`` is the household calculator behind ``mimosis calc``;
``check_case(case)`` compares a case's ``expected`` values with the computed ones (the
legislation tests, ``tests/legislation/test_cases.py``).
"""

from __future__ import annotations

import difflib
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mimosis.engine import (
    PERSON,
    EngineError,
    Period,
    Simulation,
    TaxBenefitSystem,
    Variable,
    explain,
)
from mimosis.errors import UserError
from mimosis.legislation.entities import HOUSEHOLD
from mimosis.legislation.population import HouseholdSpec, PersonSpec, population_from_households

log = logging.getLogger(__name__)
Scalar = bool | int | float | str
Value = Scalar | dict[str, Scalar]
HOUSEHOLD_KEY = "household"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe, in C when available


class CaseFileError(UserError):
    """A case file is unreadable or invalid; the message names the file, case and field."""


class CaseComputationError(UserError):
    """A valid case could not be computed (e.g. a parameter not in force at the period)."""


# -- schema ------------------------------------------------------------------------------------
class PersonModel(BaseModel):
    """A person: ``id``, ``role``, optional links; every other key is an input variable."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_\-]+$")
    role: Literal["head", "partner", "child", "other"]
    partner: str | None = None
    dependant_of: str | None = None

    def inputs(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    period: str
    source: str = Field(min_length=1)
    description: str | None = None
    household: dict[str, Value] = Field(default_factory=dict)
    persons: list[PersonModel] = Field(min_length=1)
    expected: dict[str, dict[str, Value]] = Field(default_factory=dict)
    tolerance: float = Field(default=0.01, ge=0)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, v: Any) -> str:
        text = str(v)
        try:
            Period.parse(text)
        except EngineError as e:
            raise ValueError(str(e)) from None
        return text


@dataclass(frozen=True)
class Case:
    """A validated case."""

    name: str
    period: Period
    source: str
    household: HouseholdSpec
    expected: Mapping[str, Mapping[str, Value]]
    tolerance: float
    file: str = "<memory>"
    description: str | None = None

    @property
    def person_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.household.persons)

    @property
    def where(self) -> str:
        return f"{self.file}: case {self.name!r}"


# -- loading -----------------------------------------------------------------------------------
def _stringify_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _suggest(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _format(where: str, error: ValidationError) -> str:
    lines = []
    for err in error.errors(include_url=False, include_input=False):
        loc = ".".join(str(p) for p in err["loc"]) or "<root>"
        msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        lines.append(f"{where}: {loc}: {msg}")
    return "\n".join(lines)


def load_case_file(path: Path | str, system: TaxBenefitSystem | None = None) -> list[Case]:
    """Every case of a file (a mapping or a list of mappings), validated against ``system``."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as e:
        raise CaseFileError(f"{file}: cannot read the case file ({e.strerror})") from None
    try:
        raw = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise CaseFileError(f"{file}: not valid YAML{at}") from None
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(i, dict) for i in items):
        raise CaseFileError(f"{file}: a case file holds a case (mapping) or a list of cases")
    cases = [parse_case(item, str(file), system, position=i) for i, item in enumerate(items)]
    names = [c.name for c in cases]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise CaseFileError(f"{file}: case names must be unique; repeated: {twice}")
    return cases


def parse_case(
    data: Mapping[str, Any],
    file: str = "<memory>",
    system: TaxBenefitSystem | None = None,
    *,
    position: int = 0,
) -> Case:
    """A validated ``Case`` from a mapping in the case format."""
    if system is None:
        from mimosis.legislation.system import default_system

        system = default_system()
    label = data.get("name") if isinstance(data.get("name"), str) else f"#{position + 1}"
    where = f"{file}: case {label!r}"
    try:
        model = CaseModel.model_validate(_stringify_keys(dict(data)))
    except ValidationError as e:
        raise CaseFileError(_format(where, e)) from None
    _check_structure(model, where)
    variables = system.variables
    persons = []
    for i, p in enumerate(model.persons):
        inputs = p.inputs()
        inputs = _check_inputs(inputs, variables, PERSON, f"{where}: persons[{i}] ({p.id})")
        if "birth_year" not in inputs:
            raise CaseFileError(f"{where}: persons[{i}] ({p.id}): birth_year is required")
        if p.role == "child" and "is_dependent_child" not in inputs:
            inputs["is_dependent_child"] = True  # a household child is dependent unless said
        persons.append(PersonSpec(p.id, p.role, inputs, p.partner, p.dependant_of))
    household = _check_inputs(model.household, variables, HOUSEHOLD.name, f"{where}: household")
    _check_overrides([p.inputs for p in persons], variables, where)
    _check_expected(model, variables, where)
    return Case(
        name=model.name,
        period=Period.parse(model.period),
        source=model.source,
        household=HouseholdSpec(persons, household),
        expected=model.expected,
        tolerance=model.tolerance,
        file=file,
        description=model.description,
    )


def _check_structure(model: CaseModel, where: str) -> None:
    ids = [p.id for p in model.persons]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise CaseFileError(f"{where}: persons: ids must be unique; repeated: {twice}")
    if HOUSEHOLD_KEY in ids:
        raise CaseFileError(f"{where}: persons: {HOUSEHOLD_KEY!r} is reserved, not a person id")
    roles = [p.role for p in model.persons]
    if roles.count("head") != 1:
        raise CaseFileError(f"{where}: persons: exactly one person has role 'head'")
    if roles.count("partner") > 1:
        raise CaseFileError(f"{where}: persons: at most one person has role 'partner'")
    for i, p in enumerate(model.persons):
        for key in ("partner", "dependant_of"):
            target = getattr(p, key)
            if target is not None and (target not in ids or target == p.id):
                raise CaseFileError(
                    f"{where}: persons[{i}] ({p.id}).{key}: {target!r} is not another person "
                    f"of the household{_suggest(target, ids)}"
                )


def _absent_programme(name: str, variables: Mapping[str, Variable]) -> str | None:
    """The programme an unknown input belongs to by its prefix, if that programme is absent."""
    from mimosis.legislation.system import PROGRAMMES

    for programme in PROGRAMMES:
        prefix = programme.name + "_"
        if name.startswith(prefix) and not any(v.startswith(prefix) for v in variables):
            return programme.name
    return None


def _check_inputs(
    inputs: Mapping[str, Any], variables: Mapping[str, Variable], entity: str, where: str
) -> dict[str, Any]:
    """The inputs, checked; those of a programme absent from the system are left out (so a
    case works with any subset of programmes), any other unknown name is an error."""
    kept: dict[str, Any] = {}
    for name, value in inputs.items():
        variable = variables.get(name)
        absent = _absent_programme(name, variables) if variable is None else None
        if absent is not None:
            log.warning("%s: %s ignored (programme %s is not in the system)", where, name, absent)
            continue
        if variable is None:
            raise CaseFileError(
                f"{where}: unknown input variable {name!r}{_suggest(name, list(variables))}"
            )
        if variable.entity != entity:
            raise CaseFileError(
                f"{where}: {name!r} is a variable of the {variable.entity}, not of the {entity}"
            )
        _check_value(value, variable, f"{where}.{name}")
        kept[name] = value
    return kept


def _check_value(value: Any, variable: Variable, where: str) -> None:
    values = value.items() if isinstance(value, dict) else [(None, value)]
    for key, v in values:
        if key is not None:
            try:
                Period.parse(key)
            except EngineError as e:
                raise CaseFileError(f"{where}: {e}") from None
        if v is None or isinstance(v, list | dict):
            raise CaseFileError(f"{where}: give one value (or a mapping period: value)")
        if variable.dtype == "enum" and v not in variable.enum_values:
            raise CaseFileError(
                f"{where}: unknown value; expected one of {list(variable.enum_values)}"
            )
        if variable.dtype == "bool" and not isinstance(v, bool):
            raise CaseFileError(f"{where}: give true or false")
        if variable.dtype in ("int", "float") and (
            isinstance(v, bool) or not isinstance(v, int | float)
        ):
            raise CaseFileError(f"{where}: give a number")


def _check_overrides(
    inputs: Sequence[Mapping[str, Any]], variables: Mapping[str, Variable], where: str
) -> None:
    """A computed variable given as an input replaces the formula for the whole case: every
    person must then give it (otherwise the others would silently get the default)."""
    given = [set(i) for i in inputs]
    for name in sorted(set().union(*given)):
        if not variables[name].is_input and not all(name in g for g in given):
            raise CaseFileError(
                f"{where}: {name!r} is computed; to override it, give it for every person"
            )


def _check_expected(model: CaseModel, variables: Mapping[str, Variable], where: str) -> None:
    ids = [p.id for p in model.persons]
    for subject, values in model.expected.items():
        if subject != HOUSEHOLD_KEY and subject not in ids:
            raise CaseFileError(
                f"{where}: expected.{subject}: not a person id nor 'household'"
                f"{_suggest(subject, [*ids, HOUSEHOLD_KEY])}"
            )
        for name, value in values.items():
            variable = variables.get(name)
            at = f"{where}: expected.{subject}.{name}"
            if variable is None:
                raise CaseFileError(f"{at}: unknown variable{_suggest(name, list(variables))}")
            if subject == HOUSEHOLD_KEY and variable.entity != HOUSEHOLD.name:
                raise CaseFileError(
                    f"{at}: a variable of the {variable.entity}; give it under a person id"
                )
            _check_value(value, variable, at)


# -- computing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Computed:
    """One variable over one period: a value per member of its entity."""

    variable: Variable
    period: Period
    values: tuple[Any, ...]
    error: str | None = None


@dataclass(frozen=True)
class CaseResult:
    """What ``calculate`` returns: the case, the period, and every computed variable.

    ``members[entity]`` lists, per group of the entity, the ids of its members (for persons:
    each person alone), in the order of ``Computed.values``.
    """

    case: Case
    period: Period
    computed: dict[str, Computed]
    members: dict[str, tuple[tuple[str, ...], ...]]
    explanations: list[tuple[str, str]] = field(default_factory=list)

    def value(self, subject: str, variable: str) -> Any:
        """The value for a person id (a group variable: the person's group) or 'household'."""
        c = self.computed[variable]
        if c.error is not None:
            raise CaseComputationError(f"{self.case.where}: {variable}: {c.error}")
        entity = c.variable.entity
        target = self.case.person_ids[0] if subject == HOUSEHOLD_KEY else subject
        for i, ids in enumerate(self.members[entity]):
            if target in ids:
                return c.values[i]
        raise CaseComputationError(f"{self.case.where}: no subject {subject!r}")


def natural_period(variable: Variable, period: Period) -> Period:
    """``period``, or the period of the variable's own unit containing it if that is longer."""
    months = {"month": 1, "quarter": 3, "year": 12}[variable.period_unit]
    return period.containing(variable.period_unit) if months > period.n_months else period


def _simulation(case: Case, system: TaxBenefitSystem, period: Period) -> Simulation:
    try:
        population = population_from_households([case.household], system.variables, period)
    except EngineError as e:
        raise CaseFileError(f"{case.where}: {e}") from None
    return Simulation(system, population)


def _members(sim: Simulation, ids: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {PERSON: tuple((i,) for i in ids)}
    for name, group in sim.population.groups.items():
        out[name] = tuple(
            tuple(ids[j] for j in np.flatnonzero(group.index == g)) for g in range(group.n_groups)
        )
    return out


def _shown(variable: Variable, values: Any) -> tuple[Any, ...]:
    if variable.dtype == "enum":
        return tuple(variable.enum_values[int(c)] for c in values)
    return tuple(values.tolist())


def _compute(
    sim: Simulation, names: Sequence[str], period: Period, explained: bool
) -> dict[str, Computed]:
    system = sim.system
    by_period: dict[Period, list[str]] = {}
    for name in names:
        by_period.setdefault(natural_period(system.variable(name), period), []).append(name)
    out: dict[str, Computed] = {}
    for at, group in by_period.items():
        try:
            arrays = sim.compute(group, at, explain=explained)
        except EngineError:
            arrays = {}
            for name in group:  # one by one, to report which variable fails
                try:
                    arrays.update(sim.compute([name], at, explain=explained))
                except EngineError as e:
                    out[name] = Computed(system.variable(name), at, (), str(e))
        for name, arr in arrays.items():
            variable = system.variable(name)
            out[name] = Computed(variable, at, _shown(variable, arr))
    return out


def calculate(
    case: Case | Path | str,
    period: Period | str | None = None,
    *,
    variables: Sequence[str] | None = None,
    explain_variable: str | None = None,
    system: TaxBenefitSystem | None = None,
) -> CaseResult:
    """Compute every variable (or ``variables``) of a case over ``period`` (default: the
    case's). A variable with a longer period than ``period`` (a yearly tax for a month) is
    computed over its own period containing ``period``. ``explain_variable`` adds the engine's
    trace (inputs, parameters with values and references, intermediates) for each member."""
    if system is None:
        from mimosis.legislation.system import default_system

        system = default_system()
    if not isinstance(case, Case):
        cases = load_case_file(case, system)
        if len(cases) != 1:
            names = [c.name for c in cases]
            raise CaseFileError(f"{case}: holds {len(cases)} cases {names}; calculate takes one")
        case = cases[0]
    try:
        at = case.period if period is None else Period.coerce(period)
    except EngineError as e:
        raise CaseFileError(f"--period: {e}") from None
    names = list(system.variables) if variables is None else list(variables)
    for name in [*names, *([explain_variable] if explain_variable else [])]:
        if name not in system.variables:
            raise CaseFileError(
                f"unknown variable {name!r}{_suggest(name, list(system.variables))}"
            )
    sim = _simulation(case, system, at)
    computed = _compute(sim, names, at, explained=explain_variable is not None)
    members = _members(sim, case.person_ids)
    result = CaseResult(case, at, computed, members)
    if explain_variable is not None:
        variable = system.variable(explain_variable)
        when = natural_period(variable, at)
        if explain_variable not in computed:
            _compute(sim, [explain_variable], at, explained=True)
        for i, ids in enumerate(members[variable.entity]):
            try:
                text = explain(sim, explain_variable, when, entity=variable.entity, index=i)
                result.explanations.append((", ".join(ids), text.render()))
            except EngineError as e:
                result.explanations.append((", ".join(ids), f"cannot explain: {e}"))
    return result


# -- checking ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mismatch:
    subject: str
    variable: str
    period: Period
    expected: Any
    actual: Any

    def __str__(self) -> str:
        where = f"{self.subject}.{self.variable} [{self.period}]"
        return f"{where}: expected {self.expected}, got {self.actual}"


def _expectations(case: Case) -> list[tuple[str, str, Period, Scalar]]:
    out: list[tuple[str, str, Period, Scalar]] = []
    for subject, values in case.expected.items():
        for name, value in values.items():
            if isinstance(value, dict):
                out.extend((subject, name, Period.parse(k), v) for k, v in value.items())
            else:
                out.append((subject, name, case.period, value))
    return out


def _matches(expected: Scalar, actual: Any, tolerance: float) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool | str):
        return bool(expected == actual)
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isfinite(actual) and abs(actual - expected) <= tolerance + 1e-9
    return False


def check_case(case: Case, system: TaxBenefitSystem | None = None) -> list[Mismatch]:
    """The expected values of ``case`` that the computation does not reproduce."""
    if system is None:
        from mimosis.legislation.system import default_system

        system = default_system()
    sim = _simulation(case, system, case.period)
    members = _members(sim, case.person_ids)
    mismatches = []
    for subject, name, period, expected in _expectations(case):
        variable = system.variable(name)
        try:
            arr = sim.compute([name], period)[name]
        except EngineError as e:
            raise CaseComputationError(f"{case.where}: {name} [{period}]: {e}") from None
        shown = _shown(variable, arr)
        target = case.person_ids[0] if subject == HOUSEHOLD_KEY else subject
        i = next(k for k, ids in enumerate(members[variable.entity]) if target in ids)
        if not _matches(expected, shown[i], case.tolerance):
            mismatches.append(Mismatch(subject, name, period, expected, shown[i]))
    return mismatches
