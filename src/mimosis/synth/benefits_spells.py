"""Invalidity and maternity spells, shared by block 8 (invalidity_maternity: the RIZIV/INAMI
payments) and block 6 (other_incapacity: the primary incapacity that precedes an invalidity,
and the maternity and birth leaves seen as absences from work). Each function draws from its
own random stream, so both blocks see the same spells.

Invalidity: every person with the design status INV, from the start of primary incapacity the
labour-market layer gives (``economy.incapacity_start``; invalidity one year later) to the end
of 2015, plus persons whose invalidity ended when their retirement pension started in
2013-2015 (exit code PENSION). Maternity: the quarters the labour-market layer marks as
maternity (employees and the unemployed), a birth in that quarter (the child living in the
household, or a 2015 birth), plus self-employed mothers and fathers' birth leave.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.synth.benefits import (
    WINDOW_END,
    WINDOW_START,
    add_months,
    economy,
    household_with_minor_children,
    lognormal,
    partner_of,
    quarter_bounds,
    random_days,
    select_to_total,
    working_days,
)
from mimosis.synth.benefits_params import benefit_model, target_value
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import State
from mimosis.synth.params import HOUSEHOLD_TYPES, lookup
from mimosis.synth.universe import CHILD_ROLES

STREAM = "invalidity_maternity"
EMP, SELF = 0, 1
STATES = ("00", "01", "02", "03", "04", "05", "06", "07", "08")
LEVEL_OF_STATE = np.array([1, 0, 0, 0, 1, 2, 1, 1, 0])  # family 0, single 1, cohabitant 2
IDLE = (State.INACTIVE, State.UNEMPLOYED, State.EXEMPTED, State.SICK)


@dataclass
class Invalidity:
    person: np.ndarray  # row in the population
    scheme: np.ndarray  # EMP / SELF
    primary_start: np.ndarray  # datetime64[D]: start of the primary incapacity
    start: np.ndarray  # datetime64[D]: start of the invalidity (one year later)
    end: np.ndarray  # datetime64[D]: last day (31/12/2015 when running)
    exited: np.ndarray  # bool: ended by the retirement pension
    state: np.ndarray  # index into STATES (family situation)
    daily: np.ndarray  # daily benefit (6-day week)
    code: np.ndarray  # 0 INV, 1 INV_MIN, 2 INV_WORK
    third_party: np.ndarray  # bool: lump sum for the help of a third person
    medical: np.ndarray  # index into the medical code list
    second_file: np.ndarray  # bool: also a file in the other scheme


def _social_state(ctx: SynthContext, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    pop = ctx.population
    eco = economy(ctx)
    partner = partner_of(pop)[rows]
    idle_partner = (partner >= 0) & np.isin(
        eco.state[np.maximum(partner, 0), -1], (State.INACTIVE, State.STUDENT, State.CHILD)
    )
    kids = household_with_minor_children(pop)[rows]
    alone = pop.households.type[pop.persons.household[rows]] == HOUSEHOLD_TYPES.index("ONE_PERSON")
    state = np.select([idle_partner, kids, alone], [1, 2, 4], 5)
    u = rng.random(rows.size)
    state = np.where((state == 5) & (u < 0.10), 6, state)
    state = np.where((state == 5) & (u > 0.97), 7, state)
    out: np.ndarray = np.where(u < 0.01, 0, state)
    return out


def invalidity(ctx: SynthContext) -> Invalidity:
    m = benefit_model().invalidity
    p = ctx.population.persons
    eco = economy(ctx)
    rng = ctx.rng(STREAM, "invalidity")
    n = len(p)
    inv = p.status.get("INV", np.zeros(n, dtype=bool))
    # persons whose invalidity ended at their retirement in 2013-2015
    pension = eco.pension_start
    k = np.clip((pension - WINDOW_START.astype("datetime64[M]")).astype(np.int64) // 3, 1, 12) - 1
    before = eco.state[np.arange(n), k]
    in_window = (pension > WINDOW_START.astype("datetime64[M]")) & (
        pension <= WINDOW_END.astype("datetime64[M]")
    )
    candidates = in_window & ~inv & np.isin(before, IDLE) & (p.age >= 58)
    exited = select_to_total(rng, p.weight, candidates.astype(float), m.pension_exits_2013_2015)
    rows = np.flatnonzero(inv | exited)
    out_exit = exited[rows]
    size = rows.size
    month_day = rng.integers(0, 28, size)
    years_back = 1.0 + rng.exponential(m.years_since_start_mean - 1, size)
    exit_month = pension[rows].astype("datetime64[D]")
    primary = np.where(
        out_exit,
        add_months(exit_month, -np.rint(12 * (years_back + 1)).astype(np.int64)) + month_day,
        eco.incapacity_start[rows].astype("datetime64[D]") + month_day,
    )
    start = add_months(primary, 12) + month_day
    end = np.where(out_exit, exit_month - 1, WINDOW_END)
    regime_self = eco.regime_self[rows] & ~eco.regime_employee[rows]
    score = np.where(regime_self, 8.0, 1.0) * (~out_exit)
    total = m.self_employed_share * target_value(m.target_total)
    scheme = np.where(select_to_total(rng, p.weight[rows], score, total), SELF, EMP)
    state = _social_state(ctx, rows, rng)
    level = np.array([m.state_level[k] for k in ("family", "single", "cohabitant")])
    wage = np.maximum(eco.ft_wage[rows].astype(np.float64), 800.0)
    raw = level[LEVEL_OF_STATE[state]] * (wage / np.median(wage)) ** 0.4
    raw = raw * lognormal(rng, 1.0, m.daily_cv, size)
    emp = scheme == EMP
    w = p.weight[rows]
    raw *= m.daily_mean_employee / (np.dot(w[emp], raw[emp]) / max(w[emp].sum(), 1e-9))
    low, high = m.daily_range
    daily = np.clip(raw, low, high)
    flat = np.array([m.daily_self_employed[k] for k in ("family", "single", "cohabitant")])
    daily = np.where(emp, daily, flat[LEVEL_OF_STATE[state]] * rng.uniform(0.98, 1.02, size))
    floor = np.quantile(daily[emp], m.minimum_share) if emp.any() else 0.0
    lowest = emp & (daily <= floor)
    working = rng.random(size) < m.authorised_work_share
    code = np.select([working, lowest], [2, 1], 0)
    daily = np.where(working, daily * m.authorised_work_factor, daily)
    medical_codes = tuple(m.medical_shares)
    shares = np.array(list(m.medical_shares.values()))
    medical = rng.choice(len(medical_codes), size=size, p=shares / shares.sum())
    return Invalidity(
        person=rows,
        scheme=scheme,
        primary_start=primary,
        start=start,
        end=end,
        exited=out_exit,
        state=state,
        daily=np.round(daily, 2),
        code=code,
        third_party=rng.random(size) < m.third_party_share,
        medical=np.array([int(c) - 1 for c in medical_codes])[medical],
        second_file=(rng.random(size) < m.two_schemes_share) & eco.regime_self[rows],
    )


@dataclass
class Leaves:
    person: np.ndarray
    code: np.ndarray  # 0 MAT, 1 PAT
    scheme: np.ndarray  # EMP / SELF
    birth: np.ndarray  # datetime64[D]
    start: np.ndarray
    end: np.ndarray
    days: np.ndarray  # compensated days
    amount: np.ndarray


def _births_in_household(ctx: SynthContext) -> tuple[np.ndarray, np.ndarray]:
    """Mother (female reference person or partner) and birth date of children born in
    2013-2014 who live in the household."""
    pop = ctx.population
    p = pop.persons
    kids = np.flatnonzero(np.isin(p.role, CHILD_ROLES) & (p.birth_date >= WINDOW_START))
    head = pop.reference_index()[kids]
    partner = partner_of(pop)[head]
    mother = np.where(p.sex[head] == 2, head, -1)
    mother = np.where((mother < 0) & (partner >= 0), partner, mother)
    mother = np.where((mother >= 0) & (p.sex[np.maximum(mother, 0)] == 2), mother, -1)
    ok = mother >= 0
    return mother[ok], p.birth_date[kids[ok]]


def leaves(ctx: SynthContext) -> Leaves:  # noqa: PLR0915
    m = benefit_model().maternity
    pop = ctx.population
    p = pop.persons
    eco = economy(ctx)
    rng = ctx.rng(STREAM, "maternity")
    q_first, q_last = quarter_bounds()
    mothers, births = _births_in_household(ctx)
    key_known = mothers * 16 + (
        (births.astype("datetime64[M]") - WINDOW_START.astype("datetime64[M]")).astype(np.int64)
        // 3
    )
    # employees and the unemployed: the maternity quarters of the labour-market layer
    who, k = np.nonzero(eco.state == State.MATERNITY)
    # self-employed mothers: births in the household, 2015 births at the fertility rate
    women = (p.sex == 2) & (p.age >= 15) & (p.age < 50)
    fert = np.where(women, lookup(m.fertility, p.age), 0.0)
    rate = fert * m.births_2015 / max(float(np.dot(p.weight, fert)), 1e-9)
    self_q = eco.state == State.SELF_EMPLOYED
    known = np.zeros_like(self_q)
    in_window = key_known % 16 < 12
    known[mothers[in_window], (key_known % 16)[in_window]] = True
    drawn = rng.random(self_q.shape) < rate[:, None] / 4
    drawn[:, :8] = False
    s_who, s_k = np.nonzero(self_q & (known | drawn) & (rng.random(self_q.shape) < 0.9))
    person = np.concatenate([who, s_who])
    quarter = np.concatenate([k, s_k])
    scheme = np.concatenate([np.full(who.size, EMP), np.full(s_who.size, SELF)])
    birth = random_days(rng, q_first[quarter], q_last[quarter])
    if key_known.size:
        target = person * 16 + quarter
        order = np.argsort(key_known, kind="stable")
        pos = np.clip(np.searchsorted(key_known[order], target), 0, order.size - 1)
        hit = key_known[order][pos] == target
        birth = np.where(hit, births[order][pos], birth)
    prenatal = 7 * rng.integers(m.prenatal_weeks[0], m.prenatal_weeks[1] + 1, person.size)
    weeks = np.where(scheme == EMP, m.weeks, m.self_employed_weeks)
    start = birth - prenatal
    end = start + 7 * weeks - 1
    days = working_days(start, end)
    wage = np.maximum(eco.ft_wage[person].astype(np.float64), 1000.0)
    daily = lognormal(rng, m.daily_mean, m.daily_cv, person.size) * (wage / np.median(wage)) ** 0.5
    amount = np.where(scheme == EMP, daily * days, m.self_employed_weekly * m.self_employed_weeks)
    # fathers' birth leave: the mother's partner with a job in the quarter of the birth
    father = partner_of(pop)[person]
    k_birth = np.clip(
        (birth.astype("datetime64[M]") - WINDOW_START.astype("datetime64[M]")).astype(np.int64)
        // 3,
        0,
        11,
    )
    takes = (father >= 0) & (rng.random(person.size) < m.paternity_take_up)
    takes &= eco.job[np.maximum(father, 0), k_birth] & (p.sex[np.maximum(father, 0)] == 1)
    f_rows = father[takes]
    f_birth = birth[takes]
    f_days = np.full(f_rows.size, m.paternity_days)
    f_amount = f_days * lognormal(rng, m.paternity_daily_mean, 0.2, f_rows.size)
    start = np.concatenate([start, f_birth])
    end = np.concatenate([end, f_birth + 13])
    days = np.concatenate([days, f_days]).astype(np.float64)
    amount = np.concatenate([amount, f_amount])
    # the data end at the window: a leave starting before 2013 or ending after 2015 keeps the
    # part inside, its days and amount in proportion of calendar days
    inside_start = np.maximum(start, WINDOW_START)
    inside_end = np.minimum(end, WINDOW_END)
    share = ((inside_end - inside_start).astype(np.int64) + 1) / (
        (end - start).astype(np.int64) + 1
    )
    return Leaves(
        person=np.concatenate([person, f_rows]),
        code=np.concatenate([np.zeros(person.size, np.int8), np.ones(f_rows.size, np.int8)]),
        scheme=np.concatenate([scheme, np.full(f_rows.size, EMP)]),
        birth=np.concatenate([birth, f_birth]),
        start=inside_start,
        end=inside_end,
        days=np.round(days * share),
        amount=np.round(amount * share, 2),
    )
