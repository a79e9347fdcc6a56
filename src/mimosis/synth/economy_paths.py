"""Quarterly paths 2013 Q1 - 2015 Q4 backward from the end-2015 anchor: a backward Markov
chain for the ordinary labour-market states (persistence, then an origin drawn by state),
date-driven spells for pensions, invalidity, disability and integration income, and forward
overlays for maternity, sickness, career breaks and student jobs. Then the branch flags."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.coded import choose_rows
from mimosis.synth.economy_base import (
    FEMALE,
    N_QUARTERS,
    NAT_M,
    QUARTER_END,
    Branch,
    Features,
    State,
    age_lookup,
    bernoulli,
    expit,
    logit,
    shift_to,
)
from mimosis.synth.economy_params import EconomyModel
from mimosis.synth.economy_states import Anchor
from mimosis.synth.universe import CHILD_ROLES, Role

S = State
N_STATES = len(State)
# backward persistence per quarter and the origin of a spell (the state before it), by state
PERSIST = {
    S.EMPLOYEE: 0.985, S.CIVIL_SERVANT: 0.995, S.SELF_EMPLOYED: 0.99, S.VOLUNTARY_PT: 0.95,
    S.SCHOOL_LEAVER: 0.75, S.EXEMPTED: 0.95, S.SWT: 0.96, S.INACTIVE: 0.97, S.INTEGRATION: 0.88,
    S.DISABILITY: 0.98,
}  # fmt: skip
ORIGIN = {
    S.EMPLOYEE: {
        S.UNEMPLOYED: 0.45,
        S.INACTIVE: 0.2,
        S.STUDENT: 0.25,
        S.SELF_EMPLOYED: 0.03,
        S.SCHOOL_LEAVER: 0.07,
    },
    S.CIVIL_SERVANT: {S.EMPLOYEE: 0.6, S.STUDENT: 0.2, S.UNEMPLOYED: 0.2},
    S.SELF_EMPLOYED: {S.EMPLOYEE: 0.6, S.UNEMPLOYED: 0.2, S.INACTIVE: 0.2},
    S.UNEMPLOYED: {S.EMPLOYEE: 0.75, S.INACTIVE: 0.1, S.SCHOOL_LEAVER: 0.15},
    S.VOLUNTARY_PT: {S.EMPLOYEE: 1.0},
    S.SCHOOL_LEAVER: {S.STUDENT: 1.0},
    S.EXEMPTED: {S.UNEMPLOYED: 1.0},
    S.CAREER_BREAK: {S.EMPLOYEE: 1.0},
    S.SWT: {S.EMPLOYEE: 1.0},
    S.INACTIVE: {S.EMPLOYEE: 0.4, S.UNEMPLOYED: 0.4, S.STUDENT: 0.2},
    S.INTEGRATION: {S.UNEMPLOYED: 0.4, S.INACTIVE: 0.3, S.STUDENT: 0.15, S.EMPLOYEE: 0.15},
    S.DISABILITY: {S.INACTIVE: 0.7, S.UNEMPLOYED: 0.3},
}
JOB_STATES = (S.EMPLOYEE, S.CIVIL_SERVANT)
# states insured for the RIZIV/INAMI maternity benefit (statutory civil servants keep their pay)
MATERNITY_INSURED = (S.EMPLOYEE, S.UNEMPLOYED)


@dataclass
class Paths:
    state: np.ndarray  # int8 (N, 12)
    job: np.ndarray  # bool (N, 12): holds an employee contract (employment line)
    bits: np.ndarray  # uint32 (N, 12)
    incapacity_start: np.ndarray  # datetime64[M] (invalidity persons; NaT otherwise)
    disability_start: np.ndarray
    integration_start: np.ndarray
    self_employed_start: np.ndarray
    work_accident_start: np.ndarray
    occupational_disease_start: np.ndarray
    career_break_partial: np.ndarray  # bool (N, 12)
    child_benefit: np.ndarray  # bool person-level entitlement


def _matrices(m: EconomyModel) -> tuple[np.ndarray, np.ndarray]:
    persist = np.ones(N_STATES)
    for s, p in PERSIST.items():
        persist[s] = p
    persist[S.UNEMPLOYED] = m.unemployment.persistence
    persist[S.CAREER_BREAK] = m.career_break.persistence
    origin = np.zeros((N_STATES, N_STATES))
    for k in range(N_STATES):
        origin[k, k] = 1.0  # states without an origin keep their state
    for s, table in ORIGIN.items():
        origin[s] = 0.0
        for t, p in table.items():
            origin[s, t] = p
    return persist, origin


def _months_back(rng: np.random.Generator, mean: float, cap: np.ndarray) -> np.ndarray:
    return np.asarray(np.minimum(rng.exponential(mean, cap.size), cap).astype(np.int64))


def _dates(
    rng: np.random.Generator, m: EconomyModel, f: Features, a: Anchor, targets: dict[str, float]
) -> dict[str, np.ndarray]:
    """Start months of the date-driven spells."""
    end14 = np.datetime64("2014-12", "M")
    adult_months = np.clip((f.age0 - 18) * 12, 1, None)
    iy = m.sickness.invalidity_years
    inv_back = 12 * (1 + _months_back(rng, (iy.mean - 1) * 12, adult_months) / 12)
    incapacity = np.where(f.inv, end14 - (inv_back - 12).astype("timedelta64[M]"), NAT_M)
    dis_back = _months_back(rng, 96, adult_months)
    disability = np.where(
        f.dis, np.datetime64("2015-01", "M") - dis_back.astype("timedelta64[M]"), NAT_M
    )
    # the design's counts are 2015 means: the statuses run through 2015
    ris_back = _months_back(rng, 20, adult_months)
    integration = np.where(
        f.ris, np.datetime64("2015-01", "M") - ris_back.astype("timedelta64[M]"), NAT_M
    )
    work_months = np.clip((f.age0 + 1 - a.career_start_age) * 12, 1, None)
    se_back = _months_back(rng, 120, work_months)
    se_any = (a.state == S.SELF_EMPLOYED) | a.se_secondary | a.se_after_pension
    self_start = np.where(
        se_any, np.datetime64("2015-12", "M") - se_back.astype("timedelta64[M]"), NAT_M
    )
    # work-accident and occupational-disease annuities, calibrated to their counts
    older = f.age0 >= 30
    out = {
        "incapacity": incapacity,
        "disability": disability,
        "integration": integration,
        "self_employed": self_start,
    }
    for key, tab in (
        ("work_accident", m.sickness.work_accident),
        ("occupational_disease", m.sickness.occupational_disease),
    ):
        score = logit(np.maximum(age_lookup(tab, f.age0), 1e-5))
        c = shift_to(score[older], f.weight[older], targets[key], total=True)
        has = older & bernoulli(rng, expit(score + c))
        back = _months_back(rng, 120, work_months)
        out[key] = np.where(
            has, np.datetime64("2015-12", "M") - back.astype("timedelta64[M]"), NAT_M
        )
    return out


def _pre_state(rng: np.random.Generator, a: Anchor, f: Features) -> np.ndarray:
    """The state before a pension (or invalidity) that starts inside the window."""
    n = f.n
    pre = np.where(a.regime_civil, S.CIVIL_SERVANT, S.EMPLOYEE).astype(np.int8)
    u = rng.random(n)
    pre = np.where(a.regime_self & (u < 0.25), S.SELF_EMPLOYED, pre)
    older = f.age0 >= 56
    pre = np.where(~a.regime_civil & older & (u > 0.55) & (u < 0.75), S.SWT, pre)
    pre = np.where(~a.regime_civil & (u >= 0.75) & (u < 0.85), S.UNEMPLOYED, pre)
    return np.where((u >= 0.85) & ~a.full_career, S.INACTIVE, pre)


def build_paths(
    rng: np.random.Generator, m: EconomyModel, f: Features, a: Anchor, targets: dict[str, float]
) -> Paths:
    n = f.n
    persist, origin = _matrices(m)
    dates = _dates(rng, m, f, a, targets)
    pre = _pre_state(rng, a, f)
    inv_pre = np.where(rng.random(n) < 0.7, S.EMPLOYEE, S.UNEMPLOYED).astype(np.int8)
    state = np.zeros((n, N_QUARTERS), dtype=np.int8)
    state[:, -1] = a.state
    pension = ~np.isnat(a.pension_start)
    for k in range(N_QUARTERS - 2, -1, -1):
        nxt = state[:, k + 1]
        stay = rng.random(n) < persist[nxt]
        drawn = choose_rows(rng, origin[nxt]).astype(np.int8)
        cur = np.where(stay, nxt, drawn)
        age = f.age_at(k)
        cur = np.where((cur == S.STUDENT) & (age >= 27), S.INACTIVE, cur)
        cur = np.where(
            np.isin(cur, (S.EMPLOYEE, S.UNEMPLOYED, S.SCHOOL_LEAVER)) & (age < 18), S.STUDENT, cur
        )
        end = QUARTER_END[k]
        # date-driven spells
        before_pension = pension & (a.pension_start > end)
        cur = np.where(before_pension & (nxt == S.PENSION), pre, cur)
        cur = np.where(
            pension & ~before_pension & np.isin(a.state, (S.PENSION, S.SURVIVOR)), S.PENSION, cur
        )
        surv_only = (a.state == S.SURVIVOR) & (a.survivor_start > end)
        cur = np.where(surv_only, S.INACTIVE, cur)
        inc = dates["incapacity"]
        cur = np.where(f.inv & (end < inc), inv_pre, cur)
        cur = np.where(
            f.inv & (end >= inc),
            np.where(end < inc + np.timedelta64(12, "M"), S.SICK, S.INVALIDITY),
            cur,
        )
        dis_main = a.state == S.DISABILITY
        cur = np.where(dis_main & (end >= dates["disability"]), S.DISABILITY, cur)
        cur = np.where(
            dis_main & (end < dates["disability"]) & (cur == S.DISABILITY), S.INACTIVE, cur
        )
        ris_main = a.state == S.INTEGRATION
        cur = np.where(ris_main & (end >= dates["integration"]), S.INTEGRATION, cur)
        cur = np.where(
            ris_main & (end < dates["integration"]) & (cur == S.INTEGRATION), S.UNEMPLOYED, cur
        )
        cur = np.where(a.full_career & np.isin(cur, (S.INACTIVE, S.STUDENT)), pre, cur)
        cur = np.where(age < 15, S.CHILD, cur)
        state[:, k] = cur
    # self-employed spells of the chain that ended before 2015 Q4 need an affiliation start too
    se_quarters = state == S.SELF_EMPLOYED
    missing = se_quarters.any(axis=1) & np.isnat(dates["self_employed"])
    first_q = np.argmax(se_quarters, axis=1)
    back = rng.integers(0, 36, n).astype("timedelta64[M]")
    dates["self_employed"] = np.where(
        missing, QUARTER_END[first_q] - 2 - back, dates["self_employed"]
    )
    job = np.isin(state, JOB_STATES)
    civil_job = state == S.CIVIL_SERVANT
    _maternity(rng, m, f, state)
    sick = np.isin(state, (*JOB_STATES, S.UNEMPLOYED, S.VOLUNTARY_PT))
    p_sick = np.where(
        f.age0 >= 50, m.sickness.quarterly * m.sickness.older_odds, m.sickness.quarterly
    )
    sick &= rng.random((n, N_QUARTERS)) < p_sick[:, None]
    state[sick] = S.SICK
    partial = _career_breaks(rng, m, f, state, targets["career_break"])
    student_job = (state == S.STUDENT) & (rng.random((n, N_QUARTERS)) < a.student_job_p[:, None])
    cb = np.where(f.age0 < 18, rng.random(n) < 0.965, rng.random(n) < 0.98)
    bits = _bits(
        f,
        a,
        state=state,
        job=job,
        civil_job=civil_job,
        student_job=student_job,
        partial=partial,
        dates=dates,
        cb=cb,
    )
    return Paths(
        state=state,
        job=job | student_job,
        bits=bits,
        incapacity_start=dates["incapacity"],
        disability_start=dates["disability"],
        integration_start=dates["integration"],
        self_employed_start=dates["self_employed"],
        work_accident_start=dates["work_accident"],
        occupational_disease_start=dates["occupational_disease"],
        career_break_partial=partial,
        child_benefit=cb,
    )


def _maternity(rng: np.random.Generator, m: EconomyModel, f: Features, state: np.ndarray) -> None:
    """Maternity in the quarter of a birth: the 2013-2014 births of the household's children
    (mother = the woman among reference person and partner), random births in 2015. Only
    mothers insured for RIZIV maternity benefit get the state: contractual employees and the
    unemployed; statutory civil servants keep their salary. The 2015 births of insured women are
    drawn at the fertility shape scaled to their share of the 2015 births (benefits.yaml
    maternity: births_2015 x insured_employee_share), not at the raw rates for every woman."""
    n = f.n
    kids = np.flatnonzero(np.isin(f.role, CHILD_ROLES) & (f.age0 < 2.5))
    head = f.head[kids]
    partner = np.minimum(head + 1, n - 1)
    partner_ok = (f.role[partner] == Role.PARTNER) & (f.household[partner] == f.household[kids])
    mother = np.where(
        f.sex[head] == FEMALE, head, np.where(partner_ok & (f.sex[partner] == FEMALE), partner, -1)
    )
    born = f.birth[kids]
    k = (born.astype("datetime64[M]").astype(np.int64) - QUARTER_END[0].astype(np.int64) + 2) // 3
    ok = (mother >= 0) & (k >= 0) & (k < 8)
    mothers, quarters = mother[ok], k[ok]
    eligible = np.isin(state[mothers, quarters], MATERNITY_INSURED)
    state[mothers[eligible], quarters[eligible]] = S.MATERNITY
    women = (f.sex == FEMALE) & (f.age0 >= 15) & (f.age0 < 46)
    fert = np.where(women, age_lookup(m.maternity.fertility, f.age0), 0.0)
    mat = benefit_model().maternity
    per_quarter = mat.births_2015 * mat.insured_employee_share / 4
    for q in range(8, N_QUARTERS):
        base = np.where(np.isin(state[:, q], MATERNITY_INSURED), fert, 0.0)
        p = base * per_quarter / max(float(np.dot(f.weight, base)), 1e-9)
        hit = rng.random(n) < p
        state[hit, q] = S.MATERNITY


def _career_breaks(
    rng: np.random.Generator, m: EconomyModel, f: Features, state: np.ndarray, target: float
) -> np.ndarray:
    """Partial career breaks (time credit, thematic leave) of employees, a two-state chain per
    person; full-time breaks are the CAREER_BREAK state. Calibrated in expectation so that
    partial + full breaks at the end of 2015 add up to the target."""
    cb = m.career_break
    n = f.n
    p = age_lookup(cb.share, f.age0) * np.where(f.sex == FEMALE, cb.female_odds, 1.0)
    holders = np.isin(state[:, -1], JOB_STATES)
    full = float(f.weight[state[:, -1] == S.CAREER_BREAK].sum())
    c = shift_to(
        logit(np.maximum(p[holders], 1e-6)), f.weight[holders], max(target - full, 0.0), total=True
    )
    p = expit(logit(np.maximum(p, 1e-6)) + c)
    a = cb.persistence
    b = p * (1 - a) / np.maximum(1 - p, 1e-6)
    flag = np.zeros((n, N_QUARTERS), dtype=bool)
    flag[:, -1] = holders & (rng.random(n) < p)
    for k in range(N_QUARTERS - 2, -1, -1):
        u = rng.random(n)
        flag[:, k] = np.where(flag[:, k + 1], u < a, u < b)
    flag &= np.isin(state, JOB_STATES)
    return flag


def _bits(
    f: Features,
    a: Anchor,
    *,
    state: np.ndarray,
    job: np.ndarray,
    civil_job: np.ndarray,
    student_job: np.ndarray,
    partial: np.ndarray,
    dates: dict[str, np.ndarray],
    cb: np.ndarray,
) -> np.ndarray:
    br = Branch
    end = QUARTER_END[None, :]
    # young adults living with their parents, not in school: child benefit during the
    # job-seeking period after school, or as a disabled child (U: a third of them)
    at_home = (np.isin(f.role, CHILD_ROLES) & (np.arange(f.n) % 3 == 0))[:, None]
    age = f.age0[:, None] + (np.arange(N_QUARTERS)[None, :] + 1) / 4.0 - 2.0
    retired = a.pension_start[:, None] <= end
    survivor = a.survivor_start[:, None] <= end
    self_aff = dates["self_employed"][:, None] <= end
    helper = np.isin(a.capacity, (2, 3))[:, None]
    main_se = state == S.SELF_EMPLOYED
    flags = {
        br.EMPLOYEE: (job & ~civil_job) | student_job,
        br.CIVIL_SERVANT: job & civil_job,
        br.SELF_EMPLOYED_MAIN: main_se & ~helper,
        br.HELPER: main_se & helper,
        br.SELF_EMPLOYED_SECONDARY: a.se_secondary[:, None] & job & self_aff,
        br.SELF_EMPLOYED_AFTER_PENSION: a.se_after_pension[:, None] & retired & self_aff,
        br.UNEMPLOYED: np.isin(state, (S.UNEMPLOYED, S.VOLUNTARY_PT)),
        br.SCHOOL_LEAVER: state == S.SCHOOL_LEAVER,
        br.UNEMPLOYED_EXEMPTED: state == S.EXEMPTED,
        br.CAREER_BREAK: (state == S.CAREER_BREAK) | partial,
        br.SWT: state == S.SWT,
        br.PRIMARY_INCAPACITY: state == S.SICK,
        br.INVALIDITY: state == S.INVALIDITY,
        br.MATERNITY: state == S.MATERNITY,
        br.WORK_ACCIDENT: dates["work_accident"][:, None] <= end,
        br.OCCUPATIONAL_DISEASE: dates["occupational_disease"][:, None] <= end,
        br.RETIREMENT_PENSION: retired,
        br.SURVIVOR_PENSION: survivor,
        br.INCOME_GUARANTEE_ELDERLY: a.grapa[:, None] & (retired | survivor) & (age >= 65),
        br.INTEGRATION_INCOME: f.ris[:, None] & (dates["integration"][:, None] <= end),
        br.DISABILITY_ALLOWANCE: f.dis[:, None] & (dates["disability"][:, None] <= end),
        br.CHILD_BENEFIT_CHILD: cb[:, None]
        & (age >= 0)
        & (
            (age < 18)
            | (np.isin(state, (S.STUDENT, S.SCHOOL_LEAVER)) & (age < 25))
            | (at_home & (age < 21))
        ),
        br.STUDENT_JOB: student_job,
    }
    bits = np.zeros(state.shape, dtype=np.uint32)
    for branch, mask in flags.items():
        bits |= mask.astype(np.uint32) << np.uint32(branch)
    return bits
