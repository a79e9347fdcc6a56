"""Non-take-up and automatic granting: who is eligible by the rules but does not receive a
right in the data, who receives it without being eligible by the model (a validation signal),
and what granting every eligible person would cost and achieve.

Eligible: the entitlement (``<right>_entitlement``, see ``mechanism.py``) is > 0 (or yes) in
the simulated month, with every take-up flag at its observed value (a right granted on receipt
of another one, such as the increased reimbursement by status, sees the observed receipt).
Receiving: ``observed[right] > 0``. Amounts are monthly; costs are the month x 12.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.engine import Period, Simulation, TaxBenefitSystem
from mimosis.incentives.data import BoolArray, FloatArray, StrArray, person_frame
from mimosis.incentives.passes import engine_inputs
from mimosis.indicators.distribution import DECILES, decile_of, equivalence_scale, equivalised
from mimosis.indicators.frame import PersonFrame
from mimosis.scenarios.inputs import ModelInputLike
from mimosis.takeup.assumptions import Assumption, takeup_flags
from mimosis.takeup.mechanism import automatic_granting, with_takeup
from mimosis.takeup.rights import Right, present_rights

DISPOSABLE = "disposable_income"
AGE_BANDS = (
    (0, 18, "0-17"),
    (18, 25, "18-24"),
    (25, 45, "25-44"),
    (45, 65, "45-64"),
    (65, 200, "65+"),
)
GROUPINGS = ("region", "household_type", "age_band", "decile")


@dataclass
class TakeupResults:
    """Per person arrays of the analysis (records: stay in memory, become tables)."""

    period: str
    rights: tuple[Right, ...]
    missing: tuple[str, ...]
    entitlement: dict[str, FloatArray]  # per right: the monthly amount (flags: 1.0 / 0.0)
    received: dict[str, BoolArray]  # per right with observations: receiving in the data
    taken: dict[str, FloatArray]  # per right: the amount paid under the assumption
    granted: dict[str, FloatArray]  # per right: the amount under automatic granting
    income: FloatArray  # per person: equivalised disposable income under the assumption
    income_granted: FloatArray  # the same under automatic granting
    flags: dict[str, BoolArray]  # per right: take-up flag under the assumption
    labels: dict[str, StrArray]  # per grouping: a label per person
    frame: PersonFrame


def age_bands(age: np.ndarray) -> StrArray:
    return np.select(
        [(age >= lo) & (age < hi) for lo, hi, _ in AGE_BANDS],
        [name for *_, name in AGE_BANDS],
        "65+",
    ).astype(str)


def flag_inputs(
    year: int, rights: tuple[Right, ...], flags: dict[str, BoolArray]
) -> dict[str, dict[Period, np.ndarray]]:
    """The take-up flags as population inputs (held over the year)."""
    return {r.flag: {Period.of_year(year): flags[r.variable]} for r in rights}


def analyse_takeup(
    data: ModelInputLike, system: TaxBenefitSystem, assumption: Assumption, *, month: int = 1
) -> TakeupResults:
    rights, missing = present_rights(system)
    takeup_system = with_takeup(system, rights)
    period = str(Period.of_month(data.year, month))
    frame = person_frame(data)
    hh = np.asarray(data.household)
    n = frame.n_persons
    observed_flags = {
        r.variable: np.asarray(data.observed[r.variable]) > 0
        if r.variable in data.observed
        else np.ones(n, dtype=bool)
        for r in rights
    }
    population = data.population.replace_inputs(flag_inputs(data.year, rights, observed_flags))
    observed_sim = Simulation(takeup_system, population)
    entitlement_names = [r.entitlement for r in rights]
    got = observed_sim.compute(
        [*entitlement_names, DISPOSABLE], period, retain_for=[r.flag for r in rights]
    )
    entitlement = {r.variable: np.asarray(got[r.entitlement], dtype=np.float64) for r in rights}
    eligible = {k: v > 0 for k, v in entitlement.items()}
    labels = {
        "region": np.asarray(data.region, dtype=str)[hh],
        "household_type": np.asarray(data.household_type, dtype=str)[hh],
        "age_band": age_bands(np.asarray(data.age)),
    }
    scale = equivalence_scale(frame)
    observed_income = equivalised(frame, np.asarray(got[DISPOSABLE], dtype=np.float64), scale)
    labels["decile"] = np.asarray(DECILES, dtype=str)[decile_of(frame, observed_income)]
    flags = takeup_flags(assumption, rights, eligible, data.observed, labels)
    scenario = observed_sim.with_inputs(engine_inputs(flag_inputs(data.year, rights, flags)))
    names = [r.variable for r in rights]
    reform = automatic_granting(rights)
    # the scenario and its automatic granting in one execution (nothing kept in between)
    base, granted_sim = scenario.compute_with(reform, [*names, DISPOSABLE], period)
    after = granted_sim.compute([*names, DISPOSABLE], period)
    received = {
        r.variable: np.asarray(data.observed[r.variable]) > 0
        for r in rights
        if r.variable in data.observed
    }
    result = TakeupResults(
        period=period,
        rights=rights,
        missing=missing,
        entitlement=entitlement,
        received=received,
        taken={k: np.asarray(base[k], dtype=np.float64) for k in names},
        granted={k: np.asarray(after[k], dtype=np.float64) for k in names},
        income=equivalised(frame, np.asarray(base[DISPOSABLE], dtype=np.float64), scale),
        income_granted=equivalised(frame, np.asarray(after[DISPOSABLE], dtype=np.float64), scale),
        flags=flags,
        labels=labels,
        frame=frame,
    )
    for sim in (granted_sim, scenario, observed_sim):
        sim.release()
    return result
