"""Block 6 (other_incapacity): periods of primary incapacity and of maternity-related leave.

Illness or private accident: each run of consecutive quarters the labour-market layer marks as
primary incapacity (state SICK, the state at the end of a quarter) of a person who is not an
invalid becomes one period, from a day in its first quarter to the end of its last quarter plus
up to 60 days (a period reaching the end of 2015 is sometimes still running); the year of
primary incapacity that precedes each invalidity of block 8 is one period too. The benefit is a
daily amount x the compensated days of the six-day week after the employer's guaranteed wage
(employees with a job). Maternity and birth leave: the same leaves as block 8's MAT and PAT
payments (same dates, days and amounts); the income block counts them once, from block 8.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from mimosis.synth.benefits import (
    NO_DATE,
    WINDOW_END,
    WINDOW_START,
    coded,
    economy,
    lognormal,
    person_ids,
    quarter_bounds,
    random_days,
    sequence_within,
    working_days,
)
from mimosis.synth.benefits_params import benefit_model
from mimosis.synth.benefits_spells import SELF, invalidity, leaves
from mimosis.synth.context import SynthContext
from mimosis.synth.economy_base import State

BLOCK_ID = "other_incapacity"
REASONS = ("ILL", "ACC", "MAT", "PAT", "ADO", "BRF", "PRO", "INF")
SCHEMES = ("EMP", "SELF", "CIV", "SEA", "OTHER")
STATUSES = ("EMP_REGULAR", "EMP_NONREGULAR", "BLUE_COLLAR", "WHITE_COLLAR", "UNEMPLOYED",
            "SELF_EMPLOYED", "CO_SPOUSE", "OTHER")  # fmt: skip
MATERNITY_REASONS = ("MAT", "PAT", "ADO", "BRF", "PRO")


def sickness_runs(ctx: SynthContext) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Person, first and last quarter column of each run of SICK quarters (non-invalids)."""
    eco = economy(ctx)
    inv = np.zeros(len(eco), dtype=bool)
    inv[invalidity(ctx).person] = True
    sick = (eco.state == State.SICK) & ~inv[:, None]
    padded = np.zeros((sick.shape[0], sick.shape[1] + 2), dtype=bool)
    padded[:, 1:-1] = sick
    step = np.diff(padded.astype(np.int8), axis=1)
    p_start, q_start = np.nonzero(step == 1)
    p_end, q_end = np.nonzero(step == -1)
    del p_end  # runs start and end in the same row order
    return p_start, q_start, q_end - 1


def generate(ctx: SynthContext) -> dict[str, pa.Table]:
    m = benefit_model().other_incapacity
    eco = economy(ctx)
    rng = ctx.rng(BLOCK_ID, "periods")
    q_first, q_last = quarter_bounds()
    person, k0, k1 = sickness_runs(ctx)
    start = random_days(rng, q_first[k0], q_last[k0])
    # the layer's state is the one at the end of the quarter: the period covers the end of its
    # last quarter and may run a few weeks into the next
    end = np.minimum(q_last[k1] + rng.integers(0, 61, person.size), WINDOW_END)
    running = (k1 == 11) & (rng.random(person.size) < m.running_share)
    # the year of primary incapacity before an invalidity
    inv = invalidity(ctx)
    before = (inv.start > WINDOW_START) & (inv.primary_start <= WINDOW_END)
    i_person = inv.person[before]
    i_start = np.maximum(inv.primary_start[before], WINDOW_START)
    i_end = np.minimum(inv.start[before] - 1, WINDOW_END)
    i_scheme = inv.scheme[before]
    person = np.concatenate([person, i_person])
    start = np.concatenate([start, i_start])
    end = np.concatenate([end, i_end])
    running = np.concatenate([running, np.zeros(i_person.size, dtype=bool)])
    scheme = np.concatenate([np.zeros(k0.size, dtype=np.int64), np.where(i_scheme == SELF, 1, 0)])
    n = person.size
    reason = np.where(rng.random(n) < m.accident_share, 1, 0)
    stop = np.where(running, WINDOW_END, end)
    days = working_days(start, stop).astype(np.float64)
    klass = eco.worker_class[person]
    has_job = eco.job[
        person,
        np.clip(
            (
                (start.astype("datetime64[M]") - WINDOW_START.astype("datetime64[M]")).astype(
                    np.int64
                )
            )
            // 3,
            0,
            11,
        ),
    ]
    paid_days = np.where(has_job & (scheme == 0), np.maximum(days - m.guaranteed_days, 0), days)
    wage = np.maximum(eco.ft_wage[person].astype(np.float64), 900.0)
    daily = lognormal(rng, m.daily_mean, m.daily_cv, n) * (wage / np.median(wage)) ** 0.4
    amount = np.round(daily * paid_days, 2)
    status = np.select([scheme == 1, ~has_job, klass == 1, klass == 2], [5, 4, 2, 3], 0)
    # maternity and birth leave, mirrored from block 8
    leave = leaves(ctx)
    person = np.concatenate([person, leave.person])
    start = np.concatenate([start, leave.start])
    end = np.concatenate([np.where(running, NO_DATE, end), leave.end])
    days = np.concatenate([days, leave.days])
    amount = np.concatenate([amount, leave.amount])
    reason = np.concatenate([reason, np.where(leave.code == 0, 2, 3)])
    scheme = np.concatenate([scheme, leave.scheme])
    l_klass = eco.worker_class[leave.person]
    l_status = np.select([leave.scheme == SELF, l_klass == 1, l_klass == 2], [5, 2, 3], 4)
    status = np.concatenate([status, l_status])
    order = np.lexsort((start, person))
    total = order.size
    cross = rng.random(total) < m.cross_border_share
    columns = {
        "person_id": person_ids(ctx, person[order]),
        "spell_number": sequence_within(person[order]),
        "absence_reason": coded(REASONS, reason[order]),
        "other_incapacity_scheme": coded(SCHEMES, scheme[order]),
        "other_incapacity_days": days[order],
        "other_incapacity_start": start[order],
        "other_incapacity_end": pa.array(end[order], type=pa.date32(), from_pandas=True),
        "other_incapacity_benefit_amount": amount[order],
        "other_incapacity_social_status": coded(STATUSES, status[order]),
        "cross_border_employment_end": pa.array(
            np.where(cross, random_days(rng, np.full(total, WINDOW_START), start[order]), NO_DATE),
            type=pa.date32(),
            from_pandas=True,
        ),
    }
    return {"other_incapacity": ctx.build_table("other_incapacity", columns)}
