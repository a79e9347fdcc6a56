"""The labour-market layer of the synthetic population: for every person, the socio-economic
position and the branch flags of each quarter 2013 Q1 - 2015 Q4, the jobs of 2015 Q4 with
employers and wages, and (on demand) the yearly history 1954-2015 that the employment,
unemployment and career blocks are cut from. Built once per run (``ctx.economy``) and read by
every economy-based block, including the benefit blocks.

Reading it (N persons, 12 quarters; column k = ``QUARTERS[k]``, 0 = 2013 Q1, 11 = 2015 Q4)::

    eco = ctx.economy
    eco.flag(Branch.INVALIDITY)            # bool (N, 12)
    eco.state[:, Q4_2015] == State.PENSION  # main state at the end of 2015
    eco.position_codes()                   # str (N, 12), code list socio_economic_position
    eco.pension_start                      # datetime64[M] per person (NaT: no own pension)
    eco.wage_quarter                       # gross wage as an employee per quarter (EUR)
    eco.jobs                               # one row per employment line of 2015 Q4

The rare statuses of the sample design hold by construction: every INV person is in
invalidity at the end of 2015, every DIS person has the disability-allowance flag in 2015 and
every RIS person the integration-income flag. Pension starts respect the early-retirement
rules of their year (:func:`check_retirement`). Observed amounts (wages, allowances, incomes,
contributions) are drawn from ``data/economy.yaml``, never computed by the rules engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from mimosis.synth.economy_base import (
    N_QUARTERS,
    Q4_2015,
    QUARTER_END,
    QUARTERS,
    Branch,
    Features,
    State,
    features,
)
from mimosis.synth.economy_jobs import Jobs, build_jobs
from mimosis.synth.economy_params import EconomyModel, economy_model
from mimosis.synth.economy_paths import build_paths
from mimosis.synth.economy_states import draw_anchor, early_retirement_allowed
from mimosis.synth.params import HOUSEHOLD_TYPES
from mimosis.synth.targets import load_targets

if TYPE_CHECKING:
    from mimosis.synth.context import SynthContext
    from mimosis.synth.economy_history import History

__all__ = ["Q4_2015", "QUARTERS", "Branch", "Economy", "State", "build_economy", "check_retirement"]

# socio-economic position (code list socio_economic_position) of each main state; employees
# with a secondary self-employment are 141, pensioners active as self-employed 123/133
POSITION = {
    State.CHILD: "400", State.STUDENT: "400", State.EMPLOYEE: "111", State.CIVIL_SERVANT: "112",
    State.SELF_EMPLOYED: "121", State.UNEMPLOYED: "211", State.VOLUNTARY_PT: "212",
    State.SCHOOL_LEAVER: "213", State.EXEMPTED: "322", State.CAREER_BREAK: "321",
    State.SWT: "342", State.SICK: "371", State.MATERNITY: "371", State.INVALIDITY: "372",
    State.PENSION: "341", State.SURVIVOR: "341", State.INTEGRATION: "331",
    State.DISABILITY: "381", State.INACTIVE: "400",
}  # fmt: skip
COMPENSATION = ("WA+TA", "WN+TN", "WP+TP", "W+T")


@dataclass
class Economy:
    features: Features
    model: EconomyModel
    state: np.ndarray  # int8 (N, 12), State
    bits: np.ndarray  # uint32 (N, 12), one bit per Branch
    job: np.ndarray  # bool (N, 12): has an employment line (employee contract) in the quarter
    pension_start: np.ndarray  # datetime64[M]: retirement pension (own right) start, NaT none
    survivor_start: np.ndarray  # datetime64[M]: survivor pension start
    incapacity_start: np.ndarray  # datetime64[M]: start of the incapacity of invalidity persons
    disability_start: np.ndarray  # datetime64[M]: disability allowance start (DIS persons)
    integration_start: np.ndarray  # datetime64[M]: integration income start (RIS persons)
    self_employed_start: np.ndarray  # datetime64[M]: self-employed affiliation start
    work_accident_start: np.ndarray  # datetime64[M]: work-accident annuity start
    occupational_disease_start: np.ndarray  # datetime64[M]: occupational-disease annuity start
    capacity: np.ndarray  # int8 self-employment capacity code (1 self-employed, 2 helper,
    # 3 assisting spouse, 4 company director; 0 none)
    regime_employee: np.ndarray  # bool: career (hence pension) in the employee scheme
    regime_self: np.ndarray  # bool: in the self-employed scheme
    regime_civil: np.ndarray  # bool: in the public-sector scheme
    grapa: np.ndarray  # bool: income guarantee for the elderly when a pensioner aged 65+
    career_start_age: np.ndarray  # float: age at the first job
    full_career: np.ndarray  # bool: retired early, career without gaps
    compensation_category: np.ndarray  # int8 index into COMPENSATION (unemployment family category)
    jobs: Jobs  # employment lines of 2015 Q4 (see economy_jobs.Jobs)
    part_time: np.ndarray  # float32: part-time fraction of the main job in 2015 Q4 (0 = no job)
    worker_class: np.ndarray  # int8: 1 blue, 2 white collar, 3 civil servant, 0 none
    ft_wage: np.ndarray  # float32: full-time gross monthly wage of 2015 (reference wage also
    # for persons without a job: the wage their last or potential job pays)
    wage_quarter: np.ndarray  # float32 (N, 12): gross wage as an employee, all employers
    self_income: np.ndarray  # float32 (N, 6): net business income 2010-2015 (NaN = none)
    seed: int
    _history: History | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.state.shape[0])

    def flag(self, branch: Branch) -> np.ndarray:
        """Bool (N, 12): the branch applies at the end of (or during) each quarter."""
        return np.asarray((self.bits & np.uint32(1 << int(branch))) != 0)

    def position_codes(self) -> np.ndarray:
        """The socio-economic position (code list socio_economic_position) of each quarter."""
        codes = np.array([POSITION[State(s)] for s in range(len(State))], dtype=object)
        out = codes[self.state]
        child_benefit = self.flag(Branch.CHILD_BENEFIT_CHILD)
        out[child_benefit & np.isin(self.state, (State.CHILD, State.STUDENT))] = "36"
        out[self.flag(Branch.SELF_EMPLOYED_SECONDARY)] = "141"
        out[self.flag(Branch.HELPER)] = "131"
        after = self.flag(Branch.SELF_EMPLOYED_AFTER_PENSION)
        helper = np.isin(self.capacity, (2, 3))[:, None]
        out[after] = "123"
        out[after & helper] = "133"
        out[self.job & np.isin(self.state, (State.SICK, State.MATERNITY))] = "111"
        return np.asarray(out)

    def history(self) -> History:
        """Yearly statuses, days and pay 1954-2015 (built on first use; see economy_history)."""
        if self._history is None:
            from mimosis.synth.economy_history import build_history

            self._history = build_history(self)
        return self._history


def _targets(m: EconomyModel) -> dict[str, float]:
    values = {t.id: t.value for t in load_targets()}
    c = m.calibrate
    out = {f"employment_{k}": values[v] for k, v in c.employment_sex.items()}
    out |= {f"employment_{k}": values[v] for k, v in c.employment_region.items()}
    out |= {f"part_time_{k}": values[v] for k, v in c.part_time.items()}
    out["self_employed_main"] = values[c.self_employed["main"]]
    out["self_employed_secondary"] = values[c.self_employed["secondary"]]
    out["self_employed_after"] = values[c.self_employed["after_pension"]]
    for key in (
        "swt",
        "career_break",
        "survivor",
        "retirement",
        "grapa",
        "work_accident",
        "occupational_disease",
    ):
        out[key] = values[getattr(c, key)]
    out["job_seekers"] = values[c.unemployed_job_seekers]
    return out


def _compensation(
    rng: np.random.Generator, m: EconomyModel, f: Features, state: np.ndarray
) -> np.ndarray:
    """Unemployment family category: single (living alone), head of household (dependent
    child or a partner without income), privileged or ordinary cohabitant."""
    n = f.n
    one = f.hh_type == HOUSEHOLD_TYPES.index("ONE_PERSON")
    adult_with_kids = np.isin(
        f.hh_type, [HOUSEHOLD_TYPES.index(t) for t in ("MAR_CH", "UNM_CH", "SINGLE_PARENT")]
    )
    adult_with_kids &= f.role <= 1
    burden = adult_with_kids & (
        rng.random(n) < m.unemployment.category["cohabitant_with_burden_partner_inactive"]
    )
    burden |= f.single_parent
    out = np.full(n, COMPENSATION.index("W+T"), dtype=np.int8)
    out[burden] = COMPENSATION.index("WA+TA")
    out[one] = COMPENSATION.index("WN+TN")
    privileged = (out == COMPENSATION.index("W+T")) & (
        rng.random(n) < m.unemployment.category["privileged"]
    )
    out[privileged] = COMPENSATION.index("WP+TP")
    del state
    return out


def build_economy(ctx: SynthContext) -> Economy:
    """The labour-market layer of ``ctx.population``, from its own random streams."""
    m = economy_model()
    f = features(ctx.population)
    targets = _targets(m)
    anchor = draw_anchor(ctx.rng("economy", "anchor"), m, f, targets)
    paths = build_paths(ctx.rng("economy", "paths"), m, f, anchor, targets)
    compensation = _compensation(ctx.rng("economy", "household"), m, f, paths.state)
    jobs = build_jobs(
        ctx.rng("economy", "jobs"), ctx, m=m, f=f, a=anchor, paths=paths, targets=targets
    )
    return Economy(
        features=f,
        model=m,
        state=paths.state,
        bits=paths.bits,
        job=paths.job,
        pension_start=anchor.pension_start,
        survivor_start=anchor.survivor_start,
        incapacity_start=paths.incapacity_start,
        disability_start=paths.disability_start,
        integration_start=paths.integration_start,
        self_employed_start=paths.self_employed_start,
        work_accident_start=paths.work_accident_start,
        occupational_disease_start=paths.occupational_disease_start,
        capacity=anchor.capacity,
        regime_employee=anchor.regime_employee,
        regime_self=anchor.regime_self,
        regime_civil=anchor.regime_civil,
        grapa=anchor.grapa,
        career_start_age=anchor.career_start_age,
        full_career=anchor.full_career,
        compensation_category=compensation,
        jobs=jobs.lines,
        part_time=jobs.part_time,
        worker_class=jobs.worker_class,
        ft_wage=jobs.ft_wage,
        wage_quarter=jobs.wage_quarter,
        self_income=jobs.self_income,
        seed=ctx.config.seed,
    )


def check_retirement(eco: Economy, career_years: np.ndarray | None = None) -> np.ndarray:
    """Indices of persons whose retirement pension (own right) starts before the statutory
    age without meeting the early-retirement conditions of its start year (age and career,
    long-career exceptions). Survivor pensions are not checked (any adult age). The career
    counts years with work or assimilated periods from :meth:`Economy.history` unless given."""
    has = ~np.isnat(eco.pension_start)
    idx = np.flatnonzero(has)
    start = eco.pension_start[idx]
    birth = eco.features.birth[idx]
    age_at_start = (start - birth).astype(np.int64) / 12.0
    year = start.astype("datetime64[Y]").astype(np.int64) + 1970
    if career_years is None:
        career_years = eco.history().career_years_before(start, idx)
    else:
        career_years = career_years[idx]
    ok = early_retirement_allowed(
        eco.model.retirement, year, age_at_start, career_years, eco.features.sex[idx]
    )
    return np.asarray(idx[~ok])


def quarter_index(quarter: int) -> int:
    """Column of ``quarter`` (YYYYQ) in the (N, 12) arrays."""
    return QUARTERS.index(quarter)


assert N_QUARTERS == 12 and QUARTER_END.size == 12
