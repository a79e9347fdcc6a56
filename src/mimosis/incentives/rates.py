"""Work incentives for every analysed adult: METR, PTR (own job, minimum wage, predicted wage)
and household replacement rates, each decomposed by net-income component, for the baseline and
a reform. See docs/work-incentives.md for the definitions and the method."""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from mimosis.engine import (
    Period,
    Population,
    Reform,
    Simulation,
    TaxBenefitSystem,
    threads_from_env,
)
from mimosis.errors import UserError
from mimosis.incentives import scenarios as sc
from mimosis.incentives.components import EARNINGS, Component, downstream, income_components
from mimosis.incentives.data import BoolArray, FloatArray, IntArray, education_of
from mimosis.incentives.households import adult_ranks
from mimosis.incentives.options import IncentiveOptions
from mimosis.incentives.passes import PassTotals, baselines, input_arrays, run_pass
from mimosis.incentives.wages import WageModel, fit_wage_model
from mimosis.scenarios.inputs import ModelInputLike

DISPOSABLE = "disposable_income"
#: fewer employees with a wage than this: no wage model is estimated (and no PTR at a
#: predicted wage, unless a model is given)
MIN_WAGE_SAMPLE = 30
SYSTEMS = ("baseline", "reform")


@dataclass
class Rates:
    """One kind of rate for the analysed adults: the rate (NaN where it does not apply) and
    its contributions by component (columns as ``IncentiveResults.components``)."""

    rate: FloatArray
    parts: FloatArray  # (adults, components)

    @classmethod
    def empty(cls, n: int, k: int) -> Rates:
        return cls(np.full(n, np.nan), np.zeros((n, k)))


@dataclass
class IncentiveResults:
    """Everything the tables need, per analysed adult (rows of ``persons``)."""

    period: str
    components: tuple[Component, ...]  # METR / PTR decomposition (earnings excluded)
    rr_components: tuple[Component, ...]  # replacement-rate composition (earnings included)
    persons: IntArray  # person rows of the analysed adults
    role: tuple[str, ...]  # worker | self_employed | non_worker, per analysed adult
    rates: dict[str, dict[str, Rates]]  # system -> metr | ptr | ptr_predicted | replacement
    ptr_job: np.ndarray  # own_job | minimum_wage | "" per analysed adult
    wage_model: WageModel | None
    equivalised_income: FloatArray  # per person, baseline
    timings: dict[str, float] = field(default_factory=dict)
    passes: int = 0


def _people(
    data: ModelInputLike,
    base: Simulation,
    period: str,
    options: IncentiveOptions,
    *,
    adult: BoolArray,
    wage_model: WageModel | None,
) -> tuple[sc.People, WageModel | None]:
    got = base.compute([sc.WAGE, sc.FRACTION, sc.STATUS, "sex"], period)
    statuses = tuple(base.system.variable(sc.STATUS).enum_values)
    status = np.asarray(got[sc.STATUS])
    wage = np.asarray(got[sc.WAGE], dtype=np.float64)
    fraction = np.asarray(got[sc.FRACTION], dtype=np.float64)
    is_self_employed = status == statuses.index("self_employed")
    worker, self_employed, non_worker = sc.classify(wage, is_self_employed, adult)
    minimum = base.snapshot(Period.parse(period))[options.minimum_wage_parameter]
    if not isinstance(minimum, int | float):
        raise UserError(f"{options.minimum_wage_parameter} is not an amount")
    female = np.asarray(got["sex"]) == base.system.variable("sex").enum_values.index("female")
    region = np.asarray(data.region)[np.asarray(data.household)]
    age = np.asarray(data.age, dtype=np.float64)
    education = education_of(data)
    fte = np.where(fraction > 0, wage / np.where(fraction > 0, fraction, 1.0), 0.0)
    model = wage_model
    predicted = np.zeros(wage.size)
    sample = worker & (fraction > 0)
    if model is None and int(sample.sum()) >= MIN_WAGE_SAMPLE:
        model = fit_wage_model(
            fte,
            age,
            female,
            education,
            region,
            weight=np.asarray(data.weight, dtype=np.float64),
            sample=worker & (fraction > 0),
            household=np.asarray(data.household, dtype=np.int64),
        )
    if model is not None:
        predicted = np.where(non_worker, model.predict(age, female, education, region), 0.0)
    people = sc.People(
        wage,
        fraction,
        status,
        adult,
        worker,
        self_employed,
        non_worker,
        minimum,
        predicted,
        statuses,
    )
    return people, model


#: rows of the rate arrays filled per block: blocks of rows x components stay below glibc's
#: largest mmap threshold (32 MiB), so they reuse freed heap memory instead of faulting fresh
#: pages in each time
FILL_ROWS = 1 << 16


def _blocks(n: int) -> list[slice]:
    return [slice(i, min(i + FILL_ROWS, n)) for i in range(0, n, FILL_ROWS)]


def _columns(totals: dict[str, FloatArray], names: list[str], hh: IntArray) -> FloatArray:
    """The households' totals of ``names``: one row per name, one column per entry of ``hh``
    (each name's values gathered into a contiguous row)."""
    out = np.empty((len(names), hh.size))
    for j, name in enumerate(names):
        np.take(totals[name], hh, out=out[j])
    return out


def _fill(
    target: Rates,
    rows: IntArray,
    hh: IntArray,
    states: tuple[dict[str, FloatArray], dict[str, FloatArray]],
    components: tuple[Component, ...],
) -> None:
    """rate = 1 - dD / dE between the lower- and the higher-earnings state of each household."""
    lower, upper = states
    names = [EARNINGS, DISPOSABLE, *(c.variable for c in components)]
    signs = np.array([-c.sign for c in components], dtype=np.float64)[:, None]
    for block in _blocks(rows.size):
        at = hh[block]
        change = _columns(upper, names, at)
        change -= _columns(lower, names, at)
        d_earn = change[0]
        ok = np.abs(d_earn) > 1e-9
        safe = np.where(ok, d_earn, 1.0)
        target.rate[rows[block]] = np.where(ok, 1.0 - change[1] / safe, np.nan)
        _write_parts(target, rows[block], change[2:], signs=signs, ok=ok, safe=safe)


def _fill_replacement(
    target: Rates,
    rows: IntArray,
    hh: IntArray,
    states: tuple[dict[str, FloatArray], dict[str, FloatArray]],
    components: tuple[Component, ...],
) -> None:
    """Out-of-work over in-work household disposable income, by component."""
    out_of_work, in_work = states
    names = [c.variable for c in components]
    signs = np.array([c.sign for c in components], dtype=np.float64)[:, None]
    for block in _blocks(rows.size):
        at = hh[block]
        d_in = in_work[DISPOSABLE][at]
        ok = d_in > 0
        safe = np.where(ok, d_in, 1.0)
        target.rate[rows[block]] = np.where(ok, out_of_work[DISPOSABLE][at] / safe, np.nan)
        parts = _columns(out_of_work, names, at)
        _write_parts(target, rows[block], parts, signs=signs, ok=ok, safe=safe)


def _write_parts(
    target: Rates,
    rows: IntArray,
    parts: FloatArray,
    *,
    signs: FloatArray,
    ok: BoolArray,
    safe: FloatArray,
) -> None:
    """Each component's part (a row per component, a column per household) signed and divided
    by ``safe`` in place, 0 where the rate is undefined, written as a block of rows at once."""
    parts *= signs
    parts /= safe
    parts[:, ~ok] = 0.0
    target.parts[rows] = parts.T


def compute_incentives(
    data: ModelInputLike,
    system: TaxBenefitSystem,
    *,
    reform: Reform | None = None,
    options: IncentiveOptions | None = None,
    extra_inputs: dict[str, dict[Period, np.ndarray]] | None = None,
    wage_model: WageModel | None = None,
    max_rank: int | None = None,
    slots: Sequence[str] = sc.SLOTS,
) -> IncentiveResults:
    """METR, PTR and replacement rates of every adult of ``data`` (see the module docstring).

    ``extra_inputs``: inputs added to the population (e.g. take-up flags); ``wage_model``: a
    model to use instead of estimating one on ``data``. To save time: ``max_rank`` analyses
    only the adults of rank <= max_rank in their household (1: heads and partners) and
    ``slots`` runs only these passes (of ``metr``, ``ptr``, ``ptr_predicted``).
    """
    options = options or IncentiveOptions()
    timings: dict[str, float] = {}
    period = str(Period.of_month(data.year, options.month))
    population: Population = data.population
    if extra_inputs:
        population = population.replace_inputs(dict(extra_inputs))
    every = income_components(system)
    reached = downstream(system, sc.CHANGED_INPUTS)
    # a component the passes cannot reach contributes exactly 0 to every METR and PTR
    components = tuple(c for c in every if c.variable != EARNINGS and c.variable in reached)
    started = time.perf_counter()
    base, base_totals, rbase_totals = baselines(system, population, every, period, reform=reform)
    timings["baseline_s"] = time.perf_counter() - started
    age = np.asarray(data.age)
    adult = (age >= options.min_age) & (age <= options.max_age)
    if max_rank is not None:
        adult &= adult_ranks(population, adult) <= max_rank
    people, model = _people(data, base, period, options, adult=adult, wage_model=wage_model)
    persons = np.flatnonzero(adult)
    row_of = np.full(adult.size, -1, dtype=np.int64)
    row_of[persons] = np.arange(persons.size)
    n, k = persons.size, len(components)
    rates: dict[str, dict[str, Rates]] = {
        s: {m: Rates.empty(n, k) for m in sc.SLOTS} for s in (SYSTEMS if reform else SYSTEMS[:1])
    }
    for measures in rates.values():
        measures["replacement"] = Rates.empty(n, len(every))
    run = _Run(
        system=system,
        reform=reform,
        options=options,
        period=period,
        every=every,
        components=components,
        rates=rates,
        row_of=row_of,
        model=model,
        timings=timings,
        slots=tuple(s for s in sc.SLOTS if s in slots),
    )
    ranks = adult_ranks(population, adult)
    started = time.perf_counter()
    origins = (base, base_totals, rbase_totals)
    for rank in range(int(ranks.max()) + 1 if ranks.size and ranks.max() >= 0 else 0):
        run.rank(rank, ranks == rank, people, origins=origins)
    timings["passes_s"] = time.perf_counter() - started
    job = np.where(
        people.worker[persons], "own_job", np.where(people.non_worker[persons], "minimum_wage", "")
    )
    role = np.where(
        people.worker, "worker", np.where(people.self_employed, "self_employed", "non_worker")
    )
    equivalised = _equivalised(data, base_totals[DISPOSABLE])
    base.release()
    return IncentiveResults(
        period=period,
        components=components,
        rr_components=every,
        persons=persons,
        role=tuple(role[persons].tolist()),
        rates=rates,
        ptr_job=job,
        wage_model=model,
        equivalised_income=equivalised,
        timings=timings,
        passes=run.passes,
    )


#: passes run side by side (env ``MIMOSIS_PASS_THREADS``; default 1: the engine already
#: evaluates each pass on the machine's CPUs, and side-by-side passes each hold their arrays)
PASS_THREADS = threads_from_env("MIMOSIS_PASS_THREADS", 1)
#: a pass whose households hold less than this share of the persons runs on those households
#: only (``Simulation.on_households``), otherwise on the whole population. Since the baseline
#: keeps only its outputs, its view on some households slices little, and every pass that
#: leaves some household out gains (on the extract, 0.85 -> 1: 0.5-1 s less of 26-27 s)
ON_HOUSEHOLDS_SHARE = 1.0

#: the baseline simulation and the household totals of the baseline and the reform
Origins = tuple[Simulation, dict[str, FloatArray], dict[str, FloatArray] | None]


@dataclass
class _Job:
    """One pass: its slot, the adults it perturbs (rows of its population, and person rows of
    the whole population), and where."""

    slot: str
    who: BoolArray
    persons: IntArray
    origin: Simulation
    households: IntArray | None  # the households of the pass's population (None: all)
    people: sc.People
    inputs: dict[str, dict[Period, np.ndarray]]


@dataclass
class _Run:
    """The passes of one analysis: what they share, and where their rates go."""

    system: TaxBenefitSystem
    reform: Reform | None
    options: IncentiveOptions
    period: str
    every: tuple[Component, ...]
    components: tuple[Component, ...]
    rates: dict[str, dict[str, Rates]]
    row_of: IntArray
    model: WageModel | None
    timings: dict[str, float]
    slots: tuple[str, ...] = sc.SLOTS
    passes: int = 0

    def _job(self, slot: str, who: BoolArray, people: sc.People, base: Simulation) -> _Job:
        """The pass of ``slot`` for ``who``: on the households concerned when they are few."""
        population = base.population
        hh = population.group(population.household)
        households = hh.any(who)
        origin, sub_people, sub_who, kept = base, people, who, None
        if int(np.count_nonzero(households[hh.index])) < ON_HOUSEHOLDS_SHARE * who.size:
            origin = base.on_households(households)
            keep = households[hh.index]
            sub_people, sub_who, kept = _slice(people, keep), who[keep], np.flatnonzero(households)
        year = Period.parse(self.period).year
        if slot == sc.METR:
            changes = sc.metr_changes(sub_people, sub_who, self.options)
        else:
            days_paid = float(self.system.variable("unemployment_days_paid").default)
            changes = sc.ptr_changes(
                sub_people,
                sub_who,
                Period.parse(self.period),
                self.options,
                predicted=slot == sc.PTR_PREDICTED,
                days_paid=days_paid,
            )
        inputs = input_arrays(origin.population, self.system, year, changes)
        return _Job(slot, sub_who, np.flatnonzero(who), origin, kept, sub_people, inputs)

    def rank(self, rank: int, in_rank: BoolArray, people: sc.People, *, origins: Origins) -> None:
        """The passes of the adults of one rank (one per slot, each on the households it
        concerns when they are few enough)."""
        base, base_totals, reform_totals = origins
        jobs: list[_Job] = []
        for slot in self.slots:
            who = in_rank & people.applies(slot)
            if (slot == sc.PTR_PREDICTED and self.model is None) or not np.any(who):
                continue
            jobs.append(self._job(slot, who, people, base))

        def one(job: _Job) -> tuple[PassTotals, float]:
            tick = time.perf_counter()
            result = run_pass(job.origin, job.inputs, self.every, self.period, self.reform)
            if job.origin is not base:
                job.origin.release()
            return result, time.perf_counter() - tick

        # the passes of a rank are independent derivations of the same baseline (read only);
        # numpy releases the GIL in its array work, so two may run side by side on two CPUs
        with ThreadPoolExecutor(max_workers=PASS_THREADS) as pool:
            for job, (result, seconds) in zip(jobs, pool.map(one, jobs), strict=True):
                self.timings[f"pass_{rank}_{job.slot}_s"] = seconds
                self.passes += 1
                pop = job.origin.population
                sub_hh = pop.group(pop.household).index
                rows = self.row_of[job.persons]
                for system, totals, after in (
                    ("baseline", base_totals, result.after),
                    ("reform", reform_totals, result.after_reform),
                ):
                    if system not in self.rates or totals is None or after is None:
                        continue
                    before = totals
                    if job.households is not None:
                        before = {k: v[job.households] for k, v in totals.items()}
                    self._store(
                        self.rates[system],
                        job.slot,
                        rows,
                        sub_hh[job.who],
                        states=(before, after),
                        workers=job.people.worker[job.who],
                    )

    def _store(
        self,
        rates: dict[str, Rates],
        slot: str,
        rows: IntArray,
        hh: IntArray,
        *,
        states: tuple[dict[str, FloatArray], dict[str, FloatArray]],
        workers: BoolArray,
    ) -> None:
        base, after = states
        comps, every = self.components, self.every
        if slot == sc.METR:
            _fill(rates[sc.METR], rows, hh, (base, after), comps)
            return
        if slot == sc.PTR:
            w, o = workers, ~workers
            _fill(rates[sc.PTR], rows[w], hh[w], (after, base), comps)  # out of work -> own job
            _fill(rates[sc.PTR], rows[o], hh[o], (base, after), comps)  # -> minimum-wage job
            _fill_replacement(rates["replacement"], rows[w], hh[w], (after, base), every)
            return
        _fill(rates[sc.PTR_PREDICTED], rows, hh, (base, after), comps)
        _fill_replacement(rates["replacement"], rows, hh, (base, after), every)


def _slice(people: sc.People, keep: BoolArray) -> sc.People:
    if bool(np.all(keep)):
        return people
    return sc.People(
        people.wage[keep],
        people.fraction[keep],
        people.status[keep],
        people.adult[keep],
        people.worker[keep],
        people.self_employed[keep],
        people.non_worker[keep],
        people.minimum_wage,
        people.predicted_wage[keep],
        people.statuses,
    )


def _equivalised(data: ModelInputLike, disposable: FloatArray) -> FloatArray:
    from mimosis.incentives.data import person_frame
    from mimosis.indicators.distribution import equivalence_scale, equivalised

    frame = person_frame(data)
    return equivalised(frame, disposable, equivalence_scale(frame))
