"""The Belgian tax-benefit system: the programmes, listed explicitly, and their parameters.

``build_system()`` imports each programme package lazily (nothing is built at import time)
and collects its ``variables()``; the shared inputs (``inputs.py``), the taxable
replacement-income aggregates (``replacement.py``) and the income aggregates (``income.py``)
are always there. A programme contributes to net income through ``IncomeComponent`` entries:
those listed with it below, or those its package returns from an optional
``income_components()`` function. It contributes to the taxable replacement incomes through
``ReplacementIncome`` entries listed with it, or through the names its package returns from
an optional ``taxable_replacement_income_components()`` (of the programme's
``replacement_kind``).

``build_system()`` is strict: a programme that is missing or does not build is an error.
``strict=False`` skips it with a logged warning instead (to test one programme while another
is broken).
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
from mimosis.legislation import income, inputs, replacement
from mimosis.legislation.entities import ENTITIES
from mimosis.legislation.income import IncomeComponent
from mimosis.legislation.replacement import ReplacementIncome

log = logging.getLogger(__name__)

PARAMETERS_FOLDER = Path(mimosis.__file__).parent / "parameters"
INDICES = "indices"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # safe, in C when available


@dataclass(frozen=True)
class Programme:
    """A programme package (``mimosis.legislation.<name>``), its net-income components and
    its taxable replacement incomes."""

    name: str
    income_components: tuple[IncomeComponent, ...] = ()
    replacement_incomes: tuple[ReplacementIncome, ...] = ()
    #: the kind of the names returned by the package's taxable_replacement_income_components()
    replacement_kind: replacement.Kind = "other"


def _c(variable: str, kind: income.Kind) -> IncomeComponent:
    return IncomeComponent(variable, kind)


def _r(variable: str, kind: replacement.Kind) -> ReplacementIncome:
    return ReplacementIncome(variable, kind)


#: the shared inputs that are incomes of persons (``pension_income``: the observed pension,
#: or the simulated one when the pensions programme is present)
SHARED_COMPONENTS: tuple[IncomeComponent, ...] = (
    _c("employee_gross_wage", "income"),
    _c("self_employed_net_income", "income"),
    _c("pension_income", "income"),
    _c("other_replacement_income_gross", "income"),
)

#: the shared inputs that are taxable pensions and replacement incomes
SHARED_REPLACEMENT_INCOMES: tuple[ReplacementIncome, ...] = (
    _r("pension_income", "pension"),
    _r("other_replacement_income_gross", "other"),
)

#: the programmes, in dependency order (a programme reads only the ones before it): the
#: pensions, then the other replacement incomes (which the taxable replacement-income
#: aggregates of replacement.py sum), then everything that reads those aggregates
PROGRAMMES: tuple[Programme, ...] = (
    Programme("pensions"),
    Programme("work_accidents", replacement_kind="other"),
    Programme("occupational_diseases", replacement_kind="other"),
    Programme(
        "unemployment",
        (_c("unemployment_benefit", "income"),),
        (
            _r("unemployment_benefit", "unemployment"),
            _r("unemployment_income_guarantee_allowance", "unemployment"),
        ),
    ),
    Programme("sickness_invalidity", replacement_kind="sickness_invalidity"),
    Programme("maternity", replacement_kind="sickness_invalidity"),
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
    Programme("income_guarantee_elderly"),
    Programme("disability"),
    Programme("social_assistance", (_c("integration_income", "income"),)),
    Programme("increased_reimbursement"),
    Programme("child_benefits"),
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


def _replacement_incomes(module: ModuleType, programme: Programme) -> tuple[ReplacementIncome, ...]:
    own = getattr(module, "taxable_replacement_income_components", None)
    if callable(own):
        return tuple(
            c if isinstance(c, ReplacementIncome) else _r(c, programme.replacement_kind)
            for c in own()
        )
    return programme.replacement_incomes


#: what a programme brings: its name, variables, net-income components, replacement incomes
Part = tuple[str, list[Variable], tuple[IncomeComponent, ...], tuple[ReplacementIncome, ...]]


def _declared_only(
    name: str, wanted: Sequence[Any], names: set[str], shared: dict[str, Variable], strict: bool
) -> list[Any]:
    kept = []
    for c in wanted:
        if c.variable in names or c.variable in shared:
            kept.append(c)
        elif strict:
            raise ProgrammeError(f"{name}: component {c.variable!r} is not declared")
        else:
            log.warning("%s: component %r not declared yet; skipped", name, c.variable)
    return kept


def _assemble(parts: Sequence[Part], parameters: ParameterTree, strict: bool) -> TaxBenefitSystem:
    shared = {v.name: v for v in inputs.variables()}
    own_vars: list[Variable] = []
    components = list(SHARED_COMPONENTS)
    replacements = list(SHARED_REPLACEMENT_INCOMES)
    for name, variables, own, repl in parts:
        own_vars.extend(variables)
        names = {v.name for v in variables}
        components.extend(_declared_only(name, own, names, shared, strict))
        replacements.extend(_declared_only(name, repl, names, shared, strict))
    # a programme may take over a shared variable (the pensions programme computing
    # pension_income); two programmes declaring the same variable is an error of the system
    replaced = {v.name for v in own_vars} & set(shared)
    for name in sorted(replaced):
        log.debug("shared variable %s is computed by a programme", name)
    base = [v for v in shared.values() if v.name not in replaced]
    declared = {v.name: v for v in [*base, *own_vars]}
    aggregates = replacement.variables(replacements, declared)
    declared.update({v.name: v for v in aggregates})
    all_vars = [*base, *own_vars, *aggregates, *income.variables(components, declared)]
    return TaxBenefitSystem(ENTITIES, all_vars, parameters)


def build_system(
    programmes: Sequence[str] | None = None,
    *,
    parameters: ParameterTree | None = None,
    strict: bool = True,
) -> TaxBenefitSystem:
    """The system of the given programmes (default: every programme of ``PROGRAMMES``).

    ``strict`` (the default): a missing programme, one that does not build, a parameter file
    that does not load, or a declared component that does not exist is an error. With
    ``strict=False`` each is skipped with a logged warning.
    """
    known = {p.name: p for p in PROGRAMMES}
    names = [p.name for p in PROGRAMMES] if programmes is None else list(programmes)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ProgrammeError(f"unknown programmes {unknown}; known: {sorted(known)}")
    tree = load_belgian_parameters(strict) if parameters is None else parameters
    parts: list[Part] = []
    for name in names:
        try:
            module = _import(name)
            if module is None:
                if strict:
                    raise ProgrammeError(f"programme package {name!r} does not exist")
                log.warning("programme %s does not exist yet; skipped", name)
                continue
            parts.append(
                (
                    name,
                    _programme_variables(module),
                    _components(module, known[name]),
                    _replacement_incomes(module, known[name]),
                )
            )
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
    accepted: list[Part] = []
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
