"""Yearly labour-market history 1954-2015 of every person, for the employment-year,
unemployment and career blocks: a status per year, employee days, assimilated days and pay.

2013-2015 are summaries of the quarterly paths (pay = the sum of the quarterly wages);
earlier years run backward from 2013 with yearly persistence, start after the career-start
age (never before 14), stop at the pension start, and leave gaps (unemployment, incapacity,
inactivity, for older women a child-rearing block) except for early retirees, whose careers
are full so that the early-retirement conditions of their start year are met."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np

from mimosis.synth.economy_base import FEMALE, N_QUARTERS, Branch, State, age_lookup
from mimosis.synth.params import lookup

if TYPE_CHECKING:
    from mimosis.synth.economy import Economy

FIRST_YEAR, LAST_YEAR = 1954, 2015
YEARS = np.arange(FIRST_YEAR, LAST_YEAR + 1)
N_YEARS = YEARS.size
WINDOW = 2013 - FIRST_YEAR  # column of 2013


class Year(IntEnum):
    """Status of a person in a year (the main one)."""

    NONE = 0  # not yet working, inactive, or not born
    EMPLOYEE = 1
    CIVIL_SERVANT = 2
    SELF_EMPLOYED = 3
    UNEMPLOYED = 4
    SCHOOL_LEAVER = 5
    EXEMPTED = 6
    SWT = 7
    CAREER_BREAK = 8
    SICK = 9
    INVALIDITY = 10
    PENSION = 11


CAREER = (Year.EMPLOYEE, Year.CIVIL_SERVANT, Year.SELF_EMPLOYED, Year.UNEMPLOYED,
          Year.SCHOOL_LEAVER, Year.EXEMPTED, Year.SWT, Year.CAREER_BREAK, Year.SICK,
          Year.INVALIDITY)  # fmt: skip
ASSIMILATED = (Year.UNEMPLOYED, Year.SCHOOL_LEAVER, Year.EXEMPTED, Year.SWT, Year.CAREER_BREAK,
               Year.SICK, Year.INVALIDITY)  # fmt: skip
# yearly status of each quarterly State
FROM_STATE = {
    State.EMPLOYEE: Year.EMPLOYEE, State.CIVIL_SERVANT: Year.CIVIL_SERVANT,
    State.SELF_EMPLOYED: Year.SELF_EMPLOYED, State.UNEMPLOYED: Year.UNEMPLOYED,
    State.VOLUNTARY_PT: Year.UNEMPLOYED, State.SCHOOL_LEAVER: Year.SCHOOL_LEAVER,
    State.EXEMPTED: Year.EXEMPTED, State.CAREER_BREAK: Year.CAREER_BREAK, State.SWT: Year.SWT,
    State.SICK: Year.SICK, State.MATERNITY: Year.EMPLOYEE, State.INVALIDITY: Year.INVALIDITY,
    State.PENSION: Year.PENSION,
}  # fmt: skip


@dataclass
class History:
    status: np.ndarray  # int8 (N, 62), Year, columns 1954..2015
    work_days: np.ndarray  # int16 (N, 62): days paid as an employee (312 = full year)
    assimilated_days: np.ndarray  # int16 (N, 62): unemployment, incapacity, career break ...
    pay: np.ndarray  # float32 (N, 62): gross pay as an employee (EUR/year)
    fte: np.ndarray  # float32 (N,): usual part-time fraction of the person's employee work
    career_start_year: np.ndarray  # int32 (N,)
    career_break_year: np.ndarray  # bool (N, 62): partial career break during the year

    def career_years_before(self, start: np.ndarray, idx: np.ndarray) -> np.ndarray:
        """Career years (work or assimilated, at least 104 days) of persons ``idx`` in the
        years before the year of ``start`` (datetime64[M])."""
        year = start.astype("datetime64[Y]").astype(np.int64) + 1970
        status = self.status[idx]
        days = self.work_days[idx].astype(np.int32) + self.assimilated_days[idx]
        employee = np.isin(status, (Year.EMPLOYEE, Year.CIVIL_SERVANT))
        counted = np.isin(status, CAREER) & (~employee | (days >= 104))
        before = YEARS[None, :] < year[:, None]
        return np.asarray((counted & before).sum(axis=1))


def _recent(eco: Economy) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Status, employee days, assimilated days and pay of 2013, 2014 and 2015."""
    n = len(eco)
    table = np.full(len(State), Year.NONE, dtype=np.int8)
    for s, y in FROM_STATE.items():
        table[s] = y
    yearly = table[eco.state]  # (N, 12)
    frac = np.where(eco.part_time > 0, eco.part_time, 0.8).astype(np.float32)
    status = np.zeros((n, 3), dtype=np.int8)
    work = np.zeros((n, 3), dtype=np.int16)
    assim = np.zeros((n, 3), dtype=np.int16)
    pay = np.zeros((n, 3), dtype=np.float32)
    for i in range(3):
        cols = slice(4 * i, 4 * i + 4)
        counts = np.stack([(yearly[:, cols] == v).sum(axis=1) for v in range(len(Year))], axis=1)
        counts[:, Year.NONE] = np.where(counts[:, Year.NONE] == 4, 4, 0)
        status[:, i] = np.argmax(counts, axis=1)
        jobq = eco.job[:, cols] & ~np.isin(eco.state[:, cols], (State.STUDENT,))
        work[:, i] = np.round(78 * jobq.sum(axis=1) * frac).astype(np.int16)
        other = np.isin(yearly[:, cols], ASSIMILATED) & ~jobq
        assim[:, i] = (78 * other.sum(axis=1)).astype(np.int16)
        pay[:, i] = eco.wage_quarter[:, cols].sum(axis=1)
    return status, work, assim, pay


def build_history(eco: Economy) -> History:  # noqa: PLR0915 (one backward pass, kept whole)
    rng = np.random.default_rng(np.random.SeedSequence(entropy=eco.seed, spawn_key=(71, 2013)))
    f, m = eco.features, eco.model.career
    n = len(eco)
    birth_year = f.birth.astype("datetime64[Y]").astype(np.int64) + 1970
    start_year = np.maximum(
        birth_year + np.ceil(eco.career_start_age).astype(np.int64), birth_year + 14
    )
    pension_year = np.where(
        np.isnat(eco.pension_start),
        9999,
        eco.pension_start.astype("datetime64[Y]").astype(np.int64) + 1970,
    )
    status = np.zeros((n, N_YEARS), dtype=np.int8)
    work = np.zeros((n, N_YEARS), dtype=np.int16)
    assim = np.zeros((n, N_YEARS), dtype=np.int16)
    pay = np.zeros((n, N_YEARS), dtype=np.float32)
    s3, w3, a3, p3 = _recent(eco)
    status[:, WINDOW:] = s3
    work[:, WINDOW:] = w3
    assim[:, WINDOW:] = a3
    pay[:, WINDOW:] = p3

    # the kind of work of each year: employee, civil servant or self-employed by regime
    only_civil = eco.regime_civil & ~eco.regime_employee
    only_self = eco.regime_self & ~eco.regime_employee & ~eco.regime_civil
    self_from = np.where(
        np.isnat(eco.self_employed_start),
        birth_year + rng.integers(30, 46, n),
        eco.self_employed_start.astype("datetime64[Y]").astype(np.int64) + 1970,
    )
    civil_from = birth_year + rng.integers(23, 31, n)
    density = np.where(
        f.sex == FEMALE,
        lookup(m.density["female"], birth_year),
        lookup(m.density["male"], birth_year),
    )
    gap_start = birth_year + np.round(rng.normal(28, 3, n)).astype(np.int64)
    gap_len = np.round((1 - density) * np.clip(2013 - start_year, 0, 45) * rng.uniform(0.5, 1.5, n))
    gap_len = np.where(f.sex == FEMALE, gap_len, 0).astype(np.int64)
    inc_year = np.where(
        np.isnat(eco.incapacity_start),
        9999,
        eco.incapacity_start.astype("datetime64[Y]").astype(np.int64) + 1970,
    )
    fte = np.where(eco.part_time > 0, eco.part_time, np.where(f.sex == FEMALE, 0.85, 1.0)).astype(
        np.float32
    )

    cur = status[:, WINDOW].astype(np.int8)
    work_like = np.isin(cur, (Year.EMPLOYEE, Year.CIVIL_SERVANT, Year.SELF_EMPLOYED))
    cur = np.where(work_like | (cur == Year.PENSION), Year.EMPLOYEE, cur).astype(np.int8)
    for col in range(WINDOW - 1, -1, -1):
        year = FIRST_YEAR + col
        u = rng.random(n)
        is_work = cur == Year.EMPLOYEE
        stay = u < np.where(is_work, 0.93, m.persistence)
        gap = rng.random(n)
        from_work = np.where(
            gap < m.unemployed_gap_share,
            Year.UNEMPLOYED,
            np.where(gap < m.unemployed_gap_share + m.sick_gap_share, Year.SICK, Year.NONE),
        )
        nxt = np.where(stay, cur, np.where(is_work, from_work, Year.EMPLOYEE)).astype(np.int8)
        nxt = np.where(
            np.isin(nxt, (Year.SWT, Year.EXEMPTED, Year.CAREER_BREAK, Year.SCHOOL_LEAVER)) & ~stay,
            Year.EMPLOYEE,
            nxt,
        ).astype(np.int8)
        nxt = np.where(
            np.isin(nxt, (Year.SWT, Year.EXEMPTED)) & (year - birth_year < 50), Year.UNEMPLOYED, nxt
        )
        nxt = np.where((nxt == Year.SCHOOL_LEAVER) & (year - birth_year > 30), Year.UNEMPLOYED, nxt)
        nxt = np.where((nxt == Year.INVALIDITY) & (year < inc_year), Year.EMPLOYEE, nxt)
        nxt = np.where((year >= inc_year) & (year < 2013) & (inc_year < 9999), Year.INVALIDITY, nxt)
        nxt = np.where(eco.full_career & (nxt != Year.INVALIDITY), Year.EMPLOYEE, nxt)
        in_gap = (year >= gap_start) & (year < gap_start + gap_len) & ~eco.full_career
        nxt = np.where(in_gap & (nxt == Year.EMPLOYEE), Year.NONE, nxt)
        nxt = np.where(year < start_year, Year.NONE, nxt).astype(np.int8)
        cur = nxt
        shown = np.where(year >= pension_year, Year.PENSION, cur)
        kind = np.where(
            only_civil | (eco.regime_civil & (year >= civil_from)),
            Year.CIVIL_SERVANT,
            Year.EMPLOYEE,
        )
        kind = np.where(
            only_self
            | (eco.regime_self & ~eco.regime_civil & (year >= self_from) & ~eco.regime_employee),
            Year.SELF_EMPLOYED,
            kind,
        )
        kind = np.where(
            eco.regime_self & eco.regime_employee & (year >= self_from) & (rng.random(n) < 0.6),
            Year.SELF_EMPLOYED,
            kind,
        )
        shown = np.where(shown == Year.EMPLOYEE, kind, shown).astype(np.int8)
        status[:, col] = shown
    _days_and_pay(
        rng,
        eco,
        status=status,
        work=work,
        assim=assim,
        pay=pay,
        fte=fte,
        birth_year=birth_year,
        start_year=start_year,
    )
    cb = np.zeros((n, N_YEARS), dtype=bool)
    breaks = eco.flag(Branch.CAREER_BREAK)
    for y in range(N_QUARTERS // 4):
        cb[:, WINDOW + y] = breaks[:, 4 * y : 4 * y + 4].any(axis=1)
    return History(status, work, assim, pay, fte, start_year.astype(np.int32), cb)


CHUNK = 100_000  # persons per slice of the (persons x years) computations: bounded memory


def _days_and_pay(
    rng: np.random.Generator,
    eco: Economy,
    *,
    status: np.ndarray,
    work: np.ndarray,
    assim: np.ndarray,
    pay: np.ndarray,
    fte: np.ndarray,
    birth_year: np.ndarray,
    start_year: np.ndarray,
) -> None:
    """Days and pay of the years before 2013 (employee and civil-servant years only), in
    slices of persons so that the float temporaries stay small at full scale."""
    m = eco.model.career
    index_years = np.array(sorted(m.wage_index))
    index = np.exp(
        np.interp(YEARS, index_years, np.log([m.wage_index[int(y)] for y in index_years]))
    )
    relative = (index[:WINDOW] / index[-1])[None, :]
    ft_wage = eco.ft_wage.astype(np.float64)
    for lo in range(0, status.shape[0], CHUNK):
        rows = slice(lo, lo + CHUNK)
        st = status[rows, :WINDOW]
        employee = np.isin(st, (Year.EMPLOYEE, Year.CIVIL_SERVANT))
        first = YEARS[None, :WINDOW] == start_year[rows, None]
        share = np.where(first, rng.uniform(0.4, 1.0, (st.shape[0], 1)), 1.0)
        days = np.round(m.days_full_year * fte[rows, None] * share * employee)
        work[rows, :WINDOW] = np.minimum(days, m.days_full_year).astype(np.int16)
        assim[rows, :WINDOW] = np.where(np.isin(st, ASSIMILATED), m.days_full_year, 0)
        age = np.maximum(YEARS[None, :WINDOW] - birth_year[rows, None], 14)
        now = age_lookup(m.age_profile, np.maximum(2015 - birth_year[rows], 14))[:, None]
        level = 12 * 1.08 * ft_wage[rows, None] * np.exp(age_lookup(m.age_profile, age) - now)
        level *= relative * np.exp(rng.normal(0, 0.05, st.shape))
        pay[rows, :WINDOW] = np.where(employee, level * days / m.days_full_year, 0.0)
