"""Perturbation passes: change some inputs of one adult per household, recompute with
``Simulation.with_inputs`` (only what depends on the changed inputs), and read the household
totals of every net-income component.

Why one adult per household per pass: a household's disposable income depends on all its
members (joint taxation, means tests, family categories). Perturbing every adult at once would
mix the effect of the partner's change into each person's rate. Pass k perturbs the adults of
rank k (``households.adult_ranks``: heads first, then partners, then the others), so every
household changes through one person only, and a household's change is that person's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from mimosis.engine import Period, Population, Reform, Simulation, TaxBenefitSystem
from mimosis.incentives.components import Component, household_totals, household_totals_with
from mimosis.incentives.data import BoolArray, FloatArray

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class Change:
    """New values of one input for the persons of ``mask`` (money flows: per month);
    ``add``: the values are added to the held ones instead of replacing them."""

    mask: BoolArray
    values: Array
    add: bool = False


def _is_monthly_flow(system: TaxBenefitSystem, name: str) -> bool:
    """A flow per month (money, days): held over a longer period, the array holds the total."""
    variable = system.variable(name)
    return variable.behaviour == "flow" and variable.period_unit == "month"


def _coded(system: TaxBenefitSystem, name: str, held: Array, values: Array) -> Array:
    """Enum values as the held array stores them (names or codes)."""
    variable = system.variable(name)
    if variable.dtype != "enum":
        return values
    names_held = held.dtype.kind in "USO"
    if names_held and values.dtype.kind in "iu":
        return np.asarray(variable.enum_values, dtype=object)[values]
    if names_held or values.dtype.kind not in "US":
        return values
    names, inverse = np.unique(np.asarray(values, dtype=str), return_inverse=True)
    codes = np.array([variable.enum_values.index(str(n)) for n in names], dtype=held.dtype)
    return codes[inverse]


def input_arrays(
    population: Population,
    system: TaxBenefitSystem,
    year: Period,
    changes: Mapping[str, Change],
) -> dict[str, dict[Period, Array]]:
    """The ``with_inputs`` argument: each changed input at every period the population holds
    it (or at the year when it holds none), with the masked persons' values replaced.

    A monthly flow (money, days) held over a period of several months holds the period's
    total: the monthly value is multiplied by the period's months.
    """
    out: dict[str, dict[Period, Array]] = {}
    for name in sorted(changes):
        variable = system.variable(name)
        held = population.inputs.get(name) or {
            year: np.full(
                population.count(variable.entity), variable.default, dtype=variable.numpy_dtype
            )
        }
        monthly_flow = _is_monthly_flow(system, name)
        out[name] = {}
        for period, arr in held.items():
            # names (not codes) of an enum: as objects, so that longer names are not truncated
            new = np.array(arr, dtype=object if np.asarray(arr).dtype.kind in "US" else None)
            change = changes[name]
            values = np.asarray(change.values)[change.mask]
            if monthly_flow:
                values = values * period.n_months
            if change.add:
                new[change.mask] = new[change.mask] + values
            else:
                new[change.mask] = _coded(system, name, new, values)
            out[name][period] = new.astype(str) if new.dtype == object else new
    return out


def engine_inputs(
    inputs: Mapping[str, Mapping[Period, Array]],
) -> dict[str, Mapping[Period | str, Array]]:
    """Input arrays by period in the shape ``Simulation.with_inputs`` takes."""
    out: dict[str, Mapping[Period | str, Array]] = {}
    for name, by_period in inputs.items():
        typed: dict[Period | str, Array] = dict(by_period.items())
        out[name] = typed
    return out


@dataclass(frozen=True)
class PassTotals:
    """Household totals of the components before and after one pass (and under the reform)."""

    after: dict[str, FloatArray]
    after_reform: dict[str, FloatArray] | None


def run_pass(
    origin: Simulation,
    inputs: Mapping[str, Mapping[Period, Array]],
    components: tuple[Component, ...],
    period: str,
    reform: Reform | None,
) -> PassTotals:
    """One pass: ``origin.with_inputs`` (recomputes what depends on the changed inputs) and
    the reform derived from it (recomputes what the reform reaches) in one execution, the
    household totals of both, and every array of the pass released."""
    sim = origin.with_inputs(engine_inputs(inputs))
    after_reform = None
    if reform is None:
        after = household_totals(sim, components, period)
    else:
        after, after_reform = household_totals_with(sim, reform, components, period)
    sim.release()
    return PassTotals(after, after_reform)


def baselines(
    system: TaxBenefitSystem,
    population: Population,
    components: tuple[Component, ...],
    period: str,
    *,
    reform: Reform | None,
) -> tuple[Simulation, dict[str, FloatArray], dict[str, FloatArray] | None]:
    """The baseline simulation, its household totals and the reform's (computed with it, in
    one execution).

    The baseline keeps its outputs only: a pass changes the earnings of most households, so it
    recomputes nearly everything anyway. Keeping every clean array the passes could read (2.8
    GB on the synthetic extract) cost more in memory and page faults than the passes saved,
    and so, more narrowly, did keeping what the reform's derivation reads (1.9 GB; on this
    machine every GiB of fresh memory costs about 2 s of page faults: BENCHMARKS.md)."""
    base = Simulation(system, population)
    if reform is None:
        return base, household_totals(base, components, period), None
    base_totals, reform_totals = household_totals_with(base, reform, components, period)
    return base, base_totals, reform_totals
