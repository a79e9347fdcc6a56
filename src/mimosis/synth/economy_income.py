"""Money of the labour-market layer over time: the gross wage as an employee in each quarter
2013-2015 (Q4 2015 = the sum of the employment lines) and the self-employed net business
income 2010-2015, both drawn ("observed") from ``data/economy.yaml``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from mimosis.synth.economy_base import HIGH, N_QUARTERS, Q4_2015, Features, State
from mimosis.synth.economy_params import EconomyModel
from mimosis.synth.economy_paths import Paths
from mimosis.synth.economy_states import Anchor

if TYPE_CHECKING:
    from mimosis.synth.economy_jobs import Jobs


def wage_quarters(
    rng: np.random.Generator,
    m: EconomyModel,
    *,
    paths: Paths,
    klass: np.ndarray,
    fraction: np.ndarray,
    ft_wage: np.ndarray,
    jobs: Jobs,
) -> np.ndarray:
    """Gross wage as an employee per quarter: Q4 2015 is the sum of the lines; earlier quarters
    follow the same monthly wage, the year's wage level and the quarter's state."""
    wg = m.wages
    n = ft_wage.size
    state = paths.state
    presence = np.where(np.isin(state, (State.SICK, State.MATERNITY)), 0.35, 1.0)
    presence = np.where(paths.career_break_partial, 0.8, presence)
    year = np.repeat(np.array(wg.wage_growth_2013_2015), 4)[None, :]
    white = (klass != 1)[:, None]
    quarter = np.arange(N_QUARTERS)[None, :] % 4
    months = 3 + np.where(white & (quarter == 1), wg.double_holiday_pay, 0.0)
    months = months + np.where(white & (quarter == 3), 1.0, 0.0)
    student = state == State.STUDENT
    monthly = np.where(student, rng.uniform(150, 600, (n, 1)), (ft_wage * fraction)[:, None])
    noise = np.exp(rng.normal(0, 0.03, (n, N_QUARTERS)))
    out = np.where(paths.job, monthly * months * presence * year * noise, 0.0)
    q4 = np.zeros(n)
    np.add.at(q4, jobs.person, jobs.gross)
    out[:, Q4_2015] = q4
    return np.round(out, 2).astype(np.float32)


def net_business_income(
    rng: np.random.Generator, m: EconomyModel, f: Features, a: Anchor, paths: Paths
) -> np.ndarray:
    """Net business income 2010-2015 of the self-employed (person effect + yearly noise, a
    share of losses), for the years since the affiliation started."""
    inc = m.self_employed.income
    n = f.n
    kind = np.where(a.se_after_pension, 2, np.where(a.se_secondary, 1, 0))
    laws = (inc.main, inc.secondary, inc.after_pension)
    median = np.array([x.median for x in laws])[kind]
    sigma = np.array([x.sigma for x in laws])[kind]
    loss = np.array([x.loss_share for x in laws])[kind]
    median = median * np.where(f.education == HIGH, 1.4, 1.0)
    person = rng.normal(0, 1, n) * sigma
    years = np.arange(2010, 2016)
    level = median[:, None] * np.exp(person[:, None] + rng.normal(0, inc.year_sigma, (n, 6)))
    level *= (1 + inc.growth) ** (years - 2015)[None, :]
    losses = rng.random((n, 6)) < loss[:, None]
    value = np.where(losses, -rng.exponential(0.25, (n, 6)) * median[:, None], level)
    start_year = paths.self_employed_start.astype("datetime64[Y]").astype(np.float64) + 1970
    active = ~np.isnat(paths.self_employed_start)[:, None] & (years[None, :] >= start_year[:, None])
    return np.where(active, np.round(value, 2), np.nan).astype(np.float32)
