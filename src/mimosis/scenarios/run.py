"""Run the baseline and a reform over a year (``run_scenario``).

The reform is derived from the baseline (``Simulation.derive``): only what it reaches is
recomputed, every other array is shared. Yearly amounts are the sum of the simulated months:

- ``all`` (default): the twelve months, so in-year changes (indexation steps, reforms from 1 July)
  count for exactly the months they apply;
- ``quarterly``: January, April, July and October, each counted three times;
- ``january``: January counted twelve times (the representative-month convention of EUROMOD).

All months are one plan (``Simulation.totals``): yearly variables (the income tax, the yearly
means tests) are computed once and read per month as one twelfth; a month equal by
construction to the one before (same inputs and parameters) is not recomputed; each output is
added up and freed month by month. The result holds per-person arrays: records, in memory only
(SECURITY.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from mimosis.engine import EngineError, Period, Population, Reform, Simulation, TaxBenefitSystem
from mimosis.errors import UserError
from mimosis.scenarios.inputs import ModelInputLike
from mimosis.scenarios.registry import BudgetProgramme, budget_variables, programmes_for

FloatArray = npt.NDArray[np.float64]
TakeUp = Literal["observed", "full"]
MonthPlan = Literal["all", "quarterly", "january"]
MONTH_PLANS: tuple[MonthPlan, ...] = ("all", "quarterly", "january")
#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]

DISPOSABLE = "disposable_income"
log = logging.getLogger(__name__)


class ScenarioError(UserError):
    """A scenario cannot be run as asked (unknown month plan, a reform the system refuses)."""


def plan_months(year: int, plan: MonthPlan) -> tuple[tuple[Period, ...], float]:
    """The months simulated and the factor that turns their sum into a yearly amount."""
    if plan == "all":
        return tuple(Period.parse(f"{year}-{m:02d}") for m in range(1, 13)), 1.0
    if plan == "quarterly":
        return tuple(Period.parse(f"{year}-{m:02d}") for m in (1, 4, 7, 10)), 3.0
    if plan == "january":
        return (Period.parse(f"{year}-01"),), 12.0
    raise ScenarioError(f"unknown month plan {plan!r}; expected one of {', '.join(MONTH_PLANS)}")


@dataclass(frozen=True)
class ScenarioResult:
    """Per-person yearly amounts by programme and per-household disposable income, baseline and
    reform (records: in memory only, handed to the indicators)."""

    year: int
    plan: MonthPlan
    reform_name: str
    reform_description: str
    programmes: tuple[BudgetProgramme, ...]
    skipped: tuple[str, ...]
    baseline: dict[str, FloatArray]  # programme name -> per person, EUR per year
    reform: dict[str, FloatArray]
    baseline_disposable: FloatArray  # per household, mean EUR per month
    reform_disposable: FloatArray
    seconds: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _to_persons(sim: Simulation, name: str, values: npt.NDArray[np.generic]) -> FloatArray:
    """A variable's array over persons: a group amount goes to the group's principal member
    (its first member when no member holds that role)."""
    from mimosis.legislation.entities import PRINCIPAL_ROLE

    entity = sim.system.variables[name].entity
    arr = np.asarray(values, dtype=np.float64)
    if entity == "person":
        return arr
    group = sim.population.group(entity)
    principal = group.has_role(PRINCIPAL_ROLE[entity]) if entity in PRINCIPAL_ROLE else None
    rank = np.zeros(group.n_persons) if principal is None else (~principal).astype(np.float64)
    order = np.lexsort((np.arange(group.n_persons), rank, group.index))
    first = order[np.r_[True, group.index[order][1:] != group.index[order][:-1]]]
    out = np.zeros(group.n_persons)
    out[first] = arr[group.index[first]]
    return out


def _programme_amounts(
    sim: Simulation, programmes: Sequence[BudgetProgramme], values: dict[str, FloatArray]
) -> dict[str, FloatArray]:
    out = {}
    for p in programmes:
        amount = _to_persons(sim, p.variable, values[p.variable])
        for other in p.less:
            amount = amount - _to_persons(sim, other, values[other])
        out[p.name] = amount
    return out


def run_scenario(
    model_input: ModelInputLike,
    reform: Reform,
    *,
    plan: MonthPlan = "all",
    system: TaxBenefitSystem | None = None,
    progress: Progress | None = None,
    notes: Sequence[str] = (),
    takeup: TakeUp = "observed",
) -> ScenarioResult:
    """Baseline and reform of ``model_input.year`` over the months of ``plan``.

    ``takeup``: ``observed`` pays each means-tested right (integration income, GRAPA,
    disability allowances ...) only to the persons the data show receiving it, which is how the
    baseline reproduces the observed caseloads; ``full`` pays every eligible person (the
    automatic-granting view). Rights the data do not observe are paid to every eligible person.
    """
    from mimosis.legislation.system import default_system

    system = system or default_system()
    year = model_input.year
    population = model_input.population
    if takeup == "observed":
        system, population, observed_rights = _observed_takeup(system, model_input)
        notes = (
            *notes,
            "Means-tested rights paid to their observed recipients only (take-up as observed): "
            + ", ".join(observed_rights)
            + ".",
        )
    months, factor = plan_months(year, plan)
    programmes, skipped = programmes_for(year, system.variables)
    outputs = [*budget_variables(programmes), DISPOSABLE]
    report = progress or (lambda stage, done, total: None)
    baseline = Simulation(system, population)
    try:
        baseline.derive(reform)  # a reform that does not apply is told apart from a failure
    except EngineError as exc:
        raise ScenarioError(f"reform {reform.name!r}: {exc}") from None
    sums: dict[str, dict[str, FloatArray]] = {}
    seconds: dict[str, float] = {}
    stage = "simulating the baseline and the reform"
    report(stage, 0, 1)
    started = time.perf_counter()
    try:
        # in one execution: nothing of the baseline is kept for the reform's derivation
        sums["baseline"], sums["reform"], derived = baseline.totals_with(
            reform, outputs, months, progress=lambda done, total: report(stage, done, total)
        )
    except EngineError as exc:
        raise ScenarioError(f"simulation of {year} failed: {exc}") from None
    seconds["baseline_and_reform"] = time.perf_counter() - started
    result = ScenarioResult(
        year=year,
        plan=plan,
        reform_name=reform.name,
        reform_description=getattr(reform, "description", ""),
        programmes=tuple(programmes),
        skipped=tuple(skipped),
        baseline=_scaled(_programme_amounts(baseline, programmes, sums["baseline"]), factor),
        reform=_scaled(_programme_amounts(derived, programmes, sums["reform"]), factor),
        baseline_disposable=sums["baseline"][DISPOSABLE] * factor / 12.0,
        reform_disposable=sums["reform"][DISPOSABLE] * factor / 12.0,
        seconds=seconds,
        notes=tuple(notes),
    )
    derived.release()
    baseline.release()
    return result


def _observed_takeup(
    system: TaxBenefitSystem, model_input: ModelInputLike
) -> tuple[TaxBenefitSystem, Population, tuple[str, ...]]:
    """The system paying each observed right to its observed recipients (docs/take-up.md)."""
    from mimosis.takeup.analysis import flag_inputs
    from mimosis.takeup.mechanism import with_takeup
    from mimosis.takeup.rights import present_rights

    rights, _ = present_rights(system)
    observed = [r for r in rights if r.variable in model_input.observed]
    if not observed:
        return system, model_input.population, ()
    flags = {r.variable: np.asarray(model_input.observed[r.variable]) > 0 for r in observed}
    population = model_input.population.replace_inputs(
        flag_inputs(model_input.year, tuple(observed), flags)
    )
    return with_takeup(system, observed), population, tuple(r.variable for r in observed)


def _scaled(amounts: dict[str, FloatArray], factor: float) -> dict[str, FloatArray]:
    return {k: v * factor for k, v in amounts.items()} if factor != 1.0 else amounts
