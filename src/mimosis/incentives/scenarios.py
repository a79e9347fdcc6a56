"""The counterfactual inputs of each pass: the earnings increment (METR), the move out of work
of a worker and into a job of a non-worker (PTR), for the adults of one rank.

Who is what (per analysed adult, from the simulated month's inputs):

- worker: a gross wage > 0. METR: + the increment; PTR: their own job against not working.
  Out of work: no wage, work fraction 0 and, for employees, civil servants and the registered
  unemployed, the labour status ``unemployed`` in the ``unemployment_months``-th month of a
  right computed on their current wage as reference wage (the work-record condition is
  assumed met: the data carry no day count for it); others keep their status. The means-tested
  benefits (integration income, ...) then follow from the rules.
- non-worker (no wage, not self-employed): METR at a small first earning (``first_earning`` a
  month, or one hour a week, at the minimum hourly wage; the labour status is kept: an
  unemployed person loses the benefit of the days the job takes, ``unemployment_compensated_days``);
  PTR of a full-time job at the minimum wage, and at the predicted wage (labour status
  ``employee``: no benefit day is left).
- self-employed without a wage: METR of a small wage job next to the business; no PTR.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.engine import Period
from mimosis.incentives.data import BoolArray, FloatArray, IntArray
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.passes import Change

WAGE = "employee_gross_wage"
FRACTION = "work_fraction"
STATUS = "labour_status"
UB_ELIGIBLE_STATUS = ("employee", "civil_servant", "unemployed")
WEEKS_PER_MONTH = 52.0 / 12.0

METR, PTR, PTR_PREDICTED = "metr", "ptr", "ptr_predicted"
SLOTS = (METR, PTR, PTR_PREDICTED)


@dataclass(frozen=True)
class People:
    """Per person (whole population): the month's wage, work fraction, labour status, and who
    is analysed as what."""

    wage: FloatArray
    fraction: FloatArray
    status: IntArray  # codes of the labour status (``statuses``: its names)
    adult: BoolArray
    worker: BoolArray
    self_employed: BoolArray
    non_worker: BoolArray
    minimum_wage: float
    predicted_wage: FloatArray  # full-time monthly wage for non-workers (0 elsewhere)
    statuses: tuple[str, ...]

    def status_code(self, name: str) -> int:
        return self.statuses.index(name)

    def has_status(self, names: tuple[str, ...]) -> BoolArray:
        return np.isin(self.status, [self.status_code(n) for n in names])

    def applies(self, slot: str) -> BoolArray:
        """Who has a rate of this kind."""
        if slot == METR:
            return self.adult
        if slot == PTR:
            return self.worker | self.non_worker
        return self.non_worker


def classify(
    wage: FloatArray, self_employed_status: BoolArray, adult: BoolArray
) -> tuple[BoolArray, BoolArray, BoolArray]:
    """Workers, self-employed without a wage, and non-workers among the adults."""
    worker = adult & (wage > 0)
    self_employed = adult & ~worker & self_employed_status
    return worker, self_employed, adult & ~worker & ~self_employed


def metr_changes(people: People, who: BoolArray, options: IncentiveOptions) -> dict[str, Change]:
    """The earnings increment of ``who`` (see the module docstring)."""
    hours_month = options.full_time_hours_per_week * WEEKS_PER_MONTH
    worker = who & people.worker
    other = who & ~people.worker
    fraction = np.where(people.fraction > 0, people.fraction, 1.0)
    hourly = people.wage / (fraction * hours_month)
    min_hourly = people.minimum_wage / hours_month
    one_hour = 1.0 / options.full_time_hours_per_week
    if options.increment == "percent":
        worker_delta = people.wage * options.increment_percent
    elif options.increment == "amount":
        worker_delta = np.full(people.wage.size, options.increment_amount)
    else:
        worker_delta = hourly * WEEKS_PER_MONTH
    if options.increment == "hour":
        first = np.full(people.wage.size, min_hourly * WEEKS_PER_MONTH)
        first_fraction = np.full(people.wage.size, one_hour)
    else:
        first = np.full(people.wage.size, options.first_earning)
        first_fraction = np.full(
            people.wage.size, min(options.first_earning / people.minimum_wage, 1.0)
        )
    delta = np.where(worker, worker_delta, np.where(other, first, 0.0))
    changes = {WAGE: Change(who, delta, add=True)}
    new_fraction = np.where(
        worker,
        np.minimum(people.fraction + one_hour, 1.0)
        if options.increment == "hour"
        else people.fraction,
        first_fraction,
    )
    changes[FRACTION] = Change(who, new_fraction)
    return changes


def ptr_changes(
    people: People,
    who: BoolArray,
    period: Period,
    options: IncentiveOptions,
    *,
    predicted: bool,
    days_paid: float,
) -> dict[str, Change]:
    """Out of work for the workers of ``who``; into a full-time job for its non-workers (at the
    minimum wage, or at the predicted wage with ``predicted``)."""
    n = people.wage.size
    job = who & people.non_worker
    out = who & people.worker & (not predicted)
    to_unemployment = out & people.has_status(UB_ELIGIBLE_STATUS)
    job_wage = (
        np.maximum(people.predicted_wage, people.minimum_wage)
        if predicted
        else np.full(n, people.minimum_wage)
    )
    changed = job | out
    start = period.offset(-(options.unemployment_months - 1))
    status = np.where(job, people.status_code("employee"), people.status_code("unemployed")).astype(
        people.status.dtype
    )
    return {
        WAGE: Change(changed, np.where(job, job_wage, 0.0)),
        FRACTION: Change(changed, np.where(job, 1.0, 0.0)),
        STATUS: Change(job | to_unemployment, status),
        "unemployment_reference_gross_wage": Change(to_unemployment, people.wage),
        "unemployment_start_year": Change(to_unemployment, np.full(n, start.start.year)),
        "unemployment_start_month": Change(to_unemployment, np.full(n, start.start.month)),
        "unemployment_is_school_leaver": Change(to_unemployment, np.zeros(n, dtype=bool)),
        "unemployment_days_paid": Change(to_unemployment, np.full(n, days_paid)),
    }


#: every input a pass may change (the components they reach are those of the METR and PTR)
CHANGED_INPUTS = (
    WAGE,
    FRACTION,
    STATUS,
    "unemployment_reference_gross_wage",
    "unemployment_start_year",
    "unemployment_start_month",
    "unemployment_is_school_leaver",
    "unemployment_days_paid",
)
