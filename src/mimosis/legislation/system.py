"""The Belgian tax-benefit system: the programmes, listed explicitly, and their parameters.

``build_system()`` imports each programme package lazily (nothing is built at import time)
and collects its ``variables()``; the shared inputs (``inputs.py``) and the income
aggregates (``income.py``) are always there. A programme contributes to net income through
``IncomeComponent`` entries: those listed with it below, or those its package returns from
an optional ``income_components()`` function.

While the programmes are being written, a programme that is missing or does not build is
skipped with a logged warning so the others can be tested (``strict=False``, the default);
``strict=True`` turns that into an error.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

import mimosis
from mimosis.engine import (
    EngineError,
    ParameterSchemaError,
    ParameterTree,
    TaxBenefitSystem,
    Variable,
    load_parameters,
    parameters_from_dict,
)
from mimosis.legislation import income, inputs
from mimosis.legislation.entities import ENTITIES
from mimosis.legislation.income import IncomeComponent

log = logging.getLogger(__name__)

PARAMETERS_FOLDER = Path(mimosis.__file__).parent / "parameters"
INDICES = "indices"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe, in C when available


@dataclass(frozen=True)
class Programme:
    """A programme package (``mimosis.legislation.<name>``) and its net-income components."""

    name: str
    income_components: tuple[IncomeComponent, ...] = ()


def _c(variable: str, kind: income.Kind) -> IncomeComponent:
    return IncomeComponent(variable, kind)


#: the shared inputs that are incomes of persons
SHARED_COMPONENTS: tuple[IncomeComponent, ...] = (
    _c("employee_gross_wage", "income"),
    _c("self_employed_net_income", "income"),
    _c("pension_gross", "income"),
    _c("other_replacement_income_gross", "income"),
)

#: the programmes, in dependency order (a programme may read the ones before it)
PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "social_contributions",
        (
            _c("employee_social_contributions", "deduction"),
            _c("special_social_security_contribution", "deduction"),
        ),
    ),
    Programme("work_bonus", (_c("work_bonus_social", "reduction"),)),
    Programme("self_employed", (_c("self_employed_social_contributions", "deduction"),)),
    Programme("income_tax", (_c("personal_income_tax", "deduction"),)),
    Programme("unemployment", (_c("unemployment_benefit", "income"),)),
    Programme("social_assistance", (_c("integration_income", "income"),)),
)


class ProgrammeError(EngineError):
    """A programme package is missing or does not declare its variables properly."""


@lru_cache(maxsize=2)
def load_belgian_parameters(strict: bool = True) -> ParameterTree:
    """Every parameter file below ``src/mimosis/parameters/`` (loaded once per process).

    ``strict=False``: if a file is invalid, the top-level folders that load are kept and the
    broken ones are skipped with a logged warning (while programmes are being written).
    """
    try:
        return load_parameters(PARAMETERS_FOLDER)
    except EngineError as e:
        if strict:
            raise
        log.warning("parameters do not load (%s); skipping the broken folders", e)
        return _load_folder_by_folder(PARAMETERS_FOLDER)


def _load_folder_by_folder(root: Path) -> ParameterTree:
    data: dict[str, Any] = {}
    broken: set[str] = set()
    for file in sorted(root.rglob("*.yaml")):
        parts = file.relative_to(root).parts
        top = parts[0] if len(parts) > 1 else file.stem
        try:
            raw = yaml.load(file.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
        except (OSError, yaml.YAMLError):
            broken.add(top)
            continue
        if not isinstance(raw, dict):
            broken.add(top)
            continue
        node = data
        for folder in parts[:-1]:
            node = node.setdefault(folder, {})
        if file.stem == "index":
            node.update(raw)
        else:
            node[file.stem] = raw
    indices = data.get(INDICES, {})
    good: dict[str, Any] = {}
    for top, sub in data.items():
        trial = {top: sub} if top == INDICES else {INDICES: indices, top: sub}
        try:
            if top in broken:
                raise ParameterSchemaError(f"{root / top}: a file is not valid YAML")
            parameters_from_dict(trial, source=str(root / top))
        except EngineError as e:
            log.warning("parameters of %s skipped: %s", top, e)
            continue
        good[top] = sub
    return parameters_from_dict(good, source=str(root))


def _import(name: str) -> ModuleType | None:
    package = f"mimosis.legislation.{name}"
    try:
        return importlib.import_module(package)
    except ModuleNotFoundError as e:
        if e.name == package:
            return None
        raise


def _programme_variables(module: ModuleType) -> list[Variable]:
    """``variables()`` of the package, or of its ``variables`` module."""
    found = getattr(module, "variables", None)
    if isinstance(found, ModuleType) or found is None:
        try:
            found = importlib.import_module(f"{module.__name__}.variables").variables
        except (ModuleNotFoundError, AttributeError):
            found = None
    if not callable(found):
        raise ProgrammeError(f"{module.__name__} exposes no variables() function")
    declared = list(found())
    if not all(isinstance(v, Variable) for v in declared):
        raise ProgrammeError(f"{module.__name__}.variables() returned something not a Variable")
    return declared


def _components(module: ModuleType, programme: Programme) -> tuple[IncomeComponent, ...]:
    own = getattr(module, "income_components", None)
    if callable(own):
        return tuple(c if isinstance(c, IncomeComponent) else IncomeComponent(*c) for c in own())
    return programme.income_components


def _assemble(
    parts: Sequence[tuple[str, list[Variable], tuple[IncomeComponent, ...]]],
    parameters: ParameterTree,
    strict: bool,
) -> TaxBenefitSystem:
    shared = {v.name: v for v in inputs.variables()}
    own_vars: list[Variable] = []
    components = list(SHARED_COMPONENTS)
    for name, variables, own in parts:
        own_vars.extend(variables)
        names = {v.name for v in variables}
        for c in own:
            if c.variable in names or c.variable in shared:
                components.append(c)
            elif strict:
                raise ProgrammeError(f"{name}: income component {c.variable!r} is not declared")
            else:
                log.warning("%s: income component %r not declared yet; skipped", name, c.variable)
    # a programme may take over a shared input (the pensions programme computing
    # pension_gross); two programmes declaring the same variable is an error of the system
    replaced = {v.name for v in own_vars} & set(shared)
    for name in sorted(replaced):
        log.debug("shared input %s is computed by a programme", name)
    base = [v for v in shared.values() if v.name not in replaced]
    declared = {v.name: v for v in [*base, *own_vars]}
    all_vars = [*base, *own_vars, *income.variables(components, declared)]
    return TaxBenefitSystem(ENTITIES, all_vars, parameters)


def build_system(
    programmes: Sequence[str] | None = None,
    *,
    parameters: ParameterTree | None = None,
    strict: bool = False,
) -> TaxBenefitSystem:
    """The system of the given programmes (default: every programme of ``PROGRAMMES``)."""
    known = {p.name: p for p in PROGRAMMES}
    names = [p.name for p in PROGRAMMES] if programmes is None else list(programmes)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ProgrammeError(f"unknown programmes {unknown}; known: {sorted(known)}")
    tree = load_belgian_parameters(strict) if parameters is None else parameters
    parts: list[tuple[str, list[Variable], tuple[IncomeComponent, ...]]] = []
    for name in names:
        try:
            module = _import(name)
            if module is None:
                if strict:
                    raise ProgrammeError(f"programme package {name!r} does not exist")
                log.warning("programme %s does not exist yet; skipped", name)
                continue
            parts.append((name, _programme_variables(module), _components(module, known[name])))
        except (EngineError, ImportError, TypeError, ValueError) as e:
            if strict:
                raise
            log.warning("programme %s does not load (%s); skipped", name, e)
    try:
        return _assemble(parts, tree, strict)
    except EngineError:
        if strict:
            raise
    # keep each programme that builds together with the ones accepted before it
    accepted: list[tuple[str, list[Variable], tuple[IncomeComponent, ...]]] = []
    for part in parts:
        try:
            _assemble([*accepted, part], tree, strict)
        except EngineError as e:
            log.warning("programme %s does not build (%s); skipped", part[0], e)
            continue
        accepted.append(part)
    return _assemble(accepted, tree, strict)


@lru_cache(maxsize=1)
def default_system() -> TaxBenefitSystem:
    """The full system (built once per process)."""
    return build_system()
